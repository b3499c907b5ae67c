"""The finalists' presentations to the jury: the schedule and the jury's shared notes."""

from datetime import UTC, datetime

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import func, select

from prize.errors import ConflictOfInterest, InvalidInput, OutOfPhase
from prize.i18n import TIMEZONE
from prize.models import AuditEntry, Presentation
from prize.phases import NominationStatus, Phase
from prize.roles import Role
from prize.services.presentations import presentation_schedule, schedule_presentation, write_presentation_notes
from prize.services.years import YearInfo
from tests.factories import actor_of, make_body, make_conflict, make_final_year, make_nomination, make_user

MARCH_10_AT_14 = datetime(2023, 3, 10, 14, 0, tzinfo=TIMEZONE)
MARCH_9_AT_10 = datetime(2023, 3, 9, 10, 0, tzinfo=TIMEZONE)


@pytest.fixture
def secretariat(session):
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat"))


@pytest.fixture
def juror(session):
    return make_user(session, role=Role.JUROR, username="jury1", name="Henrik Aagaard Lund")


def _stored(session) -> list[tuple]:
    return [tuple(row) for row in session.execute(
        select(Presentation.nomination_id, Presentation.starts_at, Presentation.place, Presentation.online_url,
               Presentation.notes, Presentation.notes_version).order_by(Presentation.nomination_id))]


def _audit_count(session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "presentation"))


def test_the_schedule_lists_scheduled_finalists_by_time_then_the_others_in_shortlist_order(session, secretariat):
    year, finalists = make_final_year(session)
    schedule_presentation(session, actor=secretariat, year_id=year.id, nomination_id=finalists["Asferg"].id,
                          starts_at=MARCH_9_AT_10, place="Asferg Forsamlingshus")
    schedule_presentation(session, actor=secretariat, year_id=year.id, nomination_id=finalists["Skjød"].id,
                          starts_at=MARCH_10_AT_14, online_url="https://meet.example.dk/skjod")

    schedule = presentation_schedule(session, actor=secretariat, year=YearInfo.of(year))

    assert_frame_equal(schedule[["candidate", "municipality", "starts_at", "place", "online_url"]], pd.DataFrame({
        "candidate": ["Asferg", "Skjød", "Løvel"], "municipality": ["Randers", "Favrskov", "Viborg"],
        "starts_at": [MARCH_9_AT_10.astimezone(UTC), MARCH_10_AT_14.astimezone(UTC), None],
        "place": ["Asferg Forsamlingshus", "", ""], "online_url": ["", "https://meet.example.dk/skjod", ""]}),
        check_dtype=False)


def test_scheduling_a_presentation_stores_it_in_utc_and_is_audited(session, secretariat):
    year, finalists = make_final_year(session)
    lovel = finalists["Løvel"].id

    schedule_presentation(session, actor=secretariat, year_id=year.id, nomination_id=lovel,
                          starts_at=MARCH_10_AT_14, place="Løvel Forsamlingshus")

    entry = session.execute(select(AuditEntry.action, AuditEntry.old_value, AuditEntry.new_value)
                            .where(AuditEntry.entity == "presentation")).one()
    assert (_stored(session), tuple(entry)) == (
        [(lovel, datetime(2023, 3, 10, 13, 0, tzinfo=UTC), "Løvel Forsamlingshus", "", "", 0)],
        ("presentation.scheduled", None, '{"online_url": "", "place": "Løvel Forsamlingshus", '
                                         '"starts_at": "2023-03-10 14:00:00+01:00"}'))


@pytest.mark.parametrize(("changes", "message"), [
    ({"online_url": "http://meet.example.dk/x"},
     "Linket til online-mødet skal begynde med https:// («http://meet.example.dk/x» kan ikke bruges)."),
    ({"online_url": "javascript:alert(1)"},
     "Feltet «Link til online-møde (https)» skal være en fuld webadresse, der begynder med https:// eller http:// "
     "(fx https://www.landsby.dk). «javascript:alert(1)» kan ikke bruges."),
    ({"place": ""}, "Angiv et sted eller et link til et online-møde."),
    ({"starts_at": None}, "Feltet «Dato og klokkeslæt» skal udfyldes."),
], ids=["http", "javascript", "nowhere", "no-time"])
def test_a_presentation_without_a_safe_link_a_place_or_a_time_is_refused_and_nothing_stored(
        session, secretariat, changes, message):
    year, finalists = make_final_year(session)
    arguments = {"starts_at": MARCH_10_AT_14, "place": "Løvel Forsamlingshus", "online_url": ""} | changes

    with pytest.raises(InvalidInput) as refused:
        schedule_presentation(session, actor=secretariat, year_id=year.id, nomination_id=finalists["Løvel"].id,
                              **arguments)

    assert (refused.value.message("da", plain=True), _stored(session), _audit_count(session)) == (message, [], 0)


def test_a_candidate_who_is_not_a_finalist_gets_no_presentation(session, secretariat):
    year, _ = make_final_year(session)
    other = make_nomination(session, year=year, body=make_body(session), name="Ulvedal",
                            status=NominationStatus.ELIGIBLE)

    with pytest.raises(InvalidInput) as refused:
        schedule_presentation(session, actor=secretariat, year_id=year.id, nomination_id=other.id,
                              starts_at=MARCH_10_AT_14, place="Ulvedal")

    assert (refused.value.message("da"), _stored(session)) == ("Kandidaten er ikke finalist i år.", [])


def test_presentations_are_scheduled_only_in_the_final_round(session, secretariat):
    year, finalists = make_final_year(session, phase=Phase.RECOMMENDATION)

    with pytest.raises(OutOfPhase):
        schedule_presentation(session, actor=secretariat, year_id=year.id, nomination_id=finalists["Løvel"].id,
                              starts_at=MARCH_10_AT_14, place="Løvel")

    assert _stored(session) == []


def test_a_juror_writes_the_shared_notes_and_the_secretariat_reads_them(session, secretariat, juror):
    year, finalists = make_final_year(session)

    version = write_presentation_notes(session, actor=actor_of(juror), year_id=year.id,
                                       nomination_id=finalists["Skjød"].id, notes="Stærk plan for naturen.",
                                       expected_version=0)

    schedule = presentation_schedule(session, actor=secretariat, year=YearInfo.of(year))
    assert (version, list(schedule["notes"]), _audit_count(session)) == (1, ["", "Stærk plan for naturen.", ""], 1)


def test_notes_saved_from_an_older_version_are_refused_so_nobody_overwrites_unseen(session, secretariat, juror):
    year, finalists = make_final_year(session)
    skjod = finalists["Skjød"].id
    write_presentation_notes(session, actor=secretariat, year_id=year.id, nomination_id=skjod, notes="Første note.",
                             expected_version=0)

    with pytest.raises(InvalidInput) as refused:
        write_presentation_notes(session, actor=actor_of(juror), year_id=year.id, nomination_id=skjod,
                                 notes="Min note.", expected_version=0)

    assert (refused.value.key, [row[4] for row in _stored(session)]) == (
        "presentations.error.stale_notes", ["Første note."])


def test_a_conflicted_juror_neither_writes_nor_sees_the_notes_of_that_finalist(session, secretariat, juror):
    year, finalists = make_final_year(session)
    skjod = finalists["Skjød"].id
    make_conflict(session, juror=juror, nomination=finalists["Skjød"])
    write_presentation_notes(session, actor=secretariat, year_id=year.id, nomination_id=skjod, notes="Fortroligt.",
                             expected_version=0)

    with pytest.raises(ConflictOfInterest):
        write_presentation_notes(session, actor=actor_of(juror), year_id=year.id, nomination_id=skjod,
                                 notes="Min note.", expected_version=1)

    schedule = presentation_schedule(session, actor=actor_of(juror), year=YearInfo.of(year))
    assert (list(schedule["notes"]), list(schedule["conflicted"])) == (["", "", ""], [False, True, False])
