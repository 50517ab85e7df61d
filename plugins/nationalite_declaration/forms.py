"""Declaration of French nationality by marriage, francisation and the appeal (RAPO) against a refused naturalisation:
the questions before starting, and the form steps."""
from flask_babel import lazy_gettext as _l
from flask import has_request_context
from wtforms import DateField, RadioField
from wtforms.validators import Optional, ValidationError

from anef.forms import StepForm, options
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import date_text
from anef.validators import PastDate

MOTIFS = [("mariage", _l("Je suis marié(e) à une personne de nationalité française")),
          ("francisation", _l("Je suis devenu(e) français(e) il y a moins d'un an et je demande la francisation de "
                              "mon nom ou de mes prénoms")),
          ("rapo", _l("Je conteste une décision défavorable sur ma demande de naturalisation (recours préalable "
                      "obligatoire)")),
          ("famille", _l("Je suis l'ascendant, le frère ou la sœur d'une personne française")),
          ("aucun", _l("Aucune de ces situations"))]
INSCRIPTION = [("sans_objet", _l("Nous n'avons pas vécu ensemble à l'étranger depuis le mariage")),
               ("oui", _l("Nous avons vécu à l'étranger et mon conjoint était inscrit au registre des Français "
                          "établis hors de France")),
               ("non", _l("Nous avons vécu à l'étranger et mon conjoint n'était pas inscrit à ce registre"))]
CELEBRATION = [("france", _l("En France")),
               ("transcrit", _l("À l'étranger, et il est transcrit sur les registres de l'état civil français")),
               ("non_transcrit", _l("À l'étranger, et il n'est pas encore transcrit"))]
ACQUISITION = [("naissance", _l("Français de naissance")),
               ("acquisition", _l("Devenu français (naturalisation, déclaration, réintégration)"))]
CARTES = [("cst", _l("Carte de séjour temporaire")), ("csp", _l("Carte de séjour pluriannuelle")),
          ("resident", _l("Carte de résident")), ("autre", _l("Autre titre de séjour"))]
NIVEAUX = [("aucun", _l("Aucun diplôme ni test de français")), ("A2", _l("A2")), ("B1", _l("B1")),
           ("B2", _l("B2")), ("C1", _l("C1 ou plus"))]
JUSTIFICATIFS_LANGUE = [("diplome_francais", _l("Un diplôme obtenu en France ou dans un pays francophone, en français")),
                        ("test", _l("Un test reconnu (TCF ou TEF « intégration, résidence et nationalité »)")),
                        ("diplome_langue", _l("Un diplôme de français langue étrangère (DELF, DALF)")),
                        ("aucun", _l("Aucun justificatif pour le moment"))]

_REQUIRED_FOR_MARRIAGE = _l("Répondez à cette question pour une déclaration à raison du mariage.")


def _yes_no_if_married(label, description=""):
    return RadioField(label, choices=fields.YES_NO, validators=[Optional()], description=description)


class EligibilityForm(StepForm):
    motif = fields.radio(_l("Quelle est votre situation ?"), MOTIFS, _l("Choisissez votre situation."))
    date_mariage = DateField(_l("Date du mariage"), validators=[Optional(), PastDate(
        _l("La date du mariage ne peut pas être dans le futur."))], render_kw={"autocomplete": "off"},
        description=_l("Si vous êtes marié(e) à une personne française."))
    conjoint_francais = _yes_no_if_married(_l("Votre conjoint était-il français le jour du mariage ?"))
    vie_commune = _yes_no_if_married(_l("Vivez-vous ensemble depuis le mariage, sans interruption ?"))
    residence_3ans = _yes_no_if_married(
        _l("Depuis le mariage, avez-vous résidé en France de façon continue et régulière pendant au moins 3 ans ?"))

    def validate(self, extra_validators=None):
        """The marriage questions are asked of everyone but required only for a declaration by marriage."""
        valid = super().validate(extra_validators)
        if self.motif.data == "mariage":
            for field in (self.date_mariage, self.conjoint_francais, self.vie_commune, self.residence_3ans):
                if not field.data and not field.errors:
                    field.errors = [*field.errors, _l("Indiquez la date du mariage.") if field is self.date_mariage
                                    else _REQUIRED_FOR_MARRIAGE]
                    valid = False
        return valid


class MariageForm(StepForm):
    date_mariage = fields.date_field(_l("Date du mariage"), _l("Indiquez la date du mariage."),
                                     PastDate(_l("La date du mariage ne peut pas être dans le futur.")))
    lieu_mariage = fields.text(_l("Ville et pays du mariage"), _l("Indiquez où le mariage a été célébré."), 200)
    celebration = fields.radio(_l("Où le mariage a-t-il été célébré ?"), CELEBRATION,
                               _l("Dites où le mariage a été célébré."))
    conjoint_francais = fields.yes_no(_l("Votre conjoint était-il français le jour du mariage ?"))
    vie_commune = fields.yes_no(_l("Vivez-vous ensemble depuis le mariage, sans interruption ?"),
                                description=_l("Une communauté de vie affective et matérielle."))
    residence_3ans = fields.yes_no(
        _l("Depuis le mariage, avez-vous résidé en France de façon continue et régulière pendant au moins 3 ans ?"))
    inscription_consulaire = RadioField(_l("Vie commune à l'étranger"), choices=options(INSCRIPTION),
                                        validators=[fields.required(_l("Choisissez la situation qui est la vôtre."))])
    union_anterieure = fields.yes_no(_l("Vous ou votre conjoint avez-vous été marié(e) auparavant ?"))


class ConjointForm(StepForm):
    conjoint_nom = fields.text(_l("Nom de naissance de votre conjoint"), _l("Indiquez le nom de votre conjoint."), 100)
    conjoint_prenoms = fields.text(_l("Prénom(s) de votre conjoint"), _l("Indiquez ses prénoms."), 150)
    conjoint_date_naissance = fields.date_field(
        _l("Date de naissance de votre conjoint"), _l("Indiquez sa date de naissance."),
        PastDate(_l("La date de naissance ne peut pas être dans le futur.")))
    conjoint_nationalite = fields.radio(_l("Votre conjoint est"), ACQUISITION,
                                        _l("Dites comment votre conjoint est français."))


TitreForm = kit_forms.make_titre_form(CARTES)
AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)


class LangueForm(StepForm):
    niveau_francais = fields.select(_l("Votre niveau de français attesté"), NIVEAUX,
                                    _l("Choisissez votre niveau de français."),
                                    description=_l("À l'oral et à l'écrit, selon le cadre européen (A2, B1, B2…)."))
    justificatif = fields.radio(_l("Comment le prouvez-vous ?"), JUSTIFICATIFS_LANGUE,
                                _l("Dites comment vous prouvez votre niveau de français."))


# Francisation (loi n° 72-964 du 25 octobre 1972): with the request or declaration, or within a year of acquiring French
# nationality; the surname translated or changed so that it loses its foreign character (or a French ascendant's
# name taken back), a first name replaced by, or added to, a French one.
FRANCISATION_DELAY_MONTHS = 12
NOM_CHOIX = [("aucune", _l("Je garde mon nom")), ("traduction", _l("La traduction de mon nom en français")),
             ("modification", _l("Une forme de mon nom qui perd son caractère étranger")),
             ("ascendant", _l("Le nom d'un ascendant français"))]
PRENOMS_CHOIX = [("aucune", _l("Je garde mes prénoms")),
                 ("substitution", _l("Remplacer un prénom par un prénom français")),
                 ("ajout", _l("Ajouter un prénom français")),
                 ("francisation", _l("Donner une forme française à un prénom"))]
MODES = [("naturalisation", _l("Par décret de naturalisation")), ("declaration", _l("Par déclaration")),
         ("reintegration", _l("Par réintégration dans la nationalité française"))]


def _optional_radio(label, choices, description=""):
    return RadioField(label, choices=options(choices), validators=[Optional()], description=description)


def _nom_choix():
    return _optional_radio(_l("Votre nom"), NOM_CHOIX)


def _nom_souhaite():
    return fields.conditional_text(_l("Le nom demandé"), 100)


def _prenoms_choix():
    return _optional_radio(_l("Vos prénoms"), PRENOMS_CHOIX)


def _prenoms_souhaites():
    return fields.conditional_text(_l("Les prénoms demandés, dans l'ordre"), 150)


class _FrancisationFields(StepForm):
    """The francisation's answers (subclasses declare the fields, in their order) and their validation."""

    def requested(self) -> bool:
        return True

    def validate(self, extra_validators=None):
        """Something to francise when it is requested, and the new name or first names for each choice made."""
        valid = super().validate(extra_validators)
        if not self.requested():
            return valid
        name, first = self.nom_choix.data or "aucune", self.prenoms_choix.data or "aucune"
        if name == "aucune" and first == "aucune" and not self.nom_choix.errors:
            self.nom_choix.errors = [*self.nom_choix.errors,
                                     _l("Choisissez ce que vous voulez franciser : votre nom, vos prénoms, ou les deux.")]
            valid = False
        if name != "aucune" and not (self.nom_souhaite.data or "").strip() and not self.nom_souhaite.errors:
            self.nom_souhaite.errors = [*self.nom_souhaite.errors, _l("Indiquez le nom que vous demandez.")]
            valid = False
        if first != "aucune" and not (self.prenoms_souhaites.data or "").strip() and not self.prenoms_souhaites.errors:
            self.prenoms_souhaites.errors = [*self.prenoms_souhaites.errors,
                                             _l("Indiquez les prénoms que vous demandez.")]
            valid = False
        return valid


class FrancisationForm(_FrancisationFields):
    """Asked with a declaration by marriage: francisation is optional there."""

    demande = fields.yes_no(_l("Demandez-vous, avec votre déclaration, la francisation de votre nom ou de vos "
                               "prénoms ?"),
                            description=_l("Pour un nom ou des prénoms dont l'apparence, la consonance ou le caractère "
                                           "étranger peut gêner votre intégration."))
    nom_choix = _nom_choix()
    nom_souhaite = _nom_souhaite()
    prenoms_choix = _prenoms_choix()
    prenoms_souhaites = _prenoms_souhaites()

    def requested(self) -> bool:
        return self.demande.data == "oui"


class FrancisationDemandeForm(_FrancisationFields):
    """The francisation requested on its own, within a year of becoming French."""

    nom_choix = _nom_choix()
    nom_souhaite = _nom_souhaite()
    prenoms_choix = _prenoms_choix()
    prenoms_souhaites = _prenoms_souhaites()


class AcquisitionForm(StepForm):
    mode = fields.radio(_l("Comment êtes-vous devenu(e) français(e) ?"), MODES,
                        _l("Dites comment vous êtes devenu(e) français(e)."))
    date_acquisition = fields.date_field(
        _l("Date à laquelle vous êtes devenu(e) français(e)"), _l("Indiquez la date."),
        PastDate(_l("Cette date ne peut pas être dans le futur.")),
        description=_l("La date du décret, ou celle de l'enregistrement de la déclaration."))
    reference_acte = fields.text(_l("Numéro du décret ou de la déclaration"), _l("Indiquez ce numéro."), 60)

    def validate_date_acquisition(self, field):
        from anef.calendar.services import add_months, today

        if field.data is None:
            return
        ends = add_months(field.data, FRANCISATION_DELAY_MONTHS)
        if ends < today():
            raise ValidationError(_l(
                "La francisation se demande dans l'année qui suit l'acquisition de la nationalité française : ce "
                "délai a pris fin le %(date)s. Un changement de nom reste possible par une autre procédure, la "
                "demande de changement de nom par décret.", date=date_text(ends)))


# The prior appeal to the minister against a refused naturalisation (irrecevabilité, rejet, ajournement): within 2
# months of its notification (DOMAIN §12).
RAPO_DELAY_MONTHS = 2
NATURALISATION = "naturalisation"


def _applicant():
    """The person filing, when the form is used by them (not by an agent reading, nor outside a request)."""
    if not has_request_context():
        return None
    from flask_login import current_user

    if current_user.is_authenticated and not current_user.is_agent:
        return current_user
    return None


class RecoursForm(StepForm):
    decision = RadioField(_l("La décision que vous contestez"), choices=[], validate_choice=False,
                          validators=[fields.required(_l("Choisissez la décision que vous contestez."))],
                          description=_l("Vos demandes de naturalisation refusées."))
    date_notification = fields.date_field(
        _l("Date à laquelle la décision vous a été notifiée"), _l("Indiquez la date de notification."),
        PastDate(_l("Cette date ne peut pas être dans le futur.")),
        description=_l("Le jour où vous avez reçu la décision : le délai de 2 mois court à partir de là."))
    motifs = fields.long_text(_l("Pourquoi contestez-vous cette décision ?"),
                              _l("Expliquez pourquoi vous contestez cette décision."), 8000)
    elements_nouveaux = fields.long_text(_l("Faits nouveaux depuis la décision (facultatif)"), max_length=4000,
                                         description=_l("Un emploi, un diplôme, un niveau de français… Joignez-en "
                                                        "les preuves."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from anef.procedure_kit.linked import refused_decisions

        person = _applicant()
        decisions = refused_decisions(person.id, NATURALISATION) if person is not None else []
        self.decision.choices = options([(d.reference, _l("Demande %(reference)s, refusée le %(date)s",
                                                            reference=d.reference, date=date_text(d.decided_on)))
                                         for d in decisions])

    def linked(self):
        """The contested decision, if it is a refused naturalisation (of the person filing, when they are)."""
        from anef.procedure_kit.linked import decision

        found = decision(self.decision.data or "")
        person = _applicant()
        if found is None or found.procedure != NATURALISATION or found.state != "refuse":
            return None
        if person is not None and found.applicant_id != person.id:
            return None
        return found

    def validate_decision(self, field):
        if self.linked() is None:
            raise ValidationError(_l("Choisissez l'une de vos demandes de naturalisation refusées : le recours ne "
                                     "peut porter que sur une décision défavorable qui vous concerne."))

    def validate_date_notification(self, field):
        from anef.calendar.services import add_months, today

        found = self.linked()
        if field.data is None or found is None or found.decided_on is None:
            return
        if field.data < found.decided_on:
            raise ValidationError(_l("La décision ne peut pas vous avoir été notifiée avant d'être prise, le "
                                     "%(date)s.", date=date_text(found.decided_on)))
        ends = add_months(field.data, RAPO_DELAY_MONTHS)
        if _applicant() is not None and ends < today():
            raise ValidationError(_l(
                "Le recours doit être formé dans les 2 mois qui suivent la notification de la décision : ce délai a "
                "pris fin le %(date)s. Après un ajournement, une nouvelle demande de naturalisation sera possible "
                "à la fin du délai fixé.", date=date_text(ends)))
