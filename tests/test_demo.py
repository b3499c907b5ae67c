import hashlib
import re
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import PrizeError
from prize.models import (Attachment, Base, Conflict, Criterion, Municipality, NominatingBody, Nomination,
                          NominationAnswer, PrizeYear, ScoreSheet, ScoringRound, SdgGoal, User)
from prize.phases import NominationStatus, Phase
from prize.questions import GUIDING_QUESTIONS
from prize.roles import Role
from prize.services.demo import DemoSummary, database_is_empty, load_demo_year
from prize.services.review import nominations_review
from prize.storage import LocalStorage, StoredFile
from tests.factories import TEST_BCRYPT_ROUNDS, make_reference, make_user


@pytest.fixture
def storage(storage_dir) -> LocalStorage:
    return LocalStorage(storage_dir)


def _stored_files(storage: LocalStorage) -> list[str]:
    return sorted(path.name for path in storage.root.rglob("*") if path.is_file())


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _row_counts(session) -> dict[str, int]:
    return {table.name: session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables}


def test_the_demo_year_loads_into_an_empty_database(session, storage):
    summary = load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=storage)

    assert summary == DemoSummary(year=2020, nominations=13, users=9, sheets=22, attachments=17)


def test_the_demo_brings_its_candidates_users_bodies_and_reference_data(session, storage):
    load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=storage)

    counts = {model.__name__: _count(session, model)
              for model in (Nomination, User, NominatingBody, Municipality, SdgGoal, Criterion, Conflict,
                            ScoreSheet, ScoringRound, NominationAnswer, Attachment)}
    assert counts == {"Nomination": 13, "User": 9, "NominatingBody": 11, "Municipality": 19, "SdgGoal": 17,
                      "Criterion": 7, "Conflict": 2, "ScoreSheet": 22, "ScoringRound": 1, "NominationAnswer": 78,
                      "Attachment": 17}


def test_the_demo_has_one_user_of_each_office_and_five_jurors(session, storage):
    load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=storage)

    roles = dict(session.execute(select(User.role, func.count()).group_by(User.role)).tuples().all())
    assert roles == {Role.SECRETARIAT: 1, Role.NOMINATOR: 2, Role.VILLAGE: 1, Role.JUROR: 5}


def test_the_demo_year_is_in_screening_with_danish_deadlines(session, storage):
    load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=storage)

    year = session.scalars(select(PrizeYear)).one()
    assert (year.phase, year.is_demo, year.nomination_deadline, year.decision_date) == (
        Phase.SCREENING, True, datetime(2020, 1, 15, 11, 0, tzinfo=UTC), date(2020, 3, 25))


def test_the_demo_refuses_a_database_that_has_data_and_changes_nothing(session, storage):
    make_reference(session)
    make_user(session, role=Role.SECRETARIAT, username="sekretariat")
    before = _row_counts(session)

    with pytest.raises(PrizeError) as refused:
        load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=storage)

    assert (refused.value.message("da"), _row_counts(session), _stored_files(storage)) == (
        "Databasen er ikke tom; demoåret indlæses kun i en tom database.", before, [])


def test_the_demo_loads_only_once(demo_engine, storage_dir):
    with Session(demo_engine) as session:
        with pytest.raises(PrizeError) as refused:
            load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=LocalStorage(storage_dir))

        assert (refused.value.key, _count(session, Nomination)) == ("errors.demo_data_present", 13)


def test_reference_data_alone_leaves_the_database_empty_for_the_demo(session):
    make_reference(session)

    assert database_is_empty(session) is True


def test_a_user_makes_the_database_non_empty(session):
    make_user(session, role=Role.JUROR)

    assert database_is_empty(session) is False


# --- The demo's material --------------------------------------------------------------------

def test_every_demo_candidate_answers_every_guiding_question_in_a_few_sentences(session, storage):
    load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=storage)

    answers = session.execute(select(Nomination.name, NominationAnswer.question, NominationAnswer.text)
                              .join(NominationAnswer, NominationAnswer.nomination_id == Nomination.id)).all()
    questions = {name: sorted(question for other, question, _ in answers if other == name) for name, _, _ in answers}
    sentences = {len(re.findall(r"[.!?](?:\s|$)", text)) for _, _, text in answers}
    assert (len(questions), set(map(tuple, questions.values())), sentences <= {2, 3, 4}) == (
        13, {tuple(sorted(question.value for question in GUIDING_QUESTIONS))}, True)


def test_every_demo_link_is_https(session, storage):
    load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=storage)

    links = [url for row in session.execute(select(Nomination.website_url, Nomination.video_url)) for url in row
             if url]
    assert ({urlsplit(url).scheme for url in links}, len(links)) == ({"https"}, 13 + 5)


def test_every_demo_candidate_has_a_summary_pdf_and_four_have_a_picture(session, storage):
    load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=storage)

    rows = session.execute(select(Nomination.name, Attachment.filename, Attachment.content_type)
                           .join(Attachment, Attachment.nomination_id == Nomination.id)).all()
    pdfs = sorted(name for name, filename, kind in rows if kind == "application/pdf"
                  and filename == f"Ansøgning {name}.pdf")
    pictures = sorted((name, filename) for name, filename, kind in rows if kind == "image/png")
    assert (len(pdfs), len(set(pdfs)), pictures) == (13, 13, [
        ("Bådsted", "Forsamlingshuset.png"), ("Gyvelund", "Heden ved hedesøen.png"),
        ("Kvolsbæk", "Havnebadet.png"), ("Stenhøj Vestermark", "Varmeværket og solfangerne.png")])


def test_each_demo_attachment_row_names_a_stored_file_of_its_size_and_checksum(session, storage):
    load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=storage)

    rows = session.execute(select(Attachment.storage_key, Attachment.size_bytes, Attachment.sha256,
                                  Attachment.content_type)).all()
    stored = []
    for key, size, sha256, kind in rows:
        with storage.open(key) as file:
            content = file.read()
        stored.append((StoredFile(key, len(content), hashlib.sha256(content).hexdigest()),
                       content[:4] == {"application/pdf": b"%PDF", "image/png": b"\x89PNG"}[kind]))
    assert stored == [(StoredFile(key, size, sha256), True) for key, size, sha256, _ in rows]
    assert _stored_files(storage) == sorted(key for key, *_ in rows)


def test_the_demos_candidates_are_eligible_and_pass_every_pre_check(session, storage):
    load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=storage)
    year = session.scalars(select(PrizeYear)).one()

    frame = nominations_review(session, actor=Actor.command_line(), year_id=year.id, quarantine_years=5)

    assert (set(frame["status"]), set(frame["complete"]), set(frame["precheck"]), frame["unanswered"].tolist()) == (
        {NominationStatus.ELIGIBLE}, {True}, {()}, [()] * 13)


class _FailingStorage(LocalStorage):
    """Local storage whose third file fails to store."""

    def __init__(self, root) -> None:
        super().__init__(root)
        self.puts = 0

    def put(self, stream, *, max_bytes=None):
        self.puts += 1
        if self.puts == 3:
            raise OSError("disken er fuld")
        return super().put(stream, max_bytes=max_bytes)


def test_a_file_that_fails_to_store_takes_the_files_stored_before_it_away(session, storage_dir):
    storage = _FailingStorage(storage_dir)

    with pytest.raises(OSError):
        load_demo_year(session, bcrypt_rounds=TEST_BCRYPT_ROUNDS, storage=storage)

    assert (storage.puts, _stored_files(storage)) == (3, [])
