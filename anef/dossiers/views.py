"""The applicant's pages: dashboard, starting a procedure, steps, documents, review, follow-up."""
from flask import abort, flash, redirect, render_template, request, url_for
from markupsafe import Markup
from sqlalchemy import select
from flask_babel import format_time, get_locale
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from anef.accounts.models import APPLICANT
from anef.calendar.services import availability, today
from anef.documents.blueprint import send_stored
from anef.documents.models import DocumentPage
from anef.documents.services import (UploadRejected, add_page, move_page, remove_page, retry_stuck_pages,
                                     use_wallet_item, wallet_offers)
from anef.dossiers import corrections, lifecycle, services
from anef.dossiers.clock import legal_clock
from anef.dossiers.blueprint import bp
from anef.dossiers.models import Dossier
from anef.dossiers.forms import ActionForm, ComplementAnswerForm, UploadForm, WithdrawForm
from anef.employers.services import offered_to
from anef.extensions import db
from anef.models import utcnow
from anef.plugins import hook, procedures
from anef.security import roles_required
from anef.stages.services import next_step


def _own(reference):
    return services.applicant_dossier(reference, current_user)


def _draft(reference):
    dossier = _own(reference)
    if dossier.state != lifecycle.BROUILLON:
        return None, redirect(url_for("dossiers.show", reference=reference))
    return dossier, None


@bp.route("/")
@roles_required(APPLICANT)
def dashboard():
    dossiers = services.applicant_dossiers(current_user)
    # An employer account is offered the employer's procedures, a person's account the others (anef.employers).
    offered = {code: info for code, info in procedures().items() if offered_to(info, current_user)}
    return render_template("dossiers/dashboard.html", dossiers=dossiers, procedures=procedures(), offered=offered,
                           next_step=next_step)


@bp.route("/nouveau/<procedure>", methods=["GET", "POST"])
@roles_required(APPLICANT)
def start(procedure):
    info = procedures().get(procedure)
    if info is None:
        abort(404)
    if not offered_to(info, current_user):
        return render_template("employers/wrong_account.html", info=info), 403
    avail = availability(procedure)
    if not avail.is_open:
        return render_template("dossiers/closed.html", info=info, avail=avail), 403
    form_class = hook().procedure_eligibility_form(procedure=procedure)
    form = form_class(formdata=request.form if request.method == "POST" else None)
    verdict = None
    if request.method == "POST" and form.validate():
        verdict = hook().assess_eligibility(procedure=procedure, answers=form.data)
        if verdict.eligible:
            dossier = services.create_draft(current_user, procedure, verdict.initial_answers)
            first = services.steps_for(dossier)[0]
            return redirect(url_for("dossiers.step", reference=dossier.reference, slug=first.slug))
    suggested = procedures().get(verdict.suggested_procedure) if verdict and verdict.suggested_procedure else None
    return render_template("dossiers/start.html", info=info, form=form, verdict=verdict, suggested=suggested,
                           avail=avail)


def _navigation(dossier, current_slug):
    steps = services.steps_for(dossier)
    slugs = [s.slug for s in steps]
    index = slugs.index(current_slug)
    previous = slugs[index - 1] if index > 0 else None
    following = slugs[index + 1] if index + 1 < len(slugs) else None
    return steps, index, previous, following


@bp.route("/<reference>/etapes/<slug>", methods=["GET", "POST"])
@roles_required(APPLICANT)
def step(reference, slug):
    dossier, leave = _draft(reference)
    if leave:
        return leave
    current = services.find_step(dossier, slug)
    if request.method == "POST":
        form = services.save_step(dossier, current, request.form)
        if request.htmx:
            return render_template("dossiers/_autosave.html", saved_at=format_time(utcnow(), "short"),
                                   errors=form.errors)
        steps, index, previous, following = _navigation(dossier, slug)
        # Going back never blocks: what was typed is saved, errors will wait.
        if request.form.get("go") == "previous" and previous:
            return redirect(url_for("dossiers.step", reference=reference, slug=previous))
        if request.form.get("go") == "later":
            flash(_("Votre brouillon est enregistré. Vous pourrez le reprendre depuis « Mes demandes »."), "info")
            return redirect(url_for("dossiers.dashboard"))
        if not form.errors:
            if following:
                return redirect(url_for("dossiers.step", reference=reference, slug=following))
            return redirect(url_for("dossiers.documents", reference=reference))
    else:
        form = services.step_form(dossier, current) if slug in (dossier.answers or {}) else current.form_class()
    steps, index, previous, following = _navigation(dossier, slug)
    return render_template("dossiers/step.html", dossier=dossier, step=current, form=form, steps=steps,
                           index=index, previous=previous, info=procedures()[dossier.procedure],
                           status=dict((s.slug, done) for s, done in services.step_status(dossier)))


def _editable_documents(reference):
    """The dossier, if its documents may change now: a draft, a complement or an amendment in progress."""
    dossier = _own(reference)
    return dossier, dossier.state == lifecycle.BROUILLON or bool(corrections.editable_kinds(dossier))


def _allowed_kinds(dossier, requirements):
    if dossier.state != lifecycle.BROUILLON:
        return corrections.editable_kinds(dossier)
    return {r.kind for r in requirements}


def _correction_url(dossier):
    """Where the applicant correcting a filed request goes back to."""
    if dossier.open_complement is not None:
        return url_for("dossiers.complement", reference=dossier.reference)
    return url_for("dossiers.amendment", reference=dossier.reference)


def _documents_page(dossier, errors=None, status=200):
    """The documents of a draft, or the correction page of a filed request."""
    if dossier.state != lifecycle.BROUILLON:
        return correction_page(dossier, errors=errors or {}, status=status)
    requirements = services.required_documents(dossier)
    return render_template("dossiers/documents.html", dossier=dossier, requirements=requirements,
                           given=services.current_documents(dossier), errors=errors or {},
                           offers=wallet_offers(current_user.id, [r.kind for r in requirements], today()),
                           info=procedures()[dossier.procedure], steps=services.steps_for(dossier)), status


@bp.route("/<reference>/documents", methods=["GET", "POST"])
@roles_required(APPLICANT)
def documents(reference):
    dossier, editable = _editable_documents(reference)
    if not editable:
        return redirect(url_for("dossiers.show", reference=reference))
    if request.method == "GET":
        if dossier.state != lifecycle.BROUILLON:
            return redirect(_correction_url(dossier))
        return _documents_page(dossier)
    form = UploadForm()
    requirements = services.required_documents(dossier)
    if not form.validate_on_submit():
        abort(400)
    kind = form.kind.data
    if kind not in _allowed_kinds(dossier, requirements):
        abort(400)
    uploads = [f for f in request.files.getlist("file") if f and f.filename] or [None]
    replace = dossier.state != lifecycle.BROUILLON and corrections.replaces_document(dossier, kind)
    try:
        for upload in uploads:
            add_page(dossier.id, kind, upload, current_user.id, replace=replace)
            replace = False
    except UploadRejected as exc:
        db.session.rollback()
        return _documents_page(dossier, errors={kind: str(exc)}, status=400)
    label = next(r.label for r in requirements if r.kind == kind)
    flash(ngettext("%(num)s page ajoutée à « %(name)s ».", "%(num)s pages ajoutées à « %(name)s ».",
                   len(uploads), name=str(label)), "success")
    target = _correction_url(dossier) if dossier.state != lifecycle.BROUILLON else url_for(
        "dossiers.documents", reference=reference)
    return redirect(target + f"#doc-{kind}")


@bp.route("/<reference>/documents/<kind>/etat")
@roles_required(APPLICANT)
def document_status(reference, kind):
    """The row of one document, polled by htmx while its pages are being processed (a plain GET: the page
    that holds the row)."""
    dossier = _own(reference)
    requirement = next((r for r in services.required_documents(dossier) if r.kind == kind), None)
    if requirement is None:
        abort(404)
    editable = dossier.state == lifecycle.BROUILLON or kind in corrections.editable_kinds(dossier)
    if not request.htmx:
        if dossier.state == lifecycle.BROUILLON:
            return redirect(url_for("dossiers.documents", reference=reference))
        return redirect(_correction_url(dossier) if editable else url_for("dossiers.show", reference=reference))
    given = services.current_documents(dossier)
    if kind in given:
        retry_stuck_pages([given[kind]])
    given = services.current_documents(dossier)
    row = render_template("dossiers/_document_row.html", dossier=dossier, req=requirement, given=given, errors={},
                          editable=editable, offers=wallet_offers(current_user.id, [kind], today()))
    if kind in given and given[kind].status != "en_cours":
        # Processing is over: say so in the page's live region (the row itself was replaced, unannounced).
        row += render_template("dossiers/_documents_live.html",
                               message=_("« %(document)s » : traitement terminé.", document=requirement.label))
    return row


def _own_page(dossier, page_id):
    page = db.session.get(DocumentPage, page_id)
    if page is None or page.document.dossier_id != dossier.id or page.document.replaced_at is not None:
        abort(404)
    return page


@bp.route("/<reference>/documents/pages/<int:page_id>/<any(monter,descendre,retirer):action>", methods=["POST"])
@roles_required(APPLICANT)
def change_page(reference, page_id, action):
    dossier, editable = _editable_documents(reference)
    if not editable:
        return redirect(url_for("dossiers.show", reference=reference))
    if not ActionForm().validate_on_submit():
        abort(400)
    page = _own_page(dossier, page_id)
    if page.document.kind not in _allowed_kinds(dossier, services.required_documents(dossier)):
        abort(400)
    kind = page.document.kind
    if action == "retirer":
        remove_page(page)
        flash(_("Page retirée."), "info")
    else:
        move_page(page, -1 if action == "monter" else 1)
    target = _correction_url(dossier) if dossier.state != lifecycle.BROUILLON else url_for(
        "dossiers.documents", reference=reference)
    return redirect(target + f"#doc-{kind}")


@bp.route("/<reference>/documents/<kind>/portefeuille", methods=["POST"])
@roles_required(APPLICANT)
def use_wallet(reference, kind):
    dossier, leave = _draft(reference)
    if leave:
        return leave
    if not ActionForm().validate_on_submit():
        abort(400)
    requirements = services.required_documents(dossier)
    if kind not in {r.kind for r in requirements}:
        abort(400)
    item = wallet_offers(current_user.id, [kind], today()).get(kind)
    if item is None:
        abort(404)
    use_wallet_item(dossier.id, item, current_user.id)
    flash(_("Document repris de vos documents déjà donnés."), "success")
    return redirect(url_for("dossiers.documents", reference=reference) + f"#doc-{kind}")


@bp.route("/<reference>/documents/pages/<int:page_id>/fichier")
@roles_required(APPLICANT)
def page_file(reference, page_id):
    """A page as the person gave it, once processed (to check it)."""
    dossier = _own(reference)
    page = _own_page(dossier, page_id)
    if page.file is None:
        abort(404)
    return send_stored(page.file, page.filename)


@bp.route("/<reference>/recapitulatif")
@roles_required(APPLICANT)
def review(reference):
    dossier, leave = _draft(reference)
    if leave:
        return leave
    return _render_review(dossier)


def _render_review(dossier, status=200):
    return render_template(
        "dossiers/review.html", dossier=dossier, info=procedures()[dossier.procedure],
        summary=services.answer_summary(dossier), completeness=services.completeness(dossier),
        checks=services.checks_for(dossier), requirements=services.required_documents(dossier),
        given=services.current_documents(dossier), fee=services.fee_for(dossier),
        steps=services.steps_for(dossier), form=ActionForm()), status


@bp.route("/<reference>/deposer", methods=["POST"])
@roles_required(APPLICANT)
def submit(reference):
    dossier, leave = _draft(reference)
    if leave:
        return leave
    if not ActionForm().validate_on_submit():
        abort(400)
    result = services.file_dossier(dossier, current_user)
    if not result.ok:
        flash(_("Votre demande n'est pas encore complète : voyez ce qu'il manque ci-dessous."), "error")
        return _render_review(dossier, status=422)
    flash(_("Votre demande est déposée. Votre attestation de dépôt est disponible."), "success")
    return redirect(url_for("dossiers.show", reference=reference))


@bp.route("/<reference>/supprimer", methods=["POST"])
@roles_required(APPLICANT)
def delete(reference):
    dossier, leave = _draft(reference)
    if leave:
        return leave
    if not ActionForm().validate_on_submit():
        abort(400)
    services.delete_draft(dossier)
    flash(_("Le brouillon est supprimé."), "info")
    return redirect(url_for("dossiers.dashboard"))


# The status part of a dossier page carries a tag of what it shows; htmx sends it back with each poll, and an
# unchanged status is answered 204 (htmx then leaves the page as it is), without reading or rendering it again.
STATUS_HEADER = "X-Anef-Status"


def status_tag(version: int) -> str:
    """What the status part shows depends on the dossier's row (its version changes with every update, history,
    complement and stage included), the reader's language and the day."""
    return f"{version}-{get_locale()}-{today():%Y%m%d}"


def _status_unchanged(reference: str) -> bool:
    seen = request.headers.get(STATUS_HEADER)
    if not seen or not request.htmx:
        return False
    row = db.session.execute(select(Dossier.applicant_id, Dossier.version, Dossier.state)
                             .where(Dossier.reference == reference)).first()
    return (row is not None and row.applicant_id == current_user.id and row.state != lifecycle.BROUILLON
            and seen == status_tag(row.version))


@bp.route("/<reference>")
@roles_required(APPLICANT)
def show(reference):
    if _status_unchanged(reference):
        return "", 204
    dossier = _own(reference)
    if dossier.state == lifecycle.BROUILLON and not request.htmx:
        return redirect(url_for("dossiers.review", reference=reference))
    context = dict(dossier=dossier, info=procedures()[dossier.procedure], next_step=next_step,
                   status_header=STATUS_HEADER, status_tag=status_tag(dossier.version),
                   timeline=services.timeline(dossier), clock=legal_clock(dossier),
                   amendable=dossier.state in lifecycle.AMENDABLE_STATES, form=ActionForm())
    if request.htmx:
        return render_template("dossiers/_status.html", **context)
    return render_template("dossiers/show.html",
                           requirements=services.required_documents(dossier),
                           given=services.current_documents(dossier), panels=_panels(dossier), **context)


def _panels(dossier) -> list:
    """The procedure plugins' panels for the applicant (hook applicant_dossier_panels), rendered with autoescaping."""
    contributed = sorted((p for batch in hook().applicant_dossier_panels(procedure=dossier.procedure, dossier=dossier)
                          for p in batch), key=lambda p: p.priority)
    return [(p.title, Markup(render_template(p.template, **p.context))) for p in contributed]  # nosec B704


def correction_page(dossier, form=None, error=None, errors=None, status=200):
    """The page where the applicant corrects a filed request: a complement's items, or an amendment."""
    complement = dossier.open_complement
    answers = corrections.working_answers(dossier)
    invalid = {s.slug for s in corrections.invalid_steps(dossier)}
    steps = [(step, services.display_rows(services.form_for(step, answers)), step.slug in invalid,
              answers.get(step.slug) != (dossier.answers or {}).get(step.slug))
             for step in corrections.editable_steps(dossier)]
    kinds = corrections.editable_kinds(dossier)
    reasons = {}
    for item in complement.items if complement else []:
        reasons.setdefault(item.target, []).append(item.reason)
    return render_template("dossiers/correction.html", dossier=dossier, complement=complement,
                           form=form or (ComplementAnswerForm() if complement else ActionForm()),
                           error=error, errors=errors or {}, steps=steps, reasons=reasons,
                           requested=[r for r in services.required_documents(dossier) if r.kind in kinds],
                           pending=set(corrections.documents_pending(dossier)),
                           given=services.current_documents(dossier), offers={},
                           info=procedures()[dossier.procedure]), status


@bp.route("/<reference>/complement", methods=["GET", "POST"])
@roles_required(APPLICANT)
def complement(reference):
    dossier = _own(reference)
    if dossier.state != lifecycle.COMPLEMENT_DEMANDE or dossier.open_complement is None:
        return redirect(url_for("dossiers.show", reference=reference))
    form = ComplementAnswerForm()
    if form.validate_on_submit():
        try:
            corrections.answer_complement(dossier, current_user, reply=form.reply.data or "")
        except services.TransitionError as exc:
            return correction_page(dossier, form=form, error=str(exc), status=422)
        flash(_("Votre complément est envoyé. L'instruction de votre demande reprend."), "success")
        return redirect(url_for("dossiers.show", reference=reference))
    return correction_page(dossier, form=form)


@bp.route("/<reference>/modification", methods=["GET", "POST"])
@roles_required(APPLICANT)
def amendment(reference):
    """GET: the amendment in progress. POST: start one (from the dossier page)."""
    dossier = _own(reference)
    if request.method == "POST":
        if not ActionForm().validate_on_submit():
            abort(400)
        try:
            corrections.start_amendment(dossier, current_user)
        except services.TransitionError as exc:
            flash(str(exc), "error")
            return redirect(url_for("dossiers.show", reference=reference))
        return redirect(url_for("dossiers.amendment", reference=reference))
    if dossier.amendment_started_at is None:
        return redirect(url_for("dossiers.show", reference=reference))
    return correction_page(dossier)


@bp.route("/<reference>/modification/annuler", methods=["POST"])
@roles_required(APPLICANT)
def amendment_cancel(reference):
    dossier = _own(reference)
    if not ActionForm().validate_on_submit():
        abort(400)
    corrections.cancel_amendment(dossier, current_user)
    flash(_("Vos modifications en cours sont abandonnées."), "info")
    return redirect(url_for("dossiers.show", reference=reference))


@bp.route("/<reference>/modification/envoyer", methods=["POST"])
@roles_required(APPLICANT)
def amendment_send(reference):
    dossier = _own(reference)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        changed = corrections.send_amendment(dossier, current_user)
    except services.TransitionError as exc:
        return correction_page(dossier, error=str(exc), status=422)
    flash(_("Vos modifications sont envoyées au service qui instruit votre demande.") if changed
          else _("Vous n'avez rien modifié."), "success" if changed else "info")
    return redirect(url_for("dossiers.show", reference=reference))


@bp.route("/<reference>/corriger/<slug>", methods=["GET", "POST"])
@roles_required(APPLICANT)
def correct_step(reference, slug):
    """One step of a filed request, edited during a complement or an amendment."""
    dossier = _own(reference)
    step = next((s for s in corrections.editable_steps(dossier) if s.slug == slug), None)
    if step is None:
        return redirect(url_for("dossiers.show", reference=reference))
    if request.method == "POST":
        form = corrections.save_correction(dossier, step, request.form)
        if not form.errors:
            flash(_("Réponses enregistrées. Elles seront transmises quand vous enverrez l'ensemble."), "success")
            return redirect(_correction_url(dossier))
        status = 422
    else:
        form = services.form_for(step, corrections.working_answers(dossier))
        status = 200
    complement = dossier.open_complement
    reasons = [i.reason for i in complement.items if i.target == slug] if complement else []
    return render_template("dossiers/correct_step.html", dossier=dossier, step=step, form=form, reasons=reasons,
                           back=_correction_url(dossier), info=procedures()[dossier.procedure]), status


@bp.route("/<reference>/retirer", methods=["GET", "POST"])
@roles_required(APPLICANT)
def withdraw(reference):
    """Désistement: a page saying what it means, then the withdrawal itself."""
    dossier = _own(reference)
    if dossier.state not in lifecycle.ACTIONS["withdraw"].sources:
        return redirect(url_for("dossiers.show", reference=reference))
    form = WithdrawForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            services.withdraw(dossier, current_user, reason=form.reason.data)
        except services.TransitionError as exc:
            flash(str(exc), "error")
        else:
            flash(_("Votre demande est retirée."), "info")
        return redirect(url_for("dossiers.show", reference=reference))
    return render_template("dossiers/withdraw.html", dossier=dossier, form=form,
                           info=procedures()[dossier.procedure])
