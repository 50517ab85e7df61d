"""Ed25519 keys of attestations and their token format (described for third parties in docs/verification.md).

A token is ``base64url(payload) "." base64url(signature)`` without padding: ``payload`` is a small
UTF-8 JSON object, and ``signature`` is the Ed25519 signature of the first part exactly as it
appears in the token (its ASCII bytes), made with the key that the payload's ``k`` names.
"""
from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from flask import Flask, current_app

TOKEN_VERSION = 1
KEY_FILE = "attestation_signing_key.pem"
MAX_TOKEN_LENGTH = 4096
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")
_PEM_PUBLIC = re.compile(r"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", re.S)

log = logging.getLogger(__name__)


class InvalidToken(ValueError):
    """A token that is not a genuine attestation of ours; ``reason`` says why (for the log, not the visitor)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def b64encode(data: bytes) -> str:
    """base64url without padding (RFC 4648 §5)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64decode(text: str) -> bytes:
    """Decode base64url without padding; refuse any other spelling of the same bytes."""
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if b64encode(data) != text:
        raise ValueError("non-canonical base64url")
    return data


def public_raw(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    """The key's id: the first 16 characters of its RFC 7638 JWK thumbprint (SHA-256, base64url)."""
    canonical = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": b64encode(public_raw(key))},
                           separators=(",", ":"), sort_keys=True)
    return b64encode(hashlib.sha256(canonical.encode("ascii")).digest())[:16]


def public_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def jwk(key: Ed25519PublicKey) -> dict:
    """The public key as a JWK (RFC 8037: OKP, Ed25519)."""
    return {"kty": "OKP", "crv": "Ed25519", "x": b64encode(public_raw(key)), "kid": key_id(key),
            "use": "sig", "alg": "EdDSA"}


@dataclass(frozen=True)
class KeyRing:
    """The key that signs new attestations, and every public key that still verifies old ones (current first)."""

    signing: Ed25519PrivateKey
    public: dict[str, Ed25519PublicKey]

    @property
    def kid(self) -> str:
        return key_id(self.signing.public_key())


def configure(app: Flask) -> None:
    """Settings of attestations, from the environment (values given to create_app win)."""
    app.config.setdefault("ATTESTATION_SIGNING_KEY", os.environ.get("ATTESTATION_SIGNING_KEY") or None)
    app.config.setdefault("ATTESTATION_PREVIOUS_PUBLIC_KEYS", os.environ.get("ATTESTATION_PREVIOUS_PUBLIC_KEYS", ""))
    app.config.setdefault("ATTESTATION_RENEWAL_DAYS", int(os.environ.get("ATTESTATION_RENEWAL_DAYS", 15)))
    app.config.setdefault("ATTESTATION_VERIFY_LIMIT",
                          os.environ.get("ATTESTATION_VERIFY_LIMIT", "30 per minute;300 per hour"))


def keyring() -> KeyRing:
    """The application's keys, loaded once (and the key generated into the instance folder if none is set)."""
    ring = current_app.extensions.get("anef_attestation_keys")
    if ring is None:
        ring = _load(current_app)
        current_app.extensions["anef_attestation_keys"] = ring
    return ring


def _load(app: Flask) -> KeyRing:
    pem = app.config.get("ATTESTATION_SIGNING_KEY")
    if not pem:
        if app.config.get("ANEF_ENV") == "production":
            log.warning("ATTESTATION_SIGNING_KEY is not set: using a key generated in the instance folder; every app "
                        "server must share the same key (docs/deploy.md)")
        pem = _instance_key(Path(app.instance_path))
    signing = serialization.load_pem_private_key(pem.encode() if isinstance(pem, str) else pem, password=None)
    if not isinstance(signing, Ed25519PrivateKey):
        raise RuntimeError("ATTESTATION_SIGNING_KEY must be an Ed25519 private key in PEM (PKCS#8)")
    public = {key_id(signing.public_key()): signing.public_key()}
    for block in _PEM_PUBLIC.findall(app.config.get("ATTESTATION_PREVIOUS_PUBLIC_KEYS") or ""):
        key = serialization.load_pem_public_key(block.encode())
        if not isinstance(key, Ed25519PublicKey):
            raise RuntimeError("ATTESTATION_PREVIOUS_PUBLIC_KEYS must hold Ed25519 public keys in PEM")
        public.setdefault(key_id(key), key)
    return KeyRing(signing=signing, public=public)


def _instance_key(instance: Path) -> str:
    """The key in ``instance/attestation_signing_key.pem``, created once (mode 0600) when missing."""
    path = instance / KEY_FILE
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        fd, tmp = tempfile.mkstemp(dir=instance, prefix=".attestation-key-")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(pem)
            # A hard link appears whole or not at all: two processes starting together keep the first key.
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
        finally:
            os.unlink(tmp)
    return path.read_text()


def sign(payload: dict) -> str:
    """A token for ``payload`` (the key id is added), signed with the current key."""
    ring = keyring()
    body = json.dumps({"v": TOKEN_VERSION, "k": ring.kid, **payload}, ensure_ascii=False, separators=(",", ":"))
    first = b64encode(body.encode("utf-8"))
    return first + "." + b64encode(ring.signing.sign(first.encode("ascii")))


def payload_of(token: str) -> dict:
    """The payload of one of our own stored tokens, without checking its signature."""
    return json.loads(b64decode(token.split(".")[0]).decode("utf-8"))


def verify(token: str) -> dict:
    """The payload of a genuine token; :class:`InvalidToken` for anything else (forged, altered, unknown key)."""
    if not token or len(token) > MAX_TOKEN_LENGTH or not _TOKEN_SHAPE.match(token):
        raise InvalidToken("malformed")
    first, second = token.split(".")
    try:
        payload = json.loads(b64decode(first).decode("utf-8"))
        signature = b64decode(second)
    except ValueError:
        raise InvalidToken("malformed") from None
    if not isinstance(payload, dict) or payload.get("v") != TOKEN_VERSION or not isinstance(payload.get("k"), str):
        raise InvalidToken("unknown_format")
    key = keyring().public.get(payload["k"])
    if key is None:
        raise InvalidToken("unknown_key")
    try:
        key.verify(signature, first.encode("ascii"))
    except InvalidSignature:
        raise InvalidToken("bad_signature") from None
    return payload
