"""The talent card's eligibility questions and form steps, by kind of talent."""
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, ValidationError

from anef.forms import StepForm, options
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.validators import Siren
from anef.procedure_kit.work_authorisation import make_link_form
from anef.validators import PastDate

# The kinds of talent card (DOMAIN §4), in the order the person reads them.
KINDS = [
    ("salarie_qualifie", _l("Salarié qualifié : diplôme de niveau master et emploi en France (y compris dans une "
                            "entreprise innovante, ou en mission dans un groupe)")),
    ("carte_bleue", _l("Carte bleue européenne : emploi hautement qualifié")),
    ("chercheur", _l("Chercheur accueilli par un organisme agréé (convention d'accueil)")),
    ("creation_entreprise", _l("Création d'entreprise en France")),
    ("projet_innovant", _l("Projet économique innovant reconnu par un organisme public")),
    ("investisseur", _l("Investissement économique direct en France")),
    ("mandataire_social", _l("Mandataire social d'une société française de votre groupe")),
    ("artiste", _l("Artiste-interprète ou auteur d'œuvre littéraire ou artistique")),
    ("renommee", _l("Renommée nationale ou internationale (domaine scientifique, littéraire, artistique, "
                    "intellectuel, éducatif ou sportif)")),
]
# Short names, for titles and the agent's synthesis.
KIND_NAMES = {"salarie_qualifie": _l("salarié qualifié"), "carte_bleue": _l("carte bleue européenne"),
              "chercheur": _l("chercheur"), "creation_entreprise": _l("création d'entreprise"),
              "projet_innovant": _l("projet économique innovant"), "investisseur": _l("investisseur"),
              "mandataire_social": _l("mandataire social"), "artiste": _l("profession artistique et culturelle"),
              "renommee": _l("renommée internationale")}
NONE_FITS = ("aucune", _l("Aucune de ces situations"))
DEMANDE = [("premiere", _l("Première demande de carte « talent »")),
           ("renouvellement", _l("Renouvellement de ma carte (ou de mon visa VLS-TS) « talent »"))]
DIPLOMES = [("doctorat", _l("Doctorat")), ("master", _l("Master ou diplôme de niveau bac + 5")),
            ("licence", _l("Licence ou diplôme de niveau bac + 3")), ("autre", _l("Autre diplôme ou aucun"))]
CONTRATS = [("cdi", _l("Contrat à durée indéterminée (CDI)")), ("cdd", _l("Contrat à durée déterminée (CDD)"))]


class EligibilityForm(StepForm):
    categorie = RadioField(_l("Quelle situation correspond à votre projet en France ?"),
                           choices=options([*KINDS, NONE_FITS]),
                           validators=[fields.required(_l("Choisissez la situation qui correspond à votre projet."))])
    demande = RadioField(_l("Que demandez-vous ?"), choices=options(DEMANDE),
                         validators=[fields.required(_l("Choisissez le type de demande."))])
    vls_ts_non_valide = fields.yes_no(
        _l("Êtes-vous arrivé en France depuis moins de 3 mois avec un visa long séjour « talent » valant titre de "
           "séjour (VLS-TS) que vous n'avez pas encore validé ?"),
        description=_l("Ce visa porte la mention « VLS-TS » ou « visa de long séjour valant titre de séjour »."))


class SituationForm(StepForm):
    categorie = RadioField(_l("Catégorie de la carte « talent »"), choices=options(KINDS),
                           validators=[fields.required(_l("Choisissez la catégorie de votre carte."))])
    demande = RadioField(_l("Type de demande"), choices=options(DEMANDE),
                         validators=[fields.required(_l("Choisissez le type de demande."))])


TitreForm = kit_forms.make_titre_form([("carte_talent", _l("Carte de séjour « talent » (ou « passeport talent »)")),
                                       ("vls_ts_talent", _l("Visa long séjour « talent » validé (VLS-TS)")),
                                       ("autre", _l("Autre titre de séjour"))])
AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)


class QualificationForm(StepForm):
    niveau_diplome = fields.select(_l("Votre diplôme le plus élevé"), DIPLOMES, _l("Choisissez votre niveau de diplôme."))
    intitule_diplome = fields.text(_l("Intitulé du diplôme"), _l("Indiquez l'intitulé du diplôme."),
                                   description=_l("Exemple : Master en génie civil, université de Montréal."))
    experience_annees = fields.count(_l("Années d'expérience professionnelle dans ce domaine"),
                                     _l("Indiquez un nombre d'années (0 si aucune)."), maximum=60)


# A talent card needs no work authorisation (DOMAIN §4); when the employer obtained one anyway, its number fills
# the job step (anef.procedure_kit.work_authorisation).
AutorisationForm = make_link_form(optional=True)


class EmploiForm(StepForm):
    """The job in France: employer (SIRET), position, contract, gross annual pay."""

    employeur = fields.text(_l("Employeur"), _l("Indiquez le nom de l'employeur."))
    siret = fields.siret(_l("Numéro SIRET de l'établissement où vous travaillez"))
    poste = fields.text(_l("Intitulé du poste"), _l("Indiquez l'intitulé du poste."))
    type_contrat = fields.radio(_l("Contrat"), CONTRATS, _l("Choisissez le type de contrat."))
    date_debut = fields.date_field(_l("Début du contrat"), _l("Indiquez la date de début du contrat."))
    duree_mois = fields.optional_count(_l("Durée du contrat en mois (CDD seulement)"), minimum=1, maximum=120)
    salaire_annuel = fields.amount(_l("Rémunération annuelle brute (en euros)"),
                                   _l("Indiquez la rémunération annuelle brute en euros, en chiffres."),
                                   description=_l("Le salaire brut prévu au contrat sur 12 mois, primes fixes comprises."))

    def validate_duree_mois(self, field):
        if self.type_contrat.data == "cdd" and field.data is None and not field.errors:
            raise ValidationError(_l("Indiquez la durée du CDD en mois."))


class MandatForm(EmploiForm):
    """A company officer (mandataire social) of a French company of their group."""

    anciennete_groupe_mois = fields.count(_l("Ancienneté dans le groupe (en mois)"),
                                          _l("Indiquez depuis combien de mois vous travaillez dans le groupe."),
                                          maximum=600)


class RechercheForm(StepForm):
    organisme = fields.text(_l("Organisme de recherche qui vous accueille"), _l("Indiquez l'organisme d'accueil."))
    convention_date = fields.date_field(_l("Date de signature de la convention d'accueil"),
                                        _l("Indiquez la date de signature de la convention d'accueil."),
                                        PastDate(_l("La convention doit déjà être signée : cette date est dans le futur.")))
    duree_mois = fields.count(_l("Durée des travaux de recherche (en mois)"), _l("Indiquez la durée en mois."),
                              minimum=1, maximum=120)
    sujet = fields.long_text(_l("Sujet de recherche"), _l("Décrivez en quelques lignes votre sujet de recherche."))


class ProjetForm(StepForm):
    """A business being created in France."""

    nom_projet = fields.text(_l("Nom de l'entreprise ou du projet"), _l("Indiquez le nom de l'entreprise ou du projet."))
    description = fields.long_text(_l("Activité de l'entreprise"), _l("Décrivez l'activité en quelques lignes."))
    entreprise_creee = fields.yes_no(_l("L'entreprise est-elle déjà immatriculée en France ?"))
    # Checked by validate_siren: required only once the company exists.
    siren = fields.conditional_text(_l("Numéro SIREN de l'entreprise (si elle est immatriculée)"), 20,
                                    description=_l("9 chiffres, sur l'extrait Kbis."), inputmode="numeric",
                                    autocomplete="off")
    montant_investi = fields.amount(_l("Montant investi dans le projet (en euros)"),
                                    _l("Indiquez le montant investi en euros, en chiffres."),
                                    description=_l("Apports en capital, prêts et financements obtenus."))

    def validate_siren(self, field):
        if not (field.data or "").strip():
            if self.entreprise_creee.data == "oui":
                raise ValidationError(_l("Indiquez le numéro SIREN de l'entreprise immatriculée."))
            return
        Siren()(self, field)


class ProjetInnovantForm(ProjetForm):
    organisme_reconnaissance = fields.text(_l("Organisme public qui reconnaît le caractère innovant du projet"),
                                           _l("Indiquez l'organisme qui a reconnu le projet."),
                                           description=_l("Exemple : Bpifrance, un incubateur partenaire."))


MODES = [("direct", _l("Personnellement")), ("societe", _l("Par une société que je contrôle"))]


class InvestissementForm(StepForm):
    societe = fields.text(_l("Société française dans laquelle vous investissez"), _l("Indiquez le nom de la société."))
    siren = fields.siren()
    mode = fields.radio(_l("Vous investissez"), MODES, _l("Dites comment vous investissez."))
    # Asked only for an investment through a company: validate_part_detenue requires it then.
    part_detenue = fields.optional_count(_l("Part du capital de votre société que vous détenez (en %)"),
                                         minimum=0, maximum=100)
    montant_investi = fields.amount(_l("Montant investi en immobilisations (en euros)"),
                                    _l("Indiquez le montant investi en euros, en chiffres."),
                                    description=_l("Actifs corporels ou incorporels : locaux, machines, brevets…"))
    emplois = fields.count(_l("Emplois créés ou maintenus en France"), _l("Indiquez le nombre d'emplois (0 si aucun)."),
                           maximum=100_000)

    def validate_part_detenue(self, field):
        if self.mode.data == "societe" and field.data is None and not field.errors:
            raise ValidationError(_l("Indiquez la part du capital que vous détenez."))


class ArtisteForm(StepForm):
    domaine = fields.text(_l("Domaine artistique"), _l("Indiquez votre domaine artistique."),
                          description=_l("Exemple : musique, danse, arts plastiques, littérature."))
    ressources_mensuelles = fields.amount(_l("Ressources brutes par mois tirées de votre activité (en euros)"),
                                          _l("Indiquez vos ressources mensuelles en euros, en chiffres."))
    contrats_mois = fields.count(_l("Mois de contrats salariés sur les 12 derniers mois"),
                                 _l("Indiquez un nombre de mois (0 si aucun)."), maximum=12,
                                 description=_l("Contrats d'engagement comme artiste-interprète, s'il y en a."))


DOMAINES_RENOMMEE = [("scientifique", _l("Scientifique")), ("litteraire", _l("Littéraire")),
                     ("artistique", _l("Artistique")), ("intellectuel", _l("Intellectuel")),
                     ("educatif", _l("Éducatif")), ("sportif", _l("Sportif"))]


class RenommeeForm(StepForm):
    domaine = fields.select(_l("Domaine de votre renommée"), DOMAINES_RENOMMEE, _l("Choisissez votre domaine."))
    realisations = fields.long_text(_l("Vos principales réalisations"),
                                    _l("Décrivez ce qui fonde votre renommée (prix, publications, sélections…)."))
    projet = fields.long_text(_l("Votre projet en France"), _l("Décrivez ce que vous venez faire en France."))
