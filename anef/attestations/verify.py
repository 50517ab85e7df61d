"""The public verification of attestations: /verifier (filled in by the attestations work)."""
from flask import Blueprint

bp = Blueprint("verify", __name__, template_folder="templates")
