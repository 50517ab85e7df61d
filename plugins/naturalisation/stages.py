"""Naturalisation's own stages after filing (DOMAIN §11): the platform convokes and hears the person, gets the
enquiry back and proposes; the ministry's national service (SDANF) decides; the décret is published; the
préfecture holds the ceremony. Each stage is what the agent records, as a small form (:class:`StageForm`)."""
from __future__ import annotations

import datetime as dt

from flask_babel import format_time
from flask_babel import lazy_gettext as _l
from wtforms import TimeField
from wtforms.validators import InputRequired, ValidationError

from anef.dossiers.lifecycle import ACCEPTE
from anef.procedure_kit import fields
from anef.procedure_kit.decisions import date_text
from anef.procedure_kit.validators import FutureDate, NotBefore
from anef.procedures import ROUTED_SERVICE, Stage, StageOutcome
from anef.stages.forms import StageForm
from anef.validators import PastDate

# The ministry's national service that decides naturalisations (migration 0019).
NATIONAL_SERVICE = "sdanf"

FAVORABLE = "favorable"
UNFAVOURABLE_KINDS = {
    # i18n: the kinds of an unfavourable decision on a naturalisation, as the motivation of the refusal starts.
    "irrecevabilite": _l("Irrecevabilité"),
    "rejet": _l("Rejet"),
    "ajournement": _l("Ajournement"),
}


def _day(data: dict, name: str):
    value = data.get(name)
    return date_text(dt.date.fromisoformat(value)) if value else ""


def _hour(data: dict, name: str):
    value = data.get(name)
    return format_time(dt.time.fromisoformat(value), "short") if value else ""


def _time(label, message):
    return TimeField(label, validators=[InputRequired(message=message)], render_kw={"autocomplete": "off"})


def _motivation():
    return fields.long_text(_l("Motivation"), max_length=8000,
                            description=_l("Obligatoire si l'avis ou la décision est défavorable : elle figure dans la "
                                           "décision notifiée au demandeur."))


def _delay():
    return fields.optional_count(_l("Durée de l'ajournement, en mois"), minimum=1, maximum=60,
                                 description=_l("En cas d'ajournement : le temps après lequel une nouvelle demande "
                                                "pourra être déposée."))


class _Motivated(StageForm):
    """An unfavourable choice needs its motivation (it is the refusal's), and an ajournement its length."""

    def validate_motivation(self, field):
        if self.choice() != FAVORABLE and not (field.data or "").strip():
            raise ValidationError(_l("Un avis ou une décision défavorable doit être motivé."))

    def validate_delai_mois(self, field):
        if self.choice() == "ajournement" and field.data is None and not field.errors:
            raise ValidationError(_l("Indiquez la durée de l'ajournement."))

    #: The name of the radio field holding the choice; the applicant's sentence for a favourable and an
    #: unfavourable one.
    choice_field = ""
    favourable_text = unfavourable_text = ""

    def choice(self) -> str:
        return self[self.choice_field].data

    @classmethod
    def public_text(cls, data):
        return cls.favourable_text if data.get(cls.choice_field) == FAVORABLE else cls.unfavourable_text

    def outcome(self) -> StageOutcome:
        choice = self.choice()
        if choice == FAVORABLE:
            return StageOutcome()
        kind = str(UNFAVOURABLE_KINDS[choice])
        if choice == "ajournement":
            kind = str(_l("Ajournement de %(months)s mois", months=self.delai_mois.data))
        return StageOutcome("refuse", f"{kind}. {self.motivation.data.strip()}")


class ConvocationForm(StageForm):
    date_entretien = fields.date_field(_l("Date de l'entretien"), _l("Indiquez la date de l'entretien."),
                                       FutureDate(_l("L'entretien ne peut pas être fixé dans le passé.")))
    heure_entretien = _time(_l("Heure"), _l("Indiquez l'heure de l'entretien."))
    lieu_entretien = fields.text(_l("Lieu"), _l("Indiquez où a lieu l'entretien."), 300,
                                 description=_l("Adresse de la plateforme ou de la préfecture, bureau."))

    @classmethod
    def public_text(cls, data):
        return _l("Vous êtes convoqué(e) le %(date)s à %(time)s, %(place)s. Apportez les originaux de vos documents.",
                  date=_day(data, "date_entretien"), time=_hour(data, "heure_entretien"),
                  place=data.get("lieu_entretien", ""))


class EntretienForm(StageForm):
    date_tenue = fields.date_field(_l("Date à laquelle l'entretien a eu lieu"), _l("Indiquez la date de l'entretien."),
                                   PastDate(_l("L'entretien ne peut pas avoir eu lieu dans le futur.")))
    charte_signee = fields.agreement(_l("La Charte des droits et devoirs du citoyen français est signée"),
                                     _l("L'entretien se conclut par la signature de la Charte : cochez quand elle "
                                        "l'est."))
    appreciation = fields.radio(_l("Appréciation de l'assimilation"),
                                [("satisfaisante", _l("Satisfaisante")), ("reservee", _l("Avec réserves")),
                                 ("insuffisante", _l("Insuffisante"))],
                                _l("Donnez votre appréciation de l'entretien."),
                                description=_l("Connue des seuls agents."))
    notes = fields.long_text(_l("Compte rendu (agents seulement)"), max_length=4000)

    @classmethod
    def public_text(cls, data):
        return _l("Entretien passé le %(date)s ; la Charte des droits et devoirs du citoyen français est signée.",
                  date=_day(data, "date_tenue"))


class EnqueteForm(StageForm):
    date_retour = fields.date_field(_l("Date de retour de l'enquête"), _l("Indiquez la date de retour de l'enquête."),
                                    PastDate(_l("L'enquête ne peut pas être revenue dans le futur.")))
    enqueteur = fields.radio(_l("Enquête menée par"), [("police", _l("Police nationale")),
                                                       ("gendarmerie", _l("Gendarmerie nationale"))],
                             _l("Dites qui a mené l'enquête."))
    resultat = fields.radio(_l("Résultat"), [("favorable", _l("Rien ne s'oppose à la naturalisation")),
                                            ("reserves", _l("Des éléments appellent une appréciation"))],
                            _l("Donnez le résultat de l'enquête."), description=_l("Connu des seuls agents."))
    notes = fields.long_text(_l("Éléments relevés (agents seulement)"), max_length=4000)

    @classmethod
    def public_text(cls, data):
        return _l("L'enquête administrative est terminée.")


class PropositionForm(_Motivated):
    avis = fields.radio(_l("Avis de la préfecture"),
                        [(FAVORABLE, _l("Proposition favorable au ministre")),
                         ("irrecevabilite", _l("Décision d'irrecevabilité")), ("rejet", _l("Décision de rejet")),
                         ("ajournement", _l("Décision d'ajournement"))],
                        _l("Choisissez l'avis de la préfecture."),
                        description=_l("Favorable : le dossier part au ministre. Défavorable : la préfecture décide "
                                       "elle-même, et un valideur signe la décision."))
    motivation = _motivation()
    delai_mois = _delay()

    choice_field = "avis"
    favourable_text = _l("La préfecture a transmis au ministre une proposition favorable à votre naturalisation.")
    unfavourable_text = _l("La préfecture a pris une décision défavorable : ses motifs sont indiqués dans la décision.")


class DecisionMinistreForm(_Motivated):
    decision = fields.radio(_l("Décision du ministre"),
                            [(FAVORABLE, _l("Favorable : décret de naturalisation à préparer")),
                             ("rejet", _l("Rejet")), ("ajournement", _l("Ajournement"))],
                            _l("Choisissez la décision."),
                            description=_l("Un rejet ou un ajournement est signé par un valideur."))
    motivation = _motivation()
    delai_mois = _delay()

    choice_field = "decision"
    favourable_text = _l("Le ministre a donné une suite favorable : votre décret de naturalisation est en préparation.")
    unfavourable_text = _l("Le ministre a pris une décision défavorable : ses motifs sont indiqués dans la décision.")


class DecretForm(StageForm):
    date_decret = fields.date_field(_l("Date du décret"), _l("Indiquez la date du décret."),
                                    PastDate(_l("Le décret ne peut pas être daté dans le futur.")))
    numero_decret = fields.text(_l("Numéro ou NOR du décret"), _l("Indiquez le numéro du décret."), 40)
    date_jo = fields.date_field(_l("Date de publication au Journal officiel"),
                                _l("Indiquez la date de publication au Journal officiel."),
                                PastDate(_l("La publication ne peut pas être dans le futur.")),
                                NotBefore("date_decret", _l("Le décret est publié après avoir été pris.")))

    def outcome(self):
        # The acceptance (signed by a valideur: four-eyes) is the décret's publication.
        return StageOutcome("accepte", str(_l(
            "Naturalisation accordée par le décret n° %(number)s du %(date)s, publié au Journal officiel du %(jo)s.",
            number=self.numero_decret.data.strip(), date=date_text(self.date_decret.data),
            jo=date_text(self.date_jo.data))))

    @classmethod
    def public_text(cls, data):
        return _l("Décret n° %(number)s du %(date)s, publié au Journal officiel du %(jo)s.",
                  number=data.get("numero_decret", ""), date=_day(data, "date_decret"), jo=_day(data, "date_jo"))


class CeremonieForm(StageForm):
    date_ceremonie = fields.date_field(_l("Date de la cérémonie"), _l("Indiquez la date de la cérémonie."),
                                       FutureDate(_l("La cérémonie ne peut pas être fixée dans le passé.")))
    heure_ceremonie = _time(_l("Heure"), _l("Indiquez l'heure de la cérémonie."))
    lieu_ceremonie = fields.text(_l("Lieu"), _l("Indiquez où a lieu la cérémonie."), 300,
                                 description=_l("La préfecture, une sous-préfecture ou une mairie."))

    @classmethod
    def public_text(cls, data):
        return _l("Vous êtes invité(e) à la cérémonie le %(date)s à %(time)s, %(place)s.",
                  date=_day(data, "date_ceremonie"), time=_hour(data, "heure_ceremonie"),
                  place=data.get("lieu_ceremonie", ""))


STAGES = (
    Stage("convocation", _l("Convocation à l'entretien d'assimilation"), _l("Convocation à l'entretien"),
          _l("La plateforme d'accès à la nationalité va vous convoquer à un entretien d'assimilation : vous recevrez "
             "la date, l'heure et le lieu."), ConvocationForm),
    Stage("entretien", _l("Entretien d'assimilation"), _l("Entretien d'assimilation"),
          _l("Venez à l'entretien à la date de votre convocation, avec les originaux de vos documents. Il se termine "
             "par la signature de la Charte des droits et devoirs du citoyen français."), EntretienForm),
    Stage("enquete", _l("Enquête administrative (police ou gendarmerie)"), _l("Enquête administrative"),
          _l("Une enquête administrative est menée par la police ou la gendarmerie. Vous n'avez rien à faire ; les "
             "enquêteurs peuvent vous contacter."), EnqueteForm),
    Stage("proposition", _l("Proposition de la préfecture"), _l("Avis de la préfecture"),
          _l("La préfecture examine votre dossier, l'entretien et l'enquête, puis propose au ministre de vous "
             "naturaliser ou prend elle-même une décision défavorable."), PropositionForm),
    Stage("decision", _l("Décision du ministre (SDANF)"), _l("Décision du ministre"),
          _l("Votre dossier est au ministère de l'Intérieur (Sous-direction de l'accès à la nationalité française), "
             "qui prend la décision."), DecisionMinistreForm, service=NATIONAL_SERVICE),
    Stage("decret", _l("Publication du décret au Journal officiel"), _l("Décret de naturalisation"),
          _l("Le ministre a donné une suite favorable : votre décret de naturalisation est en préparation, puis il "
             "sera publié au Journal officiel."), DecretForm, service=NATIONAL_SERVICE),
    Stage("ceremonie", _l("Cérémonie d'accueil dans la citoyenneté française"), _l("Cérémonie d'accueil"),
          _l("Vous êtes français. La préfecture vous invitera à la cérémonie d'accueil dans la citoyenneté française, "
             "dans les 6 mois qui suivent le décret."), CeremonieForm, service=ROUTED_SERVICE, states=(ACCEPTE,)),
)
