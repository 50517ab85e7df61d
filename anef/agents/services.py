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

# Queue tabs: the states each tab shows.
TABS = {
    "a_traiter": (lifecycle.DEPOSE,),
    "en_instruction": (lifecycle.EN_INSTRUCTION,),
    "attente_demandeur": (lifecycle.COMPLEMENT_DEMANDE,),
    "a_valider": (lifecycle.DECISION_PROPOSEE,),
    "traites": lifecycle.FINAL_STATES,
}


# Tab counts stop here ("1000+"): counting a big préfecture's whole backlog on every page would cost more with
# every dossier, and nobody needs more than "a lot" on a tab's label.
COUNT_CAP = 1000


def _in_states(states):
    # Literals: PostgreSQL proves a partial index's predicate (the "traités" tab) only from values.
    return Dossier.state.in_([literal_column(f"'{state}'") for state in states])


def tab_counts(service_id: int) -> dict[str, int]:
    """How many dossiers each tab holds, up to COUNT_CAP + 1, in one statement of bounded index reads."""
    from anef.extensions import db

    counts = []
    for tab, states in TABS.items():
        capped = (select(Dossier.id).where(Dossier.service_id == service_id, _in_states(states))
                  .limit(COUNT_CAP + 1).subquery())
        counts.append(select(func.count()).select_from(capped).scalar_subquery().label(tab))
    return dict(db.session.execute(select(*counts)).one()._mapping)


def queue_page(service_id: int, tab: str, after: tuple[dt.datetime, int] | None = None,
               procedure: str | None = None) -> tuple[list[Dossier], tuple[dt.datetime, int] | None]:
    """One page of a tab, oldest filing first, by keyset (stable and fast at any depth)."""
    query = select(Dossier).where(Dossier.service_id == service_id, _in_states(TABS[tab]))
    if procedure:
        query = query.where(Dossier.procedure == procedure)
    return _keyset_page(query, after)


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
        filed_at, last_id = after
        query = query.where(or_(Dossier.filed_at > filed_at,
                                and_(Dossier.filed_at == filed_at, Dossier.id > last_id)))
    # A list shows neither the answers nor the history: neither is read (nor parsed) for 51 rows.
    query = query.options(defer(Dossier.answers), lazyload(Dossier.transitions))
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
