"""Backup and restore: the whole database and every stored file in one archive.

The archive is a zip file::

    tables/<table>.jsonl   one JSON object per row, in primary key order
    files/<key>            every stored file a row names, under its storage key
    manifest.json          written last: the format version, the schema revision, and
                           per table its columns, rows and sha256, per file its size and sha256

Values are portable between SQLite and PostgreSQL: a time in ISO 8601 in UTC with
its zone, a date in ISO 8601, a decimal as text (exact), integers, floats, booleans
and text as JSON has them, bytes in base64. A column named ``storage_key`` or
ending in ``_storage_key`` names a stored file.

A backup reads one snapshot (``prize.db.read_snapshot``) while the app goes on, and
takes the files its rows name. The archive is made as a stream, a piece at a time,
and never held whole in memory, nor is a file.

A restore goes into an empty database and an empty storage only, and writes nothing
unless all of it succeeds: every table's checksum is verified before anything is
written; the rows are loaded in one transaction together with the migrations, to the
archive's revision first and from there to the newest; each file's checksum is
verified as it is put back, and the files put back are deleted again when anything fails.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import islice
from pathlib import Path

from sqlalchemy import Engine

from prize.db import read_snapshot
from prize.errors import BackupFailed, RestoreRefused
from prize.migrate import current_revision, head_revision, migrate_to, migration_transaction, revision_chain
from prize.queries import backup as queries
from prize.queries.backup import StoredTable, ValueKind
from prize.storage import CHUNK_SIZE, Storage, UnknownKey

FORMAT_NAME = "landsbyprisen-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_TYPE = "application/zip"
# What a file column is called: "storage_key", "poster_storage_key".
STORAGE_KEY_COLUMN = re.compile(r"(?:\w+_)?storage_key")
# The stream hands on what the zip writer has written once this much has gathered.
PIECE_BYTES = CHUNK_SIZE
LOAD_BATCH_ROWS = 1000
_ZIP_START = b"PK\x03\x04"
# What zipfile and zlib raise for bytes that are not what the archive's structure says.
_UNREADABLE = (zipfile.BadZipFile, zlib.error, EOFError)


# --- The manifest -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ArchivedTable:
    name: str
    columns: tuple[str, ...]
    rows: int
    sha256: str

    @property
    def entry(self) -> str:
        return _table_entry(self.name)


@dataclass(frozen=True)
class ArchivedFile:
    key: str
    size: int
    sha256: str

    @property
    def entry(self) -> str:
        return _file_entry(self.key)


def _table_entry(name: str) -> str:
    return f"tables/{name}.jsonl"


def _file_entry(key: str) -> str:
    return f"files/{key}"


@dataclass(frozen=True)
class Manifest:
    schema_revision: str
    created_at: datetime
    database: str
    tables: tuple[ArchivedTable, ...]
    files: tuple[ArchivedFile, ...]
    format_version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        document = {"format": FORMAT_NAME, "format_version": self.format_version,
                    "schema_revision": self.schema_revision, "created_at": self.created_at.isoformat(),
                    "database": self.database,
                    "tables": [{"name": table.name, "columns": list(table.columns), "rows": table.rows,
                                "sha256": table.sha256} for table in self.tables],
                    "files": [{"key": file.key, "size": file.size, "sha256": file.sha256} for file in self.files]}
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")

    @classmethod
    def from_json(cls, document: Mapping) -> Manifest:
        """Raises KeyError, TypeError or ValueError for a document of another shape."""
        if document["format_version"] != FORMAT_VERSION:
            raise ValueError(f"format version {document['format_version']!r}")
        return cls(schema_revision=str(document["schema_revision"]),
                   created_at=datetime.fromisoformat(document["created_at"]), database=str(document["database"]),
                   tables=tuple(ArchivedTable(name=str(table["name"]), columns=tuple(table["columns"]),
                                              rows=int(table["rows"]), sha256=str(table["sha256"]))
                                for table in document["tables"]),
                   files=tuple(ArchivedFile(key=str(file["key"]), size=int(file["size"]), sha256=str(file["sha256"]))
                               for file in document["files"]))

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)

    @property
    def file_bytes(self) -> int:
        return sum(file.size for file in self.files)


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    manifest: Manifest
    archive_bytes: int


@dataclass(frozen=True)
class RestoreSummary:
    manifest: Manifest
    migrated_to: str


def backup_filename(moment: datetime) -> str:
    """The name a downloaded backup is saved under: ``landsbyprisen-backup-2027-01-15-1430.zip`` (UTC)."""
    return f"landsbyprisen-backup-{moment.astimezone(UTC):%Y-%m-%d-%H%M}.zip"


# --- Backup -----------------------------------------------------------------------------------

def stream_backup(engine: Engine, storage: Storage) -> Iterator[bytes]:
    """The archive of the database and its files, a piece at a time (about a mebibyte each).
    Nothing is read before the first piece is asked for. A failure while streaming raises
    ``BackupFailed`` (a missing file) and ends the stream: what was sent is no archive."""
    pipe = _Pipe()
    with read_snapshot(engine) as connection:
        revision = current_revision(connection)
        if revision is None:
            raise BackupFailed("backup.failed.not_migrated")
        taken = datetime.now(UTC)
        with zipfile.ZipFile(pipe, "w") as archive:
            keys: set[str] = set()
            tables = []
            for stored in queries.stored_tables(connection):
                tables.append((yield from _write_table(archive, pipe, connection, stored, keys=keys, taken=taken)))
            files = []
            for key in sorted(keys):
                files.append((yield from _write_file(archive, pipe, storage, key, taken=taken)))
            manifest = Manifest(schema_revision=revision, created_at=taken, database=connection.dialect.name,
                                tables=tuple(tables), files=tuple(files))
            archive.writestr(_entry(MANIFEST_NAME, taken, zipfile.ZIP_DEFLATED), manifest.to_json())
    yield pipe.take()


def write_backup(engine: Engine, storage: Storage, target: Path) -> BackupSummary:
    """Write the archive to ``target``, which must not exist yet: first to a temporary file
    next to it (readable by the owner only), renamed to ``target`` once complete."""
    target = Path(target)
    if target.exists():
        raise BackupFailed("backup.failed.target_exists", file=str(target))
    try:
        descriptor, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except (FileNotFoundError, NotADirectoryError):
        raise BackupFailed("backup.failed.no_folder", folder=str(target.parent)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(descriptor, "wb") as out:
            for piece in stream_backup(engine, storage):
                out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    with zipfile.ZipFile(target) as archive:
        manifest = Manifest.from_json(json.loads(archive.read(MANIFEST_NAME)))
    return BackupSummary(path=target, manifest=manifest, archive_bytes=target.stat().st_size)


class _Pipe(io.RawIOBase):
    """What the zip writer writes gathers here until the stream hands it on. Not seekable,
    so the writer puts each entry's sizes and checksum after its data."""

    def __init__(self) -> None:
        super().__init__()
        self._pieces: list[bytes] = []
        self.pending = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._pieces.append(bytes(data))
        self.pending += len(data)
        return len(data)

    def take(self) -> bytes:
        gathered = b"".join(self._pieces)
        self._pieces.clear()
        self.pending = 0
        return gathered


def _entry(name: str, taken: datetime, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=taken.timetuple()[:6])
    info.compress_type = compression
    info.external_attr = 0o600 << 16
    return info


def _write_table(archive: zipfile.ZipFile, pipe: _Pipe, connection, stored: StoredTable, *, keys: set[str],
                 taken: datetime) -> Iterator[bytes]:
    """Write the table's rows as JSON lines, add the storage keys they name to ``keys``;
    returns the table's ``ArchivedTable``."""
    digest, rows = hashlib.sha256(), 0
    key_columns = [name for name in stored.columns if STORAGE_KEY_COLUMN.fullmatch(name)]
    with archive.open(_entry(_table_entry(stored.name), taken, zipfile.ZIP_DEFLATED), "w", force_zip64=True) as entry:
        for row in queries.table_rows(connection, stored):
            line = _portable_line(row)
            digest.update(line)
            entry.write(line)
            rows += 1
            keys.update(row[column] for column in key_columns if row[column])
            if pipe.pending >= PIECE_BYTES:
                yield pipe.take()
    return ArchivedTable(name=stored.name, columns=stored.columns, rows=rows, sha256=digest.hexdigest())


def _write_file(archive: zipfile.ZipFile, pipe: _Pipe, storage: Storage, key: str, *,
                taken: datetime) -> Iterator[bytes]:
    """Copy one stored file into the archive, uncompressed (uploads are mostly compressed already);
    returns its ``ArchivedFile``."""
    try:
        source = storage.open(key)
    except UnknownKey:
        raise BackupFailed("backup.failed.file_missing", storage_key=key) from None
    digest, size = hashlib.sha256(), 0
    with source, archive.open(_entry(_file_entry(key), taken, zipfile.ZIP_STORED), "w", force_zip64=True) as entry:
        while chunk := source.read(CHUNK_SIZE):
            digest.update(chunk)
            entry.write(chunk)
            size += len(chunk)
            if pipe.pending >= PIECE_BYTES:
                yield pipe.take()
    return ArchivedFile(key=key, size=size, sha256=digest.hexdigest())


def _portable_line(row: Mapping[str, object]) -> bytes:
    text = json.dumps(row, ensure_ascii=False, separators=(",", ":"), allow_nan=False, default=_portable)
    return text.encode("utf-8") + b"\n"


def _portable(value: object) -> str:
    if isinstance(value, datetime):
        # A column without zone holds UTC: the app writes every time in UTC (prize.models.base.UTCDateTime).
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"a backup cannot write a value of type {type(value).__name__}")


# --- Restore ----------------------------------------------------------------------------------

def restore_backup(engine: Engine, storage: Storage, source: Path) -> RestoreSummary:
    """Restore the archive at ``source`` into the empty database of ``engine`` and the empty
    ``storage``, and migrate the database to the newest revision. Raises ``RestoreRefused``
    with nothing written for a target that is not empty, or an archive that is not a
    backup, is damaged or truncated, or comes from a newer schema or format."""
    source = Path(source)
    with _opened(source) as archive:
        manifest = _manifest_of(archive, source)
        _verify_tables(archive, source, manifest)
        if next(iter(storage.keys()), None) is not None:
            raise RestoreRefused("backup.refused.storage_not_empty")
        put_back: list[str] = []
        try:
            with migration_transaction(engine) as connection:
                _require_empty_database(connection)
                migrate_to(connection, manifest.schema_revision)
                tables = _fitting_tables(connection, source, manifest)
                _load_rows(connection, archive, manifest, tables)
                queries.restart_sequences(connection, tables)
                _put_back_files(archive, source, manifest, storage, put_back)
                migrate_to(connection, head_revision())
        except BaseException:
            for key in put_back:
                storage.delete(key)
            raise
    return RestoreSummary(manifest=manifest, migrated_to=head_revision())


@contextmanager
def _opened(source: Path) -> Iterator[zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(source)
    except (FileNotFoundError, IsADirectoryError):
        raise RestoreRefused("backup.refused.no_file", file=str(source)) from None
    except (zipfile.BadZipFile, OSError):
        # A zip file begins with a local header and ends with its directory: a file that begins
        # like one but has no directory at its end was cut off.
        with source.open("rb") as file:
            truncated = file.read(len(_ZIP_START)) == _ZIP_START
        reason = "backup.refused.truncated" if truncated else "backup.refused.not_an_archive"
        raise RestoreRefused(reason, file=str(source)) from None
    with archive:
        yield archive


def _manifest_of(archive: zipfile.ZipFile, source: Path) -> Manifest:
    try:
        with _reading(source, MANIFEST_NAME):
            document = json.loads(archive.read(MANIFEST_NAME))
    except KeyError:
        raise RestoreRefused("backup.refused.not_an_archive", file=str(source)) from None
    except ValueError:
        raise RestoreRefused("backup.refused.damaged", file=str(source), entry=MANIFEST_NAME) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise RestoreRefused("backup.refused.not_an_archive", file=str(source))
    version = document.get("format_version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise RestoreRefused("backup.refused.newer_format", version=version, supported=FORMAT_VERSION)
    try:
        manifest = Manifest.from_json(document)
    except (KeyError, TypeError, ValueError):
        raise RestoreRefused("backup.refused.damaged", file=str(source), entry=MANIFEST_NAME) from None
    if manifest.schema_revision not in revision_chain():
        raise RestoreRefused("backup.refused.newer_schema", revision=manifest.schema_revision,
                             newest=head_revision())
    _require_entries(archive, source, manifest)
    return manifest


def _require_entries(archive: zipfile.ZipFile, source: Path, manifest: Manifest) -> None:
    present = set(archive.namelist())
    for listed in [*manifest.tables, *manifest.files]:
        if listed.entry not in present:
            raise RestoreRefused("backup.refused.incomplete", file=str(source), entry=listed.entry)


@contextmanager
def _reading(source: Path, entry: str) -> Iterator[None]:
    """Turn what zipfile and zlib raise for unreadable bytes into the refusal of a damaged archive."""
    try:
        yield
    except _UNREADABLE:
        raise RestoreRefused("backup.refused.damaged", file=str(source), entry=entry) from None


def _verify_tables(archive: zipfile.ZipFile, source: Path, manifest: Manifest) -> None:
    """Every table's sha256 and row count, before anything is written (tables are small)."""
    for table in manifest.tables:
        digest, rows = hashlib.sha256(), 0
        with _reading(source, table.entry), archive.open(table.entry) as entry:
            for line in entry:
                digest.update(line)
                rows += 1
        if (digest.hexdigest(), rows) != (table.sha256, table.rows):
            raise RestoreRefused("backup.refused.damaged", file=str(source), entry=table.entry)


def _require_empty_database(connection) -> None:
    tables = queries.stored_tables(connection)
    filled = queries.first_filled_table(connection, tables)
    if filled is None and tables and current_revision(connection) is None:
        filled = tables[0].name  # tables of something else than this app
    if filled is not None:
        raise RestoreRefused("backup.refused.database_not_empty", table=filled)


def _fitting_tables(connection, source: Path, manifest: Manifest) -> list[StoredTable]:
    """The database's tables at the archive's revision, which must be the archive's tables."""
    tables = queries.stored_tables(connection)
    archived = {table.name: set(table.columns) for table in manifest.tables}
    present = {stored.name: set(stored.columns) for stored in tables}
    for name in sorted(archived.keys() | present.keys()):
        if archived.get(name) != present.get(name):
            raise RestoreRefused("backup.refused.schema_mismatch", file=str(source), table=name,
                                 revision=manifest.schema_revision)
    return tables


def _load_rows(connection, archive: zipfile.ZipFile, manifest: Manifest, tables: Sequence[StoredTable]) -> None:
    entries = {table.name: table.entry for table in manifest.tables}

    def archived_rows(stored: StoredTable) -> Iterator[dict]:
        with archive.open(entries[stored.name]) as entry:
            for line in entry:
                yield {name: _value(value, stored.kinds[name]) for name, value in json.loads(line).items()}

    load_tables(connection, tables, archived_rows)


def load_tables(connection, tables: Sequence[StoredTable],
                rows_of: Callable[[StoredTable], Iterable[dict]]) -> None:
    """Insert the rows ``rows_of`` gives for each table, in the order of ``tables`` (parents
    first). A table's ``later`` columns are inserted empty and filled once every table is in:
    a row may name a row of its own table that comes after it, or of a table in a cycle."""
    held: list[tuple[StoredTable, list[dict]]] = []
    for stored in tables:
        references: list[dict] = []
        for batch in _batches(_without_later_columns(rows_of(stored), stored, references), LOAD_BATCH_ROWS):
            queries.insert_rows(connection, stored, batch)
        held.append((stored, references))
    for stored, references in held:
        queries.fill_later_columns(connection, stored, references)


def _batches(rows: Iterator[dict], size: int) -> Iterator[list[dict]]:
    while batch := list(islice(rows, size)):
        yield batch


def _without_later_columns(rows: Iterable[dict], stored: StoredTable, references: list[dict]) -> Iterator[dict]:
    """The rows with their ``later`` columns empty; what they held goes to ``references``
    with the row's primary key."""
    for row in rows:
        later = {name: row[name] for name in stored.later}
        if any(value is not None for value in later.values()):
            references.append({name: row[name] for name in stored.primary_key} | later)
            row = row | dict.fromkeys(stored.later)
        yield row


def _value(value: object, kind: ValueKind) -> object:
    if value is None or kind is ValueKind.PLAIN:
        return value
    if kind is ValueKind.MOMENT:
        return datetime.fromisoformat(value).astimezone(UTC)
    if kind is ValueKind.MOMENT_WITHOUT_ZONE:
        return datetime.fromisoformat(value).astimezone(UTC).replace(tzinfo=None)
    if kind is ValueKind.DAY:
        return date.fromisoformat(value)
    if kind is ValueKind.DECIMAL:
        return Decimal(value)
    if kind is ValueKind.FLOAT:
        return float(value)
    return base64.b64decode(value)


def _put_back_files(archive: zipfile.ZipFile, source: Path, manifest: Manifest, storage: Storage,
                    put_back: list[str]) -> None:
    """Put each file back under its key, and its key in ``put_back`` (for the clean-up after a failure)."""
    for archived in manifest.files:
        try:
            with _reading(source, archived.entry), archive.open(archived.entry) as entry:
                stored = storage.put_as(archived.key, entry)
        except UnknownKey:  # not a key this app makes
            raise RestoreRefused("backup.refused.damaged", file=str(source), entry=archived.entry) from None
        put_back.append(stored.key)
        if (stored.size, stored.sha256) != (archived.size, archived.sha256):
            raise RestoreRefused("backup.refused.damaged", file=str(source), entry=archived.entry)
