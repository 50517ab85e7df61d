"""The work authorisation's eligibility questions and steps, as the employer (or its mandataire) answers them."""
from flask_babel import lazy_gettext as _l
from wtforms import ValidationError

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.work_authorisation import readonly
from anef.validators import After, PastDate

# What the job is, asked before starting: a talent card needs no work authorisation.
EMPLOIS = [("salarie", _l("Un emploi salarié en CDI, ou en CDD de 12 mois ou plus")),
           ("temporaire", _l("Un CDD de moins de 12 mois (travail temporaire, mission)")),
           ("saisonnier", _l("Un emploi saisonnier (6 mois au plus par an)")),
           ("talent", _l("Un emploi hautement qualifié relevant de la carte « talent » (salarié qualifié, carte bleue "
                         "européenne)"))]
CONTRATS = [("cdi", _l("Contrat à durée indéterminée (CDI)")), ("cdd", _l("Contrat à durée déterminée (CDD)")),
            ("saisonnier", _l("Contrat de travail saisonnier"))]
CONTRACT_NAMES = {"cdi": _l("CDI"), "cdd": _l("CDD"), "saisonnier": _l("contrat saisonnier")}
RESIDENCES = [("etranger", _l("À l'étranger : il viendra en France avec un visa")),
              ("france", _l("En France, avec un titre de séjour"))]
# Employers the OFII tax does not apply to (L.436-10, DOMAIN §3).
EXONERATIONS = [("aucune", _l("Aucune de ces situations")),
                ("particulier", _l("Particulier employeur (emploi à domicile)")),
                ("recherche", _l("Organisme de recherche")),
                ("enseignement_superieur", _l("Établissement d'enseignement supérieur"))]
TITRES = [("etudiant", _l("Carte de séjour « étudiant »")), ("salarie", _l("Carte de séjour « salarié »")),
          ("travailleur_temporaire", _l("Carte de séjour « travailleur temporaire »")),
          ("recepisse", _l("Récépissé ou autorisation provisoire de séjour")),
          ("autre", _l("Autre titre de séjour"))]
SEASONAL_MAX_MONTHS = 6


class EligibilityForm(StepForm):
    ressortissant_ue = fields.yes_no(_l("Le salarié est-il ressortissant d'un pays de l'Union européenne, de l'Espace "
                                        "économique européen ou de la Suisse ?"))
    titre_autorisant = fields.yes_no(
        _l("Le salarié a-t-il déjà un titre de séjour qui l'autorise à travailler sans autorisation ?"),
        description=_l("Par exemple une carte de résident, une carte « vie privée et familiale » ou une carte "
                       "« talent »."))
    emploi = fields.radio(_l("Pour quel emploi ?"), EMPLOIS, _l("Choisissez l'emploi proposé."))


class EmployeurForm(StepForm):
    """The employer: the company comes from the account (API Entreprise at sign-up), the rest is asked."""

    siret = readonly(fields.siret(_l("Numéro SIRET de l'employeur"),
                                  description=_l("Celui de votre compte employeur, vérifié auprès d'API Entreprise.")))
    raison_sociale = readonly(fields.text(_l("Raison sociale"), _l("La raison sociale vient de votre compte "
                                                                   "employeur.")))
    contact_nom = fields.text(_l("Personne à contacter dans l'entreprise"), _l("Indiquez le nom de la personne à "
                                                                              "contacter."), autocomplete="name")
    contact_telephone = fields.phone()
    effectif = fields.count(_l("Nombre de salariés de l'entreprise"), _l("Indiquez le nombre de salariés (0 si "
                                                                         "aucun)."), maximum=1_000_000)
    exoneration_taxe = fields.radio(_l("L'employeur est-il dans l'une de ces situations ?"), EXONERATIONS,
                                    _l("Choisissez une réponse."),
                                    description=_l("Ces employeurs ne paient pas la taxe due à l'OFII pour l'emploi "
                                                   "d'un salarié étranger."))
    documents_recents = fields.yes_no(
        _l("Avez-vous donné l'extrait Kbis et l'attestation URSSAF dans une demande des 12 derniers mois, sans "
           "changement depuis ?"),
        description=_l("Si oui, ils ne sont pas redemandés."))
    engagement = fields.agreement(
        _l("Je certifie que l'entreprise est à jour de ses déclarations et cotisations sociales, et qu'elle n'a été "
           "ni condamnée pour travail illégal ou atteinte à la santé et à la sécurité des salariés, ni sanctionnée "
           "pour ces motifs."),
        _l("Cette attestation est une condition de l'autorisation : cochez la case si elle est exacte."))


class MandataireEmployeurForm(EmployeurForm):
    """The same, filed by a mandataire: its agency comes from the account too."""

    mandataire_nom = readonly(fields.text(_l("Mandataire"), _l("Le mandataire vient de votre compte.")))
    mandataire_siret = readonly(fields.siret(_l("Numéro SIRET du mandataire"),
                                             description=_l("Celui de votre agence, vérifié auprès d'API Entreprise.")))


class SalarieForm(kit_forms.IdentiteForm):
    """The employee, as on their passport; from 16, the age at which one may work."""

    min_age = 16


class ResidenceForm(StepForm):
    lieu_residence = fields.radio(_l("Où vit le salarié aujourd'hui ?"), RESIDENCES, _l("Dites où vit le salarié."))


TitreForm = kit_forms.make_titre_form(TITRES)


class EtrangerForm(StepForm):
    """An employee abroad: the country they live in, and where they will ask for the visa."""

    pays_residence = fields.text(_l("Pays où vit le salarié"), _l("Indiquez le pays où vit le salarié."), 100)
    ville_consulat = fields.text(_l("Ville du consulat de France où il demandera son visa"),
                                 _l("Indiquez la ville du consulat."), 100)


class EmploiForm(StepForm):
    """The job offered: position, contract, hours, gross monthly pay."""

    poste = fields.text(_l("Intitulé du poste"), _l("Indiquez l'intitulé du poste."))
    metier_en_tension = fields.yes_no(
        _l("Le métier figure-t-il sur la liste des métiers en tension de la région du lieu de travail ?"),
        description=_l("Liste fixée par arrêté et mise à jour chaque année. Sinon, l'offre doit avoir été publiée "
                       "3 semaines sans candidat convenable."))
    profession_reglementee = fields.yes_no(_l("S'agit-il d'une profession réglementée ?"),
                                           description=_l("Par exemple médecin, infirmier, avocat, architecte."))
    type_contrat = fields.radio(_l("Contrat"), CONTRATS, _l("Choisissez le type de contrat."))
    date_debut = fields.date_field(_l("Date de début du contrat"), _l("Indiquez la date de début du contrat."))
    duree_mois = fields.optional_count(_l("Durée du contrat en mois (CDD et contrat saisonnier)"), minimum=1,
                                       maximum=120)
    heures_hebdo = fields.count(_l("Heures de travail par semaine"), _l("Indiquez la durée hebdomadaire du travail."),
                                minimum=1, maximum=48)
    salaire_mensuel_brut = fields.amount(_l("Salaire mensuel brut (en euros)"),
                                         _l("Indiquez le salaire mensuel brut en euros, en chiffres."),
                                         description=_l("Au moins le SMIC, ou le minimum de la convention collective "
                                                        "s'il est plus élevé, même à temps partiel."))
    minimum_conventionnel = fields.optional_amount(
        _l("Salaire minimum de la convention collective pour ce poste (facultatif)"),
        description=_l("Salaire mensuel brut pour la même durée de travail."))

    def validate_duree_mois(self, field):
        if field.errors:
            return
        if self.type_contrat.data in ("cdd", "saisonnier") and field.data is None:
            raise ValidationError(_l("Indiquez la durée du contrat en mois."))
        if self.type_contrat.data == "saisonnier" and field.data and field.data > SEASONAL_MAX_MONTHS:
            raise ValidationError(_l("Un emploi saisonnier dure au plus 6 mois sur 12 mois."))


class RecrutementForm(StepForm):
    """The labour-market test: the offer published with France Travail, and the applications received."""

    offre_numero = fields.text(_l("Numéro de l'offre publiée auprès de France Travail"),
                               _l("Indiquez le numéro de l'offre."), 30)
    offre_debut = fields.date_field(_l("Début de la publication de l'offre"),
                                    _l("Indiquez la date de début de publication."),
                                    PastDate(_l("La publication ne peut pas commencer dans le futur.")))
    offre_fin = fields.date_field(_l("Fin de la publication de l'offre"), _l("Indiquez la date de fin de publication."),
                                  After("offre_debut", _l("La fin de la publication doit être après son début.")))
    candidatures = fields.count(_l("Nombre de candidatures reçues"), _l("Indiquez le nombre de candidatures reçues "
                                                                       "(0 si aucune)."), maximum=100_000)
    motif = fields.long_text(_l("Pourquoi aucune candidature ne convenait"),
                             _l("Expliquez en quelques lignes pourquoi aucune candidature ne convenait."))


class LieuTravailForm(kit_forms.AdresseForm):
    """The workplace: its département chooses the platform that instructs the request."""


class LieuTravailSaisonnierForm(kit_forms.AdresseForm):
    """The workplace of a seasonal job, and the employee's housing."""

    logement_fourni = fields.yes_no(_l("L'employeur fournit-il le logement du salarié ?"),
                                    description=_l("Un logement décent est exigé pour le travail saisonnier."))

