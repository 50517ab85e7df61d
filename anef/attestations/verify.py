"""The public verification of attestations, at /verifier: by QR code link or typed short code, and our public keys."""
from __future__ import annotations

import json
import re

from flask import Blueprint, abort, current_app, make_response, render_template, request
from flask_babel import gettext as _

from anef.attestations import services, signing
from anef.attestations.forms import VerifyForm
from anef.extensions import limiter
from anef.security import public

bp = Blueprint("verify", __name__, template_folder="templates")
# One budget per visitor for every lookup: typing codes one after another is guessing.
_limited = limiter.shared_limit(lambda: current_app.config["ATTESTATION_VERIFY_LIMIT"], scope="attestation-verify")
_PASTED_LINK = re.compile(r"/verifier/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)")
PUBLIC_KEYS_MAX_AGE = 3600


def _result_page(result: services.Result, status: int = 200):
    response = make_response(render_template("attestations/verify_result.html", result=result,
                                             kind_labels=services.KIND_LABELS), status)
    # A verification page names a person: search engines must not keep it.
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.route("/")
@public
@_limited
def form():
    """Type the short code printed beside the QR code (or paste the token or the link)."""
    form = VerifyForm(request.args) if request.args.get("code") is not None else VerifyForm()
    if request.args.get("code") is None or not form.validate():
        return render_template("attestations/verify_form.html", form=form)
    typed = form.code.data.strip()
    pasted = _PASTED_LINK.search(typed)
    token = pasted.group(1) if pasted else (typed if "." in typed else None)
    if token:
        result = services.check(token)
        services.log_verification(result.outcome, via="token", attestation=result.attestation)
        return _result_page(result)
    if services.normalise_code(typed) is None:
        form.code.errors.append(_("Un code compte 12 lettres et chiffres, par exemple « 7K3M-Q9TX-2B4D »."))
        return render_template("attestations/verify_form.html", form=form), 422
    token = services.token_for_code(typed)
    if token is None:
        services.log_verification(services.NOT_FOUND, via="code")
        form.code.errors.append(_("Aucune attestation ne porte ce code. Vérifiez chaque caractère : si le code est "
                                  "bien celui imprimé, le document présenté n'est pas authentique."))
        return render_template("attestations/verify_form.html", form=form), 404
    result = services.check(token)
    services.log_verification(result.outcome, via="code", attestation=result.attestation)
    return _result_page(result)


@bp.route("/comment-verifier")
@public
def offline():
    """How a third party checks a token without calling us."""
    ring = signing.keyring()
    return render_template("attestations/verify_offline.html", kids=list(ring.public), current_kid=ring.kid)


@bp.route("/cle-publique.pem")
@public
def public_key():
    """The current public key (PEM, SubjectPublicKeyInfo)."""
    return _key_response(signing.public_pem(signing.keyring().signing.public_key()), "application/x-pem-file")


@bp.route("/cles/<kid>.pem")
@public
def key_pem(kid):
    """A published key by its id: the current one or one kept after a rotation."""
    key = signing.keyring().public.get(kid)
    if key is None:
        abort(404)
    return _key_response(signing.public_pem(key), "application/x-pem-file")


@bp.route("/cles.json")
@public
def jwks():
    """Every published key as a JWK set (RFC 7517, OKP/Ed25519 per RFC 8037), current first."""
    keys = [signing.jwk(key) for key in signing.keyring().public.values()]
    return _key_response(json.dumps({"keys": keys}, indent=2), "application/json")


def _key_response(body: str, mimetype: str):
    response = make_response(body)
    response.mimetype = mimetype
    # Public and the same for everyone: caches may keep it (a rotation shows within the hour).
    response.headers["Cache-Control"] = f"public, max-age={PUBLIC_KEYS_MAX_AGE}"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.route("/<token>")
@public
@_limited
def result(token):
    """Whether the attestation in the QR code is genuine, and current, superseded, revoked or expired."""
    outcome = services.check(token)
    services.log_verification(outcome.outcome, via="token", attestation=outcome.attestation)
    return _result_page(outcome)
