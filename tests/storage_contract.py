"""What every storage backend promises, as tests.

A backend's test module subclasses ``StorageContract`` and provides two fixtures:
``storage``, an empty backend, and ``stored_keys``, a function that lists the names
of everything the backend holds by looking behind its back (a directory walk, a
bucket listing), so that a test can see that a failed put left nothing behind.
"""

from __future__ import annotations

import hashlib
import io
import threading
from concurrent.futures import ThreadPoolExecutor
from random import Random

import pytest

from prize.storage import FileTooLarge, KeyInUse, Storage, StoredFile, UnknownKey

MEBIBYTE = 1024 * 1024
HEX_DIGITS = set("0123456789abcdef")
MISSING_KEY = "0123456789abcdef0123456789abcdef"
ALL_BYTE_VALUES = bytes(range(256))

PAYLOADS = [b"", b"Landsbyprisen", ALL_BYTE_VALUES * 4]
PAYLOAD_IDS = ["empty", "text", "all-byte-values"]

MALFORMED_KEYS = [
    "",
    "../x",
    "../" + MISSING_KEY,
    "01/../../" + MISSING_KEY[:23],
    "/etc/passwd",
    "/" + MISSING_KEY[1:],
    MISSING_KEY.upper(),
    MISSING_KEY[:31],
    MISSING_KEY + "0",
    MISSING_KEY[:31] + "\0",
    MISSING_KEY + "\n",
    MISSING_KEY[:31] + "g",
]
MALFORMED_KEY_IDS = ["empty", "parent", "parent-key", "traversal", "absolute", "absolute-key", "uppercase",
                     "31-chars", "33-chars", "nul", "newline", "not-hex"]
KEY_METHODS = ["open", "delete", "size", "checksum", "exists"]


def random_bytes(size: int, *, seed: int = 0) -> bytes:
    return Random(seed).randbytes(size)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_back(storage: Storage, key: str) -> bytes:
    with storage.open(key) as file:
        return file.read()


class BrokenUpload(io.BytesIO):
    """A source that delivers its first ``fail_after`` bytes and then raises ``error``,
    like an upload whose connection drops."""

    def __init__(self, data: bytes, *, fail_after: int) -> None:
        super().__init__(data)
        self.fail_after = fail_after
        self.error = OSError("the upload broke off")

    def read(self, size: int | None = -1) -> bytes:
        remaining = self.fail_after - self.tell()
        if remaining <= 0:
            raise self.error
        wanted = remaining if size is None or size < 0 else min(size, remaining)
        return super().read(wanted)


class StorageContract:
    # --- Storing and reading back -----------------------------------------------------------

    def test_the_backend_is_a_storage(self, storage):
        assert isinstance(storage, Storage) is True

    @pytest.mark.parametrize("data", PAYLOADS, ids=PAYLOAD_IDS)
    def test_stored_bytes_read_back_unchanged(self, storage, data):
        stored = storage.put(io.BytesIO(data))

        assert read_back(storage, stored.key) == data

    @pytest.mark.parametrize("data", PAYLOADS, ids=PAYLOAD_IDS)
    def test_put_reports_the_exact_size_and_sha256(self, storage, data):
        stored = storage.put(io.BytesIO(data))

        assert stored == StoredFile(key=stored.key, size=len(data), sha256=sha256_of(data))

    def test_put_stores_what_is_left_to_read_in_the_stream(self, storage):
        source = io.BytesIO(b"headerbody")
        source.seek(6)

        stored = storage.put(source)

        assert read_back(storage, stored.key) == b"body"

    def test_a_key_is_32_lowercase_hex_characters(self, storage):
        stored = storage.put(io.BytesIO(b"x"))

        assert len(stored.key) == 32
        assert set(stored.key) - HEX_DIGITS == set()

    def test_two_puts_of_the_same_bytes_get_different_keys(self, storage, stored_keys):
        first = storage.put(io.BytesIO(b"same"))
        second = storage.put(io.BytesIO(b"same"))

        assert first.key != second.key
        assert stored_keys() == {first.key, second.key}

    def test_size_checksum_and_exists_agree_with_what_was_stored(self, storage):
        data = random_bytes(70_000)
        stored = storage.put(io.BytesIO(data))

        answers = (storage.exists(stored.key), storage.size(stored.key), storage.checksum(stored.key))

        assert answers == (True, len(data), sha256_of(data))

    def test_an_opened_file_can_be_read_from_any_offset(self, storage):
        data = ALL_BYTE_VALUES * 16
        key = storage.put(io.BytesIO(data)).key

        with storage.open(key) as file:
            seekable = file.seekable()
            file.seek(1000)
            middle = file.read(300)
            position = file.tell()
            file.seek(-10, io.SEEK_END)
            tail = file.read()

        assert (seekable, middle, position, tail) == (True, data[1000:1300], 1300, data[-10:])

    def test_a_stream_of_more_than_five_mebibytes_round_trips(self, storage):
        data = random_bytes(5 * MEBIBYTE + 123)

        stored = storage.put(io.BytesIO(data))

        assert (stored.size, stored.sha256) == (len(data), sha256_of(data))
        assert read_back(storage, stored.key) == data

    # --- Limits and failures ----------------------------------------------------------------

    @pytest.mark.parametrize(("size", "max_bytes"), [(101, 100), (1, 0), (3 * MEBIBYTE, MEBIBYTE + MEBIBYTE // 2)],
                             ids=["one-byte-over", "nothing-allowed", "over-after-several-chunks"])
    def test_a_put_over_the_limit_raises_file_too_large(self, storage, size, max_bytes):
        source = io.BytesIO(random_bytes(size))

        with pytest.raises(FileTooLarge) as error:
            storage.put(source, max_bytes=max_bytes)

        assert error.value.max_bytes == max_bytes

    def test_a_put_over_the_limit_leaves_no_file_behind(self, storage, stored_keys):
        source = io.BytesIO(random_bytes(3 * MEBIBYTE))

        with pytest.raises(FileTooLarge):
            storage.put(source, max_bytes=2 * MEBIBYTE)

        assert stored_keys() == set()

    @pytest.mark.parametrize("size", [0, 100, 2 * MEBIBYTE], ids=["empty", "small", "two-chunks"])
    def test_a_put_of_exactly_the_limit_is_accepted(self, storage, size):
        data = random_bytes(size)

        stored = storage.put(io.BytesIO(data), max_bytes=size)

        assert (stored.size, read_back(storage, stored.key)) == (size, data)

    def test_a_source_that_fails_half_way_propagates_its_error(self, storage):
        source = BrokenUpload(random_bytes(3 * MEBIBYTE), fail_after=MEBIBYTE + MEBIBYTE // 2)

        with pytest.raises(OSError) as error:
            storage.put(source)

        assert error.value is source.error

    def test_a_source_that_fails_half_way_leaves_no_file_behind(self, storage, stored_keys):
        source = BrokenUpload(random_bytes(3 * MEBIBYTE), fail_after=MEBIBYTE + MEBIBYTE // 2)

        with pytest.raises(OSError):
            storage.put(source)

        assert stored_keys() == set()

    # --- Deleting ---------------------------------------------------------------------------

    def test_a_deleted_file_no_longer_exists(self, storage, stored_keys):
        key = storage.put(io.BytesIO(b"x")).key

        storage.delete(key)

        assert storage.exists(key) is False
        assert stored_keys() == set()

    def test_a_deleted_file_cannot_be_opened(self, storage):
        key = storage.put(io.BytesIO(b"x")).key
        storage.delete(key)

        with pytest.raises(UnknownKey) as error:
            storage.open(key)

        assert error.value.key == key

    def test_deleting_one_file_keeps_the_others(self, storage, stored_keys):
        kept = storage.put(io.BytesIO(b"kept"))
        deleted = storage.put(io.BytesIO(b"deleted"))

        storage.delete(deleted.key)

        assert stored_keys() == {kept.key}
        assert read_back(storage, kept.key) == b"kept"

    def test_deleting_a_key_that_was_never_stored_is_not_an_error(self, storage):
        storage.delete(MISSING_KEY)

        assert storage.exists(MISSING_KEY) is False

    def test_deleting_a_file_twice_is_not_an_error(self, storage):
        key = storage.put(io.BytesIO(b"x")).key
        storage.delete(key)

        storage.delete(key)

        assert storage.exists(key) is False

    # --- Keys -------------------------------------------------------------------------------

    def test_a_key_that_was_never_stored_does_not_exist(self, storage):
        assert storage.exists(MISSING_KEY) is False

    @pytest.mark.parametrize("method", ["open", "size", "checksum"])
    def test_a_well_formed_key_that_was_never_stored_is_unknown(self, storage, method):
        with pytest.raises(UnknownKey) as error:
            getattr(storage, method)(MISSING_KEY)

        assert error.value.key == MISSING_KEY

    @pytest.mark.parametrize("method", KEY_METHODS)
    @pytest.mark.parametrize("key", MALFORMED_KEYS, ids=MALFORMED_KEY_IDS)
    def test_a_malformed_key_is_unknown(self, storage, method, key):
        with pytest.raises(UnknownKey) as error:
            getattr(storage, method)(key)

        assert error.value.key == key

    # --- Concurrency ------------------------------------------------------------------------

    def test_sixteen_threads_can_put_at_once(self, storage, stored_keys):
        payloads = [random_bytes(200_000 + number, seed=number) for number in range(16)]
        start = threading.Barrier(len(payloads), timeout=30)

        def put(data: bytes) -> StoredFile:
            start.wait()
            return storage.put(io.BytesIO(data))

        with ThreadPoolExecutor(max_workers=len(payloads)) as pool:
            stored = list(pool.map(put, payloads))

        assert stored_keys() == {each.key for each in stored}
        assert len(stored_keys()) == len(payloads)
        assert [storage.checksum(each.key) for each in stored] == [sha256_of(data) for data in payloads]

    # --- Putting back under a known key, and listing the keys (backup and restore) ----------

    @pytest.mark.parametrize("data", PAYLOADS, ids=PAYLOAD_IDS)
    def test_put_as_stores_the_bytes_under_the_given_key(self, storage, stored_keys, data):
        stored = storage.put_as(MISSING_KEY, io.BytesIO(data))

        assert stored == StoredFile(key=MISSING_KEY, size=len(data), sha256=sha256_of(data))
        assert read_back(storage, MISSING_KEY) == data
        assert stored_keys() == {MISSING_KEY}

    def test_put_as_refuses_a_key_in_use_and_keeps_its_file(self, storage, stored_keys):
        key = storage.put(io.BytesIO(b"first")).key

        with pytest.raises(KeyInUse) as error:
            storage.put_as(key, io.BytesIO(b"second"))

        assert error.value.key == key
        assert read_back(storage, key) == b"first"
        assert stored_keys() == {key}

    @pytest.mark.parametrize("key", MALFORMED_KEYS, ids=MALFORMED_KEY_IDS)
    def test_put_as_refuses_a_malformed_key(self, storage, stored_keys, key):
        with pytest.raises(UnknownKey) as error:
            storage.put_as(key, io.BytesIO(b"x"))

        assert error.value.key == key
        assert stored_keys() == set()

    def test_put_as_from_a_source_that_fails_half_way_leaves_no_file_behind(self, storage, stored_keys):
        source = BrokenUpload(random_bytes(3 * MEBIBYTE), fail_after=MEBIBYTE + MEBIBYTE // 2)

        with pytest.raises(OSError):
            storage.put_as(MISSING_KEY, source)

        assert stored_keys() == set()
        assert storage.exists(MISSING_KEY) is False

    def test_an_empty_storage_has_no_keys(self, storage):
        assert set(storage.keys()) == set()

    def test_keys_lists_every_stored_file_and_no_deleted_one(self, storage):
        kept = [storage.put(io.BytesIO(b"kept")).key, storage.put_as(MISSING_KEY, io.BytesIO(b"as")).key]
        storage.delete(storage.put(io.BytesIO(b"deleted")).key)

        assert set(storage.keys()) == set(kept)
