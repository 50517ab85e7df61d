"""The agent's screens: the queue, a dossier, its actions, and the service's agents."""
import datetime as dt
from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, request, url_for
from markupsafe import Markup
from flask_babel import format_date, ngettext, to_user_timezone
from flask_babel import gettext as _
from flask_login import current_user

from anef.accounts import services as account_services
from anef.accounts.models import ADMIN, AGENT_ROLES
from anef.agents import services
from anef.agents.blueprint import bp
from anef.audit.services import record
from anef.avis import services as avis_services
from anef.agents.forms import (BatchForm, CloseForm, ComplementForm, ConformityForm, DecisionForm, NewAgentForm,
                               QueueFilterForm, ReturnProposalForm, complement_items)
from anef.calendar.services import PARIS, add_months, today
from anef.documents.services import record_access, set_conformity
from anef.dossiers import corrections, lifecycle
from anef.dossiers import services as dossier_services
from anef.dossiers.clock import legal_clock
from anef.dossiers.forms import ActionForm
from anef.forms import options
from anef.plugins import hook, procedures
from anef.security import roles_required
from anef.stages import services as stage_services


@bp.route("/", methods=["GET", "POST"])
@roles_required(*AGENT_ROLES)
def queue():
    """The service's queue: tabs, filters and order, search, and batch actions on the ticked dossiers."""
    tab = request.args.get("onglet", "a_traiter")
    if tab not in services.TABS:
        abort(404)
    agents = services.assignable_agents(current_user.service_id)
    batch = BatchForm(agent=current_user.id)
    batch.agent.choices = options((a.id, f"{a.given_names} {a.family_name}" + (_(" (vous)") if a.id == current_user.id
                                                                                 else "")) for a in agents)
    batch_error = None
    if request.method == "POST":
        chosen = list(dict.fromkeys(request.form.getlist("dossier")))[:services.PAGE_SIZE]
        if batch.validate_on_submit() and chosen:
            _run_batch(batch, chosen, {a.id: a for a in agents})
            return redirect(request.full_path)
        if not batch.errors and not chosen:
            batch_error = _("Cochez au moins un dossier dans la liste.")
    filter_form = QueueFilterForm(request.args)
    filter_form.procedure.choices = options([("", _("Toutes"))] + [(c, i.title) for c, i in procedures().items()])
    filter_form.etat.choices = options([("", _("Tous"))] + [(s, lifecycle.STATE_LABELS[s]) for s in services.TABS[tab]])
    filters = _filters(filter_form, tab)
    search = services.parse_search(request.args.get("q", ""))
    sort = filter_form.tri.data if filter_form.tri.data in services.SORTS else services.default_sort(tab)
    if search is not None or tab == "traites":
        sort = services.BY_FILING
    after = _cursor(request.args.get("apres"), sort)
    if search is not None:
        rows, cursor = services.search_page(current_user.service_id, search, after)
    else:
        rows, cursor = services.queue_page(current_user, tab, filters, sort, after)
    # The next page's rows (htmx) need neither the tabs nor the notice.
    counts = {"avis": 0} if request.htmx else services.tab_counts(
        current_user, avis=avis_services.open_count(current_user.service_id))
    context = dict(rows=rows, tab=tab, tabs=services.TABS, counts=counts,
                   next_after=_cursor_text(cursor), filter_form=filter_form, filters=filters, sort=sort,
                   search=search, count_cap=services.COUNT_CAP, row_text=_row_text(rows, agents),
                   batch=batch, batch_error=batch_error, query=_query_args(filter_form, filters, tab, search),
                   avis_waiting=counts["avis"])
    page = render_template("agents/_queue_rows.html" if request.htmx else "agents/queue.html", **context)
    if search is not None and after is None:
        # Who looked for whom is audited like a dossier view (first page only: the next ones are the same
        # search). Once the page is rendered: the audit's commit would expire the rows and the agent.
        record("dossier_search", f"service:{current_user.service_id}", actor_id=current_user.id,
               query=search.text, kind=search.kind, found=len(rows))
    return page, (422 if batch.errors or batch_error else 200)


def _filters(form: QueueFilterForm, tab: str) -> services.QueueFilters:
    """The filters that are valid: a date the agent mistyped is shown in error beside its field and not applied."""
    form.validate()
    zone = ZoneInfo(PARIS)

    def start_of(day):
        return dt.datetime.combine(day, dt.time(), zone).astimezone(dt.timezone.utc)

    valid_to = form.depose_au.data and not form.depose_au.errors
    return services.QueueFilters(
        procedure=form.procedure.data if form.procedure.data in procedures() else None,
        state=form.etat.data if form.etat.data in services.TABS[tab] else None,
        filed_from=start_of(form.depose_du.data) if form.depose_du.data and not form.depose_du.errors else None,
        filed_before=start_of(form.depose_au.data + dt.timedelta(days=1)) if valid_to else None,
        expiring_by=(add_months(today(), services.EXPIRING_MONTHS) if form.expirant.data else None))


def _query_args(form: QueueFilterForm, filters: services.QueueFilters, tab: str, search) -> dict:
    """The query string that keeps the tab, filters, order and search across pages and actions."""
    args = {"onglet": tab, "procedure": filters.procedure, "etat": filters.state,
            "depose_du": form.depose_du.raw_data[0] if filters.filed_from else None,
            "depose_au": form.depose_au.raw_data[0] if filters.filed_before else None,
            "expirant": "y" if filters.expiring_by else None, "tri": form.tri.data or None,
            "q": search.text if search else None}
    return {k: v for k, v in args.items() if v}


def _cursor(text: str | None, sort: str):
    """Read the cursor of the next page: ``filed~id`` by filing, ``day~filed~id`` (day ``-`` for none) by rights."""
    if not text:
        return None
    parts = text.split("~")
    try:
        if sort == services.BY_FILING and len(parts) == 2:
            return dt.datetime.fromisoformat(parts[0]), int(parts[1])
        if sort == services.BY_RIGHTS and len(parts) == 3:
            day = None if parts[0] == "-" else dt.date.fromisoformat(parts[0])
            return day, dt.datetime.fromisoformat(parts[1]), int(parts[2])
    except ValueError:
        pass
    abort(400)


def _cursor_text(cursor) -> str | None:
    if cursor is None:
        return None
    *day, filed_at, last_id = cursor
    head = [(day[0].isoformat() if day[0] else "-")] if day else []
    return "~".join([*head, filed_at.isoformat(), str(last_id)])


def _run_batch(form: BatchForm, references: list[str], agents: dict) -> None:
    """Take or assign each ticked dossier of the service, one by one; say what was done and what was not."""
    found = services.service_dossiers(current_user, references)
    done, refused = 0, []
    for reference in references:
        dossier = found.get(reference)
        try:
            if dossier is None:
                raise dossier_services.TransitionError(_("Dossier introuvable dans le service."))
            if form.action.data == "prendre":
                if dossier.state != lifecycle.DEPOSE:
                    raise dossier_services.TransitionError(_("Il n'est plus à traiter."))
                dossier_services.take(dossier, current_user)
                done += 1
            else:
                done += dossier_services.assign(dossier, current_user, agents[form.agent.data])
        except dossier_services.TransitionError as exc:
            refused.append(f"{reference}\u00a0: {exc}")
    if form.action.data == "prendre":
        message = ngettext("%(num)d dossier pris en instruction.", "%(num)d dossiers pris en instruction.", done)
    else:
        agent = agents[form.agent.data]
        message = ngettext("%(num)d dossier attribué à %(name)s.", "%(num)d dossiers attribués à %(name)s.", done,
                           name=f"{agent.given_names} {agent.family_name}")
    flash(message, "success" if done else "info")
    if refused:
        flash(Markup("<br>").join([_("Non modifiés :"), *refused]), "warning")


def _row_text(rows, agents) -> dict:
    """What the queue's rows show, translated and formatted once per page rather than once per row."""
    days: dict = {}
    filed_on, rights_on = {}, {}

    def short(day):
        if day not in days:
            days[day] = format_date(day, "short") if day else ""
        return days[day]

    for d in rows:
        filed_on[d.id] = short(to_user_timezone(d.filed_at).date() if d.filed_at else None)
        rights_on[d.id] = short(d.rights_expire_on)
    now = today()
    # The link of a dossier, less its reference (references are letters, digits and dashes: nothing to escape).
    link = url_for("agents.dossier", reference="-")[:-1]
    return {"filed_on": filed_on, "rights_on": rights_on, "today": now,
            "soon": add_months(now, services.EXPIRING_MONTHS), "link": link,
            "agents": {a.id: f"{a.given_names} {a.family_name}" for a in agents},
            "states": {state: str(label) for state, label in lifecycle.STATE_LABELS.items()},
            "procedures": {code: str(info.title) for code, info in procedures().items()}}


def _dossier(reference):
    return dossier_services.agent_dossier(reference, current_user)


@bp.route("/dossiers/<reference>")
@roles_required(*AGENT_ROLES)
def dossier(reference):
    found = _dossier(reference)
    # Recorded once the page is rendered: the audit's commit would expire the dossier and its history, read again
    # for the page (two more statements and their rows); a page that fails to render showed nothing.
    page = _render_dossier(found)
    record("dossier_view", found.reference, actor_id=current_user.id)
    return page


def _rendered(panel) -> Markup:
    """A plugin panel's HTML: its template is rendered by Jinja with autoescaping, so the data in it is escaped."""
    return Markup(render_template(panel.template, **panel.context))  # nosec B704


def _render_dossier(dossier, status=200, complement_form=None, decision_form=None, return_form=None, error=None,
                    item_errors=None, item_error=None, close_form=None, stage_form=None):
    requirements = dossier_services.required_documents(dossier)
    given = dossier_services.current_documents(dossier)
    labels = {r.kind: r.label for r in requirements}
    complement_form = complement_form or ComplementForm(formdata=None, deadline=dt.date.today() + dt.timedelta(days=30))
    # A document found non-conforming is offered ticked, its reason ready.
    if request.method == "POST" and request.form.getlist("item"):
        ticked = set(request.form.getlist("item"))
        reasons = {v: request.form.get(f"reason-{v}", "") for v in ticked}
    else:
        refused = [d for d in given.values() if d.conformity == "non_conforme"]
        ticked = {f"document:{d.kind}" for d in refused}
        reasons = {f"document:{d.kind}": d.conformity_reason or "" for d in refused}
    contributed = sorted((p for batch in hook().agent_dossier_panels(procedure=dossier.procedure, dossier=dossier)
                          for p in batch), key=lambda p: p.priority)
    panels = [(p.title, _rendered(p)) for p in contributed]
    return render_template(
        "agents/dossier.html", dossier=dossier, info=procedures()[dossier.procedure],
        summary=dossier_services.answer_summary(dossier), requirements=requirements,
        given=given, checks=dossier_services.checks_for(dossier),
        checklist=hook().agent_checklist(procedure=dossier.procedure, answers=dossier.answers or {}) or [],
        fee=dossier_services.fee_for(dossier), panels=panels, action_form=ActionForm(),
        complement_form=complement_form, decision_form=decision_form or DecisionForm(formdata=None),
        return_form=return_form or ReturnProposalForm(formdata=None), error=error,
        labels=labels, item_choices=_complement_choices(dossier, requirements), ticked=ticked, reasons=reasons,
        item_errors=item_errors or {}, item_error=item_error, close_form=close_form or CloseForm(formdata=None),
        changes=corrections.changes(dossier), clock=legal_clock(dossier), today=dt.date.today(),
        posted_stage_form=stage_form), status


def _complement_choices(dossier, requirements) -> dict:
    """What a complement request may ask: each step's answers, each document."""
    choices = {f"answer:{s.slug}": s.title for s in dossier_services.steps_for(dossier)}
    choices.update({f"document:{r.kind}": r.label for r in requirements})
    return choices


def _act(reference, fn):
    dossier = _dossier(reference)
    try:
        fn(dossier)
    except dossier_services.TransitionError as exc:
        return _render_dossier(dossier, status=409, error=str(exc))
    return redirect(url_for("agents.dossier", reference=reference))


@bp.route("/dossiers/<reference>/documents/<int:document_id>", methods=["GET", "POST"])
@roles_required(*AGENT_ROLES)
def document(reference, document_id):
    """The in-page viewer of one document, with the conformity verdict."""
    dossier = _dossier(reference)
    doc = next((d for d in dossier_services.current_documents(dossier).values() if d.id == document_id), None)
    if doc is None or doc.file is None:
        abort(404)
    requirement = next((r for r in dossier_services.required_documents(dossier) if r.kind == doc.kind), None)
    form = ConformityForm(data={"verdict": doc.conformity, "reason": doc.conformity_reason})
    if form.validate_on_submit():
        set_conformity(doc, current_user.id, conforming=form.verdict.data == "conforme", reason=form.reason.data)
        flash(_("Document marqué conforme.") if doc.conformity == "conforme" else
              _("Document marqué non conforme : il est proposé dans la demande de complément."), "success")
        return redirect(url_for("agents.dossier", reference=reference) + "#documents")
    if request.method == "GET":
        record_access(doc.id, current_user.id, "view")
    return render_template("agents/document.html", dossier=dossier, doc=doc, form=form,
                           label=requirement.label if requirement else doc.kind,
                           identity=bool(requirement and requirement.identity)), (422 if form.errors else 200)


@bp.route("/dossiers/<reference>/prendre", methods=["POST"])
@roles_required(*AGENT_ROLES)
def take(reference):
    if not ActionForm().validate_on_submit():
        abort(400)

    def run(dossier):
        dossier_services.take(dossier, current_user)
        flash(_("Vous instruisez ce dossier."), "success")

    return _act(reference, run)


@bp.route("/dossiers/<reference>/complement", methods=["POST"])
@roles_required(*AGENT_ROLES)
def request_complement(reference):
    dossier = _dossier(reference)
    form = ComplementForm()
    choices = _complement_choices(dossier, dossier_services.required_documents(dossier))
    items, item_errors, item_error = complement_items(request.form, choices)
    if not form.validate_on_submit() or item_errors or item_error:
        return _render_dossier(dossier, status=422, complement_form=form, item_errors=item_errors,
                               item_error=item_error)
    try:
        corrections.request_complement(dossier, current_user, items=items, deadline=form.deadline.data,
                                       message=form.message.data)
    except dossier_services.TransitionError as exc:
        return _render_dossier(dossier, status=409, complement_form=form, error=str(exc))
    flash(_("La demande de complément est envoyée au demandeur."), "success")
    return redirect(url_for("agents.dossier", reference=reference))


@bp.route("/dossiers/<reference>/classer", methods=["POST"])
@roles_required(*AGENT_ROLES)
def close(reference):
    """Classer sans suite, once the deadline of an unanswered complement request has passed."""
    dossier = _dossier(reference)
    form = CloseForm()
    if not form.validate_on_submit():
        return _render_dossier(dossier, status=422, close_form=form)
    try:
        corrections.close_unanswered(dossier, current_user, reason=form.reason.data)
    except dossier_services.TransitionError as exc:
        return _render_dossier(dossier, status=409, close_form=form, error=str(exc))
    flash(_("Le dossier est classé sans suite."), "info")
    return redirect(url_for("agents.dossier", reference=reference))


@bp.route("/dossiers/<reference>/decision", methods=["POST"])
@roles_required(*AGENT_ROLES)
def decide(reference):
    dossier = _dossier(reference)
    form = DecisionForm()
    if stage_services.stages_for(dossier) and dossier.state != lifecycle.DECISION_PROPOSEE:
        # A procedure with stages of its own is decided at the stage that decides (anef.stages), not here.
        return _render_dossier(dossier, status=409, error=_("Cette demande se décide à l'étape prévue pour cela."))
    if not form.validate_on_submit():
        return _render_dossier(dossier, status=422, decision_form=form)
    try:
        action = dossier_services.decide(dossier, current_user, decision=form.decision.data,
                                         motivation=form.motivation.data or "")
    except dossier_services.TransitionError as exc:
        return _render_dossier(dossier, status=409, decision_form=form, error=str(exc))
    messages = {"accept": _("La demande est acceptée."), "refuse": _("La demande est refusée."),
                "propose_decision": _("La décision est proposée ; elle attend la signature d'un valideur.")}
    flash(messages[action], "success")
    return redirect(url_for("agents.dossier", reference=reference))


@bp.route("/dossiers/<reference>/signer", methods=["POST"])
@roles_required(*AGENT_ROLES)
def sign(reference):
    if not ActionForm().validate_on_submit():
        abort(400)

    def run(dossier):
        if dossier.state != "decision_proposee":
            raise dossier_services.TransitionError(_("Aucune décision n'attend de signature."))
        dossier_services.decide(dossier, current_user, decision=dossier.proposed_decision, motivation="")
        flash(_("La décision est signée."), "success")

    return _act(reference, run)


@bp.route("/dossiers/<reference>/renvoyer", methods=["POST"])
@roles_required(*AGENT_ROLES)
def return_proposal(reference):
    dossier = _dossier(reference)
    form = ReturnProposalForm()
    if not form.validate_on_submit():
        return _render_dossier(dossier, status=422, return_form=form)
    try:
        dossier_services.return_proposal(dossier, current_user, reason=form.reason.data)
    except dossier_services.TransitionError as exc:
        return _render_dossier(dossier, status=409, return_form=form, error=str(exc))
    flash(_("La proposition est renvoyée en instruction."), "info")
    return redirect(url_for("agents.dossier", reference=reference))


@bp.route("/service/agents", methods=["GET", "POST"])
@roles_required(ADMIN)
def service_agents():
    form = NewAgentForm()
    if form.validate_on_submit():
        if account_services.find_user(form.email.data):
            form.email.errors.append(_("Un compte existe déjà avec cette adresse."))
        else:
            account_services.create_agent(email=form.email.data, password=form.password.data, role=form.role.data,
                                          service_id=current_user.service_id, given_names=form.given_names.data,
                                          family_name=form.family_name.data)
            flash(_("Le compte de %(name)s est créé.", name=form.given_names.data), "success")
            return redirect(url_for("agents.service_agents"))
    return render_template("agents/service_agents.html", form=form,
                           agents=services.service_agents(current_user.service_id)), (422 if form.errors else 200)
