"""Complete, valid answers of a declaration of nationality by marriage, for the demo data and the tests."""
from __future__ import annotations

import datetime as dt


def sample_eligibility(today: dt.date | None = None) -> dict:
    """The questions before starting, for a marriage of 6 years with 3 years' residence in France."""
    today = today or dt.date.today()
    return {"motif": "mariage", "date_mariage": (today - dt.timedelta(days=365 * 6)).isoformat(),
            "conjoint_francais": "oui", "vie_commune": "oui", "residence_3ans": "oui"}


def sample_answers(postcode: str = "44000", city: str = "Nantes", today: dt.date | None = None) -> dict:
    """Answers of every step, with dates around ``today`` so that every check passes."""
    today = today or dt.date.today()
    return {
        "mariage": {"date_mariage": (today - dt.timedelta(days=365 * 6)).isoformat(), "lieu_mariage": "Nantes, France",
                    "celebration": "france", "conjoint_francais": "oui", "vie_commune": "oui", "residence_3ans": "oui",
                    "inscription_consulaire": "sans_objet", "union_anterieure": "non"},
        "conjoint": {"conjoint_nom": "MOREAU", "conjoint_prenoms": "Julien", "conjoint_date_naissance": "1984-11-02",
                     "conjoint_nationalite": "naissance"},
        "identite": {"nom": "OKAFOR", "prenoms": "Chioma", "sexe": "F", "date_naissance": "1988-08-21",
                     "lieu_naissance": "Lagos", "pays_naissance": "Nigeria", "nationalite": "nigériane",
                     "telephone": "06 98 76 54 32"},
        "passeport": {"numero": "A09876543", "pays_delivrance": "Nigeria", "date_delivrance": "2019-05-10",
                      "date_expiration": (today + dt.timedelta(days=1200)).isoformat()},
        "titre": {"numero_etranger": "4401234567", "titre_type": "resident",
                  "titre_expiration": (today + dt.timedelta(days=2500)).isoformat()},
        "adresse": {"adresse": "3 quai de la Fosse", "code_postal": postcode, "commune": city,
                    "hebergement": "personnel"},
        "langue": {"niveau_francais": "B2", "justificatif": "test"},
        "francisation": {"demande": "non"},
        "timbre": {"numero_timbre": "8765432187654321"},
    }


# Eligibility answers of the sample (a marriage of 6 years before today).
ELIGIBLE = sample_eligibility()
