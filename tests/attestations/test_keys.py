"""The signing key: from the setting, or generated once into the instance folder; rotation keeps old tokens valid."""
from __future__ import annotations

import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conftest import make_app


def private_pem(key) -> str:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def public_pem(key) -> str:
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


@pytest.fixture
def database(app):
    return {"url": app.config["SQLALCHEMY_DATABASE_URI"], "redis": None}


@pytest.fixture
def another_app(instance_dir, database):
    """Applications on the suite's database with settings of their own; their connections closed after the test."""
    from anef.extensions import db

    made = []

    def factory(**settings):
        made.append(make_app(instance_dir, database, **settings))
        return made[-1]

    yield factory
    for application in made:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


def test_without_a_setting_a_key_is_generated_once_into_the_instance_folder_readable_by_its_owner_only(tmp_path):
    from anef.attestations.signing import KEY_FILE, _instance_key

    first = _instance_key(tmp_path)
    assert "PRIVATE KEY" in first
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600
    assert _instance_key(tmp_path) == first
    assert [p.name for p in tmp_path.iterdir()] == [KEY_FILE]  # no temporary file left behind


def test_the_test_applications_share_the_instance_key(app, instance_dir, another_app):
    from pathlib import Path

    from anef.attestations.signing import KEY_FILE, keyring

    with app.app_context():
        kid = keyring().kid
    assert (Path(instance_dir) / KEY_FILE).exists()
    with another_app().app_context():
        assert keyring().kid == kid


def test_rotation_keeps_old_tokens_verifiable_while_their_public_key_is_published(app, another_app):
    from anef.attestations import signing

    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    before = another_app(ATTESTATION_SIGNING_KEY=private_pem(old))
    with before.app_context():
        token = signing.sign({"c": "ABCDABCDABCD", "t": "depot"})
        assert signing.verify(token)["c"] == "ABCDABCDABCD"
    after = another_app(ATTESTATION_SIGNING_KEY=private_pem(new),
                     ATTESTATION_PREVIOUS_PUBLIC_KEYS=public_pem(old))
    with after.app_context():
        assert signing.verify(token)["c"] == "ABCDABCDABCD"
        assert signing.verify(signing.sign({"c": "X"}))["k"] == signing.key_id(new.public_key())
    kids = [k["kid"] for k in after.test_client().get("/verifier/cles.json").get_json()["keys"]]
    assert kids == [signing.key_id(new.public_key()), signing.key_id(old.public_key())]
    assert after.test_client().get(f"/verifier/cles/{kids[1]}.pem").data.decode() == public_pem(old)
    # A key withdrawn from publication (compromised): what it signed is no longer genuine.
    withdrawn = another_app(ATTESTATION_SIGNING_KEY=private_pem(new))
    with withdrawn.app_context(), pytest.raises(signing.InvalidToken) as refused:
        signing.verify(token)
    assert refused.value.reason == "unknown_key"


def test_a_key_that_is_not_ed25519_is_refused(app, another_app):
    from cryptography.hazmat.primitives.asymmetric import ec

    from anef.attestations.signing import keyring

    wrong = another_app(ATTESTATION_SIGNING_KEY=private_pem(ec.generate_private_key(ec.SECP256R1())))
    with wrong.app_context(), pytest.raises(RuntimeError, match="Ed25519"):
        keyring()


def test_after_withdrawing_a_key_the_current_attestations_are_signed_again(app, another_app,
                                                                           renewal_dossier):
    from anef.attestations import signing
    from tests.attestations.conftest import attestations_of

    replacement = Ed25519PrivateKey.generate()
    after = another_app(ATTESTATION_SIGNING_KEY=private_pem(replacement))
    result = after.test_cli_runner().invoke(args=["attestations", "resign"])
    assert result.exit_code == 0 and "2 attestation(s) signed again" in result.output
    rows = attestations_of(app, renewal_dossier)
    with after.app_context():
        for row in rows:
            payload = signing.verify(row.token)
            assert payload["k"] == signing.key_id(replacement.public_key()) and payload["c"] == row.code
    assert after.test_cli_runner().invoke(args=["attestations", "resign"]).output.startswith("0 ")
