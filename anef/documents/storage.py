"""Where file contents live: a local folder by default, addressed by SHA-256."""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from flask import current_app

CHUNK = 64 * 1024


class StorageFull(OSError):
    """The disk could not take the file; nothing partial was left behind."""


class TooLarge(ValueError):
    """The file is larger than allowed."""


class LocalStorage:
    """Files under a root folder, written atomically (temporary file, fsync, rename)."""

    def __init__(self, root: str):
        self.root = Path(root)

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, stream: BinaryIO, max_bytes: int) -> tuple[str, int, bytes]:
        """Store a stream without holding it in memory; return (sha256, size, first bytes)."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        head = b""
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as tmp:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise TooLarge()
                    if len(head) < 512:
                        head += chunk[: 512 - len(head)]
                    digest.update(chunk)
                    tmp.write(chunk)
                tmp.flush()
                os.fsync(tmp.fileno())
            sha = digest.hexdigest()
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
        return self._path(sha256).exists()


def get_storage() -> LocalStorage:
    """The storage backend chosen by settings."""
    backend = current_app.config["STORAGE_BACKEND"]
    if backend != "local":
        raise RuntimeError(f"storage backend {backend!r} is not available in this version")
    return LocalStorage(current_app.config["STORAGE_PATH"])
