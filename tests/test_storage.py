"""The local file-system backend: the storage contract, and where and how its files land on disk."""

from __future__ import annotations

import io
import math
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

# The contract's asserts should explain a failure as well as a test module's do.
pytest.register_assert_rewrite("tests.storage_contract")

from prize.settings import Settings  # noqa: E402
from prize.storage import CHUNK_SIZE, FileTooLarge, KeyInUse, LocalStorage, UnknownKey, storage_for  # noqa: E402
from tests.storage_contract import MEBIBYTE, BrokenUpload, StorageContract, random_bytes, read_back  # noqa: E402


def files_under(root: Path) -> set[str]:
    """Every file below ``root``, hidden ones included, as paths relative to it."""
    return {(Path(directory) / name).relative_to(root).as_posix()
            for directory, _, names in os.walk(root) for name in names}


class RecordingStream(io.BytesIO):
    """A real in-memory source that remembers the largest read it was asked for."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.largest_request: float = 0

    def read(self, size: int | None = -1) -> bytes:
        requested = math.inf if size is None or size < 0 else size
        self.largest_request = max(self.largest_request, requested)
        return super().read(size)


class TestLocalStorage(StorageContract):
    @pytest.fixture
    def storage(self, tmp_path: Path) -> LocalStorage:
        return LocalStorage(tmp_path / "files")

    @pytest.fixture
    def stored_keys(self, storage: LocalStorage) -> Callable[[], set[str]]:
        # Every file's name, temporary files too: one left behind is as wrong as a stray key.
        return lambda: {Path(path).name for path in files_under(storage.root)}

    # --- Only the local backend -------------------------------------------------------------

    def test_a_stored_file_lands_in_a_directory_named_after_the_first_two_characters_of_its_key(self, storage):
        stored = storage.put(io.BytesIO(b"x"))

        assert files_under(storage.root) == {f"{stored.key[:2]}/{stored.key}"}
        assert storage.local_path(stored.key) == storage.root / stored.key[:2] / stored.key

    def test_no_temporary_file_remains_after_a_put(self, storage):
        first = storage.put(io.BytesIO(random_bytes(2 * MEBIBYTE)))
        second = storage.put(io.BytesIO(b""))

        remaining = files_under(storage.root)

        assert remaining == {f"{first.key[:2]}/{first.key}", f"{second.key[:2]}/{second.key}"}

    def test_a_put_over_the_limit_leaves_no_file_at_all(self, storage):
        kept = storage.put(io.BytesIO(b"kept"))

        with pytest.raises(FileTooLarge):
            storage.put(io.BytesIO(random_bytes(3 * MEBIBYTE)), max_bytes=2 * MEBIBYTE)

        assert files_under(storage.root) == {f"{kept.key[:2]}/{kept.key}"}

    def test_a_failing_source_leaves_no_file_at_all(self, storage):
        kept = storage.put(io.BytesIO(b"kept"))

        with pytest.raises(OSError):
            storage.put(BrokenUpload(random_bytes(3 * MEBIBYTE), fail_after=2 * MEBIBYTE + 5))

        assert files_under(storage.root) == {f"{kept.key[:2]}/{kept.key}"}

    def test_a_stored_file_is_readable_by_its_owner_and_group_only(self, storage):
        stored = storage.put(io.BytesIO(b"personal data"))

        mode = stat.S_IMODE(storage.local_path(stored.key).stat().st_mode)

        assert mode == 0o640

    def test_put_reads_the_source_in_chunks_of_one_mebibyte_at_most(self, storage):
        source = RecordingStream(random_bytes(3 * MEBIBYTE + 7))

        storage.put(source)

        assert source.largest_request == CHUNK_SIZE
        assert CHUNK_SIZE == MEBIBYTE

    def test_a_put_over_the_limit_stops_reading_one_byte_past_it(self, storage):
        source = io.BytesIO(random_bytes(5 * MEBIBYTE))

        with pytest.raises(FileTooLarge):
            storage.put(source, max_bytes=MEBIBYTE + 10)

        assert source.tell() == MEBIBYTE + 11

    def test_put_creates_a_missing_root_directory(self, tmp_path):
        storage = LocalStorage(tmp_path / "not" / "yet" / "there")

        stored = storage.put(io.BytesIO(b"x"))

        assert read_back(storage, stored.key) == b"x"

    def test_a_repeated_random_key_never_overwrites_a_stored_file(self, storage, monkeypatch):
        taken, fresh = "ab" * 16, "cd" * 16
        keys = iter([taken, taken, fresh])
        monkeypatch.setattr(secrets, "token_hex", lambda nbytes: next(keys))
        storage.put(io.BytesIO(b"first"))

        second = storage.put(io.BytesIO(b"second"))

        assert second.key == fresh
        assert (read_back(storage, taken), read_back(storage, fresh)) == (b"first", b"second")

    def test_put_as_never_replaces_a_file_that_appeared_after_the_check(self, storage, monkeypatch):
        key = storage.put(io.BytesIO(b"first")).key
        monkeypatch.setattr(storage, "exists", lambda _key: False)  # another put_as won the race

        with pytest.raises(KeyInUse):
            storage.put_as(key, io.BytesIO(b"second"))

        assert read_back(storage, key) == b"first"
        assert files_under(storage.root) == {f"{key[:2]}/{key}"}

    def test_keys_leaves_out_temporary_files_and_strangers(self, storage):
        key = storage.put(io.BytesIO(b"x")).key
        (storage.root / key[:2] / ".tmp-half-written").write_bytes(b"half")
        (storage.root / "README").write_text("not a stored file")
        (storage.root / "ff").mkdir()
        (storage.root / "ff" / key).write_bytes(b"in the wrong directory")

        assert list(storage.keys()) == [key]

    def test_a_storage_whose_root_does_not_exist_has_no_keys(self, tmp_path):
        assert list(LocalStorage(tmp_path / "missing").keys()) == []

    def test_a_malformed_key_has_no_local_path(self, storage):
        with pytest.raises(UnknownKey) as error:
            storage.local_path("../../etc/passwd")

        assert error.value.key == "../../etc/passwd"


def test_the_configured_storage_keeps_its_files_in_the_storage_dir(tmp_path):
    settings = Settings.load(env={"PRIZE_STORAGE_DIR": str(tmp_path / "filer")}, secrets={})

    stored = storage_for(settings.storage_dir).put(io.BytesIO(b"indhold"))

    assert (tmp_path / "filer" / stored.key[:2] / stored.key).read_bytes() == b"indhold"
