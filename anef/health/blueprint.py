"""GET /healthz: is the service able to work."""
from flask import Blueprint, jsonify
from sqlalchemy import text

from anef.extensions import csrf, db
from anef.jobs import backend_status
from anef.security import public

bp = Blueprint("health", __name__)


@bp.route("/healthz")
@csrf.exempt
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
        database = "ok"
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        db.session.rollback()
        database = "unavailable"
    jobs = backend_status()
    healthy = database == "ok" and jobs != "unavailable"
    body = {"status": "ok" if healthy else "unavailable", "database": database, "jobs": jobs}
    return jsonify(body), 200 if healthy else 503
