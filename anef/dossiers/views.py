"""The applicant's pages: dashboard, starting a procedure, steps, documents, review, follow-up."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_time
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from anef.accounts.models import APPLICANT
from anef.calendar.services import availability, today
from anef.documents.blueprint import send_stored
from anef.documents.models import DocumentPage
from anef.documents.services import (UploadRejected, add_page, move_page, remove_page, retry_stuck_pages,
                                     use_wallet_item, wallet_offers)
from anef.dossiers import lifecycle, services
from anef.dossiers.blueprint import bp
from anef.dossiers.forms import ActionForm, ComplementAnswerForm, UploadForm, WithdrawForm
from anef.extensions import db
from anef.models import utcnow
from anef.plugins import hook, procedures
from anef.security import roles_required


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
    return render_template("dossiers/dashboard.html", dossiers=dossiers, procedures=procedures(),
                           next_step=lifecycle.NEXT_STEP)


@bp.route("/nouveau/<procedure>", methods=["GET", "POST"])
@roles_required(APPLICANT)
def start(procedure):
    info = procedures().get(procedure)
    if info is None:
        abort(404)
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
    """The dossier, if its documents may change now: a draft, or a complement asking for documents."""
    dossier = _own(reference)
    if dossier.state not in (lifecycle.BROUILLON, lifecycle.COMPLEMENT_DEMANDE):
        return dossier, False
    return dossier, True


def _allowed_kinds(dossier, requirements):
    if dossier.state == lifecycle.COMPLEMENT_DEMANDE:
        return set(dossier.complement_documents or [])
    return {r.kind for r in requirements}


def _documents_page(dossier, errors=None, status=200):
    """The documents of a draft, or the complement page when documents are asked again."""
    if dossier.state == lifecycle.COMPLEMENT_DEMANDE:
        return complement_page(dossier, errors=errors or {}, status=status)
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
        if dossier.state == lifecycle.COMPLEMENT_DEMANDE:
            return redirect(url_for("dossiers.complement", reference=reference))
        return _documents_page(dossier)
    form = UploadForm()
    requirements = services.required_documents(dossier)
    if not form.validate_on_submit():
        abort(400)
    kind = form.kind.data
    if kind not in _allowed_kinds(dossier, requirements):
        abort(400)
    uploads = [f for f in request.files.getlist("file") if f and f.filename] or [None]
    replace = kind in services.complement_documents_pending(dossier)
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
    target = "dossiers.complement" if dossier.state == lifecycle.COMPLEMENT_DEMANDE else "dossiers.documents"
    return redirect(url_for(target, reference=reference) + f"#doc-{kind}")


@bp.route("/<reference>/documents/<kind>/etat")
@roles_required(APPLICANT)
def document_status(reference, kind):
    """The row of one document, polled by htmx while its pages are being processed."""
    dossier = _own(reference)
    requirement = next((r for r in services.required_documents(dossier) if r.kind == kind), None)
    if requirement is None:
        abort(404)
    editable = dossier.state in (lifecycle.BROUILLON, lifecycle.COMPLEMENT_DEMANDE)
    given = services.current_documents(dossier)
    if kind in given:
        retry_stuck_pages([given[kind]])
    return render_template("dossiers/_document_row.html", dossier=dossier, req=requirement,
                           given=services.current_documents(dossier), errors={}, editable=editable,
                           offers=wallet_offers(current_user.id, [kind], today()))


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
    target = "dossiers.complement" if dossier.state == lifecycle.COMPLEMENT_DEMANDE else "dossiers.documents"
    return redirect(url_for(target, reference=reference) + f"#doc-{kind}")


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


@bp.route("/<reference>")
@roles_required(APPLICANT)
def show(reference):
    dossier = _own(reference)
    if dossier.state == lifecycle.BROUILLON and not request.htmx:
        return redirect(url_for("dossiers.review", reference=reference))
    context = dict(dossier=dossier, info=procedures()[dossier.procedure], next_step=lifecycle.NEXT_STEP,
                   timeline=services.timeline(dossier))
    if request.htmx:
        return render_template("dossiers/_status.html", **context)
    return render_template("dossiers/show.html", form=WithdrawForm(),
                           pending=services.complement_documents_pending(dossier),
                           requirements=services.required_documents(dossier),
                           given=services.current_documents(dossier), **context)


def complement_page(dossier, form=None, error=None, errors=None, status=200):
    """The page where the applicant answers a complement request."""
    requirements = {r.kind: r for r in services.required_documents(dossier)}
    return render_template("dossiers/complement.html", dossier=dossier, form=form or ComplementAnswerForm(),
                           error=error, errors=errors or {},
                           requested=[requirements[k] for k in dossier.complement_documents or [] if k in requirements],
                           pending=set(services.complement_documents_pending(dossier)),
                           given=services.current_documents(dossier), offers={},
                           info=procedures()[dossier.procedure]), status


@bp.route("/<reference>/complement", methods=["GET", "POST"])
@roles_required(APPLICANT)
def complement(reference):
    dossier = _own(reference)
    if dossier.state != lifecycle.COMPLEMENT_DEMANDE:
        return redirect(url_for("dossiers.show", reference=reference))
    form = ComplementAnswerForm()
    if form.validate_on_submit():
        try:
            services.answer_complement(dossier, current_user, reply=form.reply.data or "")
        except services.TransitionError as exc:
            return complement_page(dossier, form=form, error=str(exc), status=422)
        flash(_("Votre complément est envoyé. L'instruction de votre demande reprend."), "success")
        return redirect(url_for("dossiers.show", reference=reference))
    return complement_page(dossier, form=form)


@bp.route("/<reference>/retirer", methods=["POST"])
@roles_required(APPLICANT)
def withdraw(reference):
    dossier = _own(reference)
    form = WithdrawForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.withdraw(dossier, current_user, reason=form.reason.data)
    except services.TransitionError as exc:
        flash(str(exc), "error")
    else:
        flash(_("Votre demande est retirée."), "info")
    return redirect(url_for("dossiers.show", reference=reference))
