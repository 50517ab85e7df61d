"""Scanning received files with ClamAV's daemon (clamd), before anything else reads them.

Optional: with ``CLAMD_SOCKET`` (a unix socket path) or ``CLAMD_HOST`` and ``CLAMD_PORT`` set, every
page is streamed to clamd with its INSTREAM command; with none set, :func:`scan` does nothing.
A file with a signature is refused (:class:`~anef.documents.intake.Rejected`, code ``virus``); a clamd
that does not answer raises :class:`ScannerUnavailable`, so that the job fails and is retried.
"""
from __future__ import annotations

import socket
import struct
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import lazy_gettext as _l

from anef.documents import intake

# clamd's protocol is 10 lines; the PyPI clients (clamd, pyclamd) are unmaintained.
CHUNK_BYTES = 64 * 1024
DEFAULT_PORT = 3310
# A 10 MB PDF takes clamd a few seconds; beyond this, clamd is considered down and the job retried.
TIMEOUT_SECONDS = 60.0
MAX_REPLY_BYTES = 4096

VIRUS_MESSAGE = _l("Notre antivirus a détecté un logiciel malveillant dans ce fichier : il a été supprimé. "
                   "Vérifiez votre appareil, puis envoyez une autre copie du document.")


class ScannerUnavailable(OSError):
    """clamd is configured but did not answer, or answered with an error: the file is not known to be clean."""


def _address() -> str | tuple[str, int] | None:
    """clamd's unix socket path or (host, port), or None when scanning is not configured."""
    config = current_app.config
    if config.get("CLAMD_SOCKET"):
        return config["CLAMD_SOCKET"]
    if config.get("CLAMD_HOST"):
        return config["CLAMD_HOST"], int(config.get("CLAMD_PORT") or DEFAULT_PORT)
    return None


def _connect(address: str | tuple[str, int]) -> socket.socket:
    """A connected socket to clamd, with the timeout set."""
    if isinstance(address, tuple):
        return socket.create_connection(address, timeout=TIMEOUT_SECONDS)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(TIMEOUT_SECONDS)
    try:
        sock.connect(address)
    except OSError:
        sock.close()
        raise
    return sock


def _instream(sock: socket.socket, f: BinaryIO) -> bytes:
    """Send the file with INSTREAM (length-prefixed chunks, then an empty one); return clamd's reply."""
    sock.sendall(b"zINSTREAM\0")
    try:
        while chunk := f.read(CHUNK_BYTES):
            sock.sendall(struct.pack(">I", len(chunk)) + chunk)
        sock.sendall(struct.pack(">I", 0))
    except (BrokenPipeError, ConnectionResetError) as exc:
        # clamd stops reading beyond its StreamMaxLength; its reply says so.
        raise ScannerUnavailable(f"clamd stopped reading: {_reply(sock)!r}") from exc
    return _reply(sock)


def _reply(sock: socket.socket) -> bytes:
    """clamd's reply, up to its terminating NUL or the end of the connection."""
    reply = b""
    while not reply.endswith(b"\0") and len(reply) < MAX_REPLY_BYTES:
        data = sock.recv(MAX_REPLY_BYTES)
        if not data:
            break
        reply += data
    return reply.rstrip(b"\0")


def scan(path: str | Path) -> None:
    """Have clamd scan the file at ``path``; return when it is clean or when no clamd is configured.

    Raises :class:`~anef.documents.intake.Rejected` (code ``virus``) when clamd reports a signature,
    and :class:`ScannerUnavailable` when clamd cannot be reached, times out or reports an error.
    """
    address = _address()
    if address is None:
        return
    with open(path, "rb") as f:
        try:
            with _connect(address) as sock:
                reply = _instream(sock, f)
        except ScannerUnavailable:
            raise
        except OSError as exc:
            raise ScannerUnavailable(f"clamd did not answer: {exc}") from exc
    text = reply.decode("utf-8", "replace").strip()
    if text.endswith(" FOUND"):
        signature = text.removeprefix("stream:").removesuffix(" FOUND").strip()
        current_app.logger.warning("clamd found %s in an upload", signature)
        raise intake.Rejected("virus", VIRUS_MESSAGE)
    if text != "stream: OK":
        raise ScannerUnavailable(f"clamd answered {text!r}")
