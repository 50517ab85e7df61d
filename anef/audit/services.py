"""Writing and verifying the hash-chained audit log."""
from __future__ import annotations

import hashlib
import json

from flask import has_request_context, request
from sqlalchemy import select, text

from anef.audit.models import AuditEvent
from anef.extensions import db
from anef.models import utcnow

GENESIS = "0" * 64


def _digest(prev_hash: str, event: AuditEvent) -> str:
    payload = json.dumps({"prev": prev_hash, "at": event.at.isoformat(), "actor": event.actor_id,
                          "action": event.action, "target": event.target, "detail": event.detail},
                         sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def record(action: str, target: str, *, actor_id: int | None, **detail) -> AuditEvent:
    """Append an event to the chain and commit it (an audit entry outlives the request that caused it)."""
    if has_request_context():
        detail.setdefault("ip", request.remote_addr)
    if db.engine.dialect.name == "postgresql":
        # One writer at a time extends the chain; the lock ends with the transaction.
        db.session.execute(text("SELECT pg_advisory_xact_lock(7001)"))
    last = db.session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    prev = last or GENESIS
    event = AuditEvent(at=utcnow().replace(microsecond=0), actor_id=actor_id, action=action, target=target,
                       detail=detail, prev_hash=prev)
    event.hash = _digest(prev, event)
    db.session.add(event)
    db.session.commit()
    return event


def verify_chain() -> int | None:
    """The id of the first event whose hash or link does not match, or None when the chain is intact."""
    prev = GENESIS
    for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).yield_per(1000):
        if event.prev_hash != prev or _digest(prev, event) != event.hash:
            return event.id
        prev = event.hash
    return None
