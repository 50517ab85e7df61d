"""The change of situation's eligibility questions and form steps, one event form per kind of change."""
from flask_babel import lazy_gettext as _l
from wtforms import ValidationError

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.validators import FutureDate
from anef.validators import PastDate

MARIAGE, PACS, DIVORCE, NAISSANCE, DECES, NOM, ETAT_CIVIL = (
    "mariage", "pacs", "divorce", "naissance", "deces", "nom", "etat_civil")
CHANGEMENTS = [
    (MARIAGE, _l("Je me suis marié(e)")),
    (PACS, _l("J'ai conclu un PACS")),
    (DIVORCE, _l("J'ai divorcé")),
    (NAISSANCE, _l("Un enfant est né ou a été adopté")),
    (DECES, _l("Mon conjoint est décédé")),
    (NOM, _l("Mon nom ou mes prénoms ont changé (décision de justice, changement de nom)")),
    (ETAT_CIVIL, _l("Une information d'état civil de ma carte est fausse, ou la mention du sexe a changé")),
]
# The fee follows the card: the droit de timbre of a new card, nothing for EU citizens and their families.
CARDS = [("normal", _l("Carte de séjour temporaire ou pluriannuelle, carte de résident")),
         ("ue", _l("Carte de citoyen de l'Union européenne, de l'EEE ou de la Suisse, ou de membre de sa famille"))]
CHAMPS = [("nom", _l("Nom")), ("prenoms", _l("Prénom(s)")), ("date_naissance", _l("Date de naissance")),
          ("lieu_naissance", _l("Lieu de naissance")), ("sexe", _l("Sexe")), ("nationalite", _l("Nationalité"))]


class EligibilityForm(StepForm):
    changement = fields.radio(_l("Qu'est-ce qui a changé ?"),
                              [*CHANGEMENTS, ("adresse", _l("J'ai déménagé")),
                               ("perte", _l("Ma carte est perdue ou volée")),
                               ("motif", _l("Je change de motif de séjour (des études au travail, par exemple)"))],
                              _l("Dites ce qui a changé."))
    carte = fields.yes_no(_l("Avez-vous une carte de séjour en cours de validité ?"))
    expire_bientot = fields.yes_no(_l("Votre carte expire-t-elle dans moins de 3 mois ?"),
                                   description=_l("Répondez « Non » si vous n'avez pas de carte."))


class SituationForm(StepForm):
    changement = fields.radio(_l("Ce qui a changé"), CHANGEMENTS, _l("Dites ce qui a changé."))


class TitreForm(StepForm):
    numero_etranger = fields.numero_etranger()
    numero_carte = fields.card_number()
    titre_type = fields.radio(_l("Votre carte"), CARDS, _l("Choisissez le type de votre carte."))
    titre_expiration = fields.date_field(_l("Date d'expiration de la carte"),
                                         _l("Indiquez la date d'expiration de votre carte."),
                                         FutureDate(_l("Votre carte a expiré : déclarez ce changement dans votre "
                                                       "demande de renouvellement.")))


def _event_date(label, message):
    return fields.date_field(label, message, PastDate(_l("Cette date ne peut pas être dans le futur.")))


class MariageForm(StepForm):
    date_evenement = _event_date(_l("Date du mariage"), _l("Indiquez la date du mariage."))
    lieu = fields.text(_l("Commune du mariage"), _l("Indiquez la commune où le mariage a été célébré."), 100)
    pays = fields.text(_l("Pays du mariage"), _l("Indiquez le pays où le mariage a été célébré."), 100)
    conjoint_nom = fields.text(_l("Nom de votre conjoint"), _l("Indiquez le nom de votre conjoint."), 100)
    conjoint_prenoms = fields.text(_l("Prénom(s) de votre conjoint"), _l("Indiquez les prénoms de votre conjoint."),
                                   150)
    conjoint_nationalite = fields.text(_l("Nationalité de votre conjoint"),
                                       _l("Indiquez la nationalité de votre conjoint."), 100)
    nom_usage = fields.yes_no(_l("Voulez-vous que le nom de votre conjoint figure sur votre carte, comme nom "
                                 "d'usage ?"),
                              description=_l("Votre carte sera alors refaite."))


class PacsForm(StepForm):
    date_evenement = _event_date(_l("Date d'enregistrement du PACS"), _l("Indiquez la date d'enregistrement du PACS."))
    conjoint_nom = fields.text(_l("Nom de votre partenaire"), _l("Indiquez le nom de votre partenaire."), 100)
    conjoint_prenoms = fields.text(_l("Prénom(s) de votre partenaire"),
                                   _l("Indiquez les prénoms de votre partenaire."), 150)
    conjoint_nationalite = fields.text(_l("Nationalité de votre partenaire"),
                                       _l("Indiquez la nationalité de votre partenaire."), 100)


class DivorceForm(StepForm):
    date_evenement = _event_date(_l("Date du jugement de divorce"), _l("Indiquez la date du jugement."))
    juridiction = fields.text(_l("Tribunal ou autorité qui a prononcé le divorce"),
                              _l("Indiquez qui a prononcé le divorce."), 150)
    nom_usage = fields.yes_no(_l("Votre carte porte-t-elle le nom de votre ex-conjoint, à retirer ?"),
                              description=_l("Votre carte sera alors refaite."))


class NaissanceForm(StepForm):
    date_evenement = _event_date(_l("Date de naissance de l'enfant"), _l("Indiquez la date de naissance de l'enfant."))
    enfant_nom = fields.text(_l("Nom de l'enfant"), _l("Indiquez le nom de l'enfant."), 100)
    enfant_prenoms = fields.text(_l("Prénom(s) de l'enfant"), _l("Indiquez les prénoms de l'enfant."), 150)
    lieu = fields.text(_l("Lieu de naissance de l'enfant"), _l("Indiquez le lieu de naissance de l'enfant."), 100)
    adoption = fields.yes_no(_l("S'agit-il d'une adoption ?"))


class DecesForm(StepForm):
    date_evenement = _event_date(_l("Date du décès"), _l("Indiquez la date du décès."))
    conjoint_nom = fields.text(_l("Nom de votre conjoint"), _l("Indiquez le nom de votre conjoint."), 100)
    conjoint_prenoms = fields.text(_l("Prénom(s) de votre conjoint"), _l("Indiquez les prénoms de votre conjoint."),
                                   150)


class NomForm(StepForm):
    date_evenement = _event_date(_l("Date de la décision"), _l("Indiquez la date de la décision."))
    autorite = fields.text(_l("Autorité qui a décidé"), _l("Indiquez l'autorité qui a décidé du changement."), 150,
                           description=_l("Tribunal, officier d'état civil, autorité de votre pays…"))
    ancien_nom = fields.text(_l("Nom et prénom(s) inscrits sur votre carte"),
                             _l("Indiquez le nom et les prénoms inscrits sur votre carte."), 200)
    nouveau_nom = fields.text(_l("Nouveau nom et prénom(s)"), _l("Indiquez votre nouveau nom et vos prénoms."), 200)

    def validate_nouveau_nom(self, field):
        if field.data and self.ancien_nom.data and field.data.strip().upper() == self.ancien_nom.data.strip().upper():
            raise ValidationError(_l("Le nouveau nom est identique à celui de la carte."))


class EtatCivilForm(StepForm):
    champ = fields.select(_l("Information à changer"), CHAMPS, _l("Choisissez l'information à changer."))
    motif = fields.radio(_l("Pourquoi ?"), [("erreur", _l("Elle est fausse sur ma carte")),
                                            ("decision", _l("Elle a changé, par une décision (par exemple la mention "
                                                            "du sexe)"))],
                         _l("Dites pourquoi cette information change."))
    valeur_carte = fields.text(_l("Ce qui figure sur votre carte"), _l("Recopiez ce qui figure sur votre carte."), 200)
    valeur_correcte = fields.text(_l("Ce qui doit y figurer"), _l("Indiquez ce qui doit figurer sur la carte."), 200)
    date_evenement = _event_date(_l("Date de la décision ou de l'acte qui fait foi"),
                                 _l("Indiquez la date de la décision ou de l'acte."))

    def validate_valeur_correcte(self, field):
        if field.data and self.valeur_carte.data and field.data.strip().upper() == self.valeur_carte.data.strip().upper():
            raise ValidationError(_l("Indiquez une valeur différente de celle de la carte."))


EVENT_FORMS = {MARIAGE: (_l("Votre mariage"), MariageForm), PACS: (_l("Votre PACS"), PacsForm),
               DIVORCE: (_l("Votre divorce"), DivorceForm), NAISSANCE: (_l("Naissance ou adoption"), NaissanceForm),
               DECES: (_l("Décès de votre conjoint"), DecesForm), NOM: (_l("Changement de nom"), NomForm),
               ETAT_CIVIL: (_l("Information à corriger"), EtatCivilForm)}
AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)
