"""Routes of attestations: the applicant's attestation de dépôt, as a page and as a PDF."""
from flask import Blueprint, abort, make_response, render_template
from flask_login import current_user

from anef.accounts.models import APPLICANT
from anef.attestations import services
from anef.dossiers import lifecycle
from anef.dossiers import services as dossier_services
from anef.security import roles_required

bp = Blueprint("attestations", __name__, template_folder="templates")


def _filed(reference):
    dossier = dossier_services.applicant_dossier(reference, current_user)
    if dossier.state == lifecycle.BROUILLON:
        abort(404)
    return dossier


@bp.route("/<reference>/depot")
@roles_required(APPLICANT)
def deposit(reference):
    dossier = _filed(reference)
    return render_template("attestations/deposit.html", **services.deposit_context(dossier))


@bp.route("/<reference>/depot.pdf")
@roles_required(APPLICANT)
def deposit_pdf(reference):
    dossier = _filed(reference)
    response = make_response(services.deposit_pdf(dossier))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="attestation-depot-{dossier.reference}.pdf"'
    return response
