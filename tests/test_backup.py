"""Backup and restore: round trips between SQLite and PostgreSQL with files, and every refusal.

A backup's source is the ``demo_engine`` of the test's backend; a restore goes into
``target``, a new database without tables (a SQLite file, or a PostgreSQL database of
its own), on each backend in turn, and into an empty ``LocalStorage``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from random import Random

import pytest
from sqlalchemy import Column, Engine, ForeignKey, Integer, MetaData, Table, inspect, select

from prize import backup
from prize.cli import main
from prize.backup import (FORMAT_VERSION, MANIFEST_NAME, Manifest, load_tables, restore_backup, stream_backup,
                          write_backup)
from prize.db import make_engine, session_scope
from prize.errors import BackupFailed, NotAllowed, PasswordChangeRequired, RestoreRefused
from prize.migrate import current_revision, head_revision, upgrade
from prize.models import Attachment, Base, Municipality, Nomination, User, Video
from prize.queries.backup import stored_tables
from prize.roles import Role
from prize.services.backup import backup_download, require_backup
from prize.services.demo import load_demo_year
from prize.settings import PROJECT_ROOT
from prize.storage import LocalStorage
from tests.databases import new_postgres_database
from tests.factories import TEST_BCRYPT_ROUNDS, actor_of, fill_revision_0003, make_user

TARGETS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


# --- Where a restore goes -------------------------------------------------------------------

@pytest.fixture(params=TARGETS)
def target_backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def target(target_backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a new database without tables, on the target backend."""
    if target_backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'restored' / 'prize.db'}")
        yield engine
        engine.dispose()
        return
    with new_postgres_database(request.getfixturevalue("postgres_server_url"), prefix="prize_restore") as engine:
        yield engine


@pytest.fixture
def target_storage(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "restored-files")


# --- What is backed up ----------------------------------------------------------------------

def random_bytes(size: int, *, seed: int) -> bytes:
    return Random(seed).randbytes(size)


@dataclass(frozen=True)
class Material:
    """The files added to the demo: key -> bytes, and one stored file no row names."""

    files: dict[str, bytes]
    orphan: str


def _add_material(engine: Engine, storage: LocalStorage) -> Material:
    """Two attachments of the first nomination, one of the second, a finalist video with a
    stored file and one with only a link; and a stored file that no row names (an upload
    whose transaction was rolled back). ``files`` holds these and the demo's own material."""
    files = {}
    for key in storage.keys():
        with storage.open(key) as stored_file:
            files[key] = stored_file.read()
    contents = [random_bytes(70_000, seed=1), "%PDF-1.7 ansøgning".encode(), random_bytes(3 * 1024 * 1024 + 5, seed=2)]
    with session_scope(engine) as session:
        first, second = session.scalars(select(Nomination).order_by(Nomination.id).limit(2)).all()
        contact = session.scalar(select(User).where(User.username == "ildsjael"))
        for nomination, name, data in zip([first, first, second], ["plan.jpg", "ansøgning.pdf", "film.mp4"],
                                          contents, strict=True):
            stored = storage.put(io.BytesIO(data))
            files[stored.key] = data
            session.add(Attachment(nomination_id=nomination.id, filename=name, content_type="application/pdf",
                                   size_bytes=stored.size, sha256=stored.sha256, storage_key=stored.key,
                                   uploaded_by_id=contact.id))
        video = storage.put(io.BytesIO(b"video of the finalist"))
        files[video.key] = b"video of the finalist"
        session.add_all([Video(nomination_id=first.id, title="Præsentation", storage_key=video.key,
                               content_type="video/mp4", size_bytes=video.size),
                         Video(nomination_id=second.id, title="Link", url="https://example.dk/film")])
    orphan = storage.put(io.BytesIO(b"never committed")).key
    return Material(files=files, orphan=orphan)


@pytest.fixture
def source_storage(storage_dir: Path) -> LocalStorage:
    """The storage of ``demo_engine``: it holds the demo's material already."""
    return LocalStorage(storage_dir)


@pytest.fixture
def material(demo_engine: Engine, source_storage: LocalStorage) -> Material:
    return _add_material(demo_engine, source_storage)


@pytest.fixture(scope="module")
def demo_archive(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A backup of the demo year with files, made once on SQLite; tests copy it."""
    directory = tmp_path_factory.mktemp("demo-archive")
    shutil.copyfile(sqlite_template, directory / "prize.db")
    engine = make_engine(f"sqlite:///{directory / 'prize.db'}")
    storage = LocalStorage(directory / "files")
    with session_scope(engine) as session:
        load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=storage)
    _add_material(engine, storage)
    write_backup(engine, storage, directory / "demo.zip")
    engine.dispose()
    return directory / "demo.zip"


@pytest.fixture
def archive(demo_archive: Path, tmp_path: Path) -> Path:
    """A copy of the demo backup that the test may damage."""
    return Path(shutil.copyfile(demo_archive, tmp_path / "backup.zip"))


# --- Reading a database and a storage whole -------------------------------------------------

def _every_row(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table of the models, read through the models' types, in key order."""
    with engine.connect() as connection:
        return {table.name: [tuple(row) for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns))]
                for table in Base.metadata.sorted_tables}


def _every_file(storage: LocalStorage) -> dict[str, bytes]:
    return {key: storage.local_path(key).read_bytes() for key in storage.keys()}


def _files_under(root: Path) -> list[str]:
    """Every file below ``root``, temporary ones too."""
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def _table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())


def _manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as opened:
        return json.loads(opened.read(MANIFEST_NAME))


def _restored_nothing(target: Engine, storage: LocalStorage) -> tuple[list[str], list[str]]:
    """The target's tables and the files in its storage: both empty when nothing was written."""
    return _table_names(target), _files_under(storage.root) if storage.root.exists() else []


# --- Round trips ----------------------------------------------------------------------------

def test_a_restore_brings_back_every_row_and_every_file(demo_engine, material, source_storage, target,
                                                        target_storage, tmp_path):
    """From each backend to each: SQLite to PostgreSQL is how a site moves to PostgreSQL."""
    archive = tmp_path / "backup.zip"
    write_backup(demo_engine, source_storage, archive)

    restore_backup(target, target_storage, archive)

    assert _every_row(target) == _every_row(demo_engine)
    assert _every_file(target_storage) == material.files


def test_a_backup_leaves_out_a_stored_file_that_no_row_names(demo_engine, material, source_storage, target,
                                                            target_storage, tmp_path):
    archive = tmp_path / "backup.zip"
    write_backup(demo_engine, source_storage, archive)

    restore_backup(target, target_storage, archive)

    assert material.orphan not in set(target_storage.keys())
    assert set(target_storage.keys()) == set(material.files)


def test_a_restored_database_is_at_the_newest_revision_and_gives_new_rows_fresh_ids(
        demo_engine, material, source_storage, target, target_storage, tmp_path):
    archive = tmp_path / "backup.zip"
    write_backup(demo_engine, source_storage, archive)
    restore_backup(target, target_storage, archive)

    with session_scope(target) as session:
        highest = session.scalar(select(Municipality.id).order_by(Municipality.id.desc()).limit(1))
        added = Municipality(code=9999, name="Ny Kommune")
        session.add(added)
        session.flush()
        new_id = added.id
    with target.connect() as connection:
        revision = current_revision(connection)

    assert (revision, new_id) == (head_revision(), highest + 1)


def test_the_manifest_names_the_revision_and_every_table_and_file_with_counts_and_checksums(
        demo_engine, material, source_storage, tmp_path):
    archive = tmp_path / "backup.zip"

    summary = write_backup(demo_engine, source_storage, archive)

    rows = _every_row(demo_engine)
    manifest = summary.manifest
    stored = {file.key: (file.size, file.sha256) for file in manifest.files}
    assert (manifest.format_version, manifest.schema_revision) == (FORMAT_VERSION, head_revision())
    assert {table.name: table.rows for table in manifest.tables} == {name: len(rows[name]) for name in rows}
    assert stored == {key: (len(data), hashlib.sha256(data).hexdigest())
                      for key, data in material.files.items()}
    assert Manifest.from_json(_manifest(archive)) == manifest
    assert summary.archive_bytes == archive.stat().st_size


def test_a_table_is_written_as_json_lines_with_times_in_utc_and_booleans(demo_engine, source_storage, tmp_path):
    archive = tmp_path / "backup.zip"
    write_backup(demo_engine, source_storage, archive)

    with zipfile.ZipFile(archive) as opened:
        first_user = json.loads(opened.read("tables/users.jsonl").splitlines()[0])
    with session_scope(demo_engine) as session:
        user = session.get(User, 1)

    assert (first_user["id"], first_user["username"], first_user["active"], first_user["nomination_id"]) == (
        1, "sekretariat", True, None)
    assert first_user["created_at"] == user.created_at.isoformat()
    assert datetime.fromisoformat(first_user["created_at"]).utcoffset().total_seconds() == 0


def test_a_backup_file_is_readable_by_its_owner_only(demo_engine, source_storage, tmp_path):
    archive = tmp_path / "backup.zip"

    write_backup(demo_engine, source_storage, archive)

    assert archive.stat().st_mode & 0o777 == 0o600


def test_a_backup_sees_one_moment_while_the_app_writes_on(demo_engine, material, source_storage, target,
                                                         target_storage, tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "PIECE_BYTES", 1)  # hand on a piece after every row
    before = _every_row(demo_engine)
    pieces = stream_backup(demo_engine, source_storage)
    first = next(pieces)  # the snapshot is taken, the first table is being written
    with session_scope(demo_engine) as session:  # the app goes on, in tables that come later
        make_user(session, role=Role.JUROR, username="jury6")
        added = source_storage.put(io.BytesIO(b"uploaded meanwhile"))
        session.add(Attachment(nomination_id=1, filename="ny.pdf", content_type="application/pdf",
                               size_bytes=added.size, sha256=added.sha256, storage_key=added.key))
    archive = tmp_path / "backup.zip"
    archive.write_bytes(first + b"".join(pieces))

    restore_backup(target, target_storage, archive)

    assert _every_row(target) == before
    assert _every_file(target_storage) == material.files


def test_the_stream_hands_on_pieces_of_about_a_mebibyte_never_the_whole_archive(demo_engine, material,
                                                                                source_storage):
    sizes = [len(piece) for piece in stream_backup(demo_engine, source_storage)]

    assert max(sizes) < 2 * backup.PIECE_BYTES
    assert len(sizes) >= 4
    assert sum(sizes) > 3 * 1024 * 1024


def test_an_archive_from_an_older_schema_is_restored_and_then_migrated(tmp_path, target, target_storage):
    source = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(source, "0003")
    storage = LocalStorage(tmp_path / "old-files")
    stored = storage.put(io.BytesIO(b"%PDF-1.4 gammel ansogning"))
    fill_revision_0003(source, storage_key=stored.key, sha256=stored.sha256)
    archive = tmp_path / "old.zip"
    write_backup(source, storage, archive)
    source.dispose()

    summary = restore_backup(target, target_storage, archive)

    with target.connect() as connection:
        answers = connection.exec_driver_sql("SELECT nomination_id, question, text FROM nomination_answers").all()
        villages = connection.exec_driver_sql("SELECT nomination_id, name FROM candidate_villages").all()
        contact = connection.exec_driver_sql("SELECT username, nomination_id FROM users").all()
        revision = current_revision(connection)
    assert (summary.manifest.schema_revision, summary.migrated_to, revision) == ("0003", head_revision(),
                                                                                 head_revision())
    assert answers == [(1, "achievements", "Vi har bygget et forsamlingshus.")]
    assert (villages, contact) == ([(1, "Løvel")], [("ildsjael", 1)])
    assert _every_file(target_storage) == {stored.key: b"%PDF-1.4 gammel ansogning"}


def test_rows_on_a_cycle_of_tables_or_naming_their_own_table_are_loaded(target):
    metadata = MetaData()
    Table("teams", metadata, Column("id", Integer, primary_key=True),
          Column("captain_id", ForeignKey("players.id", use_alter=True)))
    Table("players", metadata, Column("id", Integer, primary_key=True),
          Column("team_id", ForeignKey("teams.id"), nullable=False), Column("mentor_id", ForeignKey("players.id")))
    metadata.create_all(target)
    rows = {"teams": [{"id": 1, "captain_id": 2}],
            "players": [{"id": 1, "team_id": 1, "mentor_id": 2}, {"id": 2, "team_id": 1, "mentor_id": None}]}

    with target.begin() as connection:
        tables = stored_tables(connection)
        load_tables(connection, tables, lambda stored: [dict(row) for row in rows[stored.name]])

    with target.connect() as connection:
        loaded = {name: [dict(row) for row in connection.execute(
            select(metadata.tables[name]).order_by(metadata.tables[name].c.id)).mappings()] for name in rows}
    assert [(stored.name, stored.later) for stored in tables] == [("teams", ("captain_id",)),
                                                                  ("players", ("mentor_id",))]
    assert loaded == rows


# --- Refusals: the target ---------------------------------------------------------------------

def test_a_restore_into_a_database_with_one_row_is_refused_and_changes_nothing(archive, target, target_storage):
    upgrade(target)
    with session_scope(target) as session:
        session.add(Municipality(code=791, name="Viborg"))
    before = _every_row(target)

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, archive)

    assert error.value.message(plain=True) == (
        "Databasen er ikke tom: tabellen «municipalities» har data. En sikkerhedskopi gendannes kun i en tom "
        "database, fx en ny database, hvor «python -m prize init» ikke er kørt. Intet er gendannet.")
    assert _every_row(target) == before
    assert _restored_nothing(target, target_storage)[1] == []


def test_a_restore_into_a_storage_with_one_file_is_refused_and_changes_nothing(archive, target, target_storage):
    kept = target_storage.put(io.BytesIO(b"already here")).key

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, archive)

    assert error.value.message(plain=True) == (
        "Fillageret (PRIZE_STORAGE_DIR) er ikke tomt. En sikkerhedskopi gendannes kun i et tomt fillager. "
        "Intet er gendannet.")
    assert _restored_nothing(target, target_storage) == ([], [f"{kept[:2]}/{kept}"])


def test_a_restore_into_a_migrated_database_without_rows_succeeds(archive, target, target_storage):
    upgrade(target)

    summary = restore_backup(target, target_storage, archive)

    assert (len(summary.manifest.tables), len(_every_file(target_storage))) == (len(Base.metadata.tables), 21)  # the demo's 17 files and the 4 of _add_material


# --- Refusals: the archive --------------------------------------------------------------------

def _flip_byte(path: Path, entry: str, *, at: int = 20) -> None:
    """Invert one byte of ``entry``'s stored data, ``at`` bytes into it."""
    with zipfile.ZipFile(path) as opened:
        offset = opened.getinfo(entry).header_offset
    with path.open("r+b") as file:
        file.seek(offset + 26)
        name_length, extra_length = struct.unpack("<HH", file.read(4))
        file.seek(offset + 30 + name_length + extra_length + at)
        byte = file.read(1)
        file.seek(-1, io.SEEK_CUR)
        file.write(bytes([byte[0] ^ 0xFF]))


def _rewrite(path: Path, change: Callable[[dict], None], *, leave_out: str | None = None) -> None:
    """Write the archive again with its manifest changed by ``change`` and without ``leave_out``."""
    with zipfile.ZipFile(path) as opened:
        entries = {info.filename: opened.read(info) for info in opened.infolist()}
    manifest = json.loads(entries.pop(MANIFEST_NAME))
    change(manifest)
    with zipfile.ZipFile(path, "w") as rewritten:
        for name, data in entries.items():
            if name != leave_out:
                rewritten.writestr(name, data)
        rewritten.writestr(MANIFEST_NAME, json.dumps(manifest))


def _first_file_entry(path: Path) -> str:
    return "files/" + _manifest(path)["files"][0]["key"]


def test_a_flipped_byte_in_a_table_is_refused_with_nothing_written(archive, target, target_storage):
    _flip_byte(archive, "tables/users.jsonl")

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, archive)

    assert error.value.message(plain=True) == (
        f"Sikkerhedskopien «{archive}» er beskadiget: «tables/users.jsonl» kan ikke læses eller stemmer ikke med sin kontrolsum. "
        "Intet er gendannet.")
    assert _restored_nothing(target, target_storage) == ([], [])


def test_a_flipped_byte_in_a_stored_file_is_refused_with_nothing_written(archive, target, target_storage):
    largest = max(_manifest(archive)["files"], key=lambda file: file["size"])
    entry = f"files/{largest['key']}"
    _flip_byte(archive, entry, at=1000)

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, archive)

    assert error.value.message(plain=True) == (
        f"Sikkerhedskopien «{archive}» er beskadiget: «{entry}» kan ikke læses eller stemmer ikke med sin kontrolsum. Intet er gendannet.")
    assert _restored_nothing(target, target_storage) == ([], [])


def test_a_file_whose_checksum_in_the_manifest_differs_is_refused_after_others_were_put_back(
        archive, target, target_storage):
    def wrong_last_checksum(manifest: dict) -> None:
        manifest["files"][-1]["sha256"] = "0" * 64
    _rewrite(archive, wrong_last_checksum)
    entry = "files/" + _manifest(archive)["files"][-1]["key"]

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, archive)

    assert error.value.message(plain=True) == (
        f"Sikkerhedskopien «{archive}» er beskadiget: «{entry}» kan ikke læses eller stemmer ikke med sin kontrolsum. Intet er gendannet.")
    assert _restored_nothing(target, target_storage) == ([], [])


@pytest.mark.parametrize("keep", [0.5, 0.99], ids=["half", "all-but-the-end"])
def test_a_truncated_archive_is_refused_with_nothing_written(archive, target, target_storage, keep):
    data = archive.read_bytes()
    archive.write_bytes(data[:int(len(data) * keep)])

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, archive)

    assert error.value.message(plain=True) == (
        f"Sikkerhedskopien «{archive}» er afkortet: arkivet holder op, før det er færdigt (måske blev en download "
        "eller en kopiering afbrudt). Intet er gendannet.")
    assert _restored_nothing(target, target_storage) == ([], [])


@pytest.mark.parametrize("content", [b"", b"name;email\nMette;mette@example.dk\n"], ids=["empty", "csv"])
def test_a_file_that_is_no_archive_is_refused(tmp_path, target, target_storage, content):
    path = tmp_path / "backup.zip"
    path.write_bytes(content)

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, path)

    assert error.value.message(plain=True) == (
        f"«{path}» er ikke en sikkerhedskopi fra Landsbyprisen: det er ikke et zip-arkiv med appens manifest.json. "
        "Intet er gendannet.")
    assert _restored_nothing(target, target_storage) == ([], [])


def test_a_zip_archive_without_a_manifest_is_refused(tmp_path, target, target_storage):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as other:
        other.writestr("photo.jpg", b"\xff\xd8\xff")

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, path)

    assert error.value.key == "backup.refused.not_an_archive"
    assert _restored_nothing(target, target_storage) == ([], [])


def test_an_archive_from_a_newer_schema_is_refused_with_nothing_written(archive, target, target_storage):
    _rewrite(archive, lambda manifest: manifest.update(schema_revision="0099"))

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, archive)

    assert error.value.message(plain=True) == (
        "Sikkerhedskopien er fra en nyere version af Landsbyprisen: dens skemaversion 0099 er ukendt her (denne "
        f"version når til skemaversion {head_revision()}). Opdatér appen, og prøv igen. Intet er gendannet.")
    assert _restored_nothing(target, target_storage) == ([], [])


def test_an_archive_of_a_newer_format_is_refused(archive, target, target_storage):
    _rewrite(archive, lambda manifest: manifest.update(format_version=2))

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, archive)

    assert error.value.message(plain=True) == (
        "Sikkerhedskopien har formatversion 2, men denne version af Landsbyprisen kan kun læse formatversion 1. "
        "Gendan den med en nyere version af appen. Intet er gendannet.")
    assert _restored_nothing(target, target_storage) == ([], [])


@pytest.mark.parametrize("change", [{"format_version": "1"}, {"tables": None}, {"created_at": "i går"}],
                         ids=["version-as-text", "no-tables", "bad-time"])
def test_a_manifest_of_another_shape_is_refused_as_damaged(archive, target, target_storage, change):
    _rewrite(archive, lambda manifest: manifest.update(change))

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, archive)

    assert error.value.message(plain=True) == (
        f"Sikkerhedskopien «{archive}» er beskadiget: «manifest.json» kan ikke læses eller stemmer ikke med sin kontrolsum. "
        "Intet er gendannet.")
    assert _restored_nothing(target, target_storage) == ([], [])


def test_an_archive_missing_a_listed_file_is_refused(archive, target, target_storage):
    entry = _first_file_entry(archive)
    _rewrite(archive, lambda manifest: None, leave_out=entry)

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, archive)

    assert error.value.message(plain=True) == (
        f"Sikkerhedskopien «{archive}» er ufuldstændig: «{entry}» står i manifest.json, men mangler i arkivet. "
        "Intet er gendannet.")
    assert _restored_nothing(target, target_storage) == ([], [])


def test_an_archive_whose_tables_do_not_fit_its_revision_is_refused(archive, target, target_storage):
    def rename_a_column(manifest: dict) -> None:
        users = next(table for table in manifest["tables"] if table["name"] == "users")
        users["columns"] = [name if name != "email" else "e_mail" for name in users["columns"]]
    _rewrite(archive, rename_a_column)

    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, archive)

    assert error.value.message(plain=True) == (
        f"Sikkerhedskopien «{archive}» passer ikke til sin egen skemaversion {head_revision()}: tabellen «users» "
        "har andre kolonner, eller den findes kun det ene sted. Intet er gendannet.")
    assert _restored_nothing(target, target_storage) == ([], [])


def test_a_missing_archive_is_refused(tmp_path, target, target_storage):
    with pytest.raises(RestoreRefused) as error:
        restore_backup(target, target_storage, tmp_path / "none.zip")

    assert error.value.message(plain=True) == f"Filen «{tmp_path / 'none.zip'}» findes ikke. Intet er gendannet."


# --- Backup failures ------------------------------------------------------------------------

def test_a_backup_with_a_named_file_missing_fails_and_writes_no_archive(demo_engine, material, source_storage,
                                                                       tmp_path):
    missing = sorted(material.files)[0]
    source_storage.delete(missing)
    folder = tmp_path / "backups"
    folder.mkdir()

    with pytest.raises(BackupFailed) as error:
        write_backup(demo_engine, source_storage, folder / "backup.zip")

    assert error.value.message(plain=True) == (
        f"Filen med nøglen {missing} mangler i fillageret, selv om databasen henviser til den, så "
        "sikkerhedskopien er ikke skrevet. Måske blev filen slettet, mens sikkerhedskopien blev taget: prøv igen. "
        "Mangler den stadig, skal den lægges tilbage i fillageret (PRIZE_STORAGE_DIR).")
    assert list(folder.iterdir()) == []


def test_a_backup_never_overwrites_a_file(demo_engine, source_storage, tmp_path):
    existing = tmp_path / "backup.zip"
    existing.write_bytes(b"yesterday's backup")

    with pytest.raises(BackupFailed) as error:
        write_backup(demo_engine, source_storage, existing)

    assert error.value.message(plain=True) == (
        f"Filen «{existing}» findes allerede. En sikkerhedskopi overskriver aldrig en fil; vælg et nyt filnavn.")
    assert existing.read_bytes() == b"yesterday's backup"


def test_a_backup_into_a_missing_folder_fails(demo_engine, source_storage, tmp_path):
    with pytest.raises(BackupFailed) as error:
        write_backup(demo_engine, source_storage, tmp_path / "missing" / "backup.zip")

    assert error.value.message(plain=True) == (
        f"Mappen «{tmp_path / 'missing'}» findes ikke. Opret den, eller vælg en anden placering til sikkerhedskopien.")


def test_a_database_never_migrated_has_nothing_to_back_up(tmp_path, source_storage):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")

    with pytest.raises(BackupFailed) as error:
        write_backup(engine, source_storage, tmp_path / "backup.zip")
    engine.dispose()

    assert error.value.key == "backup.failed.not_migrated"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new.db"]


# --- The download -----------------------------------------------------------------------------

def test_the_secretariat_may_download_a_backup(session):
    secretary = make_user(session, role=Role.SECRETARIAT)

    assert require_backup(actor_of(secretary)) is None


@pytest.mark.parametrize("role", [Role.JUROR, Role.NOMINATOR])
def test_no_other_role_may_download_a_backup(session, role):
    user = make_user(session, role=role)

    with pytest.raises(NotAllowed) as error:
        require_backup(actor_of(user))

    assert type(error.value) is NotAllowed


def test_a_secretary_with_a_one_time_password_may_not_download_a_backup(session):
    secretary = make_user(session, role=Role.SECRETARIAT, must_change_password=True)

    with pytest.raises(PasswordChangeRequired):
        require_backup(actor_of(secretary))


def test_a_download_is_refused_before_anything_is_read(demo_engine, source_storage, monkeypatch):
    juror = _actor(demo_engine, "jury1")
    monkeypatch.setattr("prize.services.backup.stream_backup", _must_not_be_called)

    with pytest.raises(NotAllowed):
        backup_download(demo_engine, source_storage, actor=juror)


def _must_not_be_called(*args, **kwargs):
    raise AssertionError("stream_backup was called for an actor who may not download")


def test_a_download_streams_an_archive_that_restores(demo_engine, material, source_storage, target, target_storage,
                                                     tmp_path):
    download = backup_download(demo_engine, source_storage, actor=_actor(demo_engine, "sekretariat"),
                               now=datetime.fromisoformat("2027-01-15T13:30:00+00:00"))
    path = tmp_path / download.filename
    with path.open("wb") as file:
        for piece in download.pieces:
            file.write(piece)

    restore_backup(target, target_storage, path)

    assert (download.filename, download.media_type) == ("landsbyprisen-backup-2027-01-15-1330.zip", "application/zip")
    assert _every_row(target) == _every_row(demo_engine)
    assert _every_file(target_storage) == material.files


def _actor(engine: Engine, username: str):
    with session_scope(engine) as session:
        return actor_of(session.scalar(select(User).where(User.username == username)))


# --- The command line -----------------------------------------------------------------------

@dataclass(frozen=True)
class Place:
    """A database and a storage folder, as the command line is told them; ``files``: what rows name."""

    url: str
    storage_dir: Path
    files: Mapping[str, bytes] = field(default_factory=dict)

    def use(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("PRIZE_DATABASE_URL", self.url)
        monkeypatch.setenv("PRIZE_STORAGE_DIR", str(self.storage_dir))


@pytest.fixture
def demo_place(tmp_path: Path, sqlite_template: Path) -> Place:
    """The demo year with its files in a SQLite file."""
    shutil.copyfile(sqlite_template, tmp_path / "demo.db")
    url, storage_dir = f"sqlite:///{tmp_path / 'demo.db'}", tmp_path / "demo-files"
    engine = make_engine(url)
    with session_scope(engine) as session:
        load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=LocalStorage(storage_dir))
    material = _add_material(engine, LocalStorage(storage_dir))
    engine.dispose()
    return Place(url=url, storage_dir=storage_dir, files=material.files)


@pytest.fixture
def empty_place(tmp_path: Path) -> Place:
    return Place(url=f"sqlite:///{tmp_path / 'new' / 'prize.db'}", storage_dir=tmp_path / "new-files")


def _rows_at(url: str) -> dict[str, list[tuple]]:
    engine = make_engine(url)
    try:
        return _every_row(engine)
    finally:
        engine.dispose()


def _run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def test_the_backup_command_writes_the_archive_and_says_what_it_holds(demo_place, tmp_path, capsys, monkeypatch):
    demo_place.use(monkeypatch)
    path = tmp_path / "backup.zip"

    code, out, err = _run(capsys, "backup", str(path))

    manifest = Manifest.from_json(_manifest(path))
    assert (code, err) == (0, "")
    assert out == (f"Sikkerhedskopien er skrevet til {path} ({_megabytes(path.stat().st_size)}): {manifest.rows} "
                   f"rækker i {len(Base.metadata.tables)} tabeller og 21 filer på i alt 3,3 MB; skemaversion {head_revision()}.\n")


def test_the_restore_command_restores_into_an_empty_place_and_says_so(demo_place, empty_place, tmp_path, capsys,
                                                                     monkeypatch):
    demo_place.use(monkeypatch)
    path = tmp_path / "backup.zip"
    assert main(["backup", str(path)]) == 0
    capsys.readouterr()
    empty_place.use(monkeypatch)

    code, out, err = _run(capsys, "restore", str(path))

    rows = Manifest.from_json(_manifest(path)).rows
    assert (code, err) == (0, "")
    assert out == (f"Sikkerhedskopien {path} er gendannet: {rows} rækker i {len(Base.metadata.tables)} tabeller og 21 filer på i "
                   f"alt 3,3 MB. Skemaversion {head_revision()} i sikkerhedskopien, {head_revision()} nu.\n")
    assert _rows_at(empty_place.url) == _rows_at(demo_place.url)


def test_the_restore_command_refuses_a_database_with_data_with_exit_code_1(demo_place, tmp_path, capsys,
                                                                          monkeypatch):
    demo_place.use(monkeypatch)
    path = tmp_path / "backup.zip"
    assert main(["backup", str(path)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("PRIZE_STORAGE_DIR", str(tmp_path / "empty-files"))

    code, out, err = _run(capsys, "restore", str(path))

    assert (code, out) == (1, "")
    assert err == ("Fejl: Databasen er ikke tom: tabellen «municipalities» har data. En sikkerhedskopi gendannes kun "
                   "i en tom database, fx en ny database, hvor «python -m prize init» ikke er kørt. Intet er "
                   "gendannet.\n")


def test_the_restore_command_refuses_a_truncated_archive_with_exit_code_1(archive, empty_place, capsys,
                                                                         monkeypatch):
    empty_place.use(monkeypatch)
    archive.write_bytes(archive.read_bytes()[:1000])

    code, out, err = _run(capsys, "restore", str(archive))

    assert (code, out) == (1, "")
    assert err == (f"Fejl: Sikkerhedskopien «{archive}» er afkortet: arkivet holder op, før det er færdigt (måske "
                   "blev en download eller en kopiering afbrudt). Intet er gendannet.\n")


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_a_command_without_its_file_exits_with_code_2(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command])

    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"python -m prize {command}: error: the following arguments are required: file")


def test_backup_and_restore_run_as_python_m_prize(demo_place, empty_place, tmp_path):
    path = tmp_path / "backup.zip"
    environment = {"PATH": os.defpath, "PYTHONUTF8": "1", "PRIZE_BCRYPT_ROUNDS": str(TEST_BCRYPT_ROUNDS)}

    backed_up = _run_process(environment | _variables(demo_place), "backup", str(path))
    restored = _run_process(environment | _variables(empty_place), "restore", str(path))

    assert (backed_up.returncode, backed_up.stderr, restored.returncode, restored.stderr) == (0, "", 0, "")
    assert _every_file(LocalStorage(empty_place.storage_dir)) == demo_place.files


def _variables(place: Place) -> dict[str, str]:
    return {"PRIZE_DATABASE_URL": place.url, "PRIZE_STORAGE_DIR": str(place.storage_dir)}


def _run_process(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "prize", *argv], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          encoding="utf-8", timeout=120, check=False)
