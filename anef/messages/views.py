"""Message pages: the applicant's and the agents' thread of a dossier (page, post, poll), attachments, and the
service's reply templates (local admin).

Every page works as plain forms and redirects; htmx improves it: the thread polls a fragment that answers
204 when nothing changed, the reply form posts in place and keeps what was typed on error.
"""
from __future__ import annotations

from flask import abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from markupsafe import Markup

from anef.accounts.models import ADMIN, AGENT_ROLES, APPLICANT
from anef.audit.services import record
from anef.documents.blueprint import send_stored
from anef.documents.intake import Limits, rejection
from anef.documents.models import READY, Document
from anef.documents.services import record_access
from anef.dossiers import services as dossier_services
from anef.dossiers.forms import ActionForm
from anef.extensions import db, limiter
from anef.messages import services
from anef.messages.blueprint import bp
from anef.messages.forms import MessageForm, ReplyTemplateForm
from anef.security import roles_required

# Writing is throttled per person: enough for a conversation, not for a flood.
WRITE_LIMIT = "10 per minute;120 per hour"
POLL_SECONDS = 15


def _person_key() -> str:
    return f"messages:{current_user.id}" if current_user.is_authenticated else "messages:anonymous"


THROTTLED = limiter.limit(WRITE_LIMIT, key_func=_person_key, methods=["POST"], scope="messages-write")


# ---------------------------------------------------------------- template helpers

@bp.app_template_global("messages_unread_for_applicant")
def unread_for_applicant() -> dict[int, int]:
    """Unread service messages per dossier of the logged-in applicant (one query per page)."""
    if not current_user.is_authenticated or current_user.is_agent:
        return {}
    return services.applicant_unread_counts(current_user.id)


@bp.app_template_global("messages_unread_for_service")
def unread_for_service(dossiers) -> dict[int, int]:
    """Unread applicant messages per dossier of a page of the agent's queue (one query per page)."""
    return services.service_unread_counts(d.id for d in dossiers)


@bp.app_template_filter("message_paragraphs")
def message_paragraphs(text: str) -> Markup:
    """A message's text as paragraphs and line breaks, every piece escaped."""
    blocks = [b for b in (text or "").split("\n\n") if b.strip()]
    # Markup.join and Markup.format escape what they are given: only the tags here are markup.
    return Markup("").join(Markup("<p>{}</p>").format(Markup("<br>").join(block.strip("\n").split("\n")))
                           for block in blocks)


# ---------------------------------------------------------------- the thread, for both sides

def _urls(dossier, agent: bool) -> dict:
    prefix = "messages.agent_" if agent else "messages.applicant_"
    return {"thread_url": url_for(prefix + "thread", reference=dossier.reference),
            "attachment_endpoint": prefix + "attachment"}


def _dossier_for_view(reference: str, agent: bool):
    if agent:
        return dossier_services.agent_dossier(reference, current_user)
    return dossier_services.applicant_dossier(reference, current_user)


def _context(dossier, agent: bool, messages, *, form=None, new_ids=frozenset(), announce: str = "",
             focus: str | None = None) -> dict:
    context = dict(dossier=dossier, agent=agent, messages=messages, new_ids=set(new_ids),
                   form=form or MessageForm(formdata=None), writable=services.can_write(dossier),
                   state=services.state_of(messages), announce=announce, focus=focus,
                   poll_seconds=POLL_SECONDS, body_max=services.BODY_MAX, **_urls(dossier, agent))
    return context


def _page(dossier, agent: bool, messages, status: int = 200, **kwargs):
    if agent:
        return render_template("messages/agent_thread.html", templates=services.templates_for(current_user.service_id),
                               **_context(dossier, agent, messages, **kwargs)), status
    return render_template("messages/applicant_thread.html", **_context(dossier, agent, messages, **kwargs)), status


def _read(dossier, agent: bool, *, audit_poll: bool = False):
    """Load the thread and mark what the reader is shown as read; return (messages, ids new to the reader)."""
    messages = services.thread(dossier)
    services.retry_stuck_attachments(messages)
    new_ids = services.mark_read(dossier, current_user, messages) if services.can_write(dossier) else set()
    if new_ids:
        if audit_poll:
            record("messages_view", dossier.reference, actor_id=current_user.id, poll=True)
        # Committing expired what was loaded: load the thread once more (one query) rather than row by row.
        messages = services.thread(dossier)
    return messages, new_ids


def _announce_new(dossier, agent: bool, messages, new_ids) -> str:
    if not new_ids:
        return ""
    if agent:
        return ngettext("%(num)s nouveau message du demandeur.", "%(num)s nouveaux messages du demandeur.",
                        len(new_ids))
    return ngettext("%(num)s nouveau message de %(service)s.", "%(num)s nouveaux messages de %(service)s.",
                    len(new_ids), service=dossier.service.name if dossier.service else "")


def _with_errors(form: MessageForm, errors: dict[str, str]) -> MessageForm:
    for name, error in errors.items():
        getattr(form, name).errors = [error]
    return form


def _show(dossier, agent: bool):
    """GET: the page, the poll's fragment (204 when nothing changed), or an agent's template inserted."""
    if request.htmx and "etat" in request.args:
        if not services.can_write(dossier) or services.poll_state(dossier.id) == request.args["etat"]:
            return "", 204
        messages, new_ids = _read(dossier, agent, audit_poll=agent)
        return render_template("messages/_poll.html", **_context(
            dossier, agent, messages, new_ids=new_ids, announce=_announce_new(dossier, agent, messages, new_ids)))
    form = MessageForm(formdata=None)
    if agent and request.args.get("modele"):
        template = services.usable_template(request.args["modele"], current_user.service_id)
        if template is not None:
            filled = services.fill(template.body, dossier)
            typed = (request.args.get("body") or "").strip() if request.htmx else ""
            form.body.data = f"{typed}\n\n{filled}" if typed else filled
        if request.htmx:
            return render_template("messages/_body_field.html", form=form, focus="body",
                                   body_max=services.BODY_MAX)
    if agent:
        record("messages_view", dossier.reference, actor_id=current_user.id)
    messages, new_ids = _read(dossier, agent)
    return _page(dossier, agent, messages, form=form, new_ids=new_ids,
                 announce=_announce_new(dossier, agent, messages, new_ids))


def _post(dossier, agent: bool):
    """POST: send a message; errors come back beside their field with what was typed."""
    form = MessageForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        message = services.send(dossier, current_user, form.body.data, request.files.get("attachment"))
    except services.MessageRejected as exc:
        return _rejected(dossier, agent, form, {exc.field: str(exc)})
    if request.htmx:
        # The thread comes back with the message sent; what the other side wrote meanwhile is shown, so read.
        messages, new_ids = _read(dossier, agent, audit_poll=agent)
        return render_template("messages/_sent.html", **_context(
            dossier, agent, messages, new_ids=new_ids, announce=_("Votre message est envoyé."), focus="body"))
    flash(_("Votre message est envoyé."), "success")
    return redirect(_urls(dossier, agent)["thread_url"] + f"#message-{message.id}")


def _rejected(dossier, agent: bool, form: MessageForm, errors: dict[str, str], status: int = 422):
    _with_errors(form, errors)
    focus = "attachment" if "attachment" in errors and "body" not in errors else "body"
    messages = services.thread(dossier)
    if request.htmx:
        # htmx swaps only 2xx answers: the form comes back with the text and the error in place.
        return render_template("messages/_reply_form.html", **_context(dossier, agent, messages, form=form,
                                                                       focus=focus))
    return _page(dossier, agent, messages, status=status, form=form, focus=focus)


@bp.route("/dossiers/<reference>/messages", methods=["GET", "POST"])
@THROTTLED
@roles_required(APPLICANT)
def applicant_thread(reference):
    dossier = _dossier_for_view(reference, agent=False)
    if request.method == "POST":
        if not services.can_write(dossier):
            return _page(dossier, False, [], status=409)
        return _post(dossier, agent=False)
    return _show(dossier, agent=False)


@bp.route("/agent/dossiers/<reference>/messages", methods=["GET", "POST"])
@THROTTLED
@roles_required(*AGENT_ROLES)
def agent_thread(reference):
    dossier = _dossier_for_view(reference, agent=True)
    if request.method == "POST":
        return _post(dossier, agent=True)
    return _show(dossier, agent=True)


def _attachment(dossier, document_id: int):
    """Send a message's attachment once it is safe; every read is logged (document access and audit)."""
    document = db.session.get(Document, document_id)
    if (document is None or document.dossier_id != dossier.id or document.kind != services.MESSAGE_KIND
            or document.status != READY or document.file is None):
        abort(404)
    record_access(document.id, current_user.id, "view")
    return send_stored(document.file, document.filename)


@bp.route("/dossiers/<reference>/messages/pieces/<int:document_id>")
@roles_required(APPLICANT)
def applicant_attachment(reference, document_id):
    return _attachment(_dossier_for_view(reference, agent=False), document_id)


@bp.route("/agent/dossiers/<reference>/messages/pieces/<int:document_id>")
@roles_required(*AGENT_ROLES)
def agent_attachment(reference, document_id):
    return _attachment(_dossier_for_view(reference, agent=True), document_id)


def _thread_endpoint() -> bool:
    return request.endpoint in ("messages.applicant_thread", "messages.agent_thread")


@bp.errorhandler(429)
def too_many_messages(error):
    """Too many messages in a short time: the form comes back with the text kept and the reason beside it."""
    if not _thread_endpoint() or request.method != "POST":
        return render_template("error.html", code=429, title=_("Trop de tentatives"),
                               message=_("Vous avez fait trop de tentatives en peu de temps. Attendez quelques "
                                         "minutes avant de réessayer.")), 429
    agent = request.endpoint == "messages.agent_thread"
    dossier = _dossier_for_view(request.view_args["reference"], agent)
    return _rejected(dossier, agent, MessageForm(), {"body": _(
        "Vous avez envoyé beaucoup de messages en peu de temps. Attendez quelques minutes puis envoyez "
        "celui-ci à nouveau : votre texte est conservé.")}, status=429)


@bp.errorhandler(413)
def attachment_too_large(error):
    """A request larger than the server accepts: nothing of it can be read, so say so beside the file field."""
    if not _thread_endpoint():
        return render_template("error.html", code=413, title=_("Fichier trop volumineux"),
                               message=_("Le fichier envoyé dépasse la taille autorisée. Réduisez-le et "
                                         "réessayez.")), 413
    agent = request.endpoint == "messages.agent_thread"
    dossier = _dossier_for_view(request.view_args["reference"], agent)
    too_large = str(rejection("too_large", Limits(max_bytes=current_app.config["MAX_UPLOAD_BYTES"])).message)
    if request.htmx:
        # The text typed is still in the person's browser: keep the form as it is, show only the error.
        response = make_response(render_template("messages/_attachment_error.html", error=too_large))
        response.headers["HX-Reswap"] = "none"
        return response
    form = MessageForm(formdata=None)
    errors = {"attachment": too_large,
              "body": _("Votre message n'a pas été envoyé : écrivez-le à nouveau, avec un fichier plus léger.")}
    return _rejected(dossier, agent, form, errors, status=413)


# ---------------------------------------------------------------- the service's reply templates

def _template_page(form, editing=None, errors=None, status=200):
    for name, error in (errors or {}).items():
        getattr(form, name).errors = [error]
    templates = services.templates_for(current_user.service_id)
    return render_template("messages/templates.html", form=form, editing=editing,
                           own=[t for t in templates if not t.national],
                           national=[t for t in templates if t.national]), status


@bp.route("/agent/service/modeles", methods=["GET", "POST"])
@roles_required(ADMIN)
def service_templates():
    form = ReplyTemplateForm()
    if form.validate_on_submit():
        try:
            services.save_template(current_user, None, title=form.title.data, body=form.body.data)
        except ValueError as exc:
            return _template_page(form, errors=exc.args[0], status=422)
        flash(_("Le modèle « %(title)s » est créé.", title=form.title.data.strip()), "success")
        return redirect(url_for("messages.service_templates"))
    return _template_page(ReplyTemplateForm(formdata=None))


@bp.route("/agent/service/modeles/<int:template_id>", methods=["GET", "POST"])
@roles_required(ADMIN)
def edit_template(template_id):
    template = services.service_template(template_id, current_user.service_id)
    if template is None:
        abort(404)
    form = ReplyTemplateForm(obj=template)
    if form.validate_on_submit():
        try:
            services.save_template(current_user, template, title=form.title.data, body=form.body.data)
        except ValueError as exc:
            return _template_page(form, editing=template, errors=exc.args[0], status=422)
        flash(_("Le modèle « %(title)s » est enregistré.", title=template.title), "success")
        return redirect(url_for("messages.service_templates"))
    return _template_page(form, editing=template)


@bp.route("/agent/service/modeles/<int:template_id>/supprimer", methods=["POST"])
@roles_required(ADMIN)
def delete_template(template_id):
    template = services.service_template(template_id, current_user.service_id)
    if template is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    title = template.title
    services.delete_template(current_user, template)
    flash(_("Le modèle « %(title)s » est supprimé.", title=title), "info")
    return redirect(url_for("messages.service_templates"))
