"""The employee's own cards of professional immigration: questions and steps."""
from flask_babel import lazy_gettext as _l
from wtforms import RadioField

from anef.forms import StepForm, options
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit import work_authorisation as wa
from anef.procedure_kit.work_authorisation import readonly

ICT = "ict"
KINDS = [(wa.SALARIE, _l("Salarié : un CDI, ou un CDD de 12 mois ou plus")),
         (wa.TRAVAILLEUR_TEMPORAIRE, _l("Travailleur temporaire : un CDD de moins de 12 mois")),
         (wa.SAISONNIER, _l("Travailleur saisonnier : 6 mois de travail au plus par an, en gardant votre résidence "
                            "hors de France")),
         (ICT, _l("Salarié détaché ICT : muté dans une entreprise française de votre groupe"))]
KIND_NAMES = {wa.SALARIE: _l("salarié"), wa.TRAVAILLEUR_TEMPORAIRE: _l("travailleur temporaire"),
              wa.SAISONNIER: _l("travailleur saisonnier"), ICT: _l("salarié détaché ICT")}
NONE_FITS = ("aucune", _l("Aucune de ces situations"))
PREMIERE, CHANGEMENT, RENOUVELLEMENT = "premiere", "changement_statut", "renouvellement"
DEMANDES = [(PREMIERE, _l("Première demande, après mon arrivée en France avec un visa")),
            (CHANGEMENT, _l("Je suis déjà en France avec un autre titre (étudiant, par exemple) et je change de "
                            "statut")),
            (RENOUVELLEMENT, _l("Renouvellement de ma carte pour le même motif"))]


class EligibilityForm(StepForm):
    categorie = RadioField(_l("Quelle situation correspond à votre emploi en France ?"),
                           choices=options([*KINDS, NONE_FITS]),
                           validators=[fields.required(_l("Choisissez la situation qui correspond à votre emploi."))])
    demande = RadioField(_l("Que demandez-vous ?"), choices=options(DEMANDES),
                         validators=[fields.required(_l("Choisissez le type de demande."))])
    autorisation_accordee = fields.yes_no(
        _l("Votre employeur a-t-il obtenu votre autorisation de travail ?"),
        description=_l("Il vous en a remis le numéro. Un salarié détaché ICT n'en a pas besoin : répondez « Non »."))
    vls_ts_non_valide = fields.yes_no(
        _l("Êtes-vous arrivé en France depuis moins de 3 mois avec un visa long séjour valant titre de séjour "
           "(VLS-TS) que vous n'avez pas encore validé ?"),
        description=_l("Ce visa porte la mention « VLS-TS » ou « visa de long séjour valant titre de séjour »."))


class SituationForm(StepForm):
    categorie = RadioField(_l("Carte demandée"), choices=options(KINDS),
                           validators=[fields.required(_l("Choisissez la carte demandée."))])
    demande = RadioField(_l("Type de demande"), choices=options(DEMANDES),
                         validators=[fields.required(_l("Choisissez le type de demande."))])


# The step that links the request to the employer's authorisation, for each card that needs one.
LINK_FORMS = {card: wa.make_link_form(cards=(card,))
              for card in (wa.SALARIE, wa.TRAVAILLEUR_TEMPORAIRE, wa.SAISONNIER)}

FROM_AUTHORISATION = _l("Indiquez d'abord le numéro de votre autorisation de travail, à l'étape « Autorisation de "
                        "travail » : cette information en vient.")


class EmploiAutoriseForm(StepForm):
    """The job, as the granted work authorisation says it: shown, never typed (filled again after each save)."""

    numero_autorisation = readonly(fields.text(_l("Autorisation de travail n°"), FROM_AUTHORISATION, 40))
    employeur = readonly(fields.text(_l("Employeur"), FROM_AUTHORISATION))
    siret = readonly(fields.text(_l("SIRET de l'employeur"), FROM_AUTHORISATION, 14))
    poste = readonly(fields.text(_l("Emploi"), FROM_AUTHORISATION))
    date_debut = readonly(fields.date_field(_l("Début du contrat"), FROM_AUTHORISATION))
    duree_mois = readonly(fields.optional_count(_l("Durée du contrat en mois (vide : contrat à durée indéterminée)"),
                                                minimum=1, maximum=120))
    heures_hebdo = readonly(fields.count(_l("Heures de travail par semaine"), FROM_AUTHORISATION, minimum=1,
                                         maximum=48))
    salaire_mensuel_brut = readonly(fields.amount(_l("Salaire mensuel brut (en euros)"), FROM_AUTHORISATION))
    lieu_travail = readonly(fields.text(_l("Lieu de travail"), FROM_AUTHORISATION))


class IctForm(StepForm):
    """An intra-company transfer: the group, the French host company, the mission."""

    entreprise_origine = fields.text(_l("Entreprise qui vous emploie hors de l'Union européenne"),
                                     _l("Indiquez l'entreprise qui vous emploie."))
    groupe = fields.text(_l("Groupe d'entreprises"), _l("Indiquez le nom du groupe."))
    employeur = fields.text(_l("Entreprise d'accueil en France"), _l("Indiquez l'entreprise qui vous accueille."))
    siret = fields.siret(_l("Numéro SIRET de l'établissement d'accueil"))
    poste = fields.text(_l("Poste occupé en France"), _l("Indiquez le poste."),
                        description=_l("Un poste d'encadrement, d'expert, ou un stage en tant que salarié en "
                                       "formation."))
    anciennete_groupe_mois = fields.count(_l("Ancienneté dans le groupe (en mois)"),
                                          _l("Indiquez depuis combien de mois vous travaillez dans le groupe."),
                                          maximum=600)
    date_debut = fields.date_field(_l("Début de la mission en France"), _l("Indiquez la date de début de la mission."))
    duree_mission_mois = fields.count(_l("Durée de la mission en France (en mois)"),
                                      _l("Indiquez la durée de la mission en mois."), minimum=1, maximum=120)
    salaire_mensuel_brut = fields.amount(_l("Rémunération mensuelle brute (en euros)"),
                                         _l("Indiquez la rémunération mensuelle brute en euros, en chiffres."))


class SaisonForm(StepForm):
    """A seasonal worker keeps their home outside France."""

    pays_residence = fields.text(_l("Pays de votre résidence habituelle"), _l("Indiquez le pays où vous vivez."), 100)
    residence_habituelle = fields.agreement(
        _l("Je m'engage à garder ma résidence habituelle hors de France et à n'y séjourner que pour mes périodes de "
           "travail saisonnier, 6 mois au plus par an."),
        _l("Cette carte suppose cet engagement : cochez la case."))


TitreForm = kit_forms.make_titre_form([("etudiant", _l("Carte de séjour « étudiant »")),
                                       ("salarie", _l("Carte de séjour « salarié »")),
                                       ("travailleur_temporaire", _l("Carte de séjour « travailleur temporaire »")),
                                       ("saisonnier", _l("Carte « travailleur saisonnier »")),
                                       ("ict", _l("Carte « salarié détaché ICT »")),
                                       ("vls_ts", _l("Visa long séjour valant titre de séjour (VLS-TS) validé")),
                                       ("autre", _l("Autre titre de séjour"))])
AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)
