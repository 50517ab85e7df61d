"""Pages of the national contact centre: the search (reference; family name and date of birth), a filed dossier's
page for a caller, and « Transmettre une question au service ». Every page, search and question is audited."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from anef.accounts.models import CCC
from anef.audit.services import record
from anef.contact_centre import services
from anef.contact_centre.blueprint import bp
from anef.contact_centre.forms import IdentitySearchForm, QuestionForm, ReferenceSearchForm
from anef.extensions import limiter
from anef.messages.views import WRITE_LIMIT
from anef.security import roles_required


def _person_key() -> str:
    return f"ccc-questions:{current_user.id}" if current_user.is_authenticated else "ccc-questions:anonymous"


# Forwarding is throttled per agent like writing a message: enough for a day of calls, not for a flood.
THROTTLED = limiter.limit(WRITE_LIMIT, key_func=_person_key, methods=["POST"], scope="ccc-questions")


def _search_page(reference_form, identity_form, results=None, status=200):
    return render_template("contact_centre/search.html", reference_form=reference_form,
                           identity_form=identity_form, results=results), status


@bp.route("/", methods=["GET", "POST"])
@roles_required(CCC)
def search():
    """The two searches: a reference (GET, straight to its page) or a family name with a date of birth (POST)."""
    reference_form = ReferenceSearchForm(request.args if "reference" in request.args else None)
    identity_form = IdentitySearchForm(None if request.method == "GET" else request.form)
    if "reference" in request.args:
        if not reference_form.validate():
            return _search_page(reference_form, identity_form, status=422)
        dossier = services.find_by_reference(current_user, reference_form.reference.data)
        if dossier is None:
            reference_form.reference.errors = [_("Aucun dossier déposé ne porte cette référence. Vérifiez-la avec la "
                                                 "personne, ou cherchez par son nom et sa date de naissance.")]
            return _search_page(reference_form, identity_form)
        return redirect(url_for("contact_centre.dossier", reference=dossier.reference))
    if request.method == "POST":
        if not identity_form.validate_on_submit():
            return _search_page(reference_form, identity_form, status=422)
        results = services.find_by_identity(current_user, identity_form.nom.data, identity_form.date_naissance.data)
        return _search_page(reference_form, identity_form, results=results)
    return _search_page(reference_form, identity_form)


def _dossier_page(dossier, form, status=200, focus=False):
    return render_template("contact_centre/dossier.html", form=form, focus=focus,
                           **services.caller_view(dossier)), status


@bp.route("/dossiers/<reference>")
@roles_required(CCC)
def dossier(reference):
    """Any filed dossier, as a caller needs it; each reading audited (and shown to the applicant)."""
    found = services.filed_dossier(reference)
    record("dossier_view_ccc", found.reference, actor_id=current_user.id)
    return _dossier_page(found, QuestionForm(formdata=None))


@bp.route("/dossiers/<reference>/question", methods=["POST"])
@THROTTLED
@roles_required(CCC)
def forward_question(reference):
    """« Transmettre une question au service »: the question becomes a message of the dossier's thread."""
    found = services.filed_dossier(reference)
    form = QuestionForm()
    if not form.validate_on_submit():
        return _dossier_page(found, form, status=400, focus=True)
    try:
        services.forward_question(found, current_user, form.question.data)
    except services.QuestionRejected as exc:
        form.question.errors = [str(exc)]
        return _dossier_page(found, form, status=422, focus=True)
    flash(_("La question est transmise à %(service)s. La personne la verra aussi dans ses messages.",
            service=found.service.name), "success")
    return redirect(url_for("contact_centre.dossier", reference=found.reference) + "#questions")


@bp.errorhandler(429)
def too_many_questions(error):
    """Too many questions in a short time: the form comes back with the text kept and the reason beside it."""
    if request.endpoint != "contact_centre.forward_question":
        return render_template("error.html", code=429, title=_("Trop de tentatives"),
                               message=_("Vous avez fait trop de tentatives en peu de temps. Attendez quelques "
                                         "minutes avant de réessayer.")), 429
    form = QuestionForm()
    form.question.errors = [_("Vous avez transmis beaucoup de questions en peu de temps. Attendez quelques minutes "
                              "puis transmettez celle-ci à nouveau : votre texte est conservé.")]
    return _dossier_page(services.filed_dossier(request.view_args["reference"]), form, status=429, focus=True)
