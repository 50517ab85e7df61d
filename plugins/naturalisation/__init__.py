"""Naturalisation by decree (C. civ. 21-15 ff.), instructed by the naturalisation platforms.

The online request was opened territory by territory (the seeds' calendar): the calendar rows are
:data:`OPENINGS`; the platforms are services of kind ``plateforme_naturalisation`` (migration 0016).
"""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l

from anef.i18n import Euros
from anef.procedure_kit import documents as kit_docs
from anef.procedure_kit import eligible, refer
from anef.procedure_kit import forms as kit_forms
from anef.procedure_kit.decisions import DecisionAttestation, DecisionDocument, date_text, summary_panel
from anef.procedure_kit.routing import platform_of_address
from anef.procedure_kit.plugin import ProcedurePlugin
from anef.procedures import AppealRoute, DocumentRequirement, Opening, ProcedureInfo, Step, rate_on
from anef.territories import DEPARTEMENT_NAMES, departement_from_postcode
from plugins.naturalisation import checks, forms, stages

CODE = "naturalisation"
PLATFORM_KIND = "plateforme_naturalisation"

# The six pilot platforms' 23 départements: Clermont-Ferrand, Toulouse, Rennes, Nantes, Nanterre, Créteil.
# From 26 July 2021 (DOMAIN §11, S121: 23 départements, 6 platforms); the arrêté of 30 July 2021 that lists them
# sets 5 August 2021 for the online service.
PILOT = ("03", "09", "12", "15", "22", "29", "31", "32", "35", "43", "44", "46", "49", "53", "56", "63", "65",
         "72", "81", "82", "85", "92", "94")
# Lyon and Grenoble, 18 January 2022 (seeds). Lyon's départements are in the amended arrêté; Grenoble's are not in
# our sources, hence VERIFY.
LYON_GRENOBLE = ("01", "07", "42", "69", "26", "38", "73", "74")
OPENINGS = (
    Opening(dt.date(2021, 7, 26), PILOT),
    Opening(dt.date(2022, 1, 18), LYON_GRENOBLE, verify=True),
    # Everywhere: the seeds say « dès publication du décret » (planned for 2022); décrets 2023-64 and 2023-65 and
    # the arrêtés of 3 February 2023 made online filing the rule from 5 February 2023 (DOMAIN §11, S123–S125).
    Opening(dt.date(2023, 2, 5)),
)

# Refusal, irrecevabilité or ajournement by the préfet: a mandatory prior appeal to the minister, then only the
# administrative court of Nantes (DOMAIN §12, S131–S132).
APPEAL_ROUTES = (
    AppealRoute(_l("Recours administratif préalable obligatoire (RAPO)"),
                _l("auprès du ministre chargé des naturalisations"), 2,
                _l("Ce recours est obligatoire avant tout recours devant le juge. Sans réponse du ministre dans les "
                   "4 mois, il est rejeté. Vous pouvez ensuite saisir le tribunal administratif de Nantes, seul "
                   "compétent, dans les 2 mois qui suivent la réponse du ministre ou ce rejet implicite.")),
)

def not_open_here(departement: str | None):
    """Why the online request is not open yet in ``departement``, in plain words with its date; None if it is."""
    from anef.calendar.services import availability

    avail = availability(CODE)
    if avail is None or avail.open_in(departement):
        return None
    name = DEPARTEMENT_NAMES.get(departement or "", departement or "")
    opens = avail.opens_for(departement)
    if opens:
        return _l("La demande de naturalisation en ligne n'est pas encore ouverte dans votre département (%(name)s) : "
                  "elle y ouvrira le %(date)s. Vous pourrez alors la déposer ici.", name=name, date=date_text(opens))
    return _l("La demande de naturalisation en ligne n'est pas encore ouverte dans votre département (%(name)s) et "
              "aucune date n'est fixée. Adressez-vous à la plateforme d'accès à la nationalité de votre préfecture.",
              name=name)


ACTIVITY_DOCUMENTS = {
    "salarie": [kit_docs.contrat_travail(), kit_docs.bulletins_salaire()],
    "independant": [DocumentRequirement("extrait_kbis", _l("Extrait Kbis ou inscription au répertoire des métiers"),
                                        _l("De moins de 3 mois, avec vos derniers bilans."), max_age_days=90)],
    "retraite": [DocumentRequirement("titre_pension", _l("Titres de pension de retraite"),
                                     _l("Les notifications de vos caisses de retraite."))],
    "etudiant": [DocumentRequirement("inscription", _l("Certificat d'inscription"),
                                     _l("Dans votre établissement, pour l'année en cours."))],
    "sans_activite": [kit_docs.ressources(_l("Tout document qui montre comment vous subvenez à vos besoins : "
                                              "allocations, pensions, revenus du foyer."))],
}


def _family_documents(answers: dict) -> list[DocumentRequirement]:
    situation = checks.kit.value(answers, "situation", "situation_familiale")
    docs = []
    if situation in forms.MARRIED:
        docs.append(DocumentRequirement("acte_mariage", _l("Acte de mariage ou attestation de PACS"),
                                        _l("Français de moins de 3 mois, ou étranger avec sa traduction.")))
    elif situation == "divorce":
        docs.append(DocumentRequirement("acte_divorce", _l("Jugement ou acte de divorce"), _l("Avec sa traduction.")))
    elif situation == "veuf":
        docs.append(DocumentRequirement("acte_deces_conjoint", _l("Acte de décès de votre conjoint"),
                                        _l("Avec sa traduction.")))
    if checks.minor_children(answers):
        docs.append(DocumentRequirement("actes_naissance_enfants", _l("Actes de naissance de vos enfants mineurs"),
                                        _l("Avec la preuve qu'ils vivent avec vous (certificats de scolarité).")))
    return docs


def _language_documents(answers: dict) -> list[DocumentRequirement]:
    proof = checks.kit.value(answers, "langue", "justificatif")
    if proof == "diplome_francais":
        docs = [kit_docs.diplome(_l("Le diplôme obtenu en français, en France ou dans un pays francophone : il "
                                    "dispense du test de langue."))]
    else:
        docs = [DocumentRequirement("attestation_francais", _l("Diplôme ou attestation de niveau de français"),
                                    _l("Attestation de réussite du TCF ou du TEF « intégration, résidence et "
                                       "nationalité », ou diplôme DELF ou DALF."))]
    exam = checks.kit.value(answers, "langue", "examen_civique")
    if exam == "reussi":
        docs.append(DocumentRequirement("attestation_examen_civique", _l("Attestation de réussite de l'examen civique")))
    elif exam == "dispense":
        docs.append(DocumentRequirement("dispense_examen_civique", _l("Justificatif de dispense de l'examen civique"),
                                        _l("Un certificat médical ; rien à joindre si vous avez plus de 65 ans."),
                                        mandatory=False))
    return docs


class NaturalisationPlugin(ProcedurePlugin):
    code = CODE
    rules = checks
    eligibility_form = forms.EligibilityForm
    DECISIONS = {
        "accepte": [DecisionDocument(
            "decret_naturalisation", _l("Décret de naturalisation"), "decision_favorable",
            detail=_l("Publié au Journal officiel. Le service central d'état civil de Nantes établit vos actes d'état "
                      "civil français ; vous êtes invité à une cérémonie d'accueil dans la citoyenneté française dans "
                      "les 6 mois."))],
        "refuse": [DecisionDocument(
            "refus", _l("Décision motivée d'irrecevabilité, de rejet ou d'ajournement"), "refus",
            detail=_l("Elle indique le recours préalable obligatoire auprès du ministre (2 mois), puis le tribunal "
                      "administratif de Nantes."))],
    }

    def info(self):
        return ProcedureInfo(
            code=CODE,
            title=_l("Naturalisation par décret"),
            summary=_l("Devenir français après plusieurs années de résidence en France : la demande de naturalisation, "
                       "instruite par la plateforme d'accès à la nationalité de votre département."),
            filed_by="applicant",
            opens_on=OPENINGS[0].opens_on,
            territories=PILOT,
            openings=OPENINGS,
            order=170,
            appeal_routes=APPEAL_ROUTES,
            # C. civ. 21-25-1: the decision is due within 18 months of the récépissé, which is given once the file is
            # complete (extendable once by 3 months by a motivated decision). DOMAIN §11 gives the delay, not the effect
            # of silence: as for every nationality request (an exception to « silence vaut accord »), silence past it
            # is an implicit rejection, open to the mandatory prior appeal (VERIFY).
            silence_months=18,
            issues_card=False,
            after_acceptance=_l("Vous êtes français. Le service central d'état civil de Nantes établit vos actes "
                                "d'état civil français ; avec eux, vous pourrez demander une carte nationale "
                                "d'identité et un passeport à la mairie."),
        )

    def stages_after_filing(self):
        return list(stages.STAGES)

    def eligibility(self, answers):
        if answers.get("majeur") == "non":
            return refer(_l("La naturalisation se demande à partir de 18 ans. Un enfant mineur qui vit avec un parent "
                            "naturalisé devient français en même temps que lui : ce parent l'indique dans sa demande."))
        if answers.get("sejour_regulier") == "non":
            return refer(_l("Il faut être en séjour régulier pour demander la naturalisation : demandez d'abord un "
                            "titre de séjour ou son renouvellement."))
        if answers.get("conjoint_francais") == "oui":
            return refer(_l("Marié(e) depuis au moins 4 ans à une personne française avec qui vous vivez, vous pouvez "
                            "devenir français par une déclaration à raison du mariage : c'est la démarche prévue pour "
                            "vous."), "nationalite_declaration")
        postcode = answers.get("code_postal") or ""
        closed = not_open_here(departement_from_postcode(postcode))
        if closed:
            return refer(closed)
        return eligible(adresse={"code_postal": postcode})

    def steps(self, answers):
        steps = [Step("situation", _l("Votre situation"), forms.SituationForm),
                 Step("identite", _l("Identité"), kit_forms.IdentiteContactForm)]
        if not checks.is_refugee(answers):
            steps.append(Step("passeport", _l("Passeport"), kit_forms.PasseportForm))
        steps += [Step("titre", _l("Titre de séjour"), forms.TitreForm),
                  Step("adresse", _l("Adresse en France"), forms.AdresseForm)]
        if checks.is_married(answers):
            steps.append(Step("conjoint", _l("Votre conjoint"), forms.ConjointForm))
        if checks.fondement(answers) == "etudes":
            steps.append(Step("etudes", _l("Vos études en France"), forms.EtudesForm))
        steps += [Step("langue", _l("Français et examen civique"), forms.LangueForm),
                  Step("ressources", _l("Activité et ressources"), forms.RessourcesForm),
                  Step("parcours", _l("Parcours et casier judiciaire"), forms.ParcoursForm),
                  Step("timbre", _l("Timbre fiscal"), kit_forms.TimbreForm)]
        return steps

    def documents(self, answers):
        refugee = checks.is_refugee(answers)
        docs = [] if refugee else [kit_docs.passeport()]
        docs.append(kit_docs.titre_sejour())
        if refugee:
            docs += [DocumentRequirement("decision_ofpra", _l("Décision vous reconnaissant réfugié"),
                                         _l("De l'OFPRA ou de la Cour nationale du droit d'asile.")),
                     DocumentRequirement("acte_naissance", _l("Acte de naissance"),
                                         _l("Le certificat tenant lieu d'acte de naissance établi par l'OFPRA."))]
        else:
            docs += [DocumentRequirement("acte_naissance", _l("Acte de naissance"),
                                         _l("Copie intégrale avec filiation, légalisée ou apostillée selon le pays, et "
                                            "sa traduction par un traducteur assermenté.")),
                     DocumentRequirement("actes_parents", _l("Actes d'état civil de vos parents"),
                                         _l("Leurs actes de naissance, et leur acte de mariage s'ils sont mariés, "
                                            "traduits."))]
        docs += kit_docs.housing(answers)
        docs += _family_documents(answers)
        docs += _language_documents(answers)
        docs.append(DocumentRequirement("avis_imposition", _l("Avis d'imposition des 3 dernières années"),
                                        _l("Les trois derniers avis, toutes les pages.")))
        docs += ACTIVITY_DOCUMENTS.get(checks.kit.value(answers, "ressources", "activite"), [])
        if checks.fondement(answers) == "etudes":
            docs.append(DocumentRequirement("diplome_etudes_superieures", _l("Diplôme ou relevés de notes en France"),
                                            _l("Ceux de vos 2 années d'études supérieures réussies en France.")))
        if checks.kit.value(answers, "parcours", "pays_residence").strip():
            docs.append(DocumentRequirement(
                "casier_judiciaire_etranger", _l("Extraits de casier judiciaire étrangers"),
                _l("Un par pays où vous avez vécu ces 10 dernières années, traduit, sauf votre pays "
                   "d'origine.") if refugee
                else _l("Un par pays où vous avez vécu ces 10 dernières années, traduit."), mandatory=not refugee))
        return docs

    def checklist(self, answers):
        items = [_l("Le dossier est complet : le récépissé est délivré et fait courir le délai de 18 mois."),
                 _l("L'identité et l'état civil sont établis : actes légalisés ou apostillés et traduits, actes "
                    "français de moins de 3 mois."),
                 _l("La résidence habituelle en France est prouvée pour la durée requise, et le centre des intérêts "
                    "(famille, ressources) est en France."),
                 _l("Le niveau de français est prouvé (B1, B2 pour les demandes depuis 2026) ; l'examen civique est "
                    "réussi depuis 2026, sauf dispense."),
                 _l("Les ressources et l'insertion professionnelle sont prouvées par les avis d'imposition et les "
                    "justificatifs d'activité.")]
        if checks.is_married(answers):
            items.append(_l("Le conjoint et la situation familiale déclarés correspondent aux actes produits."))
        items += [_l("L'entretien d'assimilation a eu lieu et la Charte des droits et devoirs du citoyen français est "
                     "signée."),
                  _l("L'enquête de police ou de gendarmerie est revenue ; les casiers judiciaires français et "
                     "étrangers ne montrent pas de condamnation faisant obstacle (article 21-27 du code civil)."),
                  _l("Le timbre fiscal est valide, du bon montant et n'a pas déjà été utilisé."),
                  _l("Dans les 6 mois du récépissé : proposition au ministre (SDANF), ou décision motivée "
                     "d'irrecevabilité, de rejet ou d'ajournement.")]
        return items

    def route(self, answers):
        return platform_of_address(answers, PLATFORM_KIND)

    def requires_signature(self, decision):
        return True

    def attestation(self, dossier):
        from anef.calendar.services import local_date

        decided = date_text(local_date(dossier.decided_at)) if dossier.decided_at else ""
        return DecisionAttestation(
            statement=_l("L'administration atteste que la naturalisation a été accordée le %(date)s à la personne dont "
                         "la demande est décrite ci-dessous, par décret publié au Journal officiel.", date=decided),
            allows=(_l("Prouver que la nationalité française vous est accordée, en attendant vos actes d'état civil "
                       "français établis par le service central d'état civil de Nantes."),),
            does_not_allow=(_l("Elle ne remplace ni le décret ni vos actes d'état civil français, qui permettent de "
                               "demander la carte nationale d'identité et le passeport."),),
            facts=((_l("Cérémonie d'accueil dans la citoyenneté française"),
                    _l("Dans les 6 mois qui suivent le décret ; la préfecture vous y invite.")),))

    def connectors(self, answers):
        return ["agdref", "cjn", "fpr", "sis"] + (["ofpra"] if checks.is_refugee(answers) else [])

    def agent_panels(self, dossier):
        from anef.calendar.services import local_date, today

        answers = dossier.answers or {}
        filed_on = local_date(dossier.filed_at) if dossier.filed_at else today()
        required = rate_on(checks.LANGUAGE_LEVEL, filed_on)
        since = checks.residence_required_until(answers)
        declared = checks.kit.answer_int(answers, "ressources", "revenus_annuels")
        yardstick = checks.resources_yardstick(filed_on)
        rows = [(_l("Fondement"), forms.FONDEMENT_NAMES.get(checks.fondement(answers), "")),
                (_l("Condition de résidence remplie depuis"),
                 date_text(since) if since and not checks.is_refugee(answers) else ""),
                (_l("Niveau de français exigé à la date de dépôt"), required.value if required else ""),
                (_l("Revenus annuels déclarés"), str(Euros(declared)) if declared is not None else ""),
                (_l("Repère : SMIC net annuel"), str(Euros(yardstick.amount)) if yardstick else "")]
        return [summary_panel(_l("Synthèse « naturalisation »"), rows, self.DECISIONS)]


plugin = NaturalisationPlugin()
