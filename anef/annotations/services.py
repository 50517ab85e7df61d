"""The checklist of a dossier (automatic check results and the plugin's manual items) with the agents' ticks,
and private annotations."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from anef.annotations.models import Annotation, ChecklistTick
from anef.audit.services import record
from anef.dossiers import lifecycle
from anef.dossiers.models import Dossier
from anef.dossiers.services import checks_for
from anef.extensions import db
from anef.plugins import hook
from anef.procedures import CheckResult

MAX_ANNOTATION_LENGTH = 4000
# Ticks and annotations while the dossier is examined; afterwards they stay as the record of it.
EDITABLE_STATES = lifecycle.OPEN_STATES


class AnnotationError(ValueError):
    """An annotation that cannot be saved; the message says why, for the field."""


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the checklist: its stable key, its wording, the automatic check behind it (if any) and the
    agent's tick (``None`` while not verified)."""

    key: str
    label: str
    check: CheckResult | None
    tick: ChecklistTick | None


def manual_key(item) -> str:
    """The key of a manual item: its French wording, hashed (agents' screens are in French; an item reworded by
    the plugin is a new item to verify)."""
    code = getattr(item, "code", None)
    if code:
        return f"manual:{code}"[:80]
    with force_locale("fr"):
        text = str(item)
    return "manual:" + hashlib.sha256(text.encode()).hexdigest()[:24]


def checklist(dossier: Dossier) -> list[ChecklistItem]:
    """The automatic checks' results, then the plugin's manual items, each with its tick (one query)."""
    ticks = {t.item_key: t for t in db.session.scalars(
        select(ChecklistTick).where(ChecklistTick.dossier_id == dossier.id))}
    items = []
    for check in checks_for(dossier):
        key = f"check:{check.code}"[:80]
        items.append(ChecklistItem(key, str(check.label), check, ticks.get(key)))
    manual = hook().agent_checklist(procedure=dossier.procedure, answers=dossier.answers or {}) or []
    for entry in manual:
        key = manual_key(entry)
        items.append(ChecklistItem(key, str(getattr(entry, "label", entry)), None, ticks.get(key)))
    return items


def update_checklist(dossier: Dossier, agent, changes: dict[str, bool]) -> int:
    """Tick (``True``) or untick (``False``) items of the dossier's checklist as ``agent``; keys that are not on
    the checklist are ignored. Each change is audited. Returns how many items changed."""
    if dossier.state not in EDITABLE_STATES:
        return 0
    items = {i.key: i for i in checklist(dossier)}
    changed = []
    for key, ticked in changes.items():
        item = items.get(key)
        if item is None or (item.tick is not None) == ticked:
            continue
        if ticked:
            db.session.add(ChecklistTick(dossier_id=dossier.id, item_key=key, label=item.label[:2000],
                                         ticked_by_id=agent.id))
        else:
            db.session.delete(item.tick)
        changed.append((key, ticked))
    if not changed:
        return 0
    db.session.commit()
    for key, ticked in changed:
        record("checklist_tick" if ticked else "checklist_untick", dossier.reference, actor_id=agent.id, item=key)
    return len(changed)


def annotations(dossier: Dossier, limit: int | None = None) -> list[Annotation]:
    """The dossier's annotations, newest first (the ``limit`` latest when given)."""
    query = (select(Annotation).where(Annotation.dossier_id == dossier.id)
             .order_by(Annotation.created_at.desc(), Annotation.id.desc()))
    if limit:
        query = query.limit(limit)
    return db.session.scalars(query).all()


def add_annotation(dossier: Dossier, agent, body: str) -> Annotation:
    """Save a private annotation of ``agent`` on the dossier (audited); raises :class:`AnnotationError`."""
    text = (body or "").strip()
    if not text:
        raise AnnotationError(_l("Écrivez l'annotation."))
    if len(text) > MAX_ANNOTATION_LENGTH:
        raise AnnotationError(_l("L'annotation dépasse %(max)s caractères.", max=MAX_ANNOTATION_LENGTH))
    note = Annotation(dossier_id=dossier.id, author_id=agent.id, body=text)
    db.session.add(note)
    db.session.commit()
    record("annotation_added", dossier.reference, actor_id=agent.id, annotation=note.id)
    db.session.refresh(note)
    return note
