"""The « vie privée et familiale » card: eligibility questions and form steps, by family situation."""
from flask_babel import lazy_gettext as _l
from wtforms import ValidationError

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.validators import NotBefore
from anef.validators import PastDate

MOTIFS = [("conjoint_francais", _l("Je suis marié(e) à une personne de nationalité française")),
          ("parent_enfant_francais", _l("Je suis le parent d'un enfant français mineur qui vit en France")),
          ("regroupement_familial", _l("J'ai rejoint, par le regroupement familial, un proche qui a une carte de "
                                       "séjour ou de résident")),
          ("liens_personnels", _l("J'ai en France des liens personnels et familiaux forts, depuis plusieurs années"))]
MOTIF_NAMES = {"conjoint_francais": _l("conjoint de Français"), "parent_enfant_francais": _l("parent d'enfant français"),
               "regroupement_familial": _l("regroupement familial"),
               "liens_personnels": _l("liens personnels et familiaux")}
DEMANDE = [("premiere", _l("Première demande de carte « vie privée et familiale »")),
           ("renouvellement", _l("Renouvellement de ma carte (ou de mon visa VLS-TS) « vie privée et familiale »"))]
CARTES_ACTUELLES = [("cst_vpf", _l("Carte de séjour temporaire « vie privée et familiale » (1 an)")),
                    ("vls_ts_famille", _l("Visa long séjour « conjoint de Français » ou « famille » validé (VLS-TS)")),
                    ("csp_vpf", _l("Carte de séjour pluriannuelle « vie privée et familiale »")),
                    ("autre", _l("Autre titre de séjour"))]
CARTES_REGROUPANT = [("cst", _l("Carte de séjour temporaire")), ("csp", _l("Carte de séjour pluriannuelle")),
                     ("resident", _l("Carte de résident"))]
NIVEAUX = [("aucun", _l("Aucun diplôme ni test de français")), ("A1", _l("A1")), ("A2", _l("A2")), ("B1", _l("B1")),
           ("B2", _l("B2 ou plus"))]
EXAMEN = [("reussi", _l("Je l'ai réussi")), ("non", _l("Je ne l'ai pas encore réussi")),
          ("dispense", _l("J'en suis dispensé (plus de 65 ans, ou raison médicale)"))]


class EligibilityForm(StepForm):
    motif = fields.radio(_l("Quelle est votre situation ?"),
                         [*MOTIFS, ("conjoint_europeen", _l("Je suis de la famille d'un citoyen européen")),
                          ("autre", _l("Aucune de ces situations"))],
                         _l("Choisissez votre situation."))
    demande = fields.radio(_l("Que demandez-vous ?"), DEMANDE, _l("Choisissez le type de demande."))
    vls_ts_non_valide = fields.yes_no(
        _l("Êtes-vous arrivé en France depuis moins de 3 mois avec un visa long séjour « conjoint de Français » ou "
           "« famille » valant titre de séjour (VLS-TS) que vous n'avez pas encore validé ?"))


class SituationForm(StepForm):
    motif = fields.radio(_l("Votre situation"), MOTIFS, _l("Choisissez votre situation."))
    demande = fields.radio(_l("Type de demande"), DEMANDE, _l("Choisissez le type de demande."))


TitreForm = kit_forms.make_titre_form(CARTES_ACTUELLES)
AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)


class ConjointForm(StepForm):
    conjoint_nom = fields.text(_l("Nom de votre conjoint"), _l("Indiquez le nom de votre conjoint."), 100)
    conjoint_prenoms = fields.text(_l("Prénom(s) de votre conjoint"), _l("Indiquez ses prénoms."), 150)
    conjoint_francais = fields.yes_no(_l("Votre conjoint a-t-il toujours la nationalité française ?"))
    date_mariage = fields.date_field(_l("Date du mariage"), _l("Indiquez la date du mariage."),
                                     PastDate(_l("La date du mariage ne peut pas être dans le futur.")))
    lieu_mariage = fields.radio(_l("Lieu du mariage"), [("france", _l("En France")), ("etranger", _l("À l'étranger"))],
                                _l("Indiquez où le mariage a été célébré."))
    # Asked for a marriage abroad only: validate_transcription requires it then.
    transcription = fields.radio(_l("Si le mariage a eu lieu à l'étranger : est-il transcrit sur les registres de "
                                    "l'état civil français ?"), [("oui", _l("Oui")), ("non", _l("Non")),
                                                                 ("sans_objet", _l("Mariage célébré en France"))],
                                 _l("Répondez à cette question."))
    vie_commune = fields.yes_no(_l("Vivez-vous ensemble depuis le mariage ?"))

    def validate_transcription(self, field):
        if self.lieu_mariage.data == "etranger" and field.data == "sans_objet":
            raise ValidationError(_l("Le mariage a eu lieu à l'étranger : dites s'il est transcrit."))


class ParentForm(StepForm):
    enfant_nom = fields.text(_l("Nom de l'enfant"), _l("Indiquez le nom de l'enfant."), 100)
    enfant_prenoms = fields.text(_l("Prénom(s) de l'enfant"), _l("Indiquez ses prénoms."), 150)
    enfant_naissance = fields.date_field(_l("Date de naissance de l'enfant"),
                                         _l("Indiquez la date de naissance de l'enfant."),
                                         PastDate(_l("La date de naissance ne peut pas être dans le futur.")))
    enfant_en_france = fields.yes_no(_l("L'enfant vit-il en France ?"))
    contribution_depuis = fields.date_field(
        _l("Depuis quand contribuez-vous à son entretien et à son éducation ?"), _l("Indiquez une date."),
        PastDate(_l("Cette date ne peut pas être dans le futur.")),
        NotBefore("enfant_naissance", _l("Cette date ne peut pas être antérieure à la naissance de l'enfant.")),
        description=_l("Sa date de naissance si vous y contribuez depuis sa naissance."))


class RegroupementForm(StepForm):
    regroupant_nom = fields.text(_l("Nom de la personne que vous avez rejointe"), _l("Indiquez son nom."), 100)
    regroupant_prenoms = fields.text(_l("Ses prénoms"), _l("Indiquez ses prénoms."), 150)
    regroupant_numero_etranger = fields.numero_etranger(_l("Le numéro étranger de cette personne, 10 chiffres, sur sa "
                                                           "carte de séjour."))
    regroupant_carte = fields.radio(_l("Sa carte"), CARTES_REGROUPANT, _l("Choisissez la carte qu'elle détient."))
    lien = fields.radio(_l("Votre lien avec elle"), [("conjoint", _l("Conjoint")), ("enfant", _l("Enfant"))],
                        _l("Choisissez votre lien."))


class LiensForm(StepForm):
    date_arrivee = fields.date_field(_l("Date d'arrivée en France"), _l("Indiquez votre date d'arrivée en France."),
                                     PastDate(_l("La date d'arrivée ne peut pas être dans le futur.")))
    famille_en_france = fields.long_text(_l("Votre famille en France"),
                                         _l("Dites qui, dans votre famille, vit en France."))
    insertion = fields.long_text(_l("Votre insertion en France"),
                                 _l("Décrivez votre insertion : travail, langue, études des enfants, engagements."))
    attaches_pays = fields.long_text(_l("Vos attaches dans votre pays d'origine"),
                                     _l("Dites quelle famille et quels liens vous y avez encore."))


class IntegrationForm(StepForm):
    """Asked on the way to a first multi-year card (from 2026: French A2 and the civic exam)."""

    niveau_francais = fields.select(_l("Votre niveau de français attesté"), NIVEAUX,
                                    _l("Choisissez votre niveau de français."),
                                    description=_l("Par un diplôme ou un test reconnu (TCF, TEF…)."))
    examen_civique = fields.radio(_l("L'examen civique"), EXAMEN, _l("Dites où vous en êtes de l'examen civique."))
    algerien = fields.yes_no(_l("Êtes-vous de nationalité algérienne ?"),
                             description=_l("L'accord franco-algérien de 1968 a ses propres règles."))
