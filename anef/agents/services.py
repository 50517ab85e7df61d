"""Agent-side queries: the queue of a service, and the search in it."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import String, and_, func, literal_column, or_, select
from sqlalchemy.orm import defer, lazyload

from anef.accounts.models import User
from anef.dossiers import lifecycle
from anef.dossiers.models import Dossier

PAGE_SIZE = 50

# Queue tabs: the states each tab shows. "Mes dossiers" is the open dossiers assigned to the agent who looks.
MINE = "mes_dossiers"
TABS = {
    "a_traiter": (lifecycle.DEPOSE,),
    MINE: lifecycle.OPEN_STATES,
    "en_instruction": (lifecycle.EN_INSTRUCTION,),
    "attente_demandeur": (lifecycle.COMPLEMENT_DEMANDE,),
    "a_valider": (lifecycle.DECISION_PROPOSEE,),
    "traites": lifecycle.FINAL_STATES,
}

# Orders: the people whose rights expire soonest first (dossiers saying nothing of it after, oldest filing
# first), or the oldest filing first. Decided dossiers are listed by filing only: their rights are settled.
BY_RIGHTS = "echeance"
BY_FILING = "depot"
SORTS = (BY_RIGHTS, BY_FILING)
# "Droits expirant bientôt": expired, or ending within this many months (a renewal is due in the last two).
EXPIRING_MONTHS = 2


# Tab counts stop here ("200+"): counting a big préfecture's whole backlog on every page would cost more with
# every dossier (at a million dossiers, a cap of 1000 was most of the page's database time: six counts reading up
# to 1001 index entries each), and a tab's label only needs "a lot"; the exact backlog is on the steering page.
COUNT_CAP = 200


@dataclass(frozen=True)
class QueueFilters:
    """What the agent narrowed a tab to; every field optional."""

    procedure: str | None = None
    state: str | None = None
    filed_from: dt.datetime | None = None  # inclusive, UTC
    filed_before: dt.datetime | None = None  # exclusive, UTC
    expiring_by: dt.date | None = None  # rights ending on or before this day (expired ones included)


def default_sort(tab: str) -> str:
    """The order a tab opens in."""
    return BY_FILING if tab == "traites" else BY_RIGHTS


def _in_states(states):
    # Literals: PostgreSQL proves a partial index's predicate (the "traités" tab) only from values.
    return Dossier.state.in_([literal_column(f"'{state}'") for state in states])


def _tab_query(agent: User, tab: str, states=None):
    query = select(Dossier).where(Dossier.service_id == agent.service_id, _in_states(states or TABS[tab]))
    if tab == MINE:
        query = query.where(Dossier.assigned_agent_id == agent.id)
    return query


def tab_counts(agent: User, **others) -> dict[str, int]:
    """How many dossiers each tab holds, up to COUNT_CAP + 1, in one statement of bounded index reads; ``others``
    are more scalar subqueries (name → subquery) read in the same round trip."""
    from anef.extensions import db

    counts = []
    for tab in TABS:
        capped = _tab_query(agent, tab).with_only_columns(Dossier.id).limit(COUNT_CAP + 1).subquery()
        counts.append(select(func.count()).select_from(capped).scalar_subquery().label(tab))
    counts += [subquery.label(name) for name, subquery in others.items()]
    return dict(db.session.execute(select(*counts)).one()._mapping)


def queue_page(agent: User, tab: str, filters: QueueFilters = QueueFilters(), sort: str | None = None,
               after: tuple | None = None) -> tuple[list[Dossier], tuple | None]:
    """One page of a tab of the agent's service, by keyset (stable and fast at any depth).

    ``sort`` is BY_RIGHTS (the default of open tabs) or BY_FILING; ``after`` is the cursor the previous page
    returned: ``(filed_at, id)`` by filing, ``(rights_expire_on or None, filed_at, id)`` by rights.
    """
    sort = BY_FILING if tab == "traites" else (sort or default_sort(tab))
    states = (filters.state,) if filters.state in TABS[tab] else TABS[tab]
    query = _tab_query(agent, tab, states)
    if filters.procedure:
        query = query.where(Dossier.procedure == filters.procedure)
    if filters.filed_from:
        query = query.where(Dossier.filed_at >= filters.filed_from)
    if filters.filed_before:
        query = query.where(Dossier.filed_at < filters.filed_before)
    if filters.expiring_by:
        query = query.where(Dossier.rights_expire_on <= filters.expiring_by)
    if sort == BY_FILING:
        return _keyset_page(query, after)
    return _rights_page(query, after)


def _rights_page(query, after):
    """A page by rights expiring soonest, in two index ranges: dated dossiers by (date, filing, id), then those
    without a date by (filing, id). Each is read in index order and stops after the page."""
    from anef.extensions import db

    query = query.options(defer(Dossier.answers), lazyload(Dossier.transitions))
    rows: list[Dossier] = []
    if after is None or after[0] is not None:
        dated = query.where(Dossier.rights_expire_on.is_not(None))
        if after is not None:
            day, filed_at, last_id = after
            dated = dated.where(or_(Dossier.rights_expire_on > day,
                                    and_(Dossier.rights_expire_on == day, _after_filing(filed_at, last_id))))
        rows = db.session.scalars(dated.order_by(Dossier.rights_expire_on, Dossier.filed_at, Dossier.id)
                                  .limit(PAGE_SIZE + 1)).all()
    if len(rows) <= PAGE_SIZE:
        undated = query.where(Dossier.rights_expire_on.is_(None))
        if after is not None and after[0] is None:
            undated = undated.where(_after_filing(after[1], after[2]))
        rows += db.session.scalars(undated.order_by(Dossier.filed_at, Dossier.id)
                                   .limit(PAGE_SIZE + 1 - len(rows))).all()
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    cursor = (rows[-1].rights_expire_on, rows[-1].filed_at, rows[-1].id) if more else None
    return rows, cursor


def _after_filing(filed_at, last_id):
    return or_(Dossier.filed_at > filed_at, and_(Dossier.filed_at == filed_at, Dossier.id > last_id))


# Answers searched by agents, as SQL the indexes of migration 0012 are built on (same text on SQLite and
# PostgreSQL; literal keys, so that the planner matches the index whatever the statement's parameters).
PASSPORT = literal_column("upper(dossiers.answers -> 'passeport' ->> 'numero')", String)
NUMERO_ETRANGER = literal_column("(dossiers.answers -> 'titre' ->> 'numero_etranger')", String)
FAMILY_NAME = literal_column("upper(dossiers.answers -> 'identite' ->> 'nom')", String)

_REFERENCE = re.compile(r"ANEF-\d{4}-\d{6}-[A-Z]")
_NUMERO_ETRANGER = re.compile(r"\d{10}")


@dataclass(frozen=True)
class Search:
    """What an agent typed, and what it is taken for: reference, numero_etranger, passport or name."""

    text: str
    kind: str
    term: str


def parse_search(text: str) -> Search | None:
    """Read a search: a reference, a 10-digit numéro étranger, a passport number (letters and digits), or a
    family name (exact, any case). Spaces and dashes typed inside numbers are ignored."""
    text = " ".join((text or "").split())[:100]
    if not text:
        return None
    upper = text.upper()
    if _REFERENCE.fullmatch(upper.replace(" ", "")):
        return Search(text, "reference", upper.replace(" ", ""))
    compact = re.sub(r"[\s.-]", "", upper)
    if _NUMERO_ETRANGER.fullmatch(compact):
        return Search(text, "numero_etranger", compact)
    if any(c.isdigit() for c in compact) and compact.isalnum():
        return Search(text, "passport", compact)
    return Search(text, "name", upper)


def search_page(service_id: int, search: Search, after: tuple[dt.datetime, int] | None = None
                ) -> tuple[list[Dossier], tuple[dt.datetime, int] | None]:
    """One page of the service's filed dossiers matching ``search``, oldest filing first, by keyset.

    Each kind of search is one indexed equality inside the service (see migration 0012), so a page costs the
    same with ten thousand or a million dossiers.
    """
    column = {"reference": Dossier.reference, "numero_etranger": NUMERO_ETRANGER, "passport": PASSPORT,
              "name": FAMILY_NAME}[search.kind]
    query = select(Dossier).where(Dossier.service_id == service_id, Dossier.state != lifecycle.BROUILLON,
                                  column == search.term)
    return _keyset_page(query, after)


def _keyset_page(query, after):
    from anef.extensions import db

    if after is not None:
        query = query.where(_after_filing(*after[-2:]))
    # A list shows neither the answers nor the history: neither is read (nor parsed) for 51 rows.
    query = query.options(defer(Dossier.answers), lazyload(Dossier.transitions))
    rows = db.session.scalars(query.order_by(Dossier.filed_at, Dossier.id).limit(PAGE_SIZE + 1)).all()
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    cursor = (rows[-1].filed_at, rows[-1].id) if more else None
    return rows, cursor


def service_dossiers(agent: User, references: list[str]) -> dict[str, Dossier]:
    """The filed dossiers of the agent's service among ``references``, by reference. The others are absent, as
    missing ones are; those that exist elsewhere are recorded as refused accesses, like an opened dossier."""
    from anef.audit.services import record
    from anef.extensions import db

    found = {d.reference: d for d in db.session.scalars(select(Dossier).where(
        Dossier.service_id == agent.service_id, Dossier.state != lifecycle.BROUILLON,
        Dossier.reference.in_(references)))}
    others = [r for r in references if r not in found]
    if others:
        for reference in db.session.scalars(select(Dossier.reference).where(Dossier.reference.in_(others))):
            record("dossier_access_denied", reference, actor_id=agent.id)
    return found


def service_agents(service_id: int) -> list[User]:
    """The agents of a service, by name."""
    from anef.extensions import db

    return db.session.scalars(select(User).where(User.service_id == service_id)
                              .order_by(User.family_name, User.given_names)).all()


def assignable_agents(service_id: int) -> list[User]:
    """The agents of a service a dossier can be assigned to (instructeurs, valideurs, local admins), by name."""
    return [a for a in service_agents(service_id) if a.is_agent and a.is_active]
