"""The applicant's booking pages: choose, move or cancel the visit to collect the card; the convocation."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
from urllib.parse import unquote_to_bytes

from flask import abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import format_date, format_time
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from anef.accounts.models import APPLICANT
from anef.appointments import services
from anef.appointments.blueprint import applicant_bp
from anef.appointments.models import WaitlistEntry
from anef.dossiers import lifecycle
from anef.dossiers import services as dossier_services
from anef.extensions import db
from anef.i18n import Euros
from anef.models import utcnow
from anef.security import roles_required

BOOKING_WINDOW = dt.timedelta(days=28)
# Four weeks of every counter of a reason: enough for the busiest default agenda.
MAX_SLOTS = 2000


# ---------------------------------------------------------------- helpers shared by the routes

def appointment_for(dossier):
    """The applicant's active appointment to collect this dossier's card, or None."""
    motif = services.collection_motif(dossier)
    return services.active_booking(dossier.applicant_id, motif.id) if motif is not None else None


@applicant_bp.app_context_processor
def _appointment_helpers():
    return {"appointment_for": appointment_for}


def _visit(reference):
    """The person's dossier and reason of visit; a 409 page instead when booking is not open yet."""
    dossier = dossier_services.applicant_dossier(reference, current_user)
    if dossier.state != lifecycle.ACCEPTE or dossier.card_ready_at is None:
        return dossier, None, _not_ready(dossier, "card")
    motif = services.collection_motif(dossier)
    if motif is None:
        return dossier, None, _not_ready(dossier, "agenda")
    return dossier, motif, None


def _not_ready(dossier, why):
    return render_template("appointments/not_ready.html", dossier=dossier, why=why), 409


def _days(slots):
    """Free slots grouped by day in Paris time; one choice per time even when several counters are free."""
    days = {}
    for slot in slots:
        local = slot.starts_at.astimezone(services.PARIS)
        days.setdefault(local.date(), {}).setdefault(local.time(), slot)
    return [(day, list(times.values())) for day, times in days.items()]


def _what_to_bring(dossier) -> list[str]:
    """What the person brings to the counter, in their language."""
    items = [_("Votre passeport (ou document de voyage) en cours de validité"),
             _("Votre convocation, imprimée ou sur votre téléphone")]
    fee = dossier_services.fee_for(dossier)
    if fee:
        items.append(_("Un timbre fiscal de %(amount)s (à acheter sur timbres.impots.gouv.fr ou chez un buraliste)",
                       amount=str(Euros(fee.amount))))
    return items


def _waitlist_entry(user_id, motif_id) -> WaitlistEntry | None:
    return db.session.scalar(select(WaitlistEntry).where(
        WaitlistEntry.user_id == user_id, WaitlistEntry.motif_id == motif_id))


def _waiting(user_id, motif_id) -> bool:
    """Whether the person will be told of the next earlier slot (an entry already used tells no one)."""
    entry = _waitlist_entry(user_id, motif_id)
    return entry is not None and entry.offered_at is None


def _render(dossier, motif, *, status=200, error=None, error_for=None, chosen=None):
    now = utcnow()
    return render_template(
        "appointments/book.html", dossier=dossier, motif=motif,
        booking=services.active_booking(current_user.id, motif.id),
        days=_days(services.free_slots(motif.id, now, now + BOOKING_WINDOW, limit=MAX_SLOTS)),
        bring=_what_to_bring(dossier), waiting=_waiting(current_user.id, motif.id),
        error=error, error_for=error_for, chosen=chosen), status


def _chosen_slot_error(slot_id):
    """The message when no slot was chosen; the service judges the slot itself."""
    return _("Choisissez un créneau dans la liste.") if slot_id is None else None


def _own_booking(motif):
    booking = services.active_booking(current_user.id, motif.id)
    if booking is None:
        abort(404)
    return booking


# ---------------------------------------------------------------- booking, moving, cancelling

@applicant_bp.route("/<reference>", methods=["GET", "POST"])
@roles_required(APPLICANT)
def book(reference):
    dossier, motif, refusal = _visit(reference)
    if refusal:
        return refusal
    if request.method == "GET":
        return _render(dossier, motif)
    slot_id = request.form.get("slot", type=int)
    error = _chosen_slot_error(slot_id)
    if error:
        return _render(dossier, motif, status=422, error=error, error_for="book")
    try:
        services.book(user_id=current_user.id, slot_id=slot_id, dossier_id=dossier.id, motif_id=motif.id)
    except services.BookingError as refused:
        return _render(dossier, motif, status=409, error=str(refused), error_for="book")
    flash(_("Votre rendez-vous est réservé. Téléchargez votre convocation : elle vous sera demandée au guichet."),
          "success")
    return redirect(url_for("appointments.book", reference=reference))


@applicant_bp.route("/<reference>/deplacer", methods=["POST"])
@roles_required(APPLICANT)
def move(reference):
    dossier, motif, refusal = _visit(reference)
    if refusal:
        return refusal
    booking = services.active_booking(current_user.id, motif.id)
    if booking is None:
        flash(_("Vous n'avez pas de rendez-vous à déplacer : choisissez un créneau."), "warning")
        return redirect(url_for("appointments.book", reference=reference))
    slot_id = request.form.get("slot", type=int)
    error = _chosen_slot_error(slot_id)
    if error:
        return _render(dossier, motif, status=422, error=error, error_for="move")
    try:
        services.move(booking, slot_id)
    except services.BookingError as refused:
        return _render(dossier, motif, status=409, error=str(refused), error_for="move", chosen=slot_id)
    flash(_("Votre rendez-vous est déplacé. Téléchargez votre nouvelle convocation : l'ancienne n'est plus valable."),
          "success")
    return redirect(url_for("appointments.book", reference=reference))


@applicant_bp.route("/<reference>/annuler", methods=["POST"])
@roles_required(APPLICANT)
def cancel(reference):
    dossier, motif, refusal = _visit(reference)
    if refusal:
        return refusal
    booking = services.active_booking(current_user.id, motif.id)
    if booking is None:
        flash(_("Vous n'avez pas de rendez-vous à annuler."), "warning")
        return redirect(url_for("appointments.book", reference=reference))
    try:
        services.cancel(booking)
    except services.BookingError as refused:
        return _render(dossier, motif, status=409, error=str(refused), error_for="cancel")
    flash(_("Votre rendez-vous est annulé. Choisissez un autre créneau pour venir chercher votre titre."), "success")
    return redirect(url_for("appointments.book", reference=reference))


@applicant_bp.route("/<reference>/liste-d-attente", methods=["POST"])
@roles_required(APPLICANT)
def waitlist(reference):
    dossier, motif, refusal = _visit(reference)
    if refusal:
        return refusal
    if not services.join_waitlist(current_user.id, motif.id):
        flash(_("Vous êtes déjà inscrit : nous vous écrirons si un créneau plus tôt se libère."), "info")
        return redirect(url_for("appointments.book", reference=reference))
    flash(_("C'est noté : nous vous écrirons si un créneau plus tôt se libère."), "success")
    return redirect(url_for("appointments.book", reference=reference))


# ---------------------------------------------------------------- the convocation, as PDF and iCalendar

def _convocation_context(dossier, motif, booking) -> dict:
    return {"dossier": dossier, "motif": motif, "booking": booking, "slot": booking.slot,
            "service": dossier.service, "person": current_user, "bring": _what_to_bring(dossier)}


@applicant_bp.route("/<reference>/convocation.pdf")
@roles_required(APPLICANT)
def convocation_pdf(reference):
    dossier, motif, refusal = _visit(reference)
    if refusal:
        return refusal
    booking = _own_booking(motif)
    response = make_response(_render_pdf(_convocation_context(dossier, motif, booking), booking.token))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="convocation-{dossier.reference}.pdf"'
    return response


def _render_pdf(context: dict, token: str) -> bytes:
    import segno
    from weasyprint import HTML

    from anef.attestations.services import _static_only_fetcher

    qr = segno.make(token, error="m").svg_data_uri(scale=4, border=2)
    html = render_template("appointments/convocation_pdf.html", qr=qr, **context)
    static = _static_only_fetcher(request.host_url.rstrip("/") + "/static/", current_app.static_folder)
    return HTML(string=html, base_url=request.host_url, url_fetcher=_data_images_too(static)).write_pdf()


def _data_images_too(inner):
    """The static-only fetcher, plus inline ``data:image/`` URIs (the QR code); still no network."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class DataImagesToo(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:image/"):
                meta, _sep, payload = url[len("data:"):].partition(",")
                kind, *params = meta.split(";")
                body = base64.b64decode(payload) if "base64" in params else unquote_to_bytes(payload)
                return URLFetcherResponse(url, body=body, headers={"Content-Type": kind})
            return inner.fetch(url, headers)

    return DataImagesToo()


@applicant_bp.route("/<reference>/convocation.ics")
@roles_required(APPLICANT)
def convocation_ics(reference):
    dossier, motif, refusal = _visit(reference)
    if refusal:
        return refusal
    booking = _own_booking(motif)
    response = make_response(_ics(_convocation_context(dossier, motif, booking)).encode("utf-8"))
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="rendez-vous-{dossier.reference}.ics"'
    return response


def _ics(context: dict) -> str:
    """One VEVENT (RFC 5545): times in UTC, text escaped, lines folded at 75 octets, CRLF."""
    slot, booking, dossier = context["slot"], context["booking"], context["dossier"]
    service = context["service"].name if context["service"] else ""
    # Derived from the token, not the token itself: the check-in code must not sync to calendar providers.
    uid = hashlib.sha256(booking.token.encode()).hexdigest()[:32] + "@anef"
    description = "\n".join([
        _("Dossier %(reference)s : %(motif)s.", reference=dossier.reference, motif=context["motif"].label),
        _("%(day)s à %(time)s, %(counter)s.", day=format_date(slot.starts_at, "full"),
          time=format_time(slot.starts_at, "short"), counter=slot.counter.name),
        _("À apporter :"), *(f"- {item}" for item in context["bring"])])
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ANEF//Rendez-vous//FR", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_utc(utcnow())}",
        f"DTSTART:{_utc(slot.starts_at)}", f"DTEND:{_utc(slot.ends_at)}",
        f"SUMMARY:{_ics_text(_('Retrait de votre titre de séjour'))}",
        f"LOCATION:{_ics_text(service)}", f"DESCRIPTION:{_ics_text(description)}", "STATUS:CONFIRMED",
        "END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _ics_text(value: str) -> str:
    return (str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Split a content line into parts of at most 75 octets, never inside a UTF-8 character."""
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current)
            current = b""
        current += encoded
    parts.append(current)
    return "\r\n ".join(part.decode("utf-8") for part in parts)
