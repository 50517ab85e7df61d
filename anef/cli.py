"""Command-line commands: procedures, agents, services and demo data."""
from __future__ import annotations


import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from anef.extensions import db


def register_cli(app: Flask) -> None:
    """Attach the command groups to the application."""
    app.cli.add_command(procedures_cli)
    app.cli.add_command(agents_cli)
    app.cli.add_command(services_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(documents_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(jobs_cli)


procedures_cli = AppGroup("procedures", help="Procedures and the deployment calendar.")


@procedures_cli.command("list")
def procedures_list():
    """One line per procedure: code, status, opening date, territories."""
    from anef.calendar.services import availabilities

    for code, avail in availabilities().items():
        territories = ",".join(avail.territories) if avail.territories else "all"
        opens = avail.opens_on.isoformat() if avail.opens_on else "-"
        click.echo(f"{code}\t{avail.status}\t{opens}\t{territories}")


services_cli = AppGroup("services", help="Instructing services.")


def ensure_prefectures() -> int:
    """Create the préfecture of every département that has none yet; return how many were added."""
    from anef.agents.models import Service
    from anef.territories import DEPARTEMENTS, prefecture_service_code

    existing = set(db.session.scalars(select(Service.code)))
    added = 0
    for code, name, city in DEPARTEMENTS:
        service_code = prefecture_service_code(code)
        if service_code not in existing:
            db.session.add(Service(code=service_code, name=f"Préfecture {name} ({city})", kind="prefecture",
                                   departements=[code]))
            added += 1
    db.session.commit()
    return added


@services_cli.command("sync")
def services_sync():
    """Create the préfectures of all 101 départements (idempotent)."""
    click.echo(f"{ensure_prefectures()} service(s) created")


agents_cli = AppGroup("agents", help="Agent accounts.")


@agents_cli.command("create")
@click.option("--email", required=True)
@click.option("--role", type=click.Choice(["instructeur", "valideur", "admin", "mediateur", "auditeur", "ccc",
                                          "national_admin"]), required=True)
@click.option("--service", "service_code", help="Service code, e.g. pref-75 (not for national_admin, auditeur, ccc).")
@click.option("--given-names", default="")
@click.option("--family-name", default="")
@click.password_option()
def agents_create(email, role, service_code, given_names, family_name, password):
    """Create an agent account attached to a service."""
    from anef.accounts.services import create_agent, find_user, password_problem
    from anef.agents.models import Service

    if find_user(email):
        raise click.ClickException(f"an account already exists for {email}")
    problem = password_problem(password, email)
    if problem:
        raise click.ClickException(f"password refused: {problem}")
    service_id = None
    if role not in ("national_admin", "auditeur", "ccc"):
        service = db.session.scalar(select(Service).where(Service.code == service_code))
        if service is None:
            raise click.ClickException(f"unknown service {service_code!r} (try: flask services sync)")
        service_id = service.id
    create_agent(email=email, password=password, role=role, service_id=service_id,
                 given_names=given_names, family_name=family_name)
    click.echo(f"created {role} {email}")


demo_cli = AppGroup("demo", help="Demonstration data.")

# The documented password of the demo accounts (README); demo data is never loaded in production.
DEMO_PASSWORD = "demo-anef-2026!"  # nosec B105


@demo_cli.command("load")
def demo_load():
    """Load the demo accounts and dossiers (idempotent)."""
    from anef.demo import load_demo

    for line in load_demo(DEMO_PASSWORD):
        click.echo(line)


documents_cli = AppGroup("documents", help="Stored documents.")


@documents_cli.command("cleanup")
@click.option("--grace-hours", default=24, show_default=True, help="Keep unreferenced files younger than this.")
def documents_cleanup(grace_hours):
    """Delete stored files that no document, page or wallet entry refers to (run daily)."""
    from anef.documents.services import cleanup_orphans

    click.echo(f"{cleanup_orphans(grace_hours=grace_hours)} file(s) deleted")


audit_cli = AppGroup("audit", help="The tamper-evident audit log.")


@audit_cli.command("verify")
def audit_verify():
    """Check the hash chain of the audit log; exit 1 at the first broken link."""
    from anef.audit.services import verify_chain

    broken = verify_chain()
    if broken is not None:
        raise click.ClickException(f"audit chain broken at event {broken}")
    click.echo("audit chain intact")


jobs_cli = AppGroup("jobs", help="Background jobs.")


@jobs_cli.command("tick")
def jobs_tick():
    """Run the scheduled tasks once: reminders, renewals, and what a failure left behind (cron: every 5 min)."""
    from anef.scheduler import tick

    for name, count in tick().items():
        click.echo(f"{name}: {count if count >= 0 else 'FAILED (see the log)'}")


@jobs_cli.command("sweep")
def jobs_sweep():
    """Former name of ``jobs tick``, kept for existing crontabs."""
    jobs_tick.callback()
