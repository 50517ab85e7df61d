"""Anyone can verify an attestation: genuine and current, superseded, revoked, expired, or not genuine."""
from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from sqlalchemy import select

from tests.attestations.conftest import act, current


def b64d(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64e(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def page(client, url):
    response = client.get(url)
    return response.status_code, response.get_data(as_text=True)


def test_a_genuine_current_attestation_verifies_and_shows_only_what_it_already_shows(app, client, renewal_dossier):
    prolongation = current(app, renewal_dossier, "prolongation")
    status, body = page(client, f"/verifier/{prolongation.token}")
    assert status == 200
    assert "Attestation authentique et en cours de validité" in body
    assert "Mei ZHANG" in body and "14 mars 2002" in body and "Attestation de prolongation d'instruction" in body
    assert prolongation.display_code in body and "Autorise à travailler" in body
    # Nothing else of the dossier: no reference, address, passport, e-mail or service.
    for private in (renewal_dossier, "12 rue des Écoles", "EA1234567", "usager@example.fr", "Préfecture"):
        assert private not in body


def test_the_deposit_attestation_verifies_but_says_it_is_no_proof_of_lawful_stay(app, client, filed_dossier):
    depot = current(app, filed_dossier, "depot")
    status, body = page(client, f"/verifier/{depot.token}")
    assert status == 200 and "Attestation authentique" in body
    assert "Elle ne prouve pas que le séjour de son titulaire est régulier" in body


def _tamper(token, **changes):
    first, signature = token.split(".")
    payload = json.loads(b64d(first))
    payload.update(changes)
    return b64e(json.dumps(payload, separators=(",", ":")).encode()) + "." + signature


def test_an_altered_payload_is_not_genuine(app, client, renewal_dossier):
    token = current(app, renewal_dossier, "prolongation").token
    for altered in (_tamper(token, n="Someone ELSE"), _tamper(token, u="2099-12-31"), _tamper(token, w=True, t="decision_favorable")):
        status, body = page(client, f"/verifier/{altered}")
        assert status == 200 and "Attestation non authentique" in body
        assert "Someone ELSE" not in body and "Mei ZHANG" not in body


def test_a_token_forged_with_another_key_is_not_genuine_even_under_our_key_id(app, client, renewal_dossier):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    genuine = current(app, renewal_dossier, "prolongation").token
    first = genuine.split(".")[0]
    forger = Ed25519PrivateKey.generate()
    forged = first + "." + b64e(forger.sign(first.encode()))
    assert "Attestation non authentique" in page(client, f"/verifier/{forged}")[1]
    # A payload naming the forger's own key: unknown key.
    from anef.attestations.signing import key_id

    payload = json.loads(b64d(first))
    payload["k"] = key_id(forger.public_key())
    own = b64e(json.dumps(payload).encode())
    assert "Attestation non authentique" in page(client, f"/verifier/{own}.{b64e(forger.sign(own.encode()))}")[1]
    for garbage in ("abc", "abc.def", "a" * 5000 + ".b", "%3Cscript%3E.x"):
        assert "Attestation non authentique" in page(client, f"/verifier/{garbage}")[1]


def test_superseded_revoked_and_expired_attestations_say_so(app, client, renewal_dossier, agent_75, applicant):
    from tests.attestations.conftest import file_dossier

    prolongation = current(app, renewal_dossier, "prolongation")
    act(app, renewal_dossier, "take")
    act(app, renewal_dossier, "accept")
    status, body = page(client, f"/verifier/{prolongation.token}")
    assert "Attestation authentique, mais remplacée" in body and "Mei ZHANG" in body

    other = file_dossier(app, applicant, renewal=True)
    withdrawn = current(app, other, "prolongation")
    act(app, other, "withdraw")
    assert "Attestation authentique, mais retirée" in page(client, f"/verifier/{withdrawn.token}")[1]

    from freezegun import freeze_time

    decision = current(app, renewal_dossier, "decision_favorable")
    with freeze_time(decision.valid_until + dt.timedelta(days=1)):
        assert "Attestation authentique, mais expirée" in page(client, f"/verifier/{decision.token}")[1]
    assert "Attestation authentique et en cours de validité" in page(client, f"/verifier/{decision.token}")[1]


def test_the_published_public_key_verifies_a_token_offline_with_cryptography_alone(app, client, renewal_dossier):
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    token = current(app, renewal_dossier, "prolongation").token
    jwks = client.get("/verifier/cles.json")
    assert jwks.status_code == 200 and jwks.headers["Cache-Control"].startswith("public")
    first, signature = token.split(".")
    payload = json.loads(b64d(first))
    [jwk] = [k for k in jwks.get_json()["keys"] if k["kid"] == payload["k"]]
    assert (jwk["kty"], jwk["crv"], jwk["alg"]) == ("OKP", "Ed25519", "EdDSA")
    # What a third party does, with nothing of ours but the key.
    Ed25519PublicKey.from_public_bytes(b64d(jwk["x"])).verify(b64d(signature), first.encode("ascii"))
    pem = load_pem_public_key(client.get("/verifier/cle-publique.pem").data)
    pem.verify(b64d(signature), first.encode("ascii"))
    assert client.get(f"/verifier/cles/{payload['k']}.pem").data == client.get("/verifier/cle-publique.pem").data
    assert payload["v"] == 1 and payload["n"] == "Mei ZHANG" and payload["b"] == "2002-03-14"
    assert payload["t"] == "prolongation" and payload["w"] is True and payload["u"]
    with pytest.raises(InvalidSignature):
        pem.verify(b64d(signature), _tamper(token, n="X").split(".")[0].encode())
    assert client.get("/verifier/comment-verifier").status_code == 200


def test_a_typed_short_code_finds_the_attestation_forgiving_case_spaces_and_look_alikes(app, client, renewal_dossier):
    prolongation = current(app, renewal_dossier, "prolongation")
    typed = " ".join(prolongation.display_code.lower().split("-")).replace("0", "o").replace("1", "l")
    status, body = page(client, f"/verifier/?code={typed}")
    assert status == 200 and "Attestation authentique et en cours de validité" in body
    status, body = page(client, "/verifier/?code=ZZZZ-ZZZZ-ZZZZ")
    assert status == 404 and "Aucune attestation ne porte ce code" in body
    status, body = page(client, "/verifier/?code=12")
    assert status == 422 and "Un code compte 12 lettres et chiffres" in body
    status, body = page(client, "/verifier/?code=")
    assert status == 200 and "Saisissez le code" in body
    # A pasted link from the QR code works too.
    status, body = page(client, f"/verifier/?code=https://example.fr/verifier/{prolongation.token}")
    assert "Attestation authentique et en cours de validité" in body
    assert page(client, "/verifier/")[0] == 200


def test_every_verification_is_logged_without_the_visitors_address(app, client, renewal_dossier):
    from anef.attestations.models import Verification
    from anef.extensions import db

    prolongation = current(app, renewal_dossier, "prolongation")
    client.get(f"/verifier/{prolongation.token}", environ_base={"REMOTE_ADDR": "203.0.113.7"})
    client.get("/verifier/not.genuine", environ_base={"REMOTE_ADDR": "203.0.113.7"})
    client.get("/verifier/?code=ZZZZZZZZZZZZ", environ_base={"REMOTE_ADDR": "198.51.100.1"})
    with app.app_context():
        rows = db.session.scalars(select(Verification).order_by(Verification.id)).all()
        logged = [(v.outcome, v.via, v.attestation_id) for v in rows]
        hashes = [v.ip_hash for v in rows]
    assert logged == [("current", "token", prolongation.id), ("not_genuine", "token", None),
                      ("not_found", "code", None)]
    assert hashes[0] == hashes[1] != hashes[2] and all(len(h) == 64 for h in hashes)
    assert not any("203.0.113.7" in h for h in hashes)


def test_verification_is_rate_limited(app, client, renewal_dossier, monkeypatch):
    monkeypatch.setitem(app.config, "ATTESTATION_VERIFY_LIMIT", "5 per minute")
    token = current(app, renewal_dossier, "prolongation").token
    codes = [client.get(f"/verifier/{token}").status_code for _ in range(3)]
    codes += [client.get("/verifier/?code=ZZZZZZZZZZZZ").status_code for _ in range(3)]
    assert codes == [200, 200, 200, 404, 404, 429]
    assert "Trop de tentatives" in client.get(f"/verifier/{token}").get_data(as_text=True)
    # The public keys stay available.
    assert client.get("/verifier/cles.json").status_code == 200


def test_the_verification_page_follows_the_visitors_language(app, client, renewal_dossier):
    token = current(app, renewal_dossier, "prolongation").token
    body = client.get(f"/verifier/{token}", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en"' in body
    body = client.get(f"/verifier/{token}?lang=fr").get_data(as_text=True)
    assert '<html lang="fr"' in body


def test_the_verification_page_is_public_and_not_indexed(app, client, renewal_dossier):
    response = client.get(f"/verifier/{current(app, renewal_dossier, 'prolongation').token}")
    assert response.status_code == 200 and "noindex" in response.headers["X-Robots-Tag"]
    assert response.headers["Cache-Control"] == "no-store"


def test_the_offline_check_in_the_documentation_works(app, client, renewal_dossier):
    import re
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "verification.md").read_text(encoding="utf-8")
    [snippet] = re.findall(r"```python\n(.*?)```", doc, re.S)
    namespace = {}
    exec(compile(snippet, "docs/verification.md", "exec"), namespace)  # noqa: S102 - our own documentation
    token = current(app, renewal_dossier, "prolongation").token
    jwks = client.get("/verifier/cles.json").get_json()
    assert namespace["check"](token, jwks)["n"] == "Mei ZHANG"
    with pytest.raises(Exception):  # noqa: B017 - whatever the snippet raises, it must not accept it
        namespace["check"](_tamper(token, n="X"), jwks)
