"""The steering page of a service (its local admin and valideurs) or of the country (the national admin)."""
from __future__ import annotations

import csv
import io

from flask import Response, abort, render_template, request
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from anef.accounts.models import ADMIN, NATIONAL_ADMIN, VALIDEUR
from anef.agents.models import Service
from anef.audit.services import record
from anef.dossiers import lifecycle
from anef.extensions import db
from anef.security import roles_required
from anef.steering import charts, services
from anef.steering.blueprint import bp


def _scope() -> int | None:
    """The service whose figures are asked: the agent's own; for the national admin, the country or one service
    (``?service=code``). An unknown service code is a 404."""
    if not current_user.is_national_admin:
        return current_user.service_id
    code = (request.args.get("service") or "").strip()
    if not code:
        return None
    service_id = db.session.scalar(select(Service.id).where(Service.code == code))
    if service_id is None:
        abort(404)
    return service_id


@bp.route("/")
@roles_required(ADMIN, VALIDEUR, NATIONAL_ADMIN)
def overview():
    scope = _scope()
    figures = services.indicators(scope)
    record("steering_view", f"service:{scope}" if scope else "national", actor_id=current_user.id)
    backlog = [(str(lifecycle.STATE_LABELS[state]), count) for state, count in figures.backlog.items()]
    national = current_user.is_national_admin
    services_list = db.session.execute(select(Service.code, Service.name).order_by(Service.name)).all() \
        if national else []
    return render_template("steering/overview.html", figures=figures, flows=charts.weekly_bars(figures.weeks),
                           backlog=charts.horizontal_bars(backlog), national=national, services_list=services_list,
                           scope_code=figures.service.code if figures.service else None)


@bp.route("/indicateurs.csv")
@roles_required(ADMIN, VALIDEUR, NATIONAL_ADMIN)
def export():
    """The same figures as the page, as CSV (semicolons and a BOM: what French spreadsheets open as they are)."""
    scope = _scope()
    figures = services.indicators(scope)
    record("steering_export", f"service:{scope}" if scope else "national", actor_id=current_user.id)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Indicateur"), _("Semaine du"), _("Valeur")])
    for week in figures.weeks:
        writer.writerow([_("Demandes déposées"), week.starts_on.isoformat(), week.filed])
        writer.writerow([_("Décisions rendues"), week.starts_on.isoformat(), week.decided])
    for state, count in figures.backlog.items():
        writer.writerow([_("Stock : %(state)s", state=lifecycle.STATE_LABELS[state]), "", count])
    since = figures.first_day.isoformat()
    writer.writerow([_("Délai médian de traitement (jours)"), since, _days(figures.median_days)])
    writer.writerow([_("Délai de traitement, 90e centile (jours)"), since, _days(figures.p90_days)])
    writer.writerow([_("Dossiers au-delà du délai légal"), "", figures.past_clock])
    writer.writerow([_("Compléments attendus"), "", figures.complements_pending])
    writer.writerow([_("Compléments en retard"), "", figures.complements_overdue])
    writer.writerow([_("Attestations renouvelées"), since, figures.attestations_renewed])
    for row in figures.by_service:
        writer.writerow([_("Stock du service %(code)s", code=row["code"]), "", row["open"]])
        writer.writerow([_("Au-delà du délai légal, service %(code)s", code=row["code"]), "", row["past_clock"]])
    name = f"pilotage-{figures.service.code if figures.service else 'national'}-{format_date(figures.weeks[-1].starts_on, 'yyyy-MM-dd')}.csv"
    return Response(out.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


def _days(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"
