"""Every hook a procedure plugin may implement.

Hooks are called with keyword arguments only. Hooks that take ``procedure`` are asked of
every plugin; a plugin answers only for its own procedure code and returns ``None``
otherwise, so ``firstresult`` hooks get the answer of the plugin that owns the procedure.
The data types the hooks return are in :mod:`anef.procedures`.
"""
import pluggy

hookspec = pluggy.HookspecMarker("anef")


@hookspec
def register_procedures():
    """Describe the procedures this plugin provides.

    Returns a list of :class:`anef.procedures.ProcedureInfo` (code, title, summary, who
    files it, default opening date and territories, fee schedule). Called once when the
    application starts; the results of every plugin are concatenated.
    """


@hookspec(firstresult=True)
def procedure_eligibility_form(procedure):
    """Give the form of questions asked before a dossier is started.

    ``procedure`` is a procedure code. Returns a WTForms ``Form`` class, or ``None``
    when the procedure is not this plugin's. firstresult.
    """


@hookspec(firstresult=True)
def assess_eligibility(procedure, answers):
    """Decide from the eligibility answers whether the person may use the procedure.

    ``answers`` is the dict of the eligibility form's data. Returns an
    :class:`anef.procedures.Eligibility` (eligible or not, a plain-language reason, the
    code of a better procedure if there is one, and initial answers to keep in the
    dossier). firstresult.
    """


@hookspec(firstresult=True)
def procedure_steps(procedure, answers):
    """List the form steps of the procedure, in order.

    ``answers`` is the dossier's answers so far (a dict keyed by step slug), so steps
    may depend on earlier answers (first card or renewal). Returns a list of
    :class:`anef.procedures.Step` (slug, title, WTForms ``Form`` class). firstresult.
    """


@hookspec(firstresult=True)
def required_documents(procedure, answers):
    """List the documents the applicant must provide, given the answers.

    Returns a list of :class:`anef.procedures.DocumentRequirement` (kind, label, help
    text, whether it is mandatory). firstresult.
    """


@hookspec(firstresult=True)
def run_checks(procedure, answers, filed_on):
    """Run the procedure's automatic checks on a dossier's answers.

    ``filed_on`` is the filing date (or today for a draft), so that dated thresholds
    apply. Returns a list of :class:`anef.procedures.CheckResult`; an ``error`` result
    blocks filing, a ``warning`` is shown to the applicant and the agent. firstresult.
    """


@hookspec(firstresult=True)
def agent_checklist(procedure, answers):
    """List the manual verifications an agent makes before deciding.

    Returns a list of plain-language strings, shown as a checklist on the agent's
    dossier page. firstresult.
    """


@hookspec(firstresult=True)
def route_dossier(procedure, answers):
    """Choose the service that instructs a dossier being filed.

    Returns the code of a :class:`anef.agents.models.Service` (e.g. ``"pref-75"``), or
    ``None`` for a procedure that is not this plugin's. firstresult.
    """


@hookspec(firstresult=True)
def fee_due(procedure, answers, filed_on):
    """Compute the fee (timbre fiscal) due for a dossier filed on ``filed_on``.

    Returns an :class:`anef.procedures.Fee` (amount in euros, its parts, and whether the
    amount is flagged for verification), or ``None`` when no fee is due. firstresult.
    """


@hookspec(firstresult=True)
def decision_requires_signature(procedure, decision):
    """Say whether a decision needs a valideur's signature (four-eyes).

    ``decision`` is ``"accepte"`` or ``"refuse"``. Returns ``True`` when an instructeur
    may only propose it and a valideur must sign it. firstresult.
    """


@hookspec
def agent_dossier_panels(procedure, dossier):
    """Contribute HTML panels to the agent's dossier page.

    Returns a list of :class:`anef.procedures.Panel` (title, template name, context,
    priority); panels of every plugin are shown, lowest priority first.
    """


@hookspec(firstresult=True)
def instruction_extension(procedure, answers, filed_on):
    """Say whether filing this dossier entitles the applicant to an attestation de prolongation d'instruction.

    Asked when a dossier is filed on ``filed_on``. The attestation is due when the dossier renews
    a card and was filed on time (R.431-15-1 CESEDA): with the expired card it keeps the previous
    title's rights while the dossier is examined. Returns an
    :class:`anef.procedures.InstructionExtension` (``due``, and ``authorises_work`` when the
    previous title let its holder work), or ``None`` for a procedure that is not this plugin's
    (no attestation then). firstresult.
    """


@hookspec(firstresult=True)
def decide_automatically(procedure, answers, checks):
    """Say whether a dossier just filed is accepted at once, with no agent.

    Asked right after the ``submit`` transition. ``checks`` is the list of
    :class:`anef.procedures.CheckResult` of :func:`run_checks` on the filing date. Returns ``True``
    to accept now: the core records the lifecycle's ``examine_automatically`` then ``accept``
    transitions with no actor (the system); ``accept`` issues the attestation de décision favorable
    and tells the applicant. ``False`` or ``None`` leaves the dossier filed for an agent. firstresult.
    """


@hookspec(firstresult=True)
def decision_documents(procedure, answers, decision):
    """List the documents a decision on this dossier issues.

    ``decision`` is ``"accepte"`` or ``"refuse"``. Returns a list of
    :class:`anef.procedure_kit.decisions.DecisionDocument` (kind, title, the core attestation that
    carries it, validity), or ``None`` for another plugin's procedure. firstresult.
    """


@hookspec(firstresult=True)
def procedure_connectors(procedure, answers):
    """List the connectors (other State systems) asked about a dossier of this procedure.

    ``answers`` is the dossier's answers. Returns connector codes from
    :data:`anef.connectors.registry.CONNECTORS` (``"agdref"``, ``"fpr"``, ``"cjn"``, ``"sis"``, ``"visabio"``,
    ``"api_entreprise"``, ``"ofpra"``, ``"ants"``), in the order the agent reads them, or ``None`` to use the
    default list (every connector whose subject the answers give). firstresult.
    """


@hookspec
def apply_transition(procedure, dossier, action, actor):
    """Apply what a transition of a dossier means for its procedure, beyond the dossier's own state.

    Called by the core right after each transition of the lifecycle table is recorded
    (:func:`anef.dossiers.services._record`), in the same transaction, before it is committed: what the plugin
    changes through the session is committed with the transition, or rolled back with it. ``action`` is the
    transition's name (``submit``, ``accept``, ``refuse``…), ``actor`` the user who made it, or ``None`` for the
    system. Every plugin is asked: act only on your own procedure's dossiers. The return value is ignored. Use it
    for workflows that change other records (the declaration of a new address updates the person's profile and
    moves their other open dossiers, through :func:`anef.dossiers.services.transfer_dossier`), never to change the
    dossier's state.
    """


@hookspec(firstresult=True)
def prefill_answers(procedure, dossier, step):
    """Give answers the administration already holds, so that the person does not type them again.

    Asked when a draft is created (``step`` is ``None``) and after each step of a draft is saved valid
    (``step`` is its slug), in the same transaction. ``dossier`` is the draft: its ``answers`` as just saved,
    its ``applicant``. Returns a dict of step slug → that step's whole answers (strings, as a form posts them),
    which replace the draft's answers of those steps, or ``None`` to change nothing (other plugins' procedures).
    The plugin merges itself what the person already typed. firstresult.
    """


@hookspec(firstresult=True)
def decision_reference(procedure, dossier):
    """Give the number a request carries once granted (a work authorisation's number), or ``None``.

    Asked when a dossier is accepted, in the transition's transaction; the core stores the string (32
    characters at most, unique across dossiers) in ``dossier.decision_reference`` and shows it on the applicant's
    dossier page and the attestation de décision favorable. firstresult.
    """


@hookspec(firstresult=True)
def find_work_authorisation(number, siret):
    """Find a work authorisation by its number and its employer's SIRET, for the employee's own titre request.

    ``number`` and ``siret`` are what the person typed (the plugin normalises them). Returns an
    :class:`anef.procedure_kit.work_authorisation.WorkAuthorisation` (its state, the employer, the employee's
    identity and passport, the job) when a request of that number exists for that SIRET, or ``None`` (no such
    number, or another employer's). firstresult.
    """


@hookspec
def applicant_dossier_panels(procedure, dossier):
    """Contribute HTML panels to the applicant's dossier page (the employer's page of a work authorisation).

    Returns a list of :class:`anef.procedures.Panel` (title, template name, context, priority); panels of every
    plugin are shown, lowest priority first. Return ``[]`` for other procedures' dossiers.
    """


@hookspec(firstresult=True)
def procedure_stages(procedure):
    """List, in order, the procedure's own stages after filing (naturalisation: interview, enquiry, the
    préfecture's proposal, the ministry's decision, décret, ceremony).

    Returns a list of :class:`anef.procedures.Stage` (code, the agent's and the applicant's labels, what happens
    meanwhile, which service acts, the form the agent fills, the states it may be recorded in), or ``None`` for a
    procedure without stages of its own. The core (:mod:`anef.stages`) shows them on both dossier pages, records
    each one in the dossier's history, tells the applicant, moves the dossier to the next stage's service and
    takes the decision a stage's form asks for through the ordinary decision (four-eyes included). firstresult.
    """


@hookspec(firstresult=True)
def decision_attestation(procedure, dossier):
    """Say what the attestation de décision favorable of a dossier states, when the procedure grants something
    else than a residence title (a work authorisation, addressed to the employer).

    Returns an :class:`anef.procedure_kit.decisions.DecisionAttestation` (the statement, what the document
    allows and does not allow, extra facts), or ``None`` for the core's wording. firstresult.
    """


@hookspec(firstresult=True)
def rights_expiry(procedure, answers):
    """Say when the person's current right to stay, that this dossier is about, ends.

    Asked each time a version of the answers is recorded (filing, answer to a complement request, the applicant's
    change). Returns a :class:`datetime.date` — the card being renewed expires, the long-stay visa ends — or
    ``None`` to leave the answer to the core's default (registered after every plugin), which reads the card's
    expiry ``titre.titre_expiration``, else the visa's end ``entree.visa_fin`` or ``visa.visa_fin``; ``False`` when
    the dossier is about no right to stay of the person's own (the default is then not asked). The agents' queues
    put first the dossiers whose date is soonest, and a filter shows those expiring within two months.
    firstresult.
    """
