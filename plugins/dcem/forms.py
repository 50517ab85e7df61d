"""The DCEM's eligibility questions and form steps: the child, and the parent who files for them."""
from flask_babel import lazy_gettext as _l
from wtforms import ValidationError
from wtforms.validators import Regexp

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.checks import add_months
from anef.procedure_kit.validators import FutureDate
from anef.validators import PastDate

PARENT_TITRE = "parent_titre"
PARENT_FRANCAIS_UE = "parent_francais_ue"
ENTREE_AVANT_13 = "entree_avant_13"
VISA_LONG_SEJOUR = "visa_long_sejour"
MAYOTTE = "mayotte"
# The cases where a minor may hold a DCEM (DOMAIN §8), as a parent would recognise them.
FONDEMENTS = [
    (PARENT_TITRE, _l("Un de ses parents a une carte de séjour temporaire, pluriannuelle ou une carte de résident")),
    (PARENT_FRANCAIS_UE, _l("Un de ses parents est français, ou citoyen de l'Union européenne, de l'EEE ou de la "
                            "Suisse")),
    (ENTREE_AVANT_13, _l("Il est entré en France avant ses 13 ans et vit avec l'un de ses parents")),
    (VISA_LONG_SEJOUR, _l("Il est entré en France avec un visa de long séjour (par exemple pour ses études)")),
    (MAYOTTE, _l("Il est né en France et vit à Mayotte")),
]
# The parent's card; the last two make the DCEM free (children of EU citizens and of Brexit-agreement beneficiaries).
PARENT_CARDS = [("cst", _l("Carte de séjour temporaire")), ("csp", _l("Carte de séjour pluriannuelle")),
                ("resident", _l("Carte de résident")),
                ("ue", _l("Carte de citoyen de l'Union européenne, de l'EEE ou de la Suisse, ou de membre de sa famille")),
                ("retrait", _l("Carte « accord de retrait » (Britanniques et leur famille)"))]
FREE_CARDS = ("ue", "retrait")
LIENS = [("mere", _l("Sa mère")), ("pere", _l("Son père")),
         ("tuteur", _l("Son tuteur ou sa tutrice (autorité parentale confiée par un juge)"))]
SITUATIONS_PARENTS = [("maries", _l("Ses parents sont mariés")),
                      ("separes", _l("Ses parents sont divorcés ou séparés")),
                      ("non_maries", _l("Ses parents ne sont pas mariés")),
                      ("tutelle", _l("Un juge a confié l'autorité parentale à un tuteur"))]
SEXES = kit_forms.SEXES


class EligibilityForm(StepForm):
    lien = fields.radio(_l("Quel est votre lien avec l'enfant ?"),
                        [("parent", _l("Je suis son père ou sa mère")),
                         ("tuteur", _l("Je suis son tuteur : un juge m'a confié l'autorité parentale")),
                         ("autre", _l("Autre lien (famille, proche…)"))],
                        _l("Dites quel est votre lien avec l'enfant."))
    mineur = fields.yes_no(_l("L'enfant a-t-il moins de 18 ans ?"))
    francais = fields.yes_no(_l("L'enfant est-il de nationalité française ?"))
    fondement = fields.select(_l("Quelle situation correspond à l'enfant ?"),
                              [*FONDEMENTS, ("ase", _l("Il est confié à l'aide sociale à l'enfance")),
                               ("aucun", _l("Aucune de ces situations"))],
                              _l("Choisissez la situation de l'enfant."))


class SituationForm(StepForm):
    fondement = fields.radio(_l("Situation de l'enfant"), FONDEMENTS, _l("Choisissez la situation de l'enfant."))


class EnfantForm(StepForm):
    """The child's civil identity: the ``identite`` step, so that attestations name the child."""

    nom = fields.text(_l("Nom de l'enfant"), _l("Indiquez le nom de l'enfant."), 100,
                      description=_l("Tel qu'il figure sur son passeport."), autocomplete="off")
    prenoms = fields.text(_l("Prénom(s) de l'enfant"), _l("Indiquez les prénoms de l'enfant."), 150,
                          autocomplete="off")
    sexe = fields.radio(_l("Sexe de l'enfant (tel qu'indiqué sur son passeport)"), SEXES,
                        _l("Indiquez le sexe figurant sur le passeport de l'enfant."))
    date_naissance = fields.date_field(_l("Date de naissance de l'enfant"),
                                       _l("Indiquez la date de naissance de l'enfant au format jj/mm/aaaa."),
                                       PastDate(_l("La date de naissance ne peut pas être dans le futur.")))
    lieu_naissance = fields.text(_l("Ville de naissance"), _l("Indiquez la ville de naissance de l'enfant."), 100)
    pays_naissance = fields.text(_l("Pays de naissance"), _l("Indiquez le pays de naissance de l'enfant."), 100)
    nationalite = fields.text(_l("Nationalité de l'enfant"), _l("Indiquez la nationalité de l'enfant."), 100)

    def validate_date_naissance(self, field):
        from anef.calendar.services import today

        if field.data and add_months(field.data, 18 * 12) <= today():
            raise ValidationError(_l("L'enfant a 18 ans ou plus : le document de circulation est réservé aux "
                                     "mineurs."))


class PasseportEnfantForm(kit_forms.PasseportForm):
    """The child's passport (the ``passeport`` step: the kit's passport checks read it)."""


class ParentForm(StepForm):
    lien = fields.radio(_l("Vous êtes"), LIENS, _l("Dites quel est votre lien avec l'enfant."))
    nom = fields.text(_l("Votre nom"), _l("Indiquez votre nom."), 100, autocomplete="family-name")
    prenoms = fields.text(_l("Vos prénoms"), _l("Indiquez vos prénoms."), 150, autocomplete="given-name")
    date_naissance = fields.date_field(_l("Votre date de naissance"),
                                       _l("Indiquez votre date de naissance au format jj/mm/aaaa."),
                                       PastDate(_l("La date de naissance ne peut pas être dans le futur.")))
    nationalite = fields.text(_l("Votre nationalité"), _l("Indiquez votre nationalité."), 100)
    telephone = fields.phone()
    situation_parents = fields.radio(_l("Situation des parents"), SITUATIONS_PARENTS,
                                     _l("Indiquez la situation des parents."),
                                     description=_l("Elle dit quelle pièce prouve l'autorité parentale."))


class TitreParentForm(StepForm):
    """The parent's own card: the ``titre`` step, looked up in AGDREF."""

    numero_etranger = fields.numero_etranger(_l("Le vôtre : 10 chiffres, inscrits sur votre carte de séjour."))
    numero_carte = fields.card_number()
    titre_type = fields.radio(_l("Votre carte"), PARENT_CARDS, _l("Choisissez le type de votre carte."))
    titre_expiration = fields.date_field(_l("Date d'expiration de votre carte"),
                                         _l("Indiquez la date d'expiration de votre carte."),
                                         FutureDate(_l("Votre carte a expiré : demandez d'abord son renouvellement.")))


class PieceParentForm(StepForm):
    """A French or European parent's identity document, instead of a residence card."""

    nationalite_parent = fields.radio(_l("Vous êtes"), [("francaise", _l("De nationalité française")),
                                                        ("ue", _l("Citoyen de l'Union européenne, de l'EEE ou de la "
                                                                  "Suisse"))],
                                      _l("Indiquez votre nationalité."))
    piece_type = fields.radio(_l("Votre pièce d'identité"), [("cni", _l("Carte nationale d'identité")),
                                                            ("passeport", _l("Passeport"))],
                              _l("Choisissez votre pièce d'identité."))
    piece_numero = fields.text(_l("Numéro de la pièce"), _l("Indiquez le numéro de votre pièce d'identité."), 12,
                               Regexp(r"^[A-Za-z0-9]{6,12}$",
                                      message=_l("Le numéro compte de 6 à 12 lettres et chiffres, sans espace.")),
                               autocomplete="off")
    piece_expiration = fields.date_field(_l("Date d'expiration de la pièce"),
                                         _l("Indiquez la date d'expiration de votre pièce d'identité."),
                                         FutureDate(_l("Votre pièce d'identité a expiré.")))


class ArriveeForm(StepForm):
    date_entree = fields.date_field(_l("Date d'arrivée de l'enfant en France"),
                                    _l("Indiquez la date d'arrivée de l'enfant en France."),
                                    PastDate(_l("La date d'arrivée ne peut pas être dans le futur.")),
                                    description=_l("La date du tampon d'entrée, ou à défaut celle de la première "
                                                   "inscription à l'école en France."))


LONG_STAY_VISAS = [("long_sejour_temporaire", _l("Visa de long séjour temporaire (VLS-T)")),
                   ("long_sejour_titre", _l("Visa de long séjour valant titre de séjour (VLS-TS)"))]
VisaEnfantForm = kit_forms.make_entree_form(LONG_STAY_VISAS)
AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)
