"""A granted work authorisation, linked from the employee's own titre request: the step that asks only its number
and the employer's SIRET, what it fills, and the check that it is still granted.

The authorisation is found through the hook ``find_work_authorisation`` (answered by the ``autorisation_travail``
plugin), never by reading that plugin's dossiers: procedures import the kit, not each other.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from wtforms import ValidationError

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit.validators import Siret
from anef.procedures import CheckResult

# Numbers: AT-<year>-XXXX-XXXX, eight characters of Crockford's base 32 (no I, L, O or U to misread).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
NUMBER_RE = re.compile(rf"AT-(\d{{4}})-([{ALPHABET}]{{4}})-([{ALPHABET}]{{4}})")
# A dossier's reference (ANEF-2026-000123-K): the employer's request before it is granted.
REFERENCE_RE = re.compile(r"ANEF-\d{4}-\d{6}-[A-Z]")

GRANTED = "accordee"
PENDING = "en_cours"
REFUSED = "refusee"
CLOSED = "close"

# The kinds of card a work authorisation leads to, by its contract (CESEDA L.421-1, L.421-3, L.421-34).
SALARIE = "salarie"
TRAVAILLEUR_TEMPORAIRE = "travailleur_temporaire"
SAISONNIER = "saisonnier"
CARD_NAMES = {SALARIE: _l("salarié"), TRAVAILLEUR_TEMPORAIRE: _l("travailleur temporaire"),
              SAISONNIER: _l("travailleur saisonnier")}
# A contract of 12 months or more (or open-ended) gives the « salarié » card, a shorter one « travailleur temporaire ».
SALARIE_MIN_MONTHS = 12


@dataclass(frozen=True)
class WorkAuthorisation:
    """A work authorisation as the employee's request sees it.

    ``state``: ``accordee``, ``en_cours``, ``refusee`` or ``close``; ``number``: its number once granted.
    ``identity``, ``passport``: the employee as the employer described them (the kit's ``identite`` and
    ``passeport`` answers); ``job``: ``poste``, ``type_contrat`` (``cdi``, ``cdd``, ``saisonnier``), ``date_debut``,
    ``duree_mois``, ``heures_hebdo``, ``salaire_mensuel_brut``, ``lieu_code_postal``, ``lieu_commune``.
    """

    number: str
    state: str
    siret: str
    employer_name: str
    granted_on: dt.date | None = None
    identity: dict = field(default_factory=dict)
    passport: dict = field(default_factory=dict)
    job: dict = field(default_factory=dict)

    @property
    def granted(self) -> bool:
        return self.state == GRANTED

    @property
    def card(self) -> str | None:
        """The card this job leads to: ``salarie``, ``travailleur_temporaire`` or ``saisonnier``."""
        contract = self.job.get("type_contrat")
        if contract == "saisonnier":
            return SAISONNIER
        if contract == "cdi":
            return SALARIE
        try:
            months = int(self.job.get("duree_mois") or "")
        except ValueError:
            return None
        return SALARIE if months >= SALARIE_MIN_MONTHS else TRAVAILLEUR_TEMPORAIRE


def normalise_number(text: str | None) -> str | None:
    """A typed number in its printed form (``AT-2026-K7M2-Q9XD``), forgiving case, spaces and look-alikes; None
    when it is not one."""
    compact = "".join(ch for ch in (text or "").upper() if ch not in " -–.\u00a0\t")
    if not compact.startswith("AT") or len(compact) != 14 or not compact[2:6].isdigit():
        return None
    tail = compact[6:].translate(str.maketrans("OIL", "011"))
    number = f"AT-{compact[2:6]}-{tail[:4]}-{tail[4:]}"
    return number if NUMBER_RE.fullmatch(number) else None


def compact_siret(text: str | None) -> str:
    return "".join(ch for ch in (text or "") if ch not in " .-\u00a0")


def lookup(number: str | None, siret: str | None) -> WorkAuthorisation | None:
    """The work authorisation of this number (or, before it is granted, this request reference) for this SIRET."""
    from anef.plugins import hook

    if not number or not siret:
        return None
    return hook().find_work_authorisation(number=number, siret=compact_siret(siret))


# ---------------------------------------------------------------- the step

def readonly(unbound):
    """A field shown but not typed (``readonly``): its answer is filled from what the administration holds, and
    put back after each save, so that it cannot drift from its source."""
    unbound.kwargs["render_kw"] = {**(unbound.kwargs.get("render_kw") or {}), "readonly": True}
    return unbound


NUMBER_DESCRIPTION = _l("Sur la décision que votre employeur vous a remise, de la forme AT-2026-K7M2-Q9XD.")
SIRET_DESCRIPTION = _l("14 chiffres, sur la même décision ou sur votre contrat.")


def _refusal(auth: WorkAuthorisation | None, cards: tuple[str, ...]) -> str | None:
    """Why this authorisation cannot be linked to a request for one of ``cards``, or None."""
    if auth is None:
        return _l("Aucune autorisation de travail de cet employeur ne porte ce numéro : vérifiez le numéro et le SIRET "
                  "sur la décision remise par votre employeur.")
    if auth.state == PENDING:
        return _l("La demande d'autorisation de travail de votre employeur n'est pas encore accordée : vous pourrez "
                  "faire cette démarche quand elle le sera.")
    if auth.state != GRANTED:
        return _l("Cette autorisation de travail n'a pas été accordée : elle ne permet pas de demander ce titre.")
    if cards and auth.card not in cards:
        return _l("Cette autorisation de travail est donnée pour un emploi de « %(card)s » : choisissez cette carte à "
                  "l'étape « Votre demande ».", card=CARD_NAMES.get(auth.card, auth.card or ""))
    return None


def make_link_form(*, cards: tuple[str, ...] = (), optional: bool = False) -> type:
    """The step that links a titre request to a granted work authorisation: its number and the employer's SIRET,
    checked against the authorisation (refused beside the number otherwise). ``cards``: the cards of the request
    the authorisation must lead to; ``optional``: the person first says whether they have one (a talent card
    needs none)."""

    class AutorisationForm(StepForm):
        if optional:
            a_autorisation = fields.yes_no(
                _l("Votre employeur a-t-il obtenu pour vous une autorisation de travail ?"),
                description=_l("Facultatif pour cette carte. Si c'est le cas, son numéro remplit pour vous l'étape "
                               "sur votre emploi."))
        numero_autorisation = fields.conditional_text(_l("Numéro de l'autorisation de travail"), 40,
                                                      description=NUMBER_DESCRIPTION, autocomplete="off",
                                                      autocapitalize="characters")
        siret_employeur = fields.conditional_text(_l("Numéro SIRET de votre employeur"), 40,
                                                  description=SIRET_DESCRIPTION, inputmode="numeric",
                                                  autocomplete="off")

        def _asked(self) -> bool:
            return not optional or self.a_autorisation.data == "oui"

        def validate_numero_autorisation(self, field_):
            if not self._asked():
                return
            typed = (field_.data or "").strip()
            if not typed:
                raise ValidationError(_l("Indiquez le numéro de l'autorisation de travail."))
            if REFERENCE_RE.fullmatch(typed.upper()):
                return  # The employer's request reference: looked up below, to say where it stands.
            if normalise_number(typed) is None:
                raise ValidationError(_l("Ce numéro n'est pas celui d'une autorisation de travail : il a la forme "
                                         "AT-2026-K7M2-Q9XD."))

        def validate_siret_employeur(self, field_):
            if not self._asked():
                return
            if not (field_.data or "").strip():
                raise ValidationError(_l("Indiquez le numéro SIRET de votre employeur."))
            Siret()(self, field_)

        def validate(self, extra_validators=None):
            if not super().validate(extra_validators):
                return False
            if not self._asked():
                return True
            typed = (self.numero_autorisation.data or "").strip().upper()
            number = typed if REFERENCE_RE.fullmatch(typed) else normalise_number(typed)
            reason = _refusal(lookup(number, self.siret_employeur.data), cards)
            if reason:
                self.numero_autorisation.errors = [*self.numero_autorisation.errors, reason]
                return False
            return True

    return AutorisationForm


def linked(answers: dict, link_step: str = "autorisation") -> WorkAuthorisation | None:
    """The granted authorisation a request's answers link to, or None (not asked, not given, not granted)."""
    link = answers.get(link_step) or {}
    if link.get("a_autorisation") == "non":
        return None
    auth = lookup(normalise_number(link.get("numero_autorisation")), link.get("siret_employeur"))
    return auth if auth is not None and auth.granted else None


# ---------------------------------------------------------------- what it fills

def job_answers(auth: WorkAuthorisation) -> dict:
    """The job of an authorisation as answers: every name a job step may use (each plugin keeps its form's)."""
    job = auth.job
    try:
        yearly = str(int(job.get("salaire_mensuel_brut") or "") * 12)
    except ValueError:
        yearly = ""
    contract = job.get("type_contrat") or ""
    place = " ".join(x for x in (job.get("lieu_code_postal") or "", job.get("lieu_commune") or "") if x)
    return {"numero_autorisation": auth.number, "employeur": auth.employer_name, "siret": auth.siret,
            "poste": job.get("poste") or "", "type_contrat": "cdi" if contract == "cdi" else "cdd",
            "date_debut": job.get("date_debut") or "", "duree_mois": job.get("duree_mois") or "",
            "heures_hebdo": job.get("heures_hebdo") or "",
            "salaire_mensuel_brut": job.get("salaire_mensuel_brut") or "", "salaire_annuel": yearly,
            "lieu_travail": place}


def _fill_empty(current: dict, known: dict, names) -> dict:
    """``current`` answers with the empty ones taken from ``known``: what the person typed stays."""
    filled = dict(current)
    for name in names:
        if not str(filled.get(name) or "").strip() and known.get(name):
            filled[name] = known[name]
    return filled


def prefill(answers: dict, job_form: type, *, link_step: str = "autorisation", job_step: str = "emploi",
            identity_form: type | None = None, passport_form: type | None = None) -> dict | None:
    """The answers a linked authorisation fills: the job step entirely (the names of ``job_form``), and the
    identity and passport steps where the person left them empty. None when no granted authorisation is linked."""
    auth = linked(answers, link_step)
    if auth is None:
        return None
    names = [f.name for f in job_form()]
    job = job_answers(auth)
    filled = {job_step: {name: job[name] for name in names if job.get(name)}}
    if identity_form is not None:
        filled["identite"] = _fill_empty(answers.get("identite") or {}, auth.identity,
                                         [f.name for f in identity_form()])
    if passport_form is not None:
        filled["passeport"] = _fill_empty(answers.get("passeport") or {}, auth.passport,
                                          [f.name for f in passport_form()])
    return filled


# ---------------------------------------------------------------- the check

def link_check(answers: dict, link_step: str = "autorisation", *, required: bool = True) -> CheckResult | None:
    """The linked authorisation is granted (the agent reads its number and employer). ``required``: a request that
    needs one is blocked without it."""
    link = answers.get(link_step) or {}
    if link.get("a_autorisation") == "non" or not link.get("numero_autorisation"):
        return None
    auth = linked(answers, link_step)
    if auth is not None:
        return CheckResult("autorisation_travail", _l("Autorisation de travail accordée"), "ok",
                           _l("Autorisation n° %(number)s, employeur %(employer)s (SIRET %(siret)s).",
                              number=auth.number, employer=auth.employer_name, siret=auth.siret))
    return CheckResult("autorisation_travail", _l("Autorisation de travail introuvable"),
                       "error" if required else "warning",
                       _l("Le numéro et le SIRET donnés ne correspondent à aucune autorisation de travail accordée : "
                          "corrigez l'étape « Autorisation de travail »."))
