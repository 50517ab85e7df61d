"""Agent-side queries: the queue of a service."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, func, or_, select

from anef.accounts.models import User
from anef.dossiers import lifecycle
from anef.dossiers.models import Dossier

PAGE_SIZE = 50

# Queue tabs: the states each tab shows.
TABS = {
    "a_traiter": (lifecycle.DEPOSE,),
    "en_instruction": (lifecycle.EN_INSTRUCTION,),
    "attente_demandeur": (lifecycle.COMPLEMENT_DEMANDE,),
    "a_valider": (lifecycle.DECISION_PROPOSEE,),
    "traites": lifecycle.FINAL_STATES,
}


def tab_counts(service_id: int) -> dict[str, int]:
    """How many dossiers each tab holds, in one grouped query."""
    from anef.extensions import db

    rows = db.session.execute(
        select(Dossier.state, func.count()).where(Dossier.service_id == service_id,
                                                  Dossier.state != lifecycle.BROUILLON)
        .group_by(Dossier.state)
    ).all()
    per_state = dict(rows)
    return {tab: sum(per_state.get(s, 0) for s in states) for tab, states in TABS.items()}


def queue_page(service_id: int, tab: str, after: tuple[dt.datetime, int] | None = None,
               procedure: str | None = None) -> tuple[list[Dossier], tuple[dt.datetime, int] | None]:
    """One page of a tab, oldest filing first, by keyset (stable and fast at any depth)."""
    from anef.extensions import db

    query = select(Dossier).where(Dossier.service_id == service_id, Dossier.state.in_(TABS[tab]))
    if procedure:
        query = query.where(Dossier.procedure == procedure)
    if after is not None:
        filed_at, last_id = after
        query = query.where(or_(Dossier.filed_at > filed_at,
                                and_(Dossier.filed_at == filed_at, Dossier.id > last_id)))
    rows = db.session.scalars(query.order_by(Dossier.filed_at, Dossier.id).limit(PAGE_SIZE + 1)).all()
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    cursor = (rows[-1].filed_at, rows[-1].id) if more else None
    return rows, cursor


def service_agents(service_id: int) -> list[User]:
    """The agents of a service, by name."""
    from anef.extensions import db

    return db.session.scalars(select(User).where(User.service_id == service_id)
                              .order_by(User.family_name, User.given_names)).all()
