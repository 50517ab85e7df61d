"""The work authorisation (autorisation de travail): filed by an employer account (or its mandataire) for an
employee, instructed by the main-d'œuvre étrangère platform of the workplace; once granted, its number fills the
employee's own titre request."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from anef import hookimpl
from anef.calendar.services import today
from anef.i18n import Euros
from anef.procedure_kit import checks as kit
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import REFUSAL, DecisionAttestation, DecisionDocument, date_text, summary_panel
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import DocumentRequirement, Panel, ProcedureInfo, Step
from anef.territories import departement_from_postcode
from plugins.autorisation_travail import checks, forms, services

CODE = services.CODE
PLATFORM = "plateforme_travail"
SEASONAL_PLATFORM = "moe-saisonnier"


def _has_mandataire(answers: dict) -> bool:
    return bool(kit.value(answers, "employeur", "mandataire_siret"))


def _document(kind, label, help_text="", **options) -> DocumentRequirement:
    return DocumentRequirement(kind, label, help_text, **options)


def platform_of(answers: dict) -> str | None:
    """The platform covering the workplace's département; the national one for seasonal work."""
    from anef.agents.models import Service
    from anef.extensions import db

    if checks.is_seasonal(answers):
        return SEASONAL_PLATFORM
    departement = departement_from_postcode(kit.value(answers, "lieu_travail", "code_postal"))
    if not departement:
        return None
    # Six platforms: read them rather than search inside a JSON column.
    for code, departements in db.session.execute(select(Service.code, Service.departements)
                                                 .where(Service.kind == PLATFORM).order_by(Service.code)):
        if departement in (departements or ()):
            return code
    return None


def _employee(answers: dict) -> str:
    return " ".join(x for x in (kit.value(answers, "identite", "prenoms"),
                                kit.value(answers, "identite", "nom").upper()) if x)


def _contract_text(answers: dict) -> str:
    kind = checks.contract(answers)
    if not kind:
        return ""
    length = checks.months(answers)
    name = forms.CONTRACT_NAMES.get(kind, kind)
    return str(name) if length is None else str(_l("%(kind)s de %(months)s mois", kind=name, months=length))


def _salary_text(answers: dict) -> str:
    salary = kit.answer_int(answers, "emploi", "salaire_mensuel_brut")
    hours = kit.answer_int(answers, "emploi", "heures_hebdo")
    if salary is None:
        return ""
    return str(_l("%(amount)s bruts par mois, %(hours)s heures par semaine", amount=Euros(salary), hours=hours or "—"))


def _tax_text(answers: dict, on: dt.date) -> str:
    tax = checks.ofii_tax(answers, on)
    return str(Euros(tax.amount)) if tax else str(_l("aucune"))


def _filed_on(dossier) -> dt.date:
    return dossier.filed_at.date() if dossier.filed_at else today()


class AutorisationTravailPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Autorisation de travail d'un salarié étranger"),
            summary=_l("Pour l'employeur qui embauche un salarié étranger, en France ou à l'étranger : emploi salarié, "
                       "travail temporaire ou saisonnier. Demande faite depuis un compte employeur."),
            filed_by="employer",
            opens_on=dt.date(2021, 4, 6),
            order=20,
            title_authorises_work=True,
            # « Normally 2 months »; silence is worth refusal (DOMAIN §3, VERIFY).
            silence_months=2,
            issues_card=False,
            after_acceptance=_l("L'autorisation de travail est accordée : son numéro figure sur la page de la demande. "
                                "Donnez-le, "
                                "avec le SIRET de l'établissement, au salarié pour sa demande de titre de séjour ; "
                                "aucune carte n'est à retirer."),
        )

    def eligibility(self, answers):
        if answers.get("ressortissant_ue") == "oui":
            return refer(_l("Un ressortissant de l'Union européenne, de l'Espace économique européen ou de la Suisse "
                            "travaille en France sans autorisation de travail : il n'y a rien à demander."))
        if answers.get("titre_autorisant") == "oui":
            return refer(_l("Le titre de séjour du salarié l'autorise déjà à travailler : aucune autorisation de "
                            "travail n'est nécessaire. Vérifiez-le auprès de la préfecture avant l'embauche."))
        if answers.get("emploi") == "talent":
            return refer(_l("La carte « talent » autorise à travailler sans autorisation de travail : c'est le salarié "
                            "qui la demande, avec son contrat. Aucune démarche de l'employeur n'est nécessaire."))
        contract = {"temporaire": "cdd", "saisonnier": "saisonnier"}.get(answers.get("emploi"))
        return eligible(**({"emploi": {"type_contrat": contract}} if contract else {}))

    def steps(self, answers):
        steps = [
            Step("employeur", _l("L'employeur"),
                 forms.MandataireEmployeurForm if _has_mandataire(answers) else forms.EmployeurForm),
            Step("identite", _l("Le salarié"), forms.SalarieForm),
            Step("passeport", _l("Passeport du salarié"), kit_forms.PasseportForm),
            Step("residence", _l("Où vit le salarié"), forms.ResidenceForm),
            Step("titre", _l("Titre de séjour du salarié"), forms.TitreForm) if checks.lives_in_france(answers)
            else Step("etranger", _l("Pays de résidence du salarié"), forms.EtrangerForm),
            Step("emploi", _l("L'emploi"), forms.EmploiForm),
        ]
        if checks.labour_market_test(answers):
            steps.append(Step("recrutement", _l("Recherche de candidats"), forms.RecrutementForm))
        steps.append(Step("lieu_travail", _l("Lieu de travail"),
                          forms.LieuTravailSaisonnierForm if checks.is_seasonal(answers) else forms.LieuTravailForm))
        return steps

    def prefill(self, dossier, step):
        """The company is the account's: filled when the draft is created, put back after each save."""
        from anef.employers.services import employer_answers

        company = employer_answers(dossier.applicant)
        if not company:
            return None
        company.pop("adresse_entreprise", None)
        typed = {name: value for name, value in ((dossier.answers or {}).get("employeur") or {}).items()
                 if name not in ("mandataire_nom", "mandataire_siret")}
        return {"employeur": {**typed, **company}}

    def documents(self, answers):
        # The employee's documents have kinds of their own, never mixed with the account's (the employer's) others.
        docs = [_document("passeport_salarie", _l("Passeport du salarié"),
                          _l("Les pages avec sa photo, son identité et les dates de validité."),
                          expiry_answer=("passeport", "date_expiration"), identity=True)]
        if checks.lives_in_france(answers):
            docs.append(_document("titre_sejour_salarie", _l("Titre de séjour du salarié"), _l("Recto et verso."),
                                  expiry_answer=("titre", "titre_expiration"), identity=True))
        docs += [_document("cv_salarie", _l("CV du salarié")),
                 _document("diplomes_salarie", _l("Diplômes ou certificats de travail du salarié"),
                           _l("Avec leur traduction s'ils ne sont pas en français."), mandatory=False),
                 _document("lettre_recrutement", _l("Lettre expliquant le recrutement"),
                           _l("Le poste, les missions et pourquoi ce salarié.")),
                 ]
        given_recently = kit.value(answers, "employeur", "documents_recents") == "oui"
        recent_help = _l("Déjà donnés dans les 12 derniers mois et inchangés : facultatifs.")
        docs += [_document("kbis", _l("Extrait Kbis et statuts (ou extrait K, carte d'artisan)"),
                           recent_help if given_recently else _l("Extrait de moins de 3 mois."),
                           mandatory=not given_recently, max_age_days=90),
                 _document("attestation_urssaf", _l("Attestation de vigilance URSSAF de moins de 6 mois"),
                           recent_help if given_recently else _l("Elle prouve que l'entreprise est à jour de ses "
                                                                 "cotisations sociales."),
                           mandatory=not given_recently, max_age_days=180)]
        if kit.value(answers, "employeur", "exoneration_taxe") == "particulier":
            docs.append(_document("avis_imposition", _l("Dernier avis d'imposition de l'employeur"),
                                  _l("Demandé au particulier qui emploie à domicile.")))
        if checks.labour_market_test(answers):
            docs += [_document("offre_emploi", _l("Offre d'emploi publiée")),
                     _document("preuve_publication", _l("Preuve de la publication pendant 3 semaines"),
                               _l("Publiée auprès de France Travail dans les 6 mois avant la demande.")),
                     _document("bilan_candidatures", _l("Bilan des candidatures reçues"),
                               _l("Le nombre de candidatures, et l'attestation qu'aucune ne convenait."))]
        if kit.value(answers, "emploi", "profession_reglementee") == "oui":
            docs.append(_document("exercice_profession", _l("Autorisation d'exercer la profession réglementée"),
                                  _l("Diplôme reconnu, inscription à l'ordre ou autorisation d'exercice.")))
        if checks.is_seasonal(answers):
            docs.append(_document("logement_saisonnier", _l("Justificatif d'un logement décent pour le salarié"),
                                  _l("Bail, attestation de l'employeur qui loge, ou description du logement.")))
        if _has_mandataire(answers):
            docs.append(_document("mandat", _l("Mandat de l'employeur"),
                                  _l("Daté et signé par l'employeur, il autorise le mandataire à faire cette "
                                     "demande.")))
        return docs

    def checklist(self, answers):
        items = [_l("L'identité du salarié correspond à son passeport."),
                 _l("L'entreprise est à jour de ses cotisations (attestation URSSAF de moins de 6 mois) ; aucune "
                    "condamnation ni sanction pour travail illégal ou santé et sécurité."),
                 _l("Le métier figure sur la liste des métiers en tension de la région, ou l'offre a été publiée "
                    "3 semaines sans candidat convenable."),
                 _l("Le salaire atteint le SMIC et le minimum de la convention collective, même à temps partiel.")]
        if kit.value(answers, "emploi", "profession_reglementee") == "oui":
            items.append(_l("Les conditions d'exercice de la profession réglementée sont remplies."))
        if checks.is_seasonal(answers):
            items.append(_l("Le logement du salarié saisonnier est décent ; le contrat dure 6 mois au plus."))
        if _has_mandataire(answers):
            items.append(_l("Le mandat est signé par l'employeur et couvre cette demande."))
        return items

    def route(self, answers):
        return platform_of(answers)

    def connectors(self, answers):
        return ["api_entreprise", "agdref", "fpr", "sis", "cjn"]

    def decision_number(self, dossier):
        return services.new_number(today().year)

    @hookimpl
    def find_work_authorisation(self, number, siret):
        return services.find(number, siret)

    def decisions(self, answers: dict) -> dict:
        return {"accepte": [DecisionDocument(
            "autorisation_travail", _l("Autorisation de travail"), "decision_favorable",
            _l("pour cet emploi, chez cet employeur, pour la durée du contrat"),
            _l("Le salarié indique son numéro et le SIRET de l'employeur dans sa demande de titre de séjour, qui se "
               "remplit avec l'emploi autorisé."))],
            "refuse": [REFUSAL]}

    def agent_panels(self, dossier):
        answers = dossier.answers or {}
        filed_on = _filed_on(dossier)
        hours = kit.answer_int(answers, "emploi", "heures_hebdo")
        smic = checks.smic_for_hours(filed_on, hours) if hours else None
        employer = "%s (%s)" % (kit.value(answers, "employeur", "raison_sociale"),
                                kit.value(answers, "employeur", "siret"))
        rows = [
            (_l("Employeur (SIRET)"), employer),
            (_l("Mandataire (SIRET)"), "%s (%s)" % (kit.value(answers, "employeur", "mandataire_nom"),
                                                    kit.value(answers, "employeur", "mandataire_siret"))
             if _has_mandataire(answers) else ""),
            (_l("Salarié"), _employee(answers)),
            (_l("Nationalité"), kit.value(answers, "identite", "nationalite")),
            (_l("Résidence"), _l("en France") if checks.lives_in_france(answers)
             else kit.value(answers, "etranger", "pays_residence")),
            (_l("Emploi"), kit.value(answers, "emploi", "poste")),
            (_l("Contrat"), _contract_text(answers)),
            (_l("Rémunération"), _salary_text(answers)),
            (_l("SMIC pour cette durée de travail"), str(Euros(smic.amount)) if smic else ""),
            (_l("Métier en tension"), _l("oui") if kit.value(answers, "emploi", "metier_en_tension") == "oui"
             else _l("non : test du marché du travail")),
            (_l("Lieu de travail"), " ".join(x for x in (kit.value(answers, "lieu_travail", "code_postal"),
                                                       kit.value(answers, "lieu_travail", "commune")) if x)),
            (_l("Taxe OFII due par l'employeur"), _tax_text(answers, filed_on)),
            (_l("Numéro de l'autorisation"), dossier.decision_reference or ""),
        ]
        return [summary_panel(_l("Synthèse de l'autorisation de travail"), rows, self.decisions(answers))]

    def applicant_panels(self, dossier):
        if dossier.state == "brouillon":
            return []
        answers = dossier.answers or {}
        return [Panel(title=_l("Autorisation de travail accordée") if dossier.decision_reference
                      else _l("Le salarié et l'emploi"),
                      template="autorisation_travail/_employer_panel.html", priority=10,
                      context={"number": dossier.decision_reference, "siret": kit.value(answers, "employeur", "siret"),
                               "employee": _employee(answers), "job": kit.value(answers, "emploi", "poste"),
                               "contract": _contract_text(answers), "salary": _salary_text(answers),
                               "tax": _tax_text(answers, _filed_on(dossier)),
                               "granted_on": date_text(dossier.decided_at) if dossier.decision_reference else ""})]

    def attestation(self, dossier):
        answers = dossier.answers or {}
        employer = kit.value(answers, "employeur", "raison_sociale")
        siret = kit.value(answers, "employeur", "siret")
        return DecisionAttestation(
            statement=_l("L'administration atteste que l'autorisation de travail n° %(number)s a été accordée à "
                         "l'employeur %(employer)s (SIRET %(siret)s) pour le salarié et l'emploi décrits ci-dessous.",
                         number=dossier.decision_reference or "—", employer=employer, siret=siret),
            allows=(_l("Au salarié, d'occuper cet emploi chez cet employeur, pour la durée du contrat, une fois son "
                       "visa ou son titre de séjour obtenu."),
                    _l("Au salarié, de demander son titre de séjour ou son visa en indiquant ce numéro et le SIRET de "
                       "l'employeur : sa demande se remplit avec l'emploi autorisé.")),
            does_not_allow=(_l("Elle ne vaut pas titre de séjour ni visa : le salarié doit les demander."),
                            _l("Elle ne vaut que pour cet emploi, chez cet employeur.")),
            facts=((_l("Employeur"), "%s (%s)" % (employer, siret)),
                   (_l("Emploi"), kit.value(answers, "emploi", "poste")),
                   (_l("Contrat"), _contract_text(answers)),
                   (_l("Rémunération"), _salary_text(answers)),
                   (_l("Lieu de travail"), kit.value(answers, "lieu_travail", "commune")),
                   (_l("Taxe OFII due par l'employeur"), _tax_text(answers, _filed_on(dossier)))))


plugin = AutorisationTravailPlugin()
