"""Routes of attestations for the applicant: each attestation of a dossier as a page and as a PDF."""
from flask import Blueprint, abort, make_response, render_template
from flask_login import current_user

from anef.accounts.models import APPLICANT
from anef.attestations import services, signing
from anef.dossiers import lifecycle
from anef.dossiers import services as dossier_services
from anef.security import roles_required

bp = Blueprint("attestations", __name__, template_folder="templates")
bp.record_once(lambda state: signing.configure(state.app))


def _filed(reference):
    dossier = dossier_services.applicant_dossier(reference, current_user)
    if dossier.state == lifecycle.BROUILLON:
        abort(404)
    return dossier


def _page(attestation):
    context = services.attestation_context(attestation)
    return render_template("attestations/show.html", qr=services.qr_svg(context["verify_url"]), **context)


def _pdf(attestation):
    response = make_response(services.attestation_pdf(attestation))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="{services.pdf_filename(attestation)}"'
    return response


@bp.route("/<reference>/depot")
@roles_required(APPLICANT)
def deposit(reference):
    return _page(services.deposit_attestation(_filed(reference)))


@bp.route("/<reference>/depot.pdf")
@roles_required(APPLICANT)
def deposit_pdf(reference):
    return _pdf(services.deposit_attestation(_filed(reference)))


@bp.route("/<reference>/<code>")
@roles_required(APPLICANT)
def show(reference, code):
    return _page(services.applicant_attestation(_filed(reference), code))


@bp.route("/<reference>/<code>.pdf")
@roles_required(APPLICANT)
def pdf(reference, code):
    return _pdf(services.applicant_attestation(_filed(reference), code))


@bp.cli.command("resign")
def resign_command():
    """Sign the current attestations again with the current key (after withdrawing a compromised key)."""
    import click

    click.echo(f"{services.resign_current()} attestation(s) signed again")


@bp.app_context_processor
def _attestation_labels():
    # The dossier page's list of attestations names them as their own pages do.
    return {"attestation_kinds": services.KIND_LABELS}
