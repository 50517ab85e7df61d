"""« Espace employeur »: what an employer account does, and its sign-up with the company's SIRET."""
from flask import redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_login import current_user

from anef.accounts.services import normalise_email
from anef.accounts.views import PER_IP
from anef.employers import services
from anef.employers.blueprint import bp
from anef.employers.forms import CompanyForm, EmployerAccountForm
from anef.employers.models import MANDATAIRE
from anef.plugins import procedures
from anef.security import public


def _employer_procedures():
    return [info for info in procedures().values() if info.filed_by == "employer"]


@bp.route("/employeur/")
@public
def home():
    """What an employer does here; an employer's own company and requests once logged in."""
    return render_template("employers/home.html", profile=services.profile_of(current_user)
                           if current_user.is_authenticated else None, employer_procedures=_employer_procedures())


def _companies(capacity: str, siret: str, agency_siret: str, form) -> tuple | None:
    """The employer's company and the mandataire's agency, asked of API Entreprise; errors go beside the fields."""
    company = agency = None
    try:
        company = services.look_up_company(siret)
    except services.CompanyNotFound as exc:
        form.siret.errors = [*form.siret.errors, str(exc)]
    if capacity == MANDATAIRE:
        try:
            agency = services.look_up_company(agency_siret)
        except services.CompanyNotFound as exc:
            form.agency_siret.errors = [*form.agency_siret.errors, str(exc)]
    if company is None or (capacity == MANDATAIRE and agency is None):
        return None
    return company, agency


@bp.route("/employeur/inscription", methods=["GET", "POST"])
@PER_IP
@public
def signup():
    """Two screens on one address: the SIRET (checked, then the company shown for confirmation), then the account."""
    if current_user.is_authenticated:
        return redirect(url_for("employers.home"))
    if request.method == "POST" and "modifier" in request.form:
        # Back from the confirmation to the SIRET, with what was typed.
        form = CompanyForm(formdata=None, capacity=request.form.get("capacity"), siret=request.form.get("siret"),
                           agency_siret=request.form.get("agency_siret"))
        return render_template("employers/signup.html", form=form)
    if request.method == "POST" and request.form.get("stage") == "compte":
        return _account_stage()
    form = CompanyForm()
    if form.validate_on_submit():
        found = _companies(form.capacity.data, form.siret.data, form.agency_siret.data, form)
        if found:
            company, agency = found
            account = EmployerAccountForm(formdata=None, capacity=form.capacity.data, siret=company.siret,
                                          agency_siret=agency.siret if agency else "")
            return render_template("employers/confirm.html", form=account, company=company, agency=agency)
    status = 422 if form.errors else 200
    return render_template("employers/signup.html", form=form), status


def _account_stage():
    form = EmployerAccountForm()
    company_form = CompanyForm(formdata=None, capacity=form.capacity.data, siret=form.siret.data,
                               agency_siret=form.agency_siret.data)
    found = _companies(form.capacity.data, form.siret.data or "", form.agency_siret.data or "", company_form)
    if found is None:
        # The company no longer checks out (closed meanwhile, or the hidden fields were changed): start again.
        return render_template("employers/signup.html", form=company_form), 422
    company, agency = found
    if not form.validate_on_submit():
        return render_template("employers/confirm.html", form=form, company=company, agency=agency), 422
    services.sign_up_employer(email=form.email.data, password=form.password.data, given_names=form.given_names.data,
                              family_name=form.family_name.data, locale=str(get_locale()), company=company,
                              agency=agency)
    return render_template("accounts/check_email.html", email=normalise_email(form.email.data))
