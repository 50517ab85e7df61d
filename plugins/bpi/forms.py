"""Cards of beneficiaries of international protection: eligibility questions and form steps."""
from flask_babel import lazy_gettext as _l
from wtforms.validators import Regexp

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.validators import PastDate

STATUTS = [("refugie", _l("Réfugié")), ("protection_subsidiaire", _l("Bénéficiaire de la protection subsidiaire")),
           ("apatride", _l("Apatride"))]
DEMANDE = [("premiere", _l("Première carte après la décision de protection")),
           ("renouvellement", _l("Renouvellement de ma carte"))]
AUTORITES = [("ofpra", _l("L'OFPRA (Office français de protection des réfugiés et apatrides)")),
             ("cnda", _l("La CNDA (Cour nationale du droit d'asile)"))]
CARTES = [("resident_refugie", _l("Carte de résident « réfugié »")),
          ("csp_protection", _l("Carte de séjour pluriannuelle « protection subsidiaire » ou « apatride »")),
          ("autre", _l("Autre titre de séjour"))]
HOUSING = [("personnel", _l("Logement à mon nom (location, propriété)")),
           ("centre", _l("Centre d'hébergement (CADA, CPH, HUDA…)")),
           ("tiers", _l("Hébergé par une autre personne"))]


class EligibilityForm(StepForm):
    statut = fields.radio(_l("Votre situation"),
                          [*STATUTS, ("demandeur_asile", _l("Ma demande d'asile est en cours d'examen")),
                           ("autre", _l("Aucune de ces situations"))],
                          _l("Choisissez votre situation."))
    demande = fields.radio(_l("Que demandez-vous ?"), DEMANDE, _l("Choisissez le type de demande."))


class SituationForm(StepForm):
    statut = fields.radio(_l("Protection accordée"), STATUTS, _l("Choisissez votre protection."))
    demande = fields.radio(_l("Type de demande"), DEMANDE, _l("Choisissez le type de demande."))


class IdentiteForm(kit_forms.IdentiteContactForm):
    min_age = 16


class ProtectionForm(StepForm):
    autorite = fields.radio(_l("Qui vous a accordé la protection ?"), AUTORITES, _l("Choisissez l'autorité."))
    date_decision = fields.date_field(_l("Date de la décision"), _l("Indiquez la date de la décision."),
                                      PastDate(_l("La date de la décision ne peut pas être dans le futur.")))
    numero_ofpra = fields.text(_l("Numéro de dossier OFPRA"), _l("Indiquez votre numéro de dossier OFPRA."), 20,
                               Regexp(r"^[0-9A-Za-z-]{6,20}$", message=_l("Le numéro de dossier OFPRA compte de 6 à 20 "
                                                                         "chiffres ou lettres, sans espace.")),
                               description=_l("Il figure sur la décision et sur les courriers de l'OFPRA."))


TitreForm = kit_forms.make_titre_form(CARTES)
AdresseForm = kit_forms.make_adresse_form(HOUSING)
