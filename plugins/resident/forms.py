"""The 10-year resident card: eligibility questions and form steps, by ground."""
from flask_babel import lazy_gettext as _l

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.validators import PastDate

MOTIFS = [("conjoint_francais", _l("Marié(e) à une personne de nationalité française depuis au moins 3 ans")),
          ("regroupement_familial", _l("Arrivé(e) par le regroupement familial il y a au moins 3 ans")),
          ("parent_enfant_francais", _l("Parent d'un enfant français, titulaire d'une carte « vie privée et "
                                        "familiale » depuis au moins 3 ans")),
          ("longue_duree_ue", _l("Résident de longue durée : au moins 5 ans de séjour régulier en France"))]
MOTIF_NAMES = {"conjoint_francais": _l("conjoint de Français"), "regroupement_familial": _l("regroupement familial"),
               "parent_enfant_francais": _l("parent d'enfant français"),
               "longue_duree_ue": _l("résident de longue durée-UE")}
DEMANDE = [("premiere", _l("Première carte de résident")), ("renouvellement", _l("Renouvellement de ma carte de "
                                                                                 "résident"))]
CARTES = [("cst", _l("Carte de séjour temporaire")), ("csp", _l("Carte de séjour pluriannuelle")),
          ("resident", _l("Carte de résident")), ("autre", _l("Autre titre de séjour"))]
NIVEAUX = [("aucun", _l("Aucun diplôme ni test de français")), ("A1", _l("A1")), ("A2", _l("A2")), ("B1", _l("B1")),
           ("B2", _l("B2 ou plus"))]
EXAMEN = [("reussi", _l("Je l'ai réussi")), ("non", _l("Je ne l'ai pas encore réussi")),
          ("dispense", _l("J'en suis dispensé (plus de 65 ans, ou raison médicale)"))]


class EligibilityForm(StepForm):
    motif = fields.radio(_l("Sur quel fondement demandez-vous la carte de résident ?"),
                         [*MOTIFS, ("refugie", _l("J'ai le statut de réfugié")),
                          ("autre", _l("Aucune de ces situations"))],
                         _l("Choisissez votre situation."))
    demande = fields.radio(_l("Que demandez-vous ?"), DEMANDE, _l("Choisissez le type de demande."))


class SituationForm(StepForm):
    motif = fields.radio(_l("Fondement de la demande"), MOTIFS, _l("Choisissez votre situation."))
    demande = fields.radio(_l("Type de demande"), DEMANDE, _l("Choisissez le type de demande."))


TitreForm = kit_forms.make_titre_form(CARTES)
AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)


class MariageForm(StepForm):
    conjoint_nom = fields.text(_l("Nom de votre conjoint"), _l("Indiquez le nom de votre conjoint."), 100)
    conjoint_francais = fields.yes_no(_l("Votre conjoint a-t-il toujours la nationalité française ?"))
    date_mariage = fields.date_field(_l("Date du mariage"), _l("Indiquez la date du mariage."),
                                     PastDate(_l("La date du mariage ne peut pas être dans le futur.")))
    vie_commune = fields.yes_no(_l("Vivez-vous ensemble sans interruption depuis le mariage ?"))


class RegroupementForm(StepForm):
    date_arrivee = fields.date_field(_l("Date d'arrivée en France au titre du regroupement familial"),
                                     _l("Indiquez votre date d'arrivée."),
                                     PastDate(_l("La date d'arrivée ne peut pas être dans le futur.")))
    regroupant_carte = fields.radio(_l("Carte de la personne rejointe"),
                                    [("csp", _l("Carte de séjour pluriannuelle")), ("resident", _l("Carte de résident"))],
                                    _l("Choisissez sa carte."))


class ParentForm(StepForm):
    enfant_naissance = fields.date_field(_l("Date de naissance de l'enfant français"),
                                         _l("Indiquez la date de naissance de l'enfant."),
                                         PastDate(_l("La date de naissance ne peut pas être dans le futur.")))
    premiere_carte_vpf = fields.date_field(_l("Date de votre première carte « vie privée et familiale »"),
                                           _l("Indiquez la date de délivrance de votre première carte."),
                                           PastDate(_l("Cette date ne peut pas être dans le futur.")))


class LongueDureeForm(StepForm):
    debut_sejour_regulier = fields.date_field(_l("Début de votre séjour régulier en France"),
                                              _l("Indiquez la date de votre premier titre de séjour."),
                                              PastDate(_l("Cette date ne peut pas être dans le futur.")))
    annees_etudes = fields.count(_l("Années passées sous une carte « étudiant » ou « talent »"),
                                 _l("Indiquez un nombre d'années (0 si aucune)."), maximum=60,
                                 description=_l("Elles ne comptent pas dans les 5 ans de séjour."))
    ressources_annuelles = fields.amount(_l("Ressources nettes sur un an (en euros)"),
                                         _l("Indiquez vos ressources annuelles en euros, en chiffres."))
    assurance_maladie = fields.yes_no(_l("Avez-vous une assurance maladie ?"))


class IntegrationForm(StepForm):
    """From 2026, a resident card asks French B1 and the civic exam."""

    niveau_francais = fields.select(_l("Votre niveau de français attesté"), NIVEAUX,
                                    _l("Choisissez votre niveau de français."),
                                    description=_l("Par un diplôme ou un test reconnu (TCF, TEF…)."))
    examen_civique = fields.radio(_l("L'examen civique"), EXAMEN, _l("Dites où vous en êtes de l'examen civique."))
    algerien = fields.yes_no(_l("Êtes-vous de nationalité algérienne ?"),
                             description=_l("L'accord franco-algérien de 1968 a ses propres règles."))
