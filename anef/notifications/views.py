"""The print queue of postal letters, for the agents of the service that sends them (every view audited)."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from anef.accounts.models import AGENT_ROLES
from anef.audit.services import record
from anef.notifications import letters
from anef.notifications.blueprint import bp
from anef.notifications.models import PRINTED, TO_PRINT
from anef.security import roles_required


def _service_code() -> str:
    return current_user.service.code if current_user.service else str(current_user.service_id)


def _pdf(letter_list, filename):
    response = letters.letters_pdf(letter_list)
    return response, 200, {"Content-Type": "application/pdf",
                           "Content-Disposition": f'attachment; filename="{filename}"'}


def _selected():
    """The letters ticked in the form, all of the agent's service, else 404 (as for a missing one)."""
    try:
        ids = [int(value) for value in request.form.getlist("lettre")]
    except ValueError:
        abort(404)
    found = letters.letters_of_service(current_user.service_id, ids) if ids else []
    if found is None:
        record("letters_refused", _service_code(), actor_id=current_user.id, letters=ids)
        abort(404)
    return found


@bp.route("/agent/courriers")
@roles_required(*AGENT_ROLES)
def print_queue():
    service_id = current_user.service_id
    record("letters_list", _service_code(), actor_id=current_user.id)
    return render_template("notifications/print_queue.html", to_print=letters.print_queue(service_id),
                           waiting=letters.count_to_print(service_id),
                           printed=letters.print_queue(service_id, status=PRINTED, limit=50),
                           limit=letters.QUEUE_LIMIT)


@bp.route("/agent/courriers/<int:letter_id>.pdf")
@roles_required(*AGENT_ROLES)
def letter_pdf(letter_id):
    found = letters.letters_of_service(current_user.service_id, [letter_id])
    if found is None:
        record("letters_refused", _service_code(), actor_id=current_user.id, letters=[letter_id])
        abort(404)
    record("letters_download", _service_code(), actor_id=current_user.id, letters=[letter_id])
    return _pdf(found, f"courrier-{letter_id}.pdf")


@bp.route("/agent/courriers/lot", methods=["POST"])
@roles_required(*AGENT_ROLES)
def batch_pdf():
    found = _selected()
    if not found:
        flash(_("Cochez au moins un courrier."), "error")
        return redirect(url_for("notifications.print_queue"))
    record("letters_download", _service_code(), actor_id=current_user.id, letters=[m.id for m in found])
    return _pdf(found, f"courriers-{len(found)}.pdf")


@bp.route("/agent/courriers/imprimes", methods=["POST"])
@roles_required(*AGENT_ROLES)
def mark_printed():
    found = _selected()
    if not found:
        flash(_("Cochez au moins un courrier."), "error")
        return redirect(url_for("notifications.print_queue"))
    changed = letters.mark_printed([m for m in found if m.status == TO_PRINT], current_user)
    record("letters_printed", _service_code(), actor_id=current_user.id, letters=[m.id for m in found])
    flash(ngettext("%(num)d courrier marqué imprimé et posté.", "%(num)d courriers marqués imprimés et postés.",
                   changed), "success")
    return redirect(url_for("notifications.print_queue"))
