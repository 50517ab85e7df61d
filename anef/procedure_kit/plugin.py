"""The base class of a procedure plugin: the hooks' dispatch on the procedure code, written once.

Every hook that takes ``procedure`` is asked of every plugin, and only the plugin that owns the code may answer.
:class:`ProcedurePlugin` implements each such hook as a method that checks ``procedure == self.code`` and then
calls a plain method of the subclass (``steps(answers)``, ``documents(answers)``, ``route(answers)``…), so that
a plugin states only its own rules::

    class VisiteurPlugin(ProcedurePlugin):
        code = "visiteur"
        eligibility_form = forms.EligibilityForm
        DECISIONS = {"accepte": [...], "refuse": [REFUSAL]}

        def info(self):
            return ProcedureInfo(code=self.code, ...)

        def steps(self, answers):
            return [Step("identite", _l("Identité"), kit_forms.IdentiteContactForm), ...]

    plugin = VisiteurPlugin()

The package exposes the instance and its entry point names it (``visiteur = "plugins.visiteur:plugin"`` in
``pyproject.toml``); :func:`anef.plugins.build_plugin_manager` registers it, and pluggy finds the inherited
``@hookimpl`` methods. A hook that is not about one procedure (``find_work_authorisation``) is written in the
subclass as a ``@hookimpl`` method of its own. Never give a plain method a hook's name: it would hide the
dispatch without being a hook implementation.
"""
from __future__ import annotations

from anef import hookimpl
from anef.procedure_kit.routing import prefecture_of_address
from anef.procedures import ProcedureInfo


class ProcedurePlugin:
    """One procedure's plugin. Subclasses set :attr:`code` and implement :meth:`info`, :meth:`eligibility`,
    :meth:`steps` and :meth:`documents`; every other method has the default most procedures share."""

    #: The procedure's code (``ProcedureInfo.code``): the hooks answer only for it.
    code: str = ""
    #: The WTForms class of the questions asked before a draft is created (hook ``procedure_eligibility_form``).
    eligibility_form = None
    #: The module of the procedure's rules (``plugins.<name>.checks``), read by the defaults below:
    #: ``run(answers, filed_on)`` gives the automatic checks, and, where the module defines them,
    #: ``fee(answers, filed_on)`` the fee and ``instruction_extension(answers, filed_on)`` the attestation de
    #: prolongation d'instruction. ``None``: no checks, no fee, no prolongation.
    rules = None
    #: Decision (``accepte``, ``refuse``) → the :class:`~anef.procedure_kit.decisions.DecisionDocument` list it
    #: issues, when it does not depend on the answers (see :meth:`decisions`).
    DECISIONS: dict = {}

    # What a subclass states: the procedure's own rules, for its own dossiers only.

    def info(self) -> ProcedureInfo:
        """The procedure's :class:`~anef.procedures.ProcedureInfo` (title, who files it, opening…)."""
        raise NotImplementedError(f"{type(self).__name__} must describe its procedure (info)")

    def eligibility(self, answers: dict):
        """The :class:`~anef.procedures.Eligibility` of the eligibility form's ``answers`` (``anef.procedure_kit``'s
        ``eligible(...)`` or ``refer(reason, to)``)."""
        raise NotImplementedError(f"{type(self).__name__} must assess eligibility")

    def steps(self, answers: dict) -> list:
        """The ordered :class:`~anef.procedures.Step` list for the dossier's answers so far."""
        raise NotImplementedError(f"{type(self).__name__} must list its steps")

    def documents(self, answers: dict) -> list:
        """The :class:`~anef.procedures.DocumentRequirement` list for these answers."""
        raise NotImplementedError(f"{type(self).__name__} must list its documents")

    def automatic_checks(self, answers: dict, filed_on) -> list:
        """The :class:`~anef.procedures.CheckResult` list on a dossier filed (or, for a draft, checked) on
        ``filed_on``. Default: ``rules.run(answers, filed_on)``, none without :attr:`rules`."""
        return self.rules.run(answers, filed_on) if self.rules is not None else []

    def checklist(self, answers: dict) -> list:
        """The agent's manual verifications before deciding, as lazy strings. Default: none."""
        return []

    def route(self, answers: dict) -> str | None:
        """The code of the service that instructs the dossier, or ``None`` while it cannot be routed. Default: the
        préfecture of the département of the address step (``adresse.code_postal``)."""
        return prefecture_of_address(answers)

    def fee(self, answers: dict, filed_on):
        """The :class:`~anef.procedures.Fee` due for a dossier filed on ``filed_on``, or ``None``. Default:
        ``rules.fee(answers, filed_on)`` where :attr:`rules` defines it, else no fee."""
        fee = getattr(self.rules, "fee", None)
        return fee(answers, filed_on) if fee is not None else None

    def requires_signature(self, decision: str) -> bool:
        """Whether ``decision`` (``accepte``, ``refuse``) takes a valideur's signature. Default: a refusal does,
        since it ends a person's right to stay or what they asked for."""
        return decision == "refuse"

    def prolongation(self, answers: dict, filed_on):
        """The :class:`~anef.procedures.InstructionExtension` owed for a dossier filed on ``filed_on`` (an
        attestation de prolongation d'instruction), or ``None``. Default: ``rules.instruction_extension(answers,
        filed_on)`` where :attr:`rules` defines it, else none."""
        extension = getattr(self.rules, "instruction_extension", None)
        return extension(answers, filed_on) if extension is not None else None

    def decisions(self, answers: dict) -> dict:
        """Decision → the list of documents it issues for these answers. Default: :attr:`DECISIONS`."""
        return self.DECISIONS

    def agent_panels(self, dossier) -> list:
        """The :class:`~anef.procedures.Panel` list of the agent's dossier page. Default: none."""
        return []

    def applicant_panels(self, dossier) -> list:
        """The :class:`~anef.procedures.Panel` list of the applicant's dossier page. Default: none."""
        return []

    def connectors(self, answers: dict):
        """The connector codes asked about this dossier, in reading order. Default: ``None``, the core's list."""
        return None

    def attestation(self, dossier):
        """The :class:`~anef.procedure_kit.decisions.DecisionAttestation` of an acceptance that grants no
        residence title. Default: ``None``, the core's wording."""
        return None

    def prefill(self, dossier, step: str | None):
        """Answers the administration already holds: step slug → that step's whole answers, after the draft is
        created (``step`` is ``None``) or a step saved. Default: ``None``, nothing changed."""
        return None

    def decision_number(self, dossier) -> str | None:
        """The number the request carries once granted (a work authorisation's). Default: none."""
        return None

    def stages_after_filing(self):
        """The procedure's own :class:`~anef.procedures.Stage` list after filing. Default: ``None``, no stages."""
        return None

    def rights_end(self, answers: dict):
        """When the right to stay this dossier is about ends (a ``date``), ``False`` when it is about no right to
        stay of the person's own. Default: ``None``, the core's default reads the kit's steps."""
        return None

    def accepts_at_once(self, answers: dict, checks: list):
        """Whether a dossier just filed is accepted with no agent, given its filing ``checks``. Default: no."""
        return None

    def on_transition(self, dossier, action: str, actor) -> None:
        """What a recorded transition (``submit``, ``accept``…) changes beyond the dossier, in its transaction.
        Default: nothing."""

    # The hooks: each answers only for this plugin's procedure, through the methods above.

    @hookimpl
    def register_procedures(self):
        return [self.info()]

    @hookimpl
    def procedure_eligibility_form(self, procedure):
        return self.eligibility_form if procedure == self.code else None

    @hookimpl
    def assess_eligibility(self, procedure, answers):
        return self.eligibility(answers) if procedure == self.code else None

    @hookimpl
    def procedure_steps(self, procedure, answers):
        return self.steps(answers) if procedure == self.code else None

    @hookimpl
    def required_documents(self, procedure, answers):
        return self.documents(answers) if procedure == self.code else None

    @hookimpl
    def run_checks(self, procedure, answers, filed_on):
        return self.automatic_checks(answers, filed_on) if procedure == self.code else None

    @hookimpl
    def agent_checklist(self, procedure, answers):
        return self.checklist(answers) if procedure == self.code else None

    @hookimpl
    def route_dossier(self, procedure, answers):
        return self.route(answers) if procedure == self.code else None

    @hookimpl
    def fee_due(self, procedure, answers, filed_on):
        return self.fee(answers, filed_on) if procedure == self.code else None

    @hookimpl
    def decision_requires_signature(self, procedure, decision):
        return self.requires_signature(decision) if procedure == self.code else None

    @hookimpl
    def instruction_extension(self, procedure, answers, filed_on):
        return self.prolongation(answers, filed_on) if procedure == self.code else None

    @hookimpl
    def decision_documents(self, procedure, answers, decision):
        return self.decisions(answers).get(decision) if procedure == self.code else None

    @hookimpl
    def agent_dossier_panels(self, procedure, dossier):
        return self.agent_panels(dossier) if procedure == self.code else []

    @hookimpl
    def applicant_dossier_panels(self, procedure, dossier):
        return self.applicant_panels(dossier) if procedure == self.code else []

    @hookimpl
    def procedure_connectors(self, procedure, answers):
        return self.connectors(answers) if procedure == self.code else None

    @hookimpl
    def decision_attestation(self, procedure, dossier):
        return self.attestation(dossier) if procedure == self.code else None

    @hookimpl
    def prefill_answers(self, procedure, dossier, step):
        return self.prefill(dossier, step) if procedure == self.code else None

    @hookimpl
    def decision_reference(self, procedure, dossier):
        return self.decision_number(dossier) if procedure == self.code else None

    @hookimpl
    def procedure_stages(self, procedure):
        return self.stages_after_filing() if procedure == self.code else None

    @hookimpl
    def rights_expiry(self, procedure, answers):
        return self.rights_end(answers) if procedure == self.code else None

    @hookimpl
    def decide_automatically(self, procedure, answers, checks):
        return self.accepts_at_once(answers, checks) if procedure == self.code else None

    @hookimpl
    def apply_transition(self, procedure, dossier, action, actor):
        if procedure == self.code:
            self.on_transition(dossier, action, actor)
