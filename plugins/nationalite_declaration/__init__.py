"""Declaration of French nationality by marriage (C. civ. 21-2), received by the naturalisation platforms; the
francisation of one's name or first names within a year of becoming French (loi 72-964), and the prior appeal to the
minister (RAPO) against a refused naturalisation, linked to that decision — both decided by the national service.

Its own deadlines are data (:data:`DEADLINES`, on the legal clock): the registration may be refused only within a
year of the récépissé, and the government may oppose the acquisition within 2 years.
"""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import DecisionAttestation, DecisionDocument, date_text, summary_panel
from anef.procedure_kit.routing import platform_of_address
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import AppealRoute, DocumentRequirement, LegalDeadline, Panel, ProcedureInfo, Step
from plugins.nationalite_declaration import checks, forms

CODE = "nationalite_declaration"
PLATFORM_KIND = "plateforme_naturalisation"
NATURALISATION = "naturalisation"

DEADLINES = (
    # C. civ. 26-3: the registration of a declaration by marriage may be refused within 1 year of the récépissé.
    LegalDeadline(_l("Date limite d'un refus d'enregistrement"), 12,
                  _l("Après cette date, l'enregistrement de votre déclaration ne peut plus être refusé.")),
    # C. civ. 21-4: the government may oppose, for unworthiness or lack of assimilation other than linguistic
    # (polygamy included), within 2 years of the récépissé, even after the registration.
    LegalDeadline(_l("Fin du délai d'opposition du Gouvernement"), 24,
                  _l("Jusqu'à cette date, le Gouvernement peut s'opposer, par décret en Conseil d'État, à l'acquisition "
                     "de la nationalité pour indignité ou défaut d'assimilation autre que linguistique."),
                  after_decision=True),
)
# A refusal to register is contested before the civil courts, not the administrative ones: the tribunal judiciaire,
# within 6 months (C. civ. 26-3; not in DOMAIN.md, VERIFY).
APPEAL_ROUTES = (
    AppealRoute(_l("Contestation du refus d'enregistrement"), _l("devant le tribunal judiciaire"), 6,
                _l("La décision vous est notifiée avec ses motifs ; l'assistance d'un avocat est obligatoire.")),
)
DECISIONS = {
    "accepte": [DecisionDocument(
        "declaration_enregistree", _l("Déclaration de nationalité enregistrée"), "decision_favorable",
        detail=_l("Vous êtes français à compter du jour où la déclaration a été souscrite. Le service central d'état "
                  "civil de Nantes établit vos actes d'état civil français."))],
    "refuse": [DecisionDocument("refus", _l("Refus d'enregistrement motivé"), "refus",
                                detail=_l("Il peut être contesté devant le tribunal judiciaire."))],
}


NATIONAL_SERVICE = "sdanf"
MARIAGE, FRANCISATION, RAPO = "mariage", "francisation", "rapo"


def motif(answers: dict) -> str:
    """What the request is: a declaration by marriage (the default), a francisation, or a RAPO."""
    return (answers.get("motif") or {}).get("motif") or MARIAGE


OTHER_DECISIONS = {
    FRANCISATION: {
        "accepte": [DecisionDocument("francisation_accordee", _l("Francisation accordée"), "decision_favorable",
                                     detail=_l("Le service central d'état civil de Nantes porte le nom et les prénoms "
                                               "francisés sur vos actes d'état civil."))],
        "refuse": [DecisionDocument("refus", _l("Refus de francisation motivé"), "refus")]},
    RAPO: {
        "accepte": [DecisionDocument("recours_accueilli", _l("Recours accueilli"), "decision_favorable",
                                     detail=_l("La décision contestée est retirée : votre demande de naturalisation "
                                               "est examinée à nouveau."))],
        "refuse": [DecisionDocument("refus", _l("Rejet du recours motivé"), "refus",
                                    detail=_l("Il peut être contesté devant le tribunal administratif de Nantes dans "
                                              "les 2 mois."))]},
}


def _rapo_eligibility():
    from flask_login import current_user

    from anef.procedure_kit.linked import refused_decisions

    if not refused_decisions(current_user.id, NATURALISATION):
        return refer(_l("Le recours préalable obligatoire porte sur une décision défavorable prise sur votre demande de "
                        "naturalisation : aucune de vos demandes de naturalisation n'a été refusée sur ce service. "
                        "Pour une décision reçue sur papier, adressez votre recours au ministre de l'Intérieur, par "
                        "courrier, dans les 2 mois."))
    return eligible(motif={"motif": RAPO})


FRANCISATION_DOCUMENTS = [
    DocumentRequirement("acte_naissance_francais", _l("Votre acte de naissance français"),
                        _l("Établi par le service central d'état civil de Nantes après l'acquisition de la nationalité.")),
    DocumentRequirement("acte_acquisition", _l("Le décret ou la déclaration par lesquels vous êtes devenu(e) "
                                               "français(e)"), _l("Une copie, ou la page du Journal officiel.")),
]
RAPO_DOCUMENTS = [
    DocumentRequirement("decision_contestee", _l("La décision contestée"),
                        _l("Facultatif : elle est déjà liée à votre recours."), mandatory=False),
    DocumentRequirement("pieces_recours", _l("Pièces à l'appui de votre recours"),
                        _l("Contrat de travail, diplôme, attestation de niveau de français…"), mandatory=False),
]


def _francisation_documents(answers: dict) -> list[DocumentRequirement]:
    wanted = answers.get("francisation") or {}
    docs = []
    if wanted.get("nom_choix") == "ascendant":
        docs.append(DocumentRequirement("preuve_ascendant", _l("Preuve du nom de votre ascendant français"),
                                        _l("Son acte de naissance et les actes qui établissent votre filiation.")))
    return docs


def _contested(dossier):
    """The refused naturalisation a RAPO is linked to, as the core's dossiers record it."""
    from anef.procedure_kit.linked import decision

    reference = ((dossier.answers or {}).get("recours") or {}).get("decision", "")
    found = decision(reference)
    return found if found is not None and found.applicant_id == dossier.applicant_id else None


def _rapo_panel(dossier, agent_view: bool):
    from anef.calendar.services import add_months

    found = _contested(dossier)
    notified = checks.kit.answer_date(dossier.answers or {}, "recours", "date_notification")
    link = None
    if agent_view and found is not None:
        from flask_login import current_user

        if current_user.is_authenticated and current_user.service_id == found.service_id:
            from flask import url_for

            link = url_for("agents.dossier", reference=found.reference)
    context = {"decision": found, "link": link, "notified": date_text(notified),
               "deadline": date_text(add_months(notified, forms.RAPO_DELAY_MONTHS)) if notified else "",
               "decided": date_text(found.decided_on) if found else "", "agent_view": agent_view}
    return Panel(_l("Décision de naturalisation contestée"), "nationalite_declaration/_recours.html", context, 5)


class NationaliteDeclarationPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Déclaration de nationalité, francisation, recours"),
            summary=_l("Marié(e) depuis au moins 4 ans à une personne française : devenir français par déclaration. "
                       "Devenu(e) français(e) depuis moins d'un an : franciser votre nom ou vos prénoms. "
                       "Naturalisation refusée : former le recours préalable obligatoire auprès du ministre."),
            filed_by="applicant",
            # « En 2023 » in the seeds (SPEC: 2022-12 / 2023): the décrets 2023-64 and 2023-65, in force on 5 February
            # 2023, made declarations by marriage an online procedure (DOMAIN §11, S123).
            opens_on=dt.date(2023, 2, 5),
            order=180,
            appeal_routes=APPEAL_ROUTES,
            # Silence is not a refusal here: once a year has passed since the récépissé, the registration can no longer
            # be refused (C. civ. 26-3), so the clock shows that deadline instead of an implicit refusal.
            silence_months=0,
            deadlines=DEADLINES,
            issues_card=False,
            after_acceptance=_l("La décision est dans votre espace. Le service central d'état civil de Nantes établit "
                                "ou met à jour vos actes d'état civil français ; aucune carte n'est à retirer."),
        )

    def eligibility(self, answers):
        motif = answers.get("motif")
        if motif == FRANCISATION:
            return eligible(motif={"motif": FRANCISATION})
        if motif == RAPO:
            return _rapo_eligibility()
        if motif == "aucun":
            return refer(_l("Sans mariage avec une personne française, on devient français par la naturalisation, "
                            "après 5 ans de résidence en France en général."), NATURALISATION)
        if motif != "mariage":
            return refer(_l("Les déclarations des ascendants, frères et sœurs de Français ne se font pas encore sur ce "
                            "service : adressez-vous à la plateforme d'accès à la nationalité de votre département."))
        if answers.get("conjoint_francais") == "non":
            return refer(_l("La déclaration suppose que votre conjoint ait été français le jour du mariage. Vous "
                            "pouvez demander la naturalisation."), NATURALISATION)
        if answers.get("vie_commune") == "non":
            return refer(_l("La déclaration suppose une vie commune sans interruption depuis le mariage. Vous pouvez "
                            "demander la naturalisation."), NATURALISATION)
        from anef.calendar.services import today

        years = checks.required_years(answers.get("residence_3ans"))
        since = checks.eligible_from(answers["date_mariage"], years)
        if since > today():
            return refer(_l("La déclaration demande %(years)s ans de mariage dans votre situation : vous pourrez la "
                            "souscrire à partir du %(date)s. D'ici là, si vous résidez en France depuis 5 ans, vous "
                            "pouvez demander la naturalisation.", years=years, date=date_text(since)), NATURALISATION)
        return eligible(mariage={"date_mariage": answers["date_mariage"].isoformat(),
                                 "conjoint_francais": answers["conjoint_francais"],
                                 "vie_commune": answers["vie_commune"], "residence_3ans": answers["residence_3ans"]})

    def steps(self, answers):
        if motif(answers) == FRANCISATION:
            return [Step("acquisition", _l("Votre nationalité française"), forms.AcquisitionForm),
                    Step("identite", _l("Identité"), kit_forms.IdentiteContactForm),
                    Step("francisation", _l("La francisation demandée"), forms.FrancisationDemandeForm),
                    Step("adresse", _l("Adresse en France"), forms.AdresseForm)]
        if motif(answers) == RAPO:
            return [Step("recours", _l("La décision contestée"), forms.RecoursForm),
                    Step("identite", _l("Identité"), kit_forms.IdentiteContactForm),
                    Step("adresse", _l("Adresse en France"), forms.AdresseForm)]
        return [Step("mariage", _l("Votre mariage"), forms.MariageForm),
                Step("conjoint", _l("Votre conjoint français"), forms.ConjointForm),
                Step("identite", _l("Identité"), kit_forms.IdentiteContactForm),
                Step("passeport", _l("Passeport"), kit_forms.PasseportForm),
                Step("titre", _l("Titre de séjour"), forms.TitreForm),
                Step("adresse", _l("Adresse en France"), forms.AdresseForm),
                Step("langue", _l("Français"), forms.LangueForm),
                Step("francisation", _l("Francisation de votre nom ou de vos prénoms"), forms.FrancisationForm),
                Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm)]

    def documents(self, answers):
        if motif(answers) == FRANCISATION:
            return [*FRANCISATION_DOCUMENTS, *_francisation_documents(answers), *kit_docs.housing(answers)]
        if motif(answers) == RAPO:
            return list(RAPO_DOCUMENTS)
        marriage = answers.get("mariage") or {}
        docs = [kit_docs.passeport(), kit_docs.titre_sejour(),
                DocumentRequirement("acte_naissance", _l("Acte de naissance"),
                                    _l("Copie intégrale avec filiation, légalisée ou apostillée selon le pays, et sa "
                                       "traduction par un traducteur assermenté.")),
                DocumentRequirement("acte_mariage", _l("Acte de mariage"),
                                    _l("Français, ou étranger transcrit par le service central d'état civil, de moins "
                                       "de 3 mois."), max_age_days=90),
                DocumentRequirement("acte_naissance_conjoint", _l("Acte de naissance de votre conjoint"),
                                    _l("Copie intégrale de moins de 3 mois."), max_age_days=90),
                DocumentRequirement("nationalite_conjoint", _l("Preuve de la nationalité française de votre conjoint"),
                                    _l("À la date du mariage : certificat de nationalité française, ou décret ou "
                                       "déclaration par lesquels il est devenu français.")
                                    if (answers.get("conjoint") or {}).get("conjoint_nationalite") == "acquisition"
                                    else _l("À la date du mariage : certificat de nationalité française ou carte "
                                            "nationale d'identité.")),
                DocumentRequirement("attestation_communaute_vie", _l("Attestation sur l'honneur de communauté de vie"),
                                    _l("Datée et signée par vous et votre conjoint.")),
                DocumentRequirement("vie_commune", _l("Preuves de la vie commune depuis le mariage"),
                                    _l("Bail, factures, avis d'imposition communs, actes de naissance des enfants.")),
                *kit_docs.housing(answers)]
        if marriage.get("residence_3ans") == "oui":
            docs.append(DocumentRequirement("preuves_residence", _l("Preuves de 3 ans de résidence en France"),
                                            _l("Continue et régulière depuis le mariage : titres de séjour, avis "
                                               "d'imposition.")))
        if marriage.get("inscription_consulaire") == "oui":
            docs.append(DocumentRequirement("inscription_consulaire",
                                            _l("Certificat d'inscription consulaire du conjoint"),
                                            _l("Au registre des Français établis hors de France, pour la vie commune à "
                                               "l'étranger.")))
        if marriage.get("union_anterieure") == "oui":
            docs.append(DocumentRequirement("unions_anterieures", _l("Dissolution des mariages précédents"),
                                            _l("Jugements de divorce ou actes de décès, pour vous et votre conjoint.")))
        if (answers.get("langue") or {}).get("justificatif") == "diplome_francais":
            docs.append(kit_docs.diplome(_l("Le diplôme obtenu en français, en France ou dans un pays francophone : il "
                                            "dispense du test de langue.")))
        else:
            docs.append(DocumentRequirement("attestation_francais", _l("Diplôme ou attestation de niveau de français"),
                                            _l("Attestation de réussite du TCF ou du TEF « intégration, résidence et "
                                               "nationalité », ou diplôme DELF ou DALF.")))
        if (answers.get("francisation") or {}).get("demande") == "oui":
            docs += _francisation_documents(answers)
        return docs

    def checklist(self, answers):
        if motif(answers) == FRANCISATION:
            return [_l("La nationalité française a été acquise il y a moins d'un an (décret ou déclaration)."),
                    _l("Le nom ou les prénoms demandés répondent à la loi : traduction, forme qui perd son caractère "
                       "étranger, nom d'un ascendant français, prénom français substitué ou ajouté.")]
        if motif(answers) == RAPO:
            return [_l("Le recours est formé dans les 2 mois de la notification de la décision contestée."),
                    _l("Les motifs de la décision contestée sont réexaminés au vu des arguments et des faits "
                       "nouveaux."),
                    _l("Sans réponse dans les 4 mois, le recours est rejeté ; le demandeur peut alors saisir le "
                       "tribunal administratif de Nantes.")]
        return [_l("Le dossier est complet : le récépissé est délivré ; le refus d'enregistrement n'est possible que "
                   "dans l'année qui suit."),
                _l("Le mariage est valable, transcrit s'il a été célébré à l'étranger, et le conjoint était français à "
                   "sa date."),
                _l("La durée de mariage et de communauté de vie (4 ou 5 ans) est prouvée ; l'attestation de communauté "
                   "de vie est signée par les deux époux."),
                _l("Le séjour est régulier et le niveau de français B1 est prouvé."),
                _l("L'enquête sur la communauté de vie et l'assimilation est revenue ; pas de polygamie ni de "
                   "condamnation faisant obstacle."),
                _l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé."),
                _l("Une rupture de la vie commune dans les 12 mois qui suivent l'enregistrement fait présumer une "
                   "fraude (article 26-4 du code civil).")]

    def route(self, answers):
        # The francisation and the appeal are the minister's: the national service decides them.
        return platform_of_address(answers, PLATFORM_KIND) if motif(answers) == MARIAGE else NATIONAL_SERVICE

    def fee(self, answers, filed_on):
        if motif(answers) == MARIAGE:
            return checks.fee(answers, filed_on)

    def decisions(self, answers):
        return OTHER_DECISIONS.get(motif(answers), DECISIONS)

    def attestation(self, dossier):
        from anef.calendar.services import add_months, local_date

        decided = date_text(local_date(dossier.decided_at)) if dossier.decided_at else ""
        kind = motif(dossier.answers or {})
        if kind == FRANCISATION:
            wanted = (dossier.answers or {}).get("francisation") or {}
            return DecisionAttestation(
                statement=_l("L'administration atteste que la francisation décrite ci-dessous a été accordée le "
                             "%(date)s.",
                             date=decided),
                allows=(_l("Faire porter le nom et les prénoms francisés sur vos actes d'état civil français."),),
                does_not_allow=(_l("Elle ne remplace pas vos actes d'état civil mis à jour."),),
                facts=((_l("Nom demandé"), wanted.get("nom_souhaite", "")),
                       (_l("Prénoms demandés"), wanted.get("prenoms_souhaites", ""))))
        if kind == RAPO:
            contested = ((dossier.answers or {}).get("recours") or {}).get("decision", "")
            return DecisionAttestation(
                statement=_l("L'administration atteste que le recours décrit ci-dessous a été accueilli le %(date)s.",
                             date=decided),
                allows=(_l("Votre demande de naturalisation est examinée à nouveau."),),
                does_not_allow=(_l("Elle n'accorde pas à elle seule la nationalité française."),),
                facts=((_l("Décision contestée"), contested),))
        signed = date_text(local_date(dossier.filed_at)) if dossier.filed_at else ""
        complete = local_date(dossier.complete_at or dossier.filed_at) if dossier.filed_at else None
        opposition = date_text(add_months(complete, DEADLINES[1].months)) if complete else ""
        return DecisionAttestation(
            statement=_l("L'administration atteste que la déclaration de nationalité française à raison du mariage "
                         "décrite ci-dessous a été enregistrée le %(date)s.", date=decided),
            allows=(_l("Prouver que vous êtes français depuis le jour où vous avez souscrit la déclaration (%(date)s).",
                       date=signed),),
            does_not_allow=(_l("Jusqu'au %(date)s, le Gouvernement peut encore s'opposer à l'acquisition de la "
                               "nationalité pour indignité ou défaut d'assimilation autre que "
                               "linguistique.", date=opposition),),
            facts=((DEADLINES[1].label, opposition),))

    def connectors(self, answers):
        return ["agdref", "cjn", "fpr", "sis"] if motif(answers) == MARIAGE else []

    def applicant_panels(self, dossier):
        if motif(dossier.answers or {}) != RAPO:
            return []
        return [_rapo_panel(dossier, agent_view=False)]

    def agent_panels(self, dossier):
        kind = motif(dossier.answers or {})
        if kind == RAPO:
            return [_rapo_panel(dossier, agent_view=True)]
        if kind == FRANCISATION:
            answers = dossier.answers or {}
            wanted = answers.get("francisation") or {}
            acquired = checks.kit.answer_date(answers, "acquisition", "date_acquisition")
            rows = [(_l("Nationalité acquise le"), date_text(acquired)),
                    (_l("Nom actuel"), (answers.get("identite") or {}).get("nom", "")),
                    (_l("Nom demandé"), wanted.get("nom_souhaite", "")),
                    (_l("Prénoms actuels"), (answers.get("identite") or {}).get("prenoms", "")),
                    (_l("Prénoms demandés"), wanted.get("prenoms_souhaites", ""))]
            return [summary_panel(_l("Synthèse « francisation »"), rows, OTHER_DECISIONS[FRANCISATION])]
        marriage = (dossier.answers or {}).get("mariage") or {}
        married_on = checks.kit.answer_date(dossier.answers or {}, "mariage", "date_mariage")
        years = checks.required_years(marriage.get("residence_3ans", ""), marriage.get("inscription_consulaire", ""))
        rows = [(_l("Date du mariage"), date_text(married_on)),
                (_l("Durée de mariage exigée"), _l("%(years)s ans", years=years) if married_on else ""),
                (_l("Déclaration possible depuis"), date_text(checks.eligible_from(married_on, years)) if married_on
                 else "")]
        return [summary_panel(_l("Synthèse « déclaration par mariage »"), rows, DECISIONS)]


plugin = NationaliteDeclarationPlugin()
