"""Where file contents live: a local folder or an S3-compatible bucket, addressed by SHA-256."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, Protocol, runtime_checkable

from flask import current_app

CHUNK = 64 * 1024
HEAD_BYTES = 512
# Downloads bigger than this spill from memory to a temporary file.
SPOOL_MAX_BYTES = 8 * 1024 * 1024
SHA256_RE = re.compile(r"[0-9a-f]{64}")


class StorageFull(OSError):
    """The disk could not take the file; nothing partial was left behind."""


class StorageUnavailable(OSError):
    """The object store did not answer or refused the request; nothing partial was left behind."""


class TooLarge(ValueError):
    """The file is larger than allowed."""


@runtime_checkable
class Storage(Protocol):
    """What the application needs from a place that keeps file contents by their SHA-256."""

    def put(self, stream: BinaryIO, max_bytes: int) -> tuple[str, int, bytes]:
        """Store a stream once per content; return (sha256, size, first 512 bytes).

        Raises TooLarge past ``max_bytes`` and StorageFull or StorageUnavailable when the
        content could not be kept; in every case nothing partial is left behind.
        """

    def open(self, sha256: str) -> BinaryIO:
        """A readable binary file of stored content; FileNotFoundError when absent."""

    def exists(self, sha256: str) -> bool:
        """Whether content with this SHA-256 is stored."""

    def delete(self, sha256: str) -> None:
        """Remove stored content; nothing happens when it is already absent."""

    def keys(self) -> Iterator[str]:
        """Every stored SHA-256, each once, in no particular order."""

    def size(self, sha256: str) -> int:
        """Size in bytes of stored content; FileNotFoundError when absent."""

    def modified_at(self, sha256: str) -> dt.datetime:
        """When the content was last written, timezone-aware in UTC; FileNotFoundError when absent."""


def _copy_hashing(stream: BinaryIO, out: IO[bytes], max_bytes: int) -> tuple[str, int, bytes, bytes]:
    """Copy ``stream`` to ``out`` chunk by chunk; return (sha256, size, head, md5 digest).

    Raises TooLarge as soon as more than ``max_bytes`` have been read.
    """
    digest = hashlib.sha256()
    # MD5 only as the Content-MD5 transfer check that every S3-compatible store accepts.
    md5 = hashlib.md5(usedforsecurity=False)
    size = 0
    head = b""
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge()
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        digest.update(chunk)
        md5.update(chunk)
        out.write(chunk)
    return digest.hexdigest(), size, head, md5.digest()


class LocalStorage:
    """Files under a root folder, written atomically (temporary file, fsync, rename)."""

    def __init__(self, root: str):
        self.root = Path(root)

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, stream: BinaryIO, max_bytes: int) -> tuple[str, int, bytes]:
        """Store a stream without holding it in memory; return (sha256, size, first bytes)."""
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as tmp:
                sha, size, head, _ = _copy_hashing(stream, tmp, max_bytes)
                tmp.flush()
                os.fsync(tmp.fileno())
            target = self._path(sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp_name, target)
            return sha, size, head
        except OSError as exc:
            raise StorageFull(str(exc)) from exc
        finally:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)

    def open(self, sha256: str) -> BinaryIO:
        """Open stored content for reading."""
        return open(self._path(sha256), "rb")

    def exists(self, sha256: str) -> bool:
        """Whether content with this SHA-256 is stored."""
        return self._path(sha256).exists()

    def delete(self, sha256: str) -> None:
        """Remove stored content; nothing happens when it is already absent."""
        self._path(sha256).unlink(missing_ok=True)

    def keys(self) -> Iterator[str]:
        """Every stored SHA-256, skipping temporary ``.upload-*`` files and anything else."""
        for path in self.root.glob("??/??/*"):
            if SHA256_RE.fullmatch(path.name) and path == self._path(path.name) and path.is_file():
                yield path.name

    def size(self, sha256: str) -> int:
        """Size in bytes of stored content."""
        return self._path(sha256).stat().st_size

    def modified_at(self, sha256: str) -> dt.datetime:
        """When the content was last written, timezone-aware in UTC."""
        return dt.datetime.fromtimestamp(self._path(sha256).stat().st_mtime, dt.timezone.utc)


def make_s3_client(endpoint_url: str | None = None, region: str | None = None,
                   access_key: str | None = None, secret_key: str | None = None,
                   max_attempts: int = 3) -> Any:
    """A boto3 S3 client for AWS or any S3-compatible store (thread-safe, unlike sessions).

    Without keys, boto3's usual chain applies (AWS_* variables, instance or pod role).
    """
    import boto3
    from botocore.config import Config

    config = Config(
        region_name=region,
        connect_timeout=5,
        read_timeout=60,
        retries={"mode": "standard", "max_attempts": max_attempts},
        # Path-style URLs work on every S3-compatible store; virtual hosts need wildcard DNS.
        s3={"addressing_style": "path"} if endpoint_url else None,
        # boto3 >= 1.36 sends CRC checksums by default, which several S3-compatible stores reject.
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
    )
    # A session of our own: boto3's default session is shared and not thread-safe.
    session = boto3.session.Session()
    return session.client("s3", endpoint_url=endpoint_url, aws_access_key_id=access_key,
                          aws_secret_access_key=secret_key, config=config)


class S3Storage:
    """Objects in an S3-compatible bucket under ``<prefix><sha[:2]>/<sha>``, each content once."""

    page_size = 1000

    def __init__(self, bucket: str, prefix: str = "", endpoint_url: str | None = None,
                 region: str | None = None, access_key: str | None = None,
                 secret_key: str | None = None, *, client: Any = None, temp_dir: str | None = None):
        self.bucket = bucket
        self.prefix = prefix
        # Where uploads are staged and large downloads spill; None is the system's temp folder.
        self.temp_dir = temp_dir
        self._owns_client = client is None
        self.client = client if client is not None else make_s3_client(endpoint_url, region, access_key, secret_key)

    def _key(self, sha256: str) -> str:
        return f"{self.prefix}{sha256[:2]}/{sha256}"

    def _head(self, sha256: str) -> dict | None:
        """The object's metadata, or None when it does not exist."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return self.client.head_object(Bucket=self.bucket, Key=self._key(sha256))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise StorageUnavailable(str(exc)) from exc
        except BotoCoreError as exc:
            raise StorageUnavailable(str(exc)) from exc

    def put(self, stream: BinaryIO, max_bytes: int) -> tuple[str, int, bytes]:
        """Stage the stream in a temporary file while hashing, then upload it unless already stored."""
        from botocore.exceptions import BotoCoreError, ClientError

        fd, tmp_name = tempfile.mkstemp(dir=self.temp_dir, prefix=".upload-")
        try:
            with os.fdopen(fd, "w+b") as tmp:
                try:
                    sha, size, head, md5 = _copy_hashing(stream, tmp, max_bytes)
                    tmp.flush()
                    tmp.seek(0)
                except OSError as exc:
                    raise StorageFull(str(exc)) from exc
                if self._head(sha) is None:
                    try:
                        # One PUT (up to 5 GB): the object appears whole or not at all.
                        self.client.put_object(Bucket=self.bucket, Key=self._key(sha), Body=tmp,
                                               ContentLength=size,
                                               ContentMD5=base64.b64encode(md5).decode("ascii"))
                    except (BotoCoreError, ClientError) as exc:
                        raise StorageUnavailable(str(exc)) from exc
            return sha, size, head
        finally:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)

    def open(self, sha256: str) -> BinaryIO:
        """Download stored content into a spooled file (memory, then disk past 8 MB), rewound."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self._key(sha256))
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                raise FileNotFoundError(sha256) from exc
            raise StorageUnavailable(str(exc)) from exc
        except BotoCoreError as exc:
            raise StorageUnavailable(str(exc)) from exc
        spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_MAX_BYTES, dir=self.temp_dir)
        body = response["Body"]
        try:
            shutil.copyfileobj(body, spool, CHUNK)
        except (BotoCoreError, OSError) as exc:
            spool.close()
            raise StorageUnavailable(str(exc)) from exc
        finally:
            body.close()
        spool.seek(0)
        return spool  # type: ignore[return-value]

    def exists(self, sha256: str) -> bool:
        """Whether content with this SHA-256 is stored."""
        return self._head(sha256) is not None

    def delete(self, sha256: str) -> None:
        """Remove stored content; nothing happens when it is already absent."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._key(sha256))
        except (BotoCoreError, ClientError) as exc:
            raise StorageUnavailable(str(exc)) from exc

    def keys(self) -> Iterator[str]:
        """Every stored SHA-256 under the prefix, listed page by page."""
        from botocore.exceptions import BotoCoreError, ClientError

        paginator = self.client.get_paginator("list_objects_v2")
        pages = paginator.paginate(Bucket=self.bucket, Prefix=self.prefix,
                                   PaginationConfig={"PageSize": self.page_size})
        try:
            for page in pages:
                for item in page.get("Contents", []):
                    sha = item["Key"][len(self.prefix):].rpartition("/")[2]
                    # Anything else sharing the prefix is not ours to report.
                    if SHA256_RE.fullmatch(sha) and item["Key"] == self._key(sha):
                        yield sha
        except (BotoCoreError, ClientError) as exc:
            raise StorageUnavailable(str(exc)) from exc

    def size(self, sha256: str) -> int:
        """Size in bytes of stored content."""
        head = self._head(sha256)
        if head is None:
            raise FileNotFoundError(sha256)
        return head["ContentLength"]

    def modified_at(self, sha256: str) -> dt.datetime:
        """When the object was last written, timezone-aware in UTC."""
        head = self._head(sha256)
        if head is None:
            raise FileNotFoundError(sha256)
        return head["LastModified"].astimezone(dt.timezone.utc)

    def close(self) -> None:
        """Release the client's connections when this storage created the client."""
        if self._owns_client:
            self.client.close()


def get_storage() -> Storage:
    """The storage backend chosen by settings; the S3 client is created once per app."""
    config = current_app.config
    backend = config["STORAGE_BACKEND"]
    if backend == "local":
        return LocalStorage(config["STORAGE_PATH"])
    if backend == "s3":
        if not config.get("S3_BUCKET"):
            raise RuntimeError("STORAGE_BACKEND=s3 needs S3_BUCKET")
        client = current_app.extensions.get("anef_s3_client")
        if client is None:
            client = make_s3_client(config.get("S3_ENDPOINT_URL"), config.get("S3_REGION"),
                                    config.get("S3_ACCESS_KEY_ID"), config.get("S3_SECRET_ACCESS_KEY"))
            # setdefault: two first requests racing keep one client between them.
            kept = current_app.extensions.setdefault("anef_s3_client", client)
            if kept is not client:
                client.close()
            client = kept
        return S3Storage(config["S3_BUCKET"], config.get("S3_PREFIX", ""), client=client)
    raise RuntimeError(f"unknown storage backend {backend!r} (expected 'local' or 's3')")
