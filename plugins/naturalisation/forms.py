"""Naturalisation by decree: the questions before starting, and the form steps."""
from flask_babel import lazy_gettext as _l
from wtforms import StringField, ValidationError
from wtforms.validators import Length

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.validators import PastDate

FONDEMENTS = [("residence", _l("J'habite en France depuis au moins 5 ans")),
              ("etudes", _l("J'ai réussi 2 années d'études supérieures en France")),
              ("refugie", _l("J'ai le statut de réfugié"))]
FONDEMENT_NAMES = {"residence": _l("5 ans de résidence"), "etudes": _l("2 années d'études supérieures en France"),
                   "refugie": _l("réfugié")}
CARTES = [("cst", _l("Carte de séjour temporaire")), ("csp", _l("Carte de séjour pluriannuelle")),
          ("resident", _l("Carte de résident")), ("ue", _l("Carte de séjour de citoyen de l'Union européenne")),
          ("autre", _l("Autre titre de séjour"))]
NIVEAUX = [("aucun", _l("Aucun diplôme ni test de français")), ("A2", _l("A2")), ("B1", _l("B1")),
           ("B2", _l("B2")), ("C1", _l("C1 ou plus"))]
JUSTIFICATIFS_LANGUE = [("diplome_francais", _l("Un diplôme obtenu en France ou dans un pays francophone, en français")),
                        ("test", _l("Un test reconnu (TCF ou TEF « intégration, résidence et nationalité »)")),
                        ("diplome_langue", _l("Un diplôme de français langue étrangère (DELF, DALF)")),
                        ("aucun", _l("Aucun justificatif pour le moment"))]
EXAMEN = [("reussi", _l("Je l'ai réussi")), ("non", _l("Je ne l'ai pas encore réussi")),
          ("dispense", _l("J'en suis dispensé (plus de 65 ans, ou raison médicale)"))]
ACTIVITES = [("salarie", _l("Salarié(e)")), ("independant", _l("Travailleur indépendant, commerçant, profession "
                                                                  "libérale")),
             ("retraite", _l("Retraité(e)")), ("etudiant", _l("Étudiant(e)")),
             ("sans_activite", _l("Sans activité professionnelle"))]
WORKING = {"salarie", "independant"}
MARRIED = {"marie", "pacse"}


class EligibilityForm(StepForm):
    code_postal = fields.postcode()
    majeur = fields.yes_no(_l("Avez-vous 18 ans ou plus ?"))
    sejour_regulier = fields.yes_no(_l("Avez-vous un titre de séjour en cours de validité ?"),
                                    description=_l("Ou un récépissé de demande de renouvellement."))
    conjoint_francais = fields.yes_no(_l("Êtes-vous marié(e) depuis au moins 4 ans à une personne de nationalité "
                                         "française, avec qui vous vivez ?"))


class SituationForm(StepForm):
    fondement = fields.radio(_l("Sur quel fondement demandez-vous la naturalisation ?"), FONDEMENTS,
                             _l("Choisissez le fondement de votre demande."))
    debut_residence = fields.date_field(
        _l("Depuis quand habitez-vous en France de façon habituelle et régulière ?"),
        _l("Indiquez la date de votre installation en France."),
        PastDate(_l("Cette date ne peut pas être dans le futur.")),
        description=_l("La date de votre premier titre de séjour ou de votre arrivée avec un visa de long séjour."))
    situation_familiale = fields.select(_l("Situation familiale"), kit_forms.SITUATIONS_FAMILIALES,
                                        _l("Choisissez votre situation familiale."))
    enfants_mineurs = fields.count(_l("Nombre d'enfants mineurs qui vivent avec vous"),
                                   _l("Indiquez le nombre d'enfants mineurs (0 si aucun)."), maximum=30,
                                   description=_l("Ils peuvent devenir français en même temps que vous."))


TitreForm = kit_forms.make_titre_form(CARTES)
AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)


class ConjointForm(StepForm):
    """Asked of married and pacsé(e) applicants."""

    conjoint_nom = fields.text(_l("Nom de votre conjoint ou partenaire"), _l("Indiquez son nom."), 100)
    conjoint_prenoms = fields.text(_l("Prénom(s) de votre conjoint ou partenaire"), _l("Indiquez ses prénoms."), 150)
    conjoint_nationalite = fields.text(_l("Sa nationalité"), _l("Indiquez sa nationalité."), 100)
    date_union = fields.date_field(_l("Date du mariage ou du PACS"), _l("Indiquez la date du mariage ou du PACS."),
                                   PastDate(_l("Cette date ne peut pas être dans le futur.")))


class EtudesForm(StepForm):
    """Asked when the request rests on two successful years of higher education in France."""

    etablissement = fields.text(_l("Établissement d'enseignement supérieur en France"),
                                _l("Indiquez l'établissement."), 200)
    diplome = fields.text(_l("Diplôme obtenu ou années réussies"), _l("Indiquez le diplôme ou les années réussies."),
                          200, description=_l("Par exemple : licence de droit, ou deux années de BTS."))
    date_obtention = fields.date_field(_l("Date d'obtention du diplôme ou de la deuxième année réussie"),
                                       _l("Indiquez la date d'obtention."),
                                       PastDate(_l("Cette date ne peut pas être dans le futur.")))


class LangueForm(StepForm):
    niveau_francais = fields.select(_l("Votre niveau de français attesté"), NIVEAUX,
                                    _l("Choisissez votre niveau de français."),
                                    description=_l("À l'oral et à l'écrit, selon le cadre européen (A2, B1, B2…)."))
    justificatif = fields.radio(_l("Comment le prouvez-vous ?"), JUSTIFICATIFS_LANGUE,
                                _l("Dites comment vous prouvez votre niveau de français."))
    examen_civique = fields.radio(_l("L'examen civique"), EXAMEN, _l("Dites où vous en êtes de l'examen civique."),
                                  description=_l("Demandé pour les demandes déposées depuis le 1er janvier 2026."))


class RessourcesForm(StepForm):
    activite = fields.radio(_l("Votre activité actuelle"), ACTIVITES, _l("Choisissez votre activité."))
    annees_activite = fields.count(_l("Années d'activité professionnelle en France"),
                                   _l("Indiquez un nombre d'années (0 si aucune)."), maximum=70)
    revenus_annuels = fields.amount(_l("Revenus nets de votre foyer sur la dernière année (en euros)"),
                                    _l("Indiquez vos revenus annuels en euros, en chiffres."),
                                    description=_l("Tels qu'ils figurent sur votre dernier avis d'imposition."))
    # No Optional(): it would stop the chain before validate_employeur, which requires it of working people.
    employeur = StringField(_l("Nom de votre employeur ou de votre entreprise"), validators=[Length(max=200)],
                            description=_l("Si vous travaillez."))

    def validate_employeur(self, field):
        if self.activite.data in WORKING and not (field.data or "").strip():
            raise ValidationError(_l("Indiquez le nom de votre employeur ou de votre entreprise."))


class ParcoursForm(StepForm):
    """Where the person lived, for the foreign criminal records, and their conduct."""

    pays_residence = fields.optional_text(
        _l("Pays où vous avez vécu ces 10 dernières années, hors de France"), 300,
        description=_l("Séparez-les par des virgules. Laissez vide si vous avez toujours vécu en France."))
    condamnation = fields.yes_no(_l("Avez-vous été condamné(e) par un tribunal, en France ou à l'étranger ?"),
                                 description=_l("Répondez sincèrement : l'administration consulte les casiers "
                                                "judiciaires."))
