"""Resultater: the secretariat sees a round's ranking, the robustness report and the charts;
a juror sees nothing of them before the round's results are released."""

import pytest
from babel.numbers import format_decimal
from sqlalchemy import select

from prize.actor import Actor
from prize.db import session_scope
from prize.models import User
from prize.services.rounds import release_results
from prize.services.years import require_current_year
from tests.pages.conftest import as_read_table

PAGE = "pages/results.py"


def _open(open_app, username="sekretariat"):
    return open_app(username).switch_page(PAGE).run()


def _danish(value: float) -> str:
    return format_decimal(value, format="0.00", locale="da")


def test_the_secretariat_sees_the_screening_rounds_ranking_as_a_table(demo_in_shortlist, open_app, demo_facts):
    app = _open(open_app)

    assert len(app.exception) == 0
    table = as_read_table(app.table[0])
    ranking = demo_facts.screening_ranking()
    assert (list(table.columns[:4]), list(table["Kandidat"]), list(table["Score"])) == (
        ["Kandidat", "Score", "Gennemsnit", "Median"], [name for name, _ in ranking],
        [_danish(mean) for _, mean in ranking])


def test_the_page_has_the_table_its_download_the_report_and_the_three_charts(demo_in_shortlist, open_app):
    app = _open(open_app)

    assert len(app.exception) == 0
    assert ([header.value for header in app.header], [button.proto.label for button in app.get("download_button")],
            len(app.get("plotly_chart"))) == (
        ["Placering", "Hvor robust er udvælgelsen?", "Diagrammer"], ["Rangering (CSV)"], 3)


def test_another_method_ranks_by_its_own_score(demo_in_shortlist, open_app):
    app = _open(open_app)

    app = next(box for box in app.selectbox if box.label == "Metode").select("median").run()

    assert len(app.exception) == 0
    assert as_read_table(app.table[0])["Score"].iloc[0] == "4,71"


def test_a_juror_sees_a_notice_and_nothing_of_the_results_before_release(demo_in_shortlist, open_app, screen):
    app = _open(open_app, "jury1")

    assert len(app.exception) == 0
    assert (screen.values(app.info), len(app.table), len(app.get("plotly_chart"))) == (
        ["Resultaterne af «Første runde» vises, når sekretariatet har frigivet dem."], 0, 0)


def test_a_juror_sees_the_results_and_the_heatmap_once_released(demo_in_shortlist, open_app, demo_facts):
    with session_scope(demo_in_shortlist) as session:
        secretariat = Actor.of(session.scalars(select(User).where(User.username == "sekretariat")).one())
        release_results(session, actor=secretariat, year_id=require_current_year(session).id)

    app = _open(open_app, "jury1")

    assert len(app.exception) == 0
    assert (list(as_read_table(app.table[0])["Kandidat"]), len(app.get("plotly_chart"))) == (
        [name for name, _ in demo_facts.screening_ranking()], 3)


@pytest.mark.parametrize("username", ["lag.randers", "ildsjael"])
def test_the_page_is_not_for_nominators_or_villages(demo_site, open_app, screen, username):
    app = screen.request_url_path(open_app(username), "results")

    assert (len(app.exception), len(app.table)) == (0, 0)
