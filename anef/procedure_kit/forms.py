"""Step forms that most procedures share: identity, passport, address in France, visa and entry,
current card, family situation, tax stamp.

Keep the slugs the core and the attestations rely on: ``identite`` (``nom``, ``prenoms``,
``date_naissance``), ``passeport`` (``date_expiration``), ``adresse`` (``code_postal``).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, ValidationError

from anef.forms import StepForm, options
from anef.procedure_kit import fields
from anef.procedure_kit.validators import MinimumAge
from anef.validators import After, PastDate

SEXES = [("F", _l("Féminin")), ("M", _l("Masculin")), ("X", _l("Non précisé (X)"))]
# Where the person lives; the student procedure's wording.
HEBERGEMENT = [("personnel", _l("Logement à mon nom (location, propriété)")),
               ("residence", _l("Résidence universitaire ou foyer")),
               ("tiers", _l("Hébergé par une autre personne"))]
# Housing for procedures that are not about students.
HEBERGEMENT_GENERAL = [("personnel", _l("Logement à mon nom (location, propriété)")),
                       ("residence", _l("Résidence (hôtelière, sociale…) ou foyer")),
                       ("tiers", _l("Hébergé par une autre personne"))]
SITUATIONS_FAMILIALES = [("celibataire", _l("Célibataire")), ("marie", _l("Marié(e)")),
                         ("pacse", _l("Pacsé(e)")), ("concubinage", _l("En concubinage")),
                         ("divorce", _l("Divorcé(e)")), ("veuf", _l("Veuf ou veuve"))]


class IdentiteForm(StepForm):
    """Civil identity as on the passport. ``min_age``: the youngest age the procedure accepts."""

    min_age = 18

    nom = fields.text(_l("Nom de naissance"), _l("Indiquez votre nom de naissance."), 100,
                      description=_l("Tel qu'il figure sur votre passeport."), autocomplete="family-name")
    nom_usage = fields.optional_text(_l("Nom d'usage (facultatif)"), 100)
    prenoms = fields.text(_l("Prénom(s)"), _l("Indiquez vos prénoms."), 150, autocomplete="given-name")
    sexe = RadioField(_l("Sexe (tel qu'indiqué sur le passeport)"), choices=options(SEXES),
                      validators=[fields.required(_l("Indiquez le sexe figurant sur votre passeport."))])
    date_naissance = fields.date_field(_l("Date de naissance"), _l("Indiquez votre date de naissance au format jj/mm/aaaa."),
                                       PastDate(_l("La date de naissance ne peut pas être dans le futur.")))
    lieu_naissance = fields.text(_l("Ville de naissance"), _l("Indiquez votre ville de naissance."), 100)
    pays_naissance = fields.text(_l("Pays de naissance"), _l("Indiquez votre pays de naissance."), 100)
    nationalite = fields.text(_l("Nationalité"), _l("Indiquez votre nationalité."), 100)

    def validate_date_naissance(self, field):
        MinimumAge(self.min_age)(self, field)


class IdentiteContactForm(IdentiteForm):
    """Identity, and the mobile number the préfecture may call."""

    telephone = fields.phone()


class PasseportForm(StepForm):
    """The passport: number, issuing country, coherent dates."""

    numero = fields.passport_number()
    pays_delivrance = fields.text(_l("Pays qui a délivré le passeport"),
                                  _l("Indiquez le pays qui a délivré le passeport."), 100)
    date_delivrance = fields.date_field(_l("Date de délivrance"), _l("Indiquez la date de délivrance."),
                                        PastDate(_l("La date de délivrance ne peut pas être dans le futur.")))
    date_expiration = fields.date_field(_l("Date d'expiration"), _l("Indiquez la date d'expiration."),
                                        After("date_delivrance",
                                              _l("La date d'expiration doit être après la date de délivrance.")))


class AdresseForm(StepForm):
    """An address in France; its postcode routes the dossier to the préfecture of its département."""

    adresse = fields.text(_l("Numéro et voie"), _l("Indiquez votre adresse."), autocomplete="address-line1")
    complement = fields.optional_text(_l("Complément d'adresse (facultatif)"),
                                      description=_l("Bâtiment, étage, chez…"), autocomplete="address-line2")
    code_postal = fields.postcode()
    commune = fields.text(_l("Commune"), _l("Indiquez votre commune."), 100, autocomplete="address-level2")


def make_adresse_form(housing=None) -> type:
    """An address form that also asks how the person is housed; ``housing``: (value, label) pairs."""

    class AdresseLogementForm(AdresseForm):
        hebergement = RadioField(_l("Votre logement"), choices=options(housing or HEBERGEMENT),
                                 validators=[fields.required(_l("Indiquez votre type de logement."))])

    return AdresseLogementForm


def make_entree_form(visa_types) -> type:
    """The visa and the date of entry into France; ``visa_types``: (value, label) pairs."""

    class EntreeForm(StepForm):
        visa_numero = fields.visa_number()
        visa_type = SelectField(_l("Type de visa"), choices=options([("", _l("Choisissez")), *visa_types]),
                                validators=[fields.required(_l("Choisissez le type de visa."))])
        visa_debut = fields.date_field(_l("Début de validité du visa"), _l("Indiquez le début de validité du visa."))
        visa_fin = fields.date_field(_l("Fin de validité du visa"), _l("Indiquez la fin de validité du visa."),
                                     After("visa_debut", _l("La fin de validité doit être après le début de validité.")))
        date_entree = fields.date_field(_l("Date d'entrée en France"), _l("Indiquez votre date d'entrée en France."),
                                        PastDate(_l("La date d'entrée ne peut pas être dans le futur.")),
                                        description=_l("La date du tampon d'entrée sur votre passeport."))

        def validate_date_entree(self, field):
            if field.data and self.visa_debut.data and self.visa_fin.data and not (
                    self.visa_debut.data <= field.data <= self.visa_fin.data):
                raise ValidationError(_l("La date d'entrée doit être comprise dans la validité du visa."))

    return EntreeForm


# Visas a person may have entered with, for procedures that do not care which long-stay visa it was.
VISA_TYPES = [("court_sejour", _l("Visa de court séjour (C)")),
              ("long_sejour_temporaire", _l("Visa de long séjour temporaire (VLS-T)")),
              ("long_sejour_titre", _l("Visa de long séjour valant titre de séjour (VLS-TS)")),
              ("autre", _l("Autre visa"))]
EntreeForm = make_entree_form(VISA_TYPES)


def make_titre_form(card_types, *, with_card_number: bool = False) -> type:
    """The residence card held now: numéro étranger, kind of card (``card_types``), expiry date."""

    class TitreForm(StepForm):
        numero_etranger = fields.numero_etranger()
        if with_card_number:
            numero_carte = fields.card_number()
        titre_type = SelectField(_l("Titre que vous détenez"), choices=options([("", _l("Choisissez")), *card_types]),
                                 validators=[fields.required(_l("Choisissez le titre que vous détenez."))])
        titre_expiration = fields.date_field(_l("Date d'expiration de ce titre"),
                                             _l("Indiquez la date d'expiration de votre titre."))

    return TitreForm


class FamilleForm(StepForm):
    """Family situation: asked by the visa validation and the family cards."""

    situation_familiale = SelectField(_l("Situation familiale"),
                                      choices=options([("", _l("Choisissez")), *SITUATIONS_FAMILIALES]),
                                      validators=[fields.required(_l("Choisissez votre situation familiale."))])
    enfants = fields.count(_l("Nombre d'enfants à charge"), _l("Indiquez le nombre d'enfants à votre charge (0 si aucun)."),
                           maximum=30)


class TimbreForm(StepForm):
    """The electronic tax stamp bought for the fee."""

    numero_timbre = fields.timbre_number()


class PhotoForm(StepForm):
    """The e-photo of a new card or travel document."""

    code_ephoto = fields.ephoto_code()
