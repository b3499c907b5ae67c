"""Revisionsspor: the secretariat reads the audit trail, filters it by user, object type,
candidate and days in Danish time, downloads it as CSV, and finds a candidate's own
history on the nominations page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from streamlit.runtime.media_file_manager import MediaFileManager

from prize.actor import Actor
from prize.models import Nomination, ScoreSheet, User
from prize.services.audit import record_change
from tests.pages.conftest import as_read_table

PAGE = "audit"
COLUMNS = ["Tidspunkt", "Bruger", "Handling", "Objekt", "Objekt-id", "Kandidat", "Før", "Efter"]


@dataclass(frozen=True)
class Arranged:
    """Three changes on three days, and the names and ids they concern."""

    candidate: str
    nomination_id: int
    sheet_id: int
    juror_id: int


def _record(session: Session, *, username: str, at: datetime, **change) -> None:
    user = session.scalars(select(User).where(User.username == username)).one()
    entry = record_change(session, actor=Actor.of(user), **change)
    entry.at = at
    session.flush()


@pytest.fixture
def arranged(demo_site, change_database) -> Arranged:
    with change_database() as session:
        juror = session.scalars(select(User).where(User.username == "jury1")).one()
        sheet = session.scalars(select(ScoreSheet).where(ScoreSheet.juror_id == juror.id)
                                .order_by(ScoreSheet.id)).first()
        candidate = session.get(Nomination, sheet.nomination_id)
        _record(session, username="sekretariat", at=datetime(2020, 1, 10, 10, 0, tzinfo=UTC),
                action="nomination.eligibility_marked", entity="nomination", entity_id=candidate.id,
                old="submitted", new={"status": "eligible", "reason": "Opfylder kriterierne"})
        _record(session, username="jury1", at=datetime(2020, 2, 3, 8, 15, 30, tzinfo=UTC),
                action="sheet.submitted", entity="score_sheet", entity_id=sheet.id,
                old={"submitted_at": None}, new={"submitted_at": "2020-02-03 08:15:30+00:00"})
        # Just after midnight on 5 February in Danish time, still 4 February in UTC.
        _record(session, username="sekretariat", at=datetime(2020, 2, 4, 23, 30, tzinfo=UTC),
                action="user.password_reset", entity="user", entity_id=juror.id)
        return Arranged(candidate=candidate.name, nomination_id=candidate.id, sheet_id=sheet.id,
                        juror_id=juror.id)


def _rows(arranged: Arranged) -> dict[str, list[str]]:
    return {
        "marked": ["10. januar 2020 kl. 11:00:00", "Mette Kjær Lauridsen (sekretariat)", "Kvalificering markeret",
                   "Indstilling", str(arranged.nomination_id), arranged.candidate, "submitted",
                   '{"reason": "Opfylder kriterierne", "status": "eligible"}'],
        "submitted": ["3. februar 2020 kl. 09:15:30", "Henrik Aagaard Lund (jury1)", "Ark indsendt", "Bedømmelsesark",
                      str(arranged.sheet_id), arranged.candidate, '{"submitted_at": null}',
                      '{"submitted_at": "2020-02-03 08:15:30+00:00"}'],
        "reset": ["5. februar 2020 kl. 00:30:00", "Mette Kjær Lauridsen (sekretariat)", "Ny engangsadgangskode",
                  "Bruger", str(arranged.juror_id), "", "", ""]}


def _table(app) -> list[list[str]]:
    frame = as_read_table(app.table[0])
    assert list(frame.columns) == COLUMNS
    return [[str(value) for value in row] for row in frame.itertuples(index=False)]


def _open(screen, open_app, username: str = "sekretariat"):
    return screen.request_url_path(open_app(username), PAGE)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list:
    """The callables the page hands its download buttons, to call as a click would."""
    made = []
    original = MediaFileManager.add_deferred

    def remember(self, data, *args, **kwargs):
        made.append(data)
        return original(self, data, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", remember)
    return made


def test_the_page_lists_every_change_newest_first(arranged, open_app, screen):
    app = _open(screen, open_app)

    rows = _table(app)
    expected = _rows(arranged)
    assert len(app.exception) == 0
    assert (rows[0][2:4], rows[1:]) == (["Demodata indlæst", "Prisår"],
                                        [expected["reset"], expected["submitted"], expected["marked"]])
    assert screen.values(app.markdown)[0] == "4 hændelser"


def test_filtering_by_user_shows_only_what_they_did(arranged, open_app, screen):
    app = _open(screen, open_app)

    app.selectbox(key="audit_filter_user").set_value(arranged.juror_id).run()

    assert _table(app) == [_rows(arranged)["submitted"]]


def test_the_user_filter_offers_the_people_who_changed_something(arranged, open_app, screen):
    app = _open(screen, open_app)

    select_box = app.selectbox(key="audit_filter_user")
    assert select_box.options == ["Alle", "Henrik Aagaard Lund", "Mette Kjær Lauridsen"]


def test_filtering_by_object_type_shows_only_that_kind(arranged, open_app, screen):
    app = _open(screen, open_app)

    app.selectbox(key="audit_filter_entity").set_value("score_sheet").run()

    assert (app.selectbox(key="audit_filter_entity").options, _table(app)) == (
        ["Alle", "Bedømmelsesark", "Bruger", "Indstilling", "Prisår"], [_rows(arranged)["submitted"]])


def test_filtering_by_candidate_shows_its_nomination_and_its_sheets(arranged, open_app, screen):
    app = _open(screen, open_app)

    app.selectbox(key="audit_filter_candidate").set_value(arranged.nomination_id).run()

    expected = _rows(arranged)
    assert _table(app) == [expected["submitted"], expected["marked"]]


def test_a_span_of_days_is_read_in_danish_time(arranged, open_app, screen):
    app = _open(screen, open_app)

    app.date_input(key="audit_filter_since").set_value(date(2020, 2, 5))
    app.date_input(key="audit_filter_until").set_value(date(2020, 2, 5)).run()

    assert _table(app) == [_rows(arranged)["reset"]]


def test_a_span_that_ends_before_it_begins_says_so_and_shows_nothing(arranged, open_app, screen):
    app = _open(screen, open_app)

    app.date_input(key="audit_filter_since").set_value(date(2020, 2, 5))
    app.date_input(key="audit_filter_until").set_value(date(2020, 2, 4)).run()

    assert (screen.values(app.warning), screen.values(app.info), len(app.dataframe)) == (
        ["«Fra dato» ligger efter «Til og med dato», så intet kan passe."], ["Ingen hændelser passer til filteret."],
        0)


def test_the_csv_download_holds_exactly_the_filtered_entries(arranged, open_app, screen, downloads):
    app = _open(screen, open_app)
    app.selectbox(key="audit_filter_candidate").set_value(arranged.nomination_id).run()

    content = downloads[-1]()

    button = app.get("download_button")[0]
    assert (button.proto.label, button.proto.ignore_rerun) == ("Hent som CSV", True)
    assert content.decode("utf-8") == (
        "\ufeffTidspunkt (dansk tid);Bruger;Handling;Handlingskode;Objekt;Objekt-id;Kandidat;Før;Efter\r\n"
        f"2020-02-03 09:15:30;Henrik Aagaard Lund (jury1);Ark indsendt;sheet.submitted;Bedømmelsesark;"
        f'{arranged.sheet_id};{arranged.candidate};"{{""submitted_at"": null}}";'
        '"{""submitted_at"": ""2020-02-03 08:15:30+00:00""}"\r\n'
        f"2020-01-10 11:00:00;Mette Kjær Lauridsen (sekretariat);Kvalificering markeret;"
        f"nomination.eligibility_marked;Indstilling;{arranged.nomination_id};{arranged.candidate};submitted;"
        '"{""reason"": ""Opfylder kriterierne"", ""status"": ""eligible""}"\r\n')


@pytest.mark.parametrize("username", ["lag.randers", "ildsjael", "jury1"])
def test_only_the_secretariat_may_read_the_trail(arranged, open_app, screen, username):
    app = _open(screen, open_app, username)

    assert (screen.values(app.error), len(app.dataframe)) == (["Din rolle giver ikke adgang til denne side."], 0)


def test_a_candidates_history_is_on_its_nominations_page(arranged, open_app, screen):
    app = screen.request_url_path(open_app("sekretariat"), "nominations")
    app.selectbox(key="review_choose").set_value(arranged.nomination_id).run()

    history = next(expander for expander in app.expander if expander.label == "Kandidatens historik (2 hændelser)")
    expected = _rows(arranged)
    assert len(app.exception) == 0
    assert [[str(value) for value in row] for row in as_read_table(history.table[0]).itertuples(index=False)] == [
        expected["submitted"], expected["marked"]]
