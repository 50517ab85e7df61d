"""The travel documents' eligibility questions and form steps."""
from flask_babel import lazy_gettext as _l

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.validators import FutureDate
from anef.validators import PastDate

REFUGIE = "refugie"
PROTECTION_SUBSIDIAIRE = "protection_subsidiaire"
APATRIDE = "apatride"
SANS_PROTECTION = "aucun"
PROTECTED = (REFUGIE, PROTECTION_SUBSIDIAIRE, APATRIDE)
STATUTS = [(REFUGIE, _l("Réfugié")), (PROTECTION_SUBSIDIAIRE, _l("Bénéficiaire de la protection subsidiaire")),
           (APATRIDE, _l("Apatride")),
           (SANS_PROTECTION, _l("Aucune protection : je ne peux pas obtenir de passeport de mon pays"))]
CARDS = [("resident", _l("Carte de résident (10 ans)")), ("csp", _l("Carte de séjour pluriannuelle")),
         ("cst", _l("Carte de séjour temporaire"))]
MOTIFS_SANS_PASSEPORT = [("refus", _l("Les autorités de mon pays refusent de me délivrer un passeport")),
                         ("pas_de_consulat", _l("Mon pays n'a ni ambassade ni consulat accessible en France")),
                         ("autre", _l("Une autre raison"))]


class EligibilityForm(StepForm):
    statut = fields.radio(_l("Quelle est votre situation ?"),
                          [(REFUGIE, _l("Je suis réfugié (statut reconnu par l'OFPRA ou la CNDA)")),
                           (PROTECTION_SUBSIDIAIRE, _l("Je bénéficie de la protection subsidiaire")),
                           (APATRIDE, _l("Je suis reconnu apatride")),
                           ("demandeur_asile", _l("J'ai demandé l'asile, je n'ai pas encore la réponse")),
                           (SANS_PROTECTION, _l("Je n'ai aucune de ces protections"))],
                          _l("Indiquez votre situation."))
    carte = fields.yes_no(_l("Avez-vous une carte de séjour en cours de validité ?"))
    passeport_possible = fields.yes_no(_l("Pouvez-vous obtenir un passeport auprès des autorités de votre pays ?"),
                                       description=_l("Répondez « Non » si vous êtes réfugié, protégé ou apatride."))


class SituationForm(StepForm):
    statut = fields.radio(_l("Votre situation"), STATUTS, _l("Indiquez votre situation."))


class ProtectionForm(StepForm):
    autorite = fields.radio(_l("Qui vous a accordé la protection ?"),
                            [("ofpra", _l("L'OFPRA")), ("cnda", _l("La CNDA, sur recours"))],
                            _l("Dites qui vous a accordé la protection."))
    date_decision = fields.date_field(_l("Date de la décision"), _l("Indiquez la date de la décision."),
                                      PastDate(_l("La date de la décision ne peut pas être dans le futur.")))
    numero_ofpra = fields.optional_text(_l("Numéro de dossier OFPRA (facultatif)"), 20,
                                        description=_l("Inscrit sur les courriers de l'OFPRA."), autocomplete="off")


class SansPasseportForm(StepForm):
    motif = fields.radio(_l("Pourquoi ne pouvez-vous pas obtenir de passeport ?"), MOTIFS_SANS_PASSEPORT,
                         _l("Dites pourquoi vous ne pouvez pas obtenir de passeport."))
    date_demarche = fields.date_field(_l("Date de votre dernière démarche auprès de vos autorités"),
                                      _l("Indiquez la date de votre dernière démarche."),
                                      PastDate(_l("Cette date ne peut pas être dans le futur.")),
                                      description=_l("La date de la demande de passeport, ou du refus reçu."))
    explication = fields.long_text(_l("Expliquez en quelques mots"), _l("Expliquez votre situation en quelques mots."))


class TitreForm(StepForm):
    numero_etranger = fields.numero_etranger()
    numero_carte = fields.card_number()
    titre_type = fields.radio(_l("Votre carte"), CARDS, _l("Choisissez le type de votre carte."))
    titre_expiration = fields.date_field(_l("Date d'expiration de la carte"),
                                         _l("Indiquez la date d'expiration de votre carte."),
                                         FutureDate(_l("Votre carte a expiré : demandez d'abord son "
                                                       "renouvellement.")))


class VoyageForm(StepForm):
    ancien_titre = fields.yes_no(_l("Avez-vous déjà eu un titre de voyage délivré par la France ?"))


class VoyageProtectionForm(VoyageForm):
    pays_exclu = fields.agreement(
        _l("J'ai compris que ce titre ne permet pas de me rendre dans le pays dont j'ai la nationalité, ou que j'ai "
           "fui."),
        _l("Cochez cette case : ce titre exclut votre pays d'origine."))


AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)
