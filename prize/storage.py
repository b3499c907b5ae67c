"""Where uploaded files live: the bytes of PDFs, images and videos, never in the database.

The services store and read files through ``Storage``; a database row keeps only
what ``put`` returns (a ``StoredFile``: key, size and checksum). ``LocalStorage``
keeps the files on the local file system. A key is made by the app, never derived
from a user's file name, and every method checks it before it touches anything.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

# Uploads are copied in pieces of this size, so a 200 MB video never sits in memory.
CHUNK_SIZE = 1024 * 1024
# Uploads may hold personal data: the owner and its group (e.g. a backup user) may read them, nobody else.
FILE_MODE = 0o640
DIRECTORY_MODE = 0o750
TEMP_PREFIX = ".tmp-"
_KEY = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class StoredFile:
    """What a database row keeps of a stored file: ``size`` in bytes, ``sha256`` in lowercase hex."""

    key: str
    size: int
    sha256: str


class StorageError(Exception):
    """Base of the storage errors; the service layer turns them into messages for the user."""


class FileTooLarge(StorageError):
    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        super().__init__(f"the file is larger than {max_bytes} bytes")


class KeyInUse(StorageError):
    """``put_as`` was given a key under which a file is already stored."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"a file is already stored under the key {key!r}")


class UnknownKey(StorageError):
    """No file is stored under ``key``, or ``key`` is not a key at all (``../x``)."""

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"no stored file has the key {key!r}")


@runtime_checkable
class Storage(Protocol):
    def put(self, stream: BinaryIO, *, max_bytes: int | None = None) -> StoredFile:
        """Store what is left to read in ``stream`` under a new key. More than ``max_bytes``
        raises ``FileTooLarge`` and stores nothing; so does an error while reading."""

    def put_as(self, key: str, stream: BinaryIO) -> StoredFile:
        """Store what is left to read in ``stream`` under ``key``, a key that ``put`` once
        made (a restore puts files back under the keys their rows name). A key already in
        use raises ``KeyInUse``; an error while reading stores nothing."""

    def keys(self) -> Iterator[str]:
        """The key of every stored file, in no particular order."""

    def open(self, key: str) -> BinaryIO:
        """The stored bytes as a readable, seekable binary file; the caller closes it."""

    def delete(self, key: str) -> None:
        """Remove the file. A missing key is fine, so clean-up after a failed transaction may call it blindly."""

    def size(self, key: str) -> int:
        """The size of the stored file in bytes."""

    def checksum(self, key: str) -> str:
        """The sha256 of the stored bytes in lowercase hex, read again now, not remembered."""

    def exists(self, key: str) -> bool:
        """Whether a file is stored under ``key``."""


class LocalStorage:
    """Files on the local file system at ``root/<first two characters of the key>/<key>``;
    the two-character directories keep any one directory small."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def __repr__(self) -> str:
        return f"LocalStorage({str(self.root)!r})"

    def put(self, stream: BinaryIO, *, max_bytes: int | None = None) -> StoredFile:
        return self._write(self._unused_key(), stream, max_bytes=max_bytes, exclusive=False)

    def put_as(self, key: str, stream: BinaryIO) -> StoredFile:
        if self.exists(key):  # refused before a large file is copied in vain
            raise KeyInUse(key)
        return self._write(key, stream, max_bytes=None, exclusive=True)

    def keys(self) -> Iterator[str]:
        for path in self.root.glob("??/*"):
            if _KEY.fullmatch(path.name) and path.parent.name == path.name[:2] and path.is_file():
                yield path.name

    def _write(self, key: str, stream: BinaryIO, *, max_bytes: int | None, exclusive: bool) -> StoredFile:
        target = self.local_path(key)
        _make_directory(target.parent)
        # The temporary file sits next to its target: a rename is only atomic within one file system.
        descriptor, temp_name = tempfile.mkstemp(dir=target.parent, prefix=TEMP_PREFIX)
        temp_path = Path(temp_name)
        try:
            with os.fdopen(descriptor, "wb") as temp:
                size, sha256 = _copy(stream, temp, max_bytes=max_bytes)
                temp.flush()
                os.fsync(temp.fileno())
            os.chmod(temp_path, FILE_MODE)
            _move(temp_path, target, key=key, exclusive=exclusive)
        except BaseException:
            temp_path.unlink(missing_ok=True)
            raise
        _fsync_directory(target.parent)
        return StoredFile(key=key, size=size, sha256=sha256)

    def open(self, key: str) -> BinaryIO:
        try:
            return self.local_path(key).open("rb")
        except FileNotFoundError:
            raise UnknownKey(key) from None

    def delete(self, key: str) -> None:
        # The key's directory stays, even when empty: a concurrent put may be writing into it.
        self.local_path(key).unlink(missing_ok=True)

    def size(self, key: str) -> int:
        try:
            return self.local_path(key).stat().st_size
        except FileNotFoundError:
            raise UnknownKey(key) from None

    def checksum(self, key: str) -> str:
        with self.open(key) as file:
            return hashlib.file_digest(file, "sha256").hexdigest()

    def exists(self, key: str) -> bool:
        return self.local_path(key).is_file()

    def local_path(self, key: str) -> Path:
        """Where the file with ``key`` lives, or would live; a malformed key raises ``UnknownKey``."""
        _check_key(key)
        return self.root / key[:2] / key

    def _unused_key(self) -> str:
        # 128 random bits do not repeat in practice; should they, the check keeps a stored file from
        # being overwritten (os.replace would replace it silently).
        while True:
            key = secrets.token_hex(16)
            if not self.local_path(key).exists():
                return key


def _move(temp_path: Path, target: Path, *, key: str, exclusive: bool) -> None:
    """Give the finished temporary file its key's name; ``exclusive``: never in place of another file."""
    if not exclusive:
        os.replace(temp_path, target)
        return
    try:
        os.link(temp_path, target)  # unlike a rename, a link fails when the name is taken
    except FileExistsError:
        raise KeyInUse(key) from None
    temp_path.unlink()


def _check_key(key: str) -> None:
    """Raise ``UnknownKey`` unless ``key`` has the form of the app's keys: 32 lowercase hex characters."""
    # A key becomes a path: anything else ("../x", "/etc/passwd", "a\0b", "...\n") never gets near the disk.
    if not isinstance(key, str) or _KEY.fullmatch(key) is None:
        raise UnknownKey(key)


def _copy(source: BinaryIO, target: BinaryIO, *, max_bytes: int | None) -> tuple[int, str]:
    """Copy ``source`` to ``target`` in chunks, counting and hashing; the size and the sha256.
    Raise ``FileTooLarge`` as soon as the source turns out longer than ``max_bytes``."""
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(_next_read_size(copied=size, max_bytes=max_bytes)):
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:
            raise FileTooLarge(max_bytes)
        digest.update(chunk)
        target.write(chunk)
    return size, digest.hexdigest()


def _next_read_size(*, copied: int, max_bytes: int | None) -> int:
    if max_bytes is None:
        return CHUNK_SIZE
    # One byte past the limit is enough to know the source is too large; reading on would waste the upload.
    return min(CHUNK_SIZE, max_bytes - copied + 1)


def _make_directory(directory: Path) -> None:
    try:
        directory.mkdir(mode=DIRECTORY_MODE, parents=True)
    except FileExistsError:
        return
    _fsync_directory(directory.parent)


def _fsync_directory(directory: Path) -> None:
    """Make a new entry in ``directory`` survive a power cut: the database row that names a file is
    committed after ``put`` returns, so the rename must be on disk by then. POSIX only."""
    if os.name != "posix":
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def storage_for(storage_dir: str | Path) -> Storage:
    """The storage the settings name (``PRIZE_STORAGE_DIR``): files on the local disk."""
    return LocalStorage(Path(storage_dir))
