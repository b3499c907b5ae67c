"""``python -m prize retention``: a preview first, anonymising only with --apply, and a second run
that finds nothing left, run in-process against a SQLite file named by PRIZE_DATABASE_URL."""

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.cli import main
from prize.db import make_engine, session_scope
from prize.i18n import format_day
from prize.models import AuditEntry, Nomination, User
from prize.models.base import utcnow
from prize.phases import NominationStatus, Phase, RoundKind
from prize.queries.years import scoring_round
from prize.roles import Role
from prize.services.personal_data import years_before
from tests.factories import make_body, make_nomination, make_sheet, make_user, make_year

ARCHIVED = datetime(2016, 1, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def retention_url(tmp_path: Path, sqlite_template: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database with 2015, archived on 15 January 2016: Løvel's contact Anne and the
    deactivated juror Jens are due; and with 2020 in screening, whose contact is not."""
    path = tmp_path / "cli.db"
    shutil.copyfile(sqlite_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv("PRIZE_DATABASE_URL", url)
    monkeypatch.setenv("PRIZE_RETENTION_YEARS", "3")
    engine = make_engine(url)
    with session_scope(engine) as session:
        old = make_year(session, year=2015, phase=Phase.ARCHIVED)
        old.archived_at = ARCHIVED
        body = make_body(session)
        lovel = make_nomination(session, year=old, body=body, name="Løvel", status=NominationStatus.ELIGIBLE)
        juror = make_user(session, role=Role.JUROR, username="jury1", name="Jens Juul", active=False)
        make_sheet(session, round=scoring_round(session, year_id=old.id, kind=RoundKind.SCREENING), juror=juror,
                   nomination=lovel)
        make_nomination(session, year=make_year(session, year=2020, phase=Phase.SCREENING), body=body, name="Skjød")
    engine.dispose()
    return url


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def _state(url: str) -> tuple[list[tuple[str, str]], str, int]:
    """The nominations' contact names and e-mails, Jens's name, and the number of audit events."""
    engine = make_engine(url)
    with Session(engine) as session:
        contacts = session.execute(select(Nomination.contact_name, Nomination.contact_email)
                                   .order_by(Nomination.id)).tuples().all()
        juror = session.scalar(select(User.name).where(User.id == 1))
        events = session.scalar(select(func.count()).select_from(AuditEntry))
    engine.dispose()
    return contacts, juror, events


def test_the_retention_command_previews_and_changes_nothing(retention_url, capsys):
    before = _state(retention_url)

    code, out = _run(capsys, "retention")

    assert (code, out.splitlines()) == (0, [
        "Opbevaring: persondata i år arkiveret senest " + _cutoff() + " (3 år siden)",
        "  bruger: Jens Juul (jury1)",
        "  kontaktperson: Løvel (2015): Anne Marie Søndergaard",
        "Forhåndsvisning: intet er ændret. Kør med --apply for at anonymisere 1 bruger(e) og "
        "kontaktoplysningerne i 1 indstilling(er)."])
    assert _state(retention_url) == before


def test_the_retention_command_applies_once_and_a_second_run_says_nothing_is_left(retention_url, capsys):
    _, _, events_before = _state(retention_url)

    first = _run(capsys, "retention", "--apply")
    after_first = _state(retention_url)
    second = _run(capsys, "retention", "--apply")

    assert first == (0, "\n".join([
        "Opbevaring: persondata i år arkiveret senest " + _cutoff() + " (3 år siden)",
        "  bruger: Jens Juul (jury1)",
        "  kontaktperson: Løvel (2015): Anne Marie Søndergaard",
        "Anonymiseret: 1 bruger(e) og kontaktoplysningerne i 1 indstilling(er). Hver ændring står i loggen.", ""]))
    assert after_first == ([("Slettet kontaktperson", ""), ("Anne Marie Søndergaard", "anne@example.dk")],
                           "Slettet bruger 1", events_before + 2)
    assert second == (0, f"Intet at anonymisere: alle persondata i år arkiveret senest {_cutoff()} er allerede "
                         "anonymiseret.\n")
    assert _state(retention_url) == after_first


def _cutoff() -> str:
    """Today three years ago, as the command prints it ("2. december 2023")."""
    return str(format_day(years_before(utcnow(), 3)))
