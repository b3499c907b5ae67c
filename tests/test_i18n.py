import ast
import re
import string
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from prize.errors import PhaseMoveRefused
from prize.i18n import catalog, danish_sort_key, format_amount, format_day, format_moment, t, to_local
from prize.models import BodyKind, CandidateKind, ConflictReason, RoundKind
from prize.phases import NominationStatus, Phase
from prize.roles import Role
from prize.services.scoring import SheetState
from prize.shortlist import Standing

ROOT = Path(__file__).resolve().parent.parent
AREAS = sorted(path.stem for path in (ROOT / "prize" / "locale" / "da").glob("*.toml"))
KEY_PATTERN = re.compile(rf"^(?:{'|'.join(AREAS)})\.[a-z0-9_]+(?:\.[a-z0-9_]+)*$")
# A shipped file such as "criteria.json" is named like a key of the area "criteria".
FILE_NAME = re.compile(r"\.(?:json|csv|toml)$")
LABELLED_ENUMS = [Phase, Role, NominationStatus, CandidateKind, BodyKind, ConflictReason, RoundKind, SheetState,
                  Standing]


def _source_files() -> list[Path]:
    """The code that shows text: prize/ (without its migrations), ui/, pages/, web/, app.py and serve.py."""
    files = [*(ROOT / "prize").rglob("*.py"), *(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").rglob("*.py"),
             *(ROOT / "web").rglob("*.py"), *ROOT.glob("app.py"), *ROOT.glob("serve.py")]
    return sorted(path for path in files if "migrations" not in path.relative_to(ROOT).parts)


def _keys_used_in(path: Path) -> set[str]:
    """String literals shaped like catalog keys. Foreign-key targets such as
    "users.id" and audit action names such as "user.created" are not messages."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    not_messages = set()
    for node in ast.walk(tree):
        called = node.func if isinstance(node, ast.Call) else None
        if getattr(called, "id", getattr(called, "attr", None)) in ("ForeignKey", "ForeignKeyConstraint"):
            not_messages.update(id(inner) for arg in node.args for inner in ast.walk(arg))
        if isinstance(node, ast.keyword) and node.arg == "action":
            not_messages.add(id(node.value))
        if isinstance(node, ast.JoinedStr):  # f"labels.phase.{...}": a prefix, not a key
            not_messages.update(id(part) for part in node.values)
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in not_messages and KEY_PATTERN.match(node.value) and not FILE_NAME.search(node.value)}


def _placeholders(message: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


def test_every_danish_key_exists_in_english():
    missing = set(catalog("da")) - set(catalog("en"))

    assert missing == set()


def test_every_english_key_exists_in_danish():
    missing = set(catalog("en")) - set(catalog("da"))

    assert missing == set()


def test_danish_and_english_messages_take_the_same_parameters():
    english = catalog("en")

    differing = {key: (_placeholders(message), _placeholders(english[key]))
                 for key, message in catalog("da").items()
                 if key in english and _placeholders(message) != _placeholders(english[key])}

    assert differing == {}


@pytest.mark.parametrize("path", _source_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_message_key_in_the_code_exists_in_the_catalog(path):
    used = _keys_used_in(path)

    assert used - set(catalog("da")) == set()


def test_the_key_scan_finds_keys_in_error_classes_and_services():
    used = _keys_used_in(ROOT / "prize" / "errors.py") | _keys_used_in(ROOT / "prize" / "services" / "years.py")

    assert {"errors.not_allowed", "errors.phase_precondition", "years.blocker.no_jurors"} <= used


@pytest.mark.parametrize("enum", LABELLED_ENUMS, ids=lambda enum: enum.__name__)
def test_every_enum_value_shown_to_users_has_a_danish_label(enum):
    keys = {f"labels.{enum.__name__.lower()}.{member.value}" for member in enum}

    assert keys - set(catalog("da")) == set()


def test_a_missing_key_is_a_bug_that_raises_key_error():
    with pytest.raises(KeyError):
        t("errors.no_such_message")


def test_an_unknown_locale_falls_back_to_danish():
    assert t("errors.not_allowed", "fr") == "Du har ikke adgang til denne handling."


def test_parameters_are_filled_in():
    assert t("errors.password_too_short", "da", min=10) == "Adgangskoden skal være på mindst 10 tegn."


def test_an_error_names_its_phases_in_the_readers_language():
    error = PhaseMoveRefused(current=Phase.DRAFT, target=Phase.SCREENING, allowed=(Phase.NOMINATIONS_OPEN,))

    assert (error.message("da"), error.message("en")) == (
        "Året kan ikke flyttes fra «Kladde» til «Første bedømmelsesrunde». "
        "Næste tilladte skridt er: «Indstilling åben».",
        "The year cannot move from “Draft” to “Screening round”. Allowed next steps: “Nominations open”.")


def test_a_date_reads_as_danish_prose():
    assert format_day(date(2020, 3, 25)) == "25. marts 2020"


def test_a_date_reads_as_english_prose():
    assert format_day(date(2020, 3, 25), "en") == "25 March 2020"


def test_a_moment_late_in_the_utc_evening_is_the_next_day_in_denmark():
    assert format_day(datetime(2020, 3, 24, 23, 30, tzinfo=UTC)) == "25. marts 2020"


def test_a_missing_date_reads_not_set():
    assert (format_day(None), format_moment(None, "en")) == ("ikke fastsat", "not set")


def test_an_amount_has_danish_thousands_separator_and_kroner():
    assert format_amount(150_000) == "150.000 kr."


def test_an_amount_in_english_is_in_dkk():
    assert format_amount(150_000, "en") == "DKK 150,000"


def test_a_winter_deadline_is_shown_in_danish_standard_time():
    assert format_moment(datetime(2020, 1, 15, 11, 0, tzinfo=UTC)) == "15. januar 2020 kl. 12:00"


def test_a_summer_deadline_is_shown_in_danish_summer_time():
    assert format_moment(datetime(2020, 7, 15, 11, 0, tzinfo=UTC)) == "15. juli 2020 kl. 13:00"


def test_a_deadline_in_english_keeps_danish_time():
    assert format_moment(datetime(2020, 1, 15, 11, 0, tzinfo=UTC), "en") == "15 January 2020, 12:00"


def test_a_naive_time_is_taken_as_utc():
    local = to_local(datetime(2020, 1, 15, 11, 0))

    assert (local.hour, local.utcoffset().total_seconds()) == (12, 3600)


def test_names_sort_in_danish_alphabetical_order():
    names = ["Aarhus", "Ølsted", "Ærø", "Åby", "Viborg", "aalborg", "Bøgeskov", "Bådsted", "Bakkekær", "Égebjerg"]

    ordered = sorted(names, key=danish_sort_key)

    assert ordered == ["Bakkekær", "Bøgeskov", "Bådsted", "Égebjerg", "Viborg", "Ærø", "Ølsted",
                       "Åby", "aalborg", "Aarhus"]
