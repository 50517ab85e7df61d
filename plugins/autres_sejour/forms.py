"""Other residence cards: intern, foreign national in need of care, victim of trafficking, exceptional admission."""
from flask_babel import lazy_gettext as _l
from wtforms import ValidationError

from anef.forms import StepForm
from anef.procedure_kit import fields
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.validators import NotBefore, Siret
from anef.validators import After, PastDate

KINDS = [("stagiaire", _l("Stage en France, avec une convention de stage")),
         ("etranger_malade", _l("Soins : mon état de santé demande une prise en charge que je ne peux pas avoir dans "
                                "mon pays")),
         ("victime_traite", _l("Victime de traite des êtres humains ou de proxénétisme, j'ai porté plainte ou "
                               "témoigné")),
         ("admission_exceptionnelle", _l("Admission exceptionnelle au séjour : plusieurs années en France, par le "
                                         "travail ou pour motif humanitaire"))]
KIND_NAMES = {"stagiaire": _l("stagiaire"), "etranger_malade": _l("étranger malade"),
              "victime_traite": _l("victime de traite ou de proxénétisme"),
              "admission_exceptionnelle": _l("admission exceptionnelle au séjour")}
DEMANDE = [("premiere", _l("Première demande")), ("renouvellement", _l("Renouvellement de ma carte"))]
CARTES = [("cst", _l("Carte de séjour temporaire")), ("vls_ts", _l("Visa long séjour validé (VLS-TS)")),
          ("autre", _l("Autre titre de séjour"))]
VOIES = [("metiers_en_tension", _l("Par le travail, dans un métier en tension")),
         ("salarie", _l("Par le travail, dans un autre métier")),
         ("vie_privee", _l("Pour des motifs humanitaires ou ma vie privée et familiale"))]


class EligibilityForm(StepForm):
    motif = fields.radio(_l("Pour quel motif demandez-vous une carte ?"),
                         [*KINDS, ("autre", _l("Aucun de ces motifs"))], _l("Choisissez votre motif."))
    demande = fields.radio(_l("Que demandez-vous ?"), DEMANDE, _l("Choisissez le type de demande."))


class SituationForm(StepForm):
    motif = fields.radio(_l("Motif de la demande"), KINDS, _l("Choisissez votre motif."))
    demande = fields.radio(_l("Type de demande"), DEMANDE, _l("Choisissez le type de demande."))


TitreForm = kit_forms.make_titre_form(CARTES)
AdresseForm = kit_forms.make_adresse_form(kit_forms.HEBERGEMENT_GENERAL)


class StageForm(StepForm):
    organisme = fields.text(_l("Organisme qui vous accueille"), _l("Indiquez l'organisme d'accueil."))
    siret = fields.siret(_l("Numéro SIRET de l'organisme d'accueil"))
    date_debut = fields.date_field(_l("Début du stage"), _l("Indiquez la date de début du stage."))
    date_fin = fields.date_field(_l("Fin du stage"), _l("Indiquez la date de fin du stage."),
                                 After("date_debut", _l("La fin du stage doit être après son début.")))
    gratification_mensuelle = fields.amount(_l("Gratification mensuelle (en euros)"),
                                            _l("Indiquez la gratification mensuelle (0 s'il n'y en a pas)."))


class SoinsForm(StepForm):
    date_arrivee = fields.date_field(_l("Date d'arrivée en France"), _l("Indiquez votre date d'arrivée en France."),
                                     PastDate(_l("La date d'arrivée ne peut pas être dans le futur.")))
    medecin = fields.text(_l("Médecin qui vous suit en France"), _l("Indiquez le nom de votre médecin."),
                          description=_l("Il remplira le certificat médical destiné au collège de médecins de "
                                         "l'OFII."))
    certificat_confidentiel = fields.agreement(
        _l("J'ai compris que mon certificat médical est envoyé sous pli confidentiel aux médecins de l'OFII, "
           "et non à la préfecture."),
        _l("Cochez cette case : elle confirme la façon dont votre certificat médical est transmis."))


class PlainteForm(StepForm):
    date_plainte = fields.date_field(_l("Date de la plainte ou du témoignage"),
                                     _l("Indiquez la date de votre plainte ou de votre témoignage."),
                                     PastDate(_l("Cette date ne peut pas être dans le futur.")))
    service = fields.text(_l("Service qui l'a reçue"), _l("Indiquez le commissariat, la gendarmerie ou le tribunal."))


class PresenceForm(StepForm):
    date_arrivee = fields.date_field(_l("Date d'arrivée en France"), _l("Indiquez votre date d'arrivée en France."),
                                     PastDate(_l("La date d'arrivée ne peut pas être dans le futur.")))
    voie = fields.radio(_l("Votre demande"), VOIES, _l("Choisissez le fondement de votre demande."))
    # Asked for the routes through work only: validate_employeur and validate_siret require them then.
    employeur = fields.conditional_text(_l("Employeur (si vous demandez par le travail)"))
    siret = fields.conditional_text(_l("Numéro SIRET de l'employeur (si vous demandez par le travail)"), 20,
                                    inputmode="numeric", autocomplete="off")
    metier = fields.conditional_text(_l("Métier exercé (si vous demandez par le travail)"))
    debut_emploi = fields.date_field(_l("Début de votre activité en France, ou de votre vie familiale ici"),
                                     _l("Indiquez une date."), PastDate(_l("Cette date ne peut pas être dans le futur.")),
                                     NotBefore("date_arrivee", _l("Cette date ne peut pas précéder votre arrivée.")))

    def _through_work(self) -> bool:
        return self.voie.data in ("metiers_en_tension", "salarie")

    def validate_employeur(self, field):
        if self._through_work() and not (field.data or "").strip():
            raise ValidationError(_l("Indiquez votre employeur."))

    def validate_siret(self, field):
        if not (field.data or "").strip():
            if self._through_work():
                raise ValidationError(_l("Indiquez le numéro SIRET de votre employeur."))
            return
        Siret()(self, field)

    def validate_metier(self, field):
        if self._through_work() and not (field.data or "").strip():
            raise ValidationError(_l("Indiquez votre métier."))
