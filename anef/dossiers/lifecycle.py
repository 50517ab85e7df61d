"""The generic dossier lifecycle: states, and the only table of allowed transitions."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

BROUILLON = "brouillon"
DEPOSE = "depose"
EN_INSTRUCTION = "en_instruction"
COMPLEMENT_DEMANDE = "complement_demande"
DECISION_PROPOSEE = "decision_proposee"
ACCEPTE = "accepte"
REFUSE = "refuse"
CLASSE_SANS_SUITE = "classe_sans_suite"
TITRE_REMIS = "titre_remis"

STATES = (BROUILLON, DEPOSE, EN_INSTRUCTION, COMPLEMENT_DEMANDE, DECISION_PROPOSEE,
          ACCEPTE, REFUSE, CLASSE_SANS_SUITE, TITRE_REMIS)
OPEN_STATES = (DEPOSE, EN_INSTRUCTION, COMPLEMENT_DEMANDE, DECISION_PROPOSEE)
FINAL_STATES = (ACCEPTE, REFUSE, CLASSE_SANS_SUITE, TITRE_REMIS)

# i18n: the name of a dossier state, shown to applicants and agents.
STATE_LABELS = {
    BROUILLON: _l("Brouillon"),
    DEPOSE: _l("Déposé"),
    EN_INSTRUCTION: _l("En cours d'instruction"),
    COMPLEMENT_DEMANDE: _l("Complément demandé"),
    DECISION_PROPOSEE: _l("Décision en cours de signature"),
    ACCEPTE: _l("Accepté"),
    REFUSE: _l("Refusé"),
    CLASSE_SANS_SUITE: _l("Classé sans suite"),
    TITRE_REMIS: _l("Titre remis"),
}

# DSFR badge colour per state.
STATE_BADGES = {
    BROUILLON: "fr-badge--info", DEPOSE: "fr-badge--new", EN_INSTRUCTION: "fr-badge--info",
    COMPLEMENT_DEMANDE: "fr-badge--warning", DECISION_PROPOSEE: "fr-badge--info",
    ACCEPTE: "fr-badge--success", REFUSE: "fr-badge--error",
    CLASSE_SANS_SUITE: "", TITRE_REMIS: "fr-badge--success",
}

# What the applicant should do next, in plain words.
NEXT_STEP = {
    BROUILLON: _l("Terminez et déposez votre demande."),
    DEPOSE: _l("Votre demande est déposée. Un agent de la préfecture va l'examiner ; vous n'avez rien à faire."),
    EN_INSTRUCTION: _l("Un agent examine votre demande. Vous serez prévenu par courriel de chaque étape."),
    COMPLEMENT_DEMANDE: _l("L'administration vous demande un complément : répondez avant la date limite."),
    DECISION_PROPOSEE: _l("Une décision est en cours de signature. Vous serez prévenu par courriel."),
    ACCEPTE: _l("Votre demande est acceptée. Vous serez invité à retirer votre titre en préfecture."),
    REFUSE: _l("Votre demande est refusée. La décision indique ses motifs et les voies de recours."),
    CLASSE_SANS_SUITE: _l("Votre demande est close."),
    TITRE_REMIS: _l("Votre titre vous a été remis. Démarche terminée."),
}

APPLICANT = "applicant"
AGENT = "agent"
VALIDEUR = "valideur"
SYSTEM = "system"


@dataclass(frozen=True)
class Action:
    """An allowed transition: its name, the states it leaves from, where it goes, who may do it."""

    name: str
    sources: tuple[str, ...]
    target: str
    actor: str
    needs_reason: bool
    # i18n: how the timeline tells the applicant this step happened.
    timeline: object


ACTIONS = {
    a.name: a
    for a in (
        Action("submit", (BROUILLON,), DEPOSE, APPLICANT, False,
               _l("Demande déposée. L'attestation de dépôt est disponible.")),
        Action("take", (DEPOSE,), EN_INSTRUCTION, AGENT, False,
               _l("Un agent a pris votre demande en charge.")),
        # A plugin's decide_automatically said yes: no agent takes it, the system accepts it next (file_dossier).
        Action("examine_automatically", (DEPOSE,), EN_INSTRUCTION, SYSTEM, False,
               _l("Toutes les vérifications automatiques de votre demande sont concluantes.")),
        Action("request_complement", (EN_INSTRUCTION,), COMPLEMENT_DEMANDE, AGENT, True,
               _l("L'administration vous a demandé un complément.")),
        Action("answer_complement", (COMPLEMENT_DEMANDE,), EN_INSTRUCTION, APPLICANT, False,
               _l("Vous avez envoyé le complément demandé. L'instruction reprend.")),
        Action("propose_decision", (EN_INSTRUCTION,), DECISION_PROPOSEE, AGENT, True,
               _l("Une décision a été proposée ; elle attend la signature d'un valideur.")),
        Action("return_proposal", (DECISION_PROPOSEE,), EN_INSTRUCTION, VALIDEUR, True,
               _l("L'instruction de votre demande se poursuit.")),
        Action("accept", (EN_INSTRUCTION, DECISION_PROPOSEE), ACCEPTE, AGENT, False,
               _l("Votre demande a été acceptée.")),
        Action("refuse", (EN_INSTRUCTION, DECISION_PROPOSEE), REFUSE, AGENT, True,
               _l("Votre demande a été refusée.")),
        Action("withdraw", (DEPOSE, EN_INSTRUCTION, COMPLEMENT_DEMANDE, DECISION_PROPOSEE), CLASSE_SANS_SUITE,
               APPLICANT, False, _l("Vous avez retiré votre demande.")),
        Action("close", (COMPLEMENT_DEMANDE,), CLASSE_SANS_SUITE, AGENT, True,
               _l("Votre demande a été classée sans suite.")),
        Action("hand_over", (ACCEPTE,), TITRE_REMIS, AGENT, False,
               _l("Votre titre vous a été remis.")),
        # A proposed decision rests on answers the applicant has just changed: it goes back to instruction.
        Action("reopen_after_amendment", (DECISION_PROPOSEE,), EN_INSTRUCTION, APPLICANT, False,
               _l("Vous avez modifié votre demande : son instruction reprend.")),
    )
}

# Events of the history that do not change the state.
AMEND = "amend"
# The dossier moved to another service (services.transfer_dossier); the entry's reason says from where to where.
TRANSFER = "transfer"
# A stage of the procedure's own instruction was recorded (anef.stages); the entry's reason is the stage's code.
STAGE = "stage"
NOTES = {
    AMEND: _l("Vous avez modifié votre demande."),
    TRANSFER: _l("Votre demande a été transmise au service désormais compétent."),
    STAGE: _l("Une étape de l'instruction de votre demande est franchie."),
}

# The applicant may change a filed request in these states (in complement_demande they answer the request).
AMENDABLE_STATES = (DEPOSE, EN_INSTRUCTION, DECISION_PROPOSEE)


def history_text(action: str):
    """How the applicant's timeline words a history entry."""
    return ACTIONS[action].timeline if action in ACTIONS else NOTES[action]


def allowed_actions(state: str, actor: str) -> list[Action]:
    """The actions an actor of this kind may take on a dossier in ``state``."""
    return [a for a in ACTIONS.values() if state in a.sources and a.actor == actor]
