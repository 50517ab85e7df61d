"""One storage contract, run against a local folder and a real S3 HTTP endpoint (moto's server)."""
import datetime as dt
import errno
import hashlib
import io
import os
import socket
import uuid
from dataclasses import dataclass
from typing import Callable

import pytest
from botocore.exceptions import ClientError
from flask import Flask
from moto.server import ThreadedMotoServer

from anef.documents.storage import (CHUNK, LocalStorage, S3Storage, Storage, StorageFull, StorageUnavailable,
                                    TooLarge, get_storage, make_s3_client)

CREDENTIALS = {"region": "us-east-1", "access_key": "testing", "secret_key": "testing"}


@dataclass
class Backend:
    """A storage under test with the means to look behind it."""

    name: str
    storage: Storage
    leftovers: Callable[[], list]  # temporary files still on disk
    objects: Callable[[], list]  # everything stored, unfiltered
    broken: Callable[[], Storage]  # the same place, failing in the middle of a write
    failure: type


def _files(folder):
    return sorted(str(p) for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _closed_port() -> int:
    """A port nothing listens on: bound by the system, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """A real S3 HTTP endpoint on a free local port, stopped (socket closed) after the module."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture(scope="module")
def s3_client(s3_endpoint):
    """One client for the module: building one loads botocore's models (~0.3 s)."""
    client = make_s3_client(s3_endpoint, **CREDENTIALS)
    yield client
    client.close()


@pytest.fixture
def bucket(s3_client):
    """A fresh bucket per test, emptied and removed afterwards."""
    name = f"anef-{uuid.uuid4().hex[:12]}"
    s3_client.create_bucket(Bucket=name)
    yield name
    for key in _raw_keys(s3_client, name):
        s3_client.delete_object(Bucket=name, Key=key)
    s3_client.delete_bucket(Bucket=name)


def _raw_keys(client, bucket):
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


@pytest.fixture(params=["local", "s3"])
def backend(request, tmp_path, monkeypatch):
    """Each backend in turn, with its temporary files and raw contents open to inspection."""
    if request.param == "local":
        root = tmp_path / "files"
        storage = LocalStorage(str(root))

        def broken_local():
            def no_space(*args, **kwargs):
                raise OSError(errno.ENOSPC, "No space left on device")

            monkeypatch.setattr(os, "replace", no_space)
            return storage

        yield Backend("local", storage, lambda: [f for f in _files(root) if "/.upload-" in f],
                      lambda: _files(root), broken_local, StorageFull)
        return
    client = request.getfixturevalue("s3_client")
    name = request.getfixturevalue("bucket")
    staging = tmp_path / "staging"
    staging.mkdir()
    storage = S3Storage(name, "files/", client=client, temp_dir=str(staging))
    dead = []

    def broken_s3():
        # Built from settings like in production, but towards a port where nothing listens.
        dead.append(S3Storage(name, "files/", endpoint_url=f"http://127.0.0.1:{_closed_port()}",
                              temp_dir=str(staging), **CREDENTIALS))
        return dead[-1]

    yield Backend("s3", storage, lambda: _files(staging), lambda: _raw_keys(client, name), broken_s3,
                  StorageUnavailable)
    for store in dead:
        store.close()


# --- the contract, for every backend -------------------------------------------------------------

def test_backends_follow_the_protocol(backend):
    assert isinstance(backend.storage, Storage)


def test_round_trip(backend):
    data = os.urandom(3 * CHUNK + 17)
    sha, size, head = backend.storage.put(io.BytesIO(data), 1024 * 1024)
    assert sha == hashlib.sha256(data).hexdigest() and size == len(data) and head == data[:512]
    assert backend.storage.exists(sha) and backend.storage.size(sha) == len(data)
    written = backend.storage.modified_at(sha)
    assert written.tzinfo is not None and abs(dt.datetime.now(dt.timezone.utc) - written) < dt.timedelta(minutes=1)
    with backend.storage.open(sha) as stored:
        assert stored.read() == data
    assert backend.leftovers() == []


def test_same_content_is_stored_once(backend):
    first = backend.storage.put(io.BytesIO(b"%PDF-1.7 same"), 1024)
    second = backend.storage.put(io.BytesIO(b"%PDF-1.7 same"), 1024)
    assert first == second
    assert list(backend.storage.keys()) == [first[0]]
    assert len(backend.objects()) == 1


def test_size_limit_is_enforced_while_streaming_and_leaves_nothing(backend):
    stream = io.BytesIO(b"x" * (10 * CHUNK))
    with pytest.raises(TooLarge):
        backend.storage.put(stream, 2 * CHUNK)
    assert stream.tell() <= 3 * CHUNK  # stopped reading at the limit, not at the end
    assert backend.leftovers() == [] and backend.objects() == []


def test_delete(backend):
    sha, _, _ = backend.storage.put(io.BytesIO(b"to be removed"), 1024)
    kept, _, _ = backend.storage.put(io.BytesIO(b"to be kept"), 1024)
    backend.storage.delete(sha)
    assert not backend.storage.exists(sha) and backend.storage.exists(kept)
    assert list(backend.storage.keys()) == [kept]
    with pytest.raises(FileNotFoundError):
        backend.storage.open(sha)
    with pytest.raises(FileNotFoundError):
        backend.storage.size(sha)
    with pytest.raises(FileNotFoundError):
        backend.storage.modified_at(sha)
    backend.storage.delete(sha)  # already gone: nothing to do


def test_keys_lists_every_content_once(backend):
    assert list(backend.storage.keys()) == []
    shas = {backend.storage.put(io.BytesIO(f"document {n}".encode()), 1024)[0] for n in range(5)}
    keys = list(backend.storage.keys())
    assert len(keys) == 5 and set(keys) == shas


def test_failure_mid_write_leaves_nothing(backend):
    broken = backend.broken()
    with pytest.raises(backend.failure):
        broken.put(io.BytesIO(b"%PDF-1.7 never stored" * 1000), 1024 * 1024)
    assert issubclass(backend.failure, OSError)
    assert backend.leftovers() == [] and backend.objects() == []


# --- what only one backend can show ----------------------------------------------------------------

def test_local_disk_full_while_writing_leaves_nothing(tmp_path, monkeypatch):
    storage = LocalStorage(str(tmp_path))

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(StorageFull):
        storage.put(io.BytesIO(b"x" * (2 * CHUNK)), 1024 * 1024)
    assert _files(tmp_path) == []


def test_local_keys_skip_uploads_in_progress(tmp_path):
    storage = LocalStorage(str(tmp_path))
    sha, _, _ = storage.put(io.BytesIO(b"stored"), 1024)
    (tmp_path / ".upload-abc123").write_bytes(b"half a file")
    (tmp_path / sha[:2] / sha[2:4] / ".upload-def456").write_bytes(b"half a file")
    assert list(storage.keys()) == [sha]


@pytest.fixture
def s3_storage(s3_endpoint, bucket, tmp_path):
    # A client of its own: tests below patch it or register events on it.
    storage = S3Storage(bucket, "files/", endpoint_url=s3_endpoint, temp_dir=str(tmp_path), **CREDENTIALS)
    yield storage
    storage.close()


def test_s3_layout_and_no_second_upload(s3_storage, s3_client, bucket):
    uploads = []
    s3_storage.client.meta.events.register("before-call.s3.PutObject", lambda **kwargs: uploads.append(1))
    sha, _, _ = s3_storage.put(io.BytesIO(b"once"), 1024)
    s3_storage.put(io.BytesIO(b"once"), 1024)
    assert len(uploads) == 1
    assert _raw_keys(s3_client, bucket) == [f"files/{sha[:2]}/{sha}"]


def test_s3_keys_page_through_and_ignore_foreign_objects(s3_storage, s3_client, bucket):
    s3_storage.page_size = 2
    shas = {s3_storage.put(io.BytesIO(f"page {n}".encode()), 1024)[0] for n in range(5)}
    s3_client.put_object(Bucket=bucket, Key="files/README", Body=b"not ours")
    s3_client.put_object(Bucket=bucket, Key="other/" + "a" * 64, Body=b"not ours either")
    keys = list(s3_storage.keys())
    assert len(keys) == 5 and set(keys) == shas


def test_s3_refused_upload_leaves_nothing(s3_storage, s3_client, bucket, tmp_path, monkeypatch):
    def refuse(**kwargs):
        raise ClientError({"Error": {"Code": "InternalError", "Message": "We encountered an internal error"}},
                          "PutObject")

    monkeypatch.setattr(s3_storage.client, "put_object", refuse)
    with pytest.raises(StorageUnavailable):
        s3_storage.put(io.BytesIO(b"refused"), 1024)
    assert _files(tmp_path) == [] and _raw_keys(s3_client, bucket) == []


def test_s3_large_download_spills_to_disk(s3_storage):
    data = os.urandom(9 * 1024 * 1024)
    sha, _, _ = s3_storage.put(io.BytesIO(data), 10 * 1024 * 1024)
    with s3_storage.open(sha) as stored:
        assert stored._rolled  # past 8 MB the spooled file is on disk, not in memory
        assert hashlib.sha256(stored.read()).hexdigest() == sha


def test_get_storage_follows_settings_and_keeps_one_s3_client(s3_endpoint, bucket, tmp_path):
    # A bare app: only the settings get_storage reads matter here.
    app = Flask(__name__)
    app.config.update(STORAGE_BACKEND="local", STORAGE_PATH=str(tmp_path))
    with app.app_context():
        assert isinstance(get_storage(), LocalStorage)
    app.config.update(STORAGE_BACKEND="s3", S3_BUCKET=bucket, S3_PREFIX="files/", S3_ENDPOINT_URL=s3_endpoint,
                      S3_REGION="us-east-1", S3_ACCESS_KEY_ID="testing", S3_SECRET_ACCESS_KEY="testing")
    try:
        with app.app_context():
            first = get_storage()
            sha, _, _ = first.put(io.BytesIO(b"through settings"), 1024)
        with app.app_context():
            second = get_storage()
            assert isinstance(second, S3Storage) and second.client is first.client and second.exists(sha)
    finally:
        app.extensions.pop("anef_s3_client").close()


def test_get_storage_refuses_an_unknown_backend_or_a_missing_bucket():
    app = Flask(__name__)
    with app.app_context():
        app.config.update(STORAGE_BACKEND="ftp")
        with pytest.raises(RuntimeError, match="unknown storage backend"):
            get_storage()
        app.config.update(STORAGE_BACKEND="s3", S3_BUCKET=None)
        with pytest.raises(RuntimeError, match="S3_BUCKET"):
            get_storage()
