"""Uploads scanned by a real clamd: EICAR refused, clean files through, a silent clamd keeps pages unseen.

The clamd fixture runs Debian's clamd offline, with a one-signature database built here by sigtool.
"""
import dataclasses
import datetime as dt
import html
import io
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from conftest import PDF_BYTES, login

CLAMD_START_SECONDS = 60


def eicar() -> bytes:
    """The standard 68-byte EICAR test file, assembled from pieces so that scanners leave this repository alone."""
    data = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-" + b"ANTIVIRUS-TEST-FILE!$H+H*"
    assert len(data) == 68
    return data


def infected_pdf() -> bytes:
    """A PDF of an accepted type that carries the EICAR string in a comment."""
    return PDF_BYTES + b"%" + eicar() + b"\n"


@dataclasses.dataclass
class Clamd:
    socket: str
    port: int
    log: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def clamd(tmp_path_factory):
    """A clamd in the foreground on a unix socket and a TCP port, knowing only the EICAR signature."""
    # Debian installs clamd in /usr/sbin, which a non-root PATH lacks.
    binary = shutil.which("clamd", path=os.environ.get("PATH", os.defpath) + os.pathsep + "/usr/sbin")
    if binary is None:
        pytest.skip("clamd is not installed (Debian: apt-get install clamav-daemon clamav)")
    folder = tmp_path_factory.mktemp("clamd")
    database = folder / "db"
    database.mkdir()
    hex_dump = subprocess.run(["sigtool", "--hex-dump"], input=eicar(), capture_output=True, check=True).stdout
    # Target 0, any offset: the string is found anywhere in any file, as in a PDF comment.
    (database / "anef-test.ndb").write_text(f"Anef.Test.EICAR:0:*:{hex_dump.decode().strip()}\n")
    server = Clamd(socket=str(folder / "clamd.sock"), port=_free_port(), log=folder / "clamd.log")
    config = folder / "clamd.conf"
    # StreamMaxLength is small so that a test can reach clamd's size limit; production keeps it above uploads.
    config.write_text(f"LocalSocket {server.socket}\nTCPSocket {server.port}\nTCPAddr 127.0.0.1\n"
                      f"DatabaseDirectory {database}\nTemporaryDirectory {folder}\nForeground yes\n"
                      "StreamMaxLength 1M\nLogVerbose yes\n")
    with open(server.log, "wb") as log:
        process = subprocess.Popen([binary, "--config-file", str(config)], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + CLAMD_START_SECONDS
        while not _answers(server.socket):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"clamd did not start:\n{server.log.read_text()}")
            time.sleep(0.05)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _answers(path: str) -> bool:
    """True when clamd answers PING on the unix socket."""
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(2)
            s.connect(path)
            s.sendall(b"zPING\0")
            return s.recv(16) == b"PONG\0"
    except OSError:
        return False


@pytest.fixture
def scanner(app, monkeypatch):
    """Set the clamd settings of the application for one test (restored after it)."""
    for name in ("CLAMD_SOCKET", "CLAMD_HOST", "CLAMD_PORT"):
        monkeypatch.setitem(app.config, name, None)

    def configure(**settings):
        for name, value in settings.items():
            monkeypatch.setitem(app.config, name, value)
    return configure


def virus_message(app) -> str:
    from anef.documents.antivirus import VIRUS_MESSAGE

    with app.test_request_context():
        return str(VIRUS_MESSAGE)


# ---------------------------------------------------------------- scan() itself

def test_scan_catches_eicar_and_passes_a_clean_file_over_a_unix_socket_and_tcp(app, clamd, scanner, tmp_path):
    from anef.documents import antivirus, intake

    infected, clean = tmp_path / "eicar.com", tmp_path / "clean.pdf"
    infected.write_bytes(eicar())
    clean.write_bytes(PDF_BYTES)
    for settings in ({"CLAMD_SOCKET": clamd.socket}, {"CLAMD_HOST": "127.0.0.1", "CLAMD_PORT": str(clamd.port)}):
        scanner(**settings)
        with app.test_request_context():
            assert antivirus.scan(clean) is None
            with pytest.raises(intake.Rejected) as caught:
                antivirus.scan(infected)
            assert caught.value.code == "virus" and str(caught.value.message) == virus_message(app)


def test_a_file_beyond_clamds_stream_limit_is_not_taken_as_clean(app, clamd, scanner, tmp_path):
    from anef.documents import antivirus

    big = tmp_path / "big.pdf"
    big.write_bytes(PDF_BYTES + b"%" + b"0" * (2 * 1024 * 1024) + b"\n")
    scanner(CLAMD_SOCKET=clamd.socket)
    with app.app_context(), pytest.raises(antivirus.ScannerUnavailable) as caught:
        antivirus.scan(big)
    assert "size limit exceeded" in str(caught.value)


def test_without_settings_nothing_is_scanned(app, scanner, tmp_path):
    from anef.documents import antivirus

    infected = tmp_path / "eicar.com"
    infected.write_bytes(eicar())
    with app.app_context():
        assert antivirus.scan(infected) is None


def test_a_clamd_that_does_not_answer_is_an_oserror_for_the_queue(app, scanner, tmp_path, monkeypatch):
    from anef.documents import antivirus

    clean = tmp_path / "clean.pdf"
    clean.write_bytes(PDF_BYTES)
    scanner(CLAMD_SOCKET=str(tmp_path / "absent.sock"))
    with app.app_context(), pytest.raises(antivirus.ScannerUnavailable) as caught:
        antivirus.scan(clean)
    assert isinstance(caught.value, OSError)
    scanner(CLAMD_SOCKET=None, CLAMD_HOST="127.0.0.1", CLAMD_PORT=_free_port())
    with app.app_context(), pytest.raises(antivirus.ScannerUnavailable):
        antivirus.scan(clean)
    # A clamd that accepts the connection but never replies: the timeout ends the wait.
    monkeypatch.setattr(antivirus, "TIMEOUT_SECONDS", 0.2)
    with socket.socket(socket.AF_UNIX) as silent:
        silent.bind(str(tmp_path / "silent.sock"))
        silent.listen()
        scanner(CLAMD_SOCKET=str(tmp_path / "silent.sock"), CLAMD_HOST=None)
        with app.app_context(), pytest.raises(antivirus.ScannerUnavailable):
            antivirus.scan(clean)


# ---------------------------------------------------------------- through the upload pipeline

def upload(client, ref, kind, name, data):
    return client.post(f"/dossiers/{ref}/documents", data={"kind": kind, "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def current_document(app, ref, kind):
    from anef.documents.models import Document
    from anef.dossiers.models import Dossier
    from anef.extensions import db

    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.reference == ref))
        doc = db.session.scalar(select(Document).where(Document.dossier_id == dossier.id, Document.kind == kind,
                                                       Document.replaced_at.is_(None)))
        return {"id": doc.id, "status": doc.status, "file_id": doc.file_id,
                "pages": [(p.id, p.status, p.error) for p in doc.pages]}


def stored_files(app):
    from anef.documents.models import StoredFile
    from anef.documents.storage import get_storage
    from anef.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(StoredFile)), len(list(get_storage().keys()))


@pytest.fixture
def complement(app, client, applicant, agent_75, filed_dossier):
    """A filed dossier whose agent (logged in on ``client``) asks for a new passport; returns the reference
    and the applicant's own logged-in client."""
    login(client, "instructeur75@example.fr")
    assert client.post(f"/agent/dossiers/{filed_dossier}/prendre").status_code == 302
    deadline = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    response = client.post(f"/agent/dossiers/{filed_dossier}/complement", data={
        "item": ["document:passeport"], "reason-document:passeport": "Envoyez un passeport lisible.",
        "deadline": deadline})
    assert response.status_code == 302
    applicant_client = app.test_client()
    login(applicant_client, "usager@example.fr")
    return filed_dossier, applicant_client


def agent_sees(client, ref, document_id) -> bool:
    """Whether the agent's viewer and the file itself are served; both or neither."""
    viewer = client.get(f"/agent/dossiers/{ref}/documents/{document_id}").status_code
    response = client.get(f"/documents/{document_id}")
    response.close()
    assert (viewer == 200) == (response.status_code == 200)
    return viewer == 200


def test_an_infected_upload_is_refused_deleted_and_never_shown_to_the_agent(app, client, clamd, scanner, complement):
    ref, applicant_client = complement
    scanner(CLAMD_SOCKET=clamd.socket)
    before = stored_files(app)
    assert upload(applicant_client, ref, "passeport", "passeport.pdf", infected_pdf()).status_code == 302
    doc = current_document(app, ref, "passeport")
    [(_page_id, status, error)] = doc["pages"]
    assert doc["status"] == status == "refuse" and error == virus_message(app) and doc["file_id"] is None
    assert stored_files(app) == before  # the received file was deleted, and nothing came out of it
    assert not agent_sees(client, ref, doc["id"])
    page = html.unescape(applicant_client.get(f"/dossiers/{ref}/complement").get_data(as_text=True))
    assert virus_message(app) in page


def test_a_clean_pdf_passes_the_scan_and_reaches_the_agent(app, client, clamd, scanner, complement):
    ref, applicant_client = complement
    scanner(CLAMD_SOCKET=clamd.socket)
    assert upload(applicant_client, ref, "passeport", "passeport.pdf", PDF_BYTES + b"%new\n").status_code == 302
    doc = current_document(app, ref, "passeport")
    assert doc["status"] == "pret" and doc["pages"][0][1:] == ("pret", None)
    assert agent_sees(client, ref, doc["id"])


def test_while_clamd_is_down_the_page_waits_unseen_and_passes_once_it_answers(app, client, clamd, scanner,
                                                                              complement, tmp_path):
    from anef.documents import services

    ref, applicant_client = complement
    scanner(CLAMD_SOCKET=str(tmp_path / "absent.sock"))
    assert upload(applicant_client, ref, "passeport", "passeport.pdf", PDF_BYTES + b"%new\n").status_code == 302
    doc = current_document(app, ref, "passeport")
    [(page_id, status, _error)] = doc["pages"]
    assert doc["status"] == status == "en_cours" and doc["file_id"] is None
    assert not agent_sees(client, ref, doc["id"])
    scanner(CLAMD_SOCKET=clamd.socket)
    with app.app_context():
        services.process_page(page_id=page_id)  # what the queue's retry does
    doc = current_document(app, ref, "passeport")
    assert doc["status"] == "pret" and doc["pages"][0][1] == "pret"
    assert agent_sees(client, ref, doc["id"])
