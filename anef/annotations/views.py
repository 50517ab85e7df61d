"""Ticking the checklist and writing private annotations; each block works as a plain form, htmx swaps it."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from anef.accounts.models import AGENT_ROLES
from anef.annotations import services
from anef.annotations.blueprint import bp
from anef.annotations.forms import AnnotationForm
from anef.audit.services import record
from anef.dossiers.forms import ActionForm
from anef.dossiers.services import agent_dossier
from anef.security import roles_required


@bp.app_template_global("dossier_checklist")
def dossier_checklist(dossier):
    """The checklist of a dossier with its ticks, for the dossier page (one query)."""
    return services.checklist(dossier)


@bp.app_template_global("dossier_annotations")
def dossier_annotations(dossier):
    """The latest private annotations of a dossier, newest first (one query; one more than shown, to tell
    whether there are others)."""
    return services.annotations(dossier, limit=BLOCK_SIZE + 1)


@bp.app_template_global("annotation_form")
def annotation_form():
    return AnnotationForm(formdata=None)


BLOCK_SIZE = 10


@bp.app_template_global("annotation_block_size")
def annotation_block_size():
    return BLOCK_SIZE


def _back(reference, anchor):
    return redirect(url_for("agents.dossier", reference=reference) + anchor)


@bp.route("/dossiers/<reference>/verifications", methods=["POST"])
@roles_required(*AGENT_ROLES)
def update_checklist(reference):
    """Save the ticks that changed since the form was shown (another agent's ticks meanwhile are kept)."""
    dossier = agent_dossier(reference, current_user)
    if not ActionForm().validate_on_submit():
        abort(400)
    ticked = set(request.form.getlist("tick"))
    changes = {}
    for shown in request.form.getlist("shown"):
        key, _sep, was = shown.rpartition("=")
        if key and was in ("0", "1") and (key in ticked) != (was == "1"):
            changes[key] = key in ticked
    count = services.update_checklist(dossier, current_user, changes)
    if request.htmx:
        return render_template("annotations/_checklist.html", dossier=dossier,
                               items=services.checklist(dossier), saved=True)
    if count:
        flash(_("Vérifications enregistrées."), "success")
    return _back(reference, "#verifications")


@bp.route("/dossiers/<reference>/annotations", methods=["GET", "POST"])
@roles_required(*AGENT_ROLES)
def annotations(reference):
    """The annotations of the dossier, and a new one: on error, the text typed comes back beside the message."""
    dossier = agent_dossier(reference, current_user)
    form = AnnotationForm()
    if form.validate_on_submit():
        try:
            services.add_annotation(dossier, current_user, form.body.data)
        except services.AnnotationError as exc:
            form.body.errors = [str(exc)]
        else:
            if request.htmx:
                return render_template("annotations/_annotations.html", dossier=dossier,
                                       notes=services.annotations(dossier, limit=BLOCK_SIZE + 1),
                                       form=AnnotationForm(formdata=None), limit=BLOCK_SIZE, saved=True)
            flash(_("Annotation enregistrée."), "success")
            return _back(reference, "#annotations")
    status = 422 if form.errors else 200
    if request.method == "GET":
        # Before reading the notes: the audit's commit would expire them.
        record("annotations_view", dossier.reference, actor_id=current_user.id)
    context = dict(dossier=dossier, form=form)
    if request.htmx:
        context.update(notes=services.annotations(dossier, limit=BLOCK_SIZE + 1), limit=BLOCK_SIZE)
    else:
        context.update(notes=services.annotations(dossier), limit=None)
    if request.htmx:
        # htmx swaps only 2xx answers: the block comes back with the text typed and the error in place.
        return render_template("annotations/_annotations.html", **context)
    return render_template("annotations/annotations.html", **context), status
