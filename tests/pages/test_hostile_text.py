"""Stored text with Markdown, HTML, LaTeX, links, icons, line breaks and a bidi
override is shown literally on every page that shows stored text: as Markdown
source it is escaped, and as read it is the text itself."""

import re
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.models import (Attachment, CandidateVillage, Conflict, Criterion, NominatingBody, Nomination,
                          NominationAnswer, PrizeYear, ScaleAnchor, Score, ScoreSheet, User)
from prize.phases import Phase
from prize.services.years import missing_sheets, move_phase, require_current_year
from prize.text import Markup
from tests.pages import finals
from tests.pages.conftest import as_read
from ui.components.table import literal
from ui.registry import PUBLIC_PAGES, pages_for

HOSTILE = ("Spor ![spor](http://spor.example/x.png) <img src=spor> $spor$ www.spor.example "
           ":material/home: :smile: :red[rød]\n# Overskrift \u202eRTL")
# What a reader sees: the text itself, its line break folded, the bidi override replaced.
AS_READ = HOSTILE.replace("\n", " ").replace("\u202e", "\ufffd")
# Any of these in Markdown source would draw an image, a link, HTML, LaTeX, an icon,
# an emoji, colour, a heading or reversed text.
UNESCAPED = ["![spor]", "](http", "<img", "$spor$", "www.spor", "http://", ":material/home:", ":smile:",
             ":red[", "\n#", "\u202e"]

_MARKDOWN = ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success")
_LABELLED = ("button", "text_input", "text_area", "selectbox", "number_input", "checkbox", "radio",
             "multiselect", "toggle", "metric", "expander")

PAGES_OF = [("sekretariat", "overview"), ("sekretariat", "users"), ("sekretariat", "profile"),
            ("sekretariat", "nominations"), ("lag.randers", "my_nominations"), ("lag.randers", "profile"),
            ("ildsjael", "my_nominations"), ("jury1", "scoring"), ("jury1", "profile"), ("sekretariat", "jury"),
            ("sekretariat", "results"), ("sekretariat", "bodies"), ("sekretariat", "audit")]


@pytest.fixture
def hostile_site(demo_site, change_database):
    """The demo year with hostile text in every stored text a page shows: the year's
    title, people's names and e-mails, candidates, contacts and nominating bodies."""
    with change_database() as session:
        session.scalars(select(PrizeYear)).one().title = HOSTILE
        for user in session.scalars(select(User)):
            user.name, user.email = f"{HOSTILE} {user.username}", HOSTILE
        for nomination in session.scalars(select(Nomination)):
            nomination.name, nomination.contact_name = f"{HOSTILE} {nomination.id}", HOSTILE
        for body in session.scalars(select(NominatingBody)):
            body.name = f"{HOSTILE} {body.id}"
    return demo_site


_ESCAPED_CHARACTER = re.compile(r"\\[!-/:-@\[-`{-~]")
# The app's own signed link to a stored file: its target is made by the app, never typed.
_APP_FILE_LINK = re.compile(r"\]\(https?://[^/()\s]+/files/[A-Za-z0-9_.-]+\)")


def _unescaped(fragment: str, source: str) -> bool:
    """True when ``fragment`` stands in ``source`` with none of its characters escaped
    (the target of the app's own file links left out)."""
    return fragment in _ESCAPED_CHARACTER.sub("\x00", _APP_FILE_LINK.sub("]", source))


def _markdown_sources(app) -> list[str]:
    """Every text the page hands to Streamlit as Markdown: elements and widget labels."""
    sources = [element.value for kind in _MARKDOWN for element in getattr(app, kind)]
    sources += [element.label for kind in _LABELLED for element in getattr(app, kind)
                if getattr(element, "label", None)]
    return sources + [text for table in app.table for text in _table_texts(table.value)]


def _table_texts(frame) -> list[str]:
    """Every heading, index label and cell of an HTML table: ``st.table`` reads them all as Markdown."""
    values = [*frame.columns, *frame.index, *frame.to_numpy().ravel()]
    return [value for value in values if isinstance(value, str)]


@pytest.mark.parametrize(("username", "page"), PAGES_OF, ids=[f"{u}-{p}" for u, p in PAGES_OF])
def test_no_page_hands_stored_text_to_markdown_unescaped(hostile_site, open_app, screen, username, page):
    app = screen.request_url_path(open_app(username), page)

    sources = _markdown_sources(app)
    assert len(app.exception) == 0
    assert [(fragment, source) for source in sources for fragment in UNESCAPED if _unescaped(fragment, source)] == []
    assert any(AS_READ in as_read(source) for source in sources)


@pytest.mark.parametrize(("username", "page", "kind"), [
    ("sekretariat", "overview", "header"), ("jury1", "scoring", "caption"), ("lag.randers", "my_nominations", "caption"),
], ids=["overview-heading", "scoring-caption", "nominations-caption"])
def test_the_years_title_reads_as_typed(hostile_site, open_app, screen, username, page, kind):
    app = screen.request_url_path(open_app(username), page)

    assert as_read(getattr(app, kind)[0].value).startswith(AS_READ)


def test_the_check_finds_an_unescaped_fragment_and_passes_an_escaped_one():
    assert (_unescaped("<img", "a <img b"), _unescaped("<img", "a \\<img b")) == (True, False)


def test_the_sidebar_shows_the_users_name_as_typed(hostile_site, open_app, screen):
    app = open_app("jury1")

    assert screen.values(app.sidebar.markdown)[0] == f"**{AS_READ} jury1**  \nJurymedlem"


def test_every_html_table_is_handed_a_literal_frame():
    """``st.table`` reads its cells as Markdown; ``ui.components.table.literal`` escapes them."""
    calls = [(path.name, line.strip()) for folder in ("ui", "pages") for path in sorted(Path(folder).rglob("*.py"))
             for line in path.read_text(encoding="utf-8").splitlines() if "st.table(" in line]

    assert len(calls) == 7
    assert [call for call in calls if "st.table(literal(" not in call[1]] == []


def test_a_literal_table_keeps_the_apps_dates_and_dashes_from_becoming_lists():
    frame = pd.DataFrame({Markup("Indsendt"): [Markup("15. januar 2020 kl. 12:00"), Markup("-"), "4) a", None],
                          "Point": [1, 2, 3, 4]})

    shown = literal(frame)

    assert shown.to_dict("list") == {"Indsendt": ["15\\. januar 2020 kl. 12:00", "\\-", "4\\) a", None],
                                     "Point": [1, 2, 3, 4]}


# --- Every page, with the year sent to the council ------------------------------------------

_OTHER_TEXTS = [(Criterion, "title_da", 190), (Criterion, "description_da", 1000), (ScaleAnchor, "text_da", 190),
                (ScoreSheet, "comment", 1000), (Score, "comment", 100), (Conflict, "note", 100),
                (NominationAnswer, "text", 1000), (CandidateVillage, "name", 110), (Attachment, "filename", 100)]


@pytest.fixture
def hostile_year_at_the_council(hostile_site, change_database):
    """``hostile_site`` with hostile text in the other stored texts pages show too
    (criteria and their scale, comments, conflicts, answers, villages, file names),
    taken through the shortlist and the final round until the recommendation is with
    the council, so that every page has something to show."""
    with change_database() as session:
        for nomination in session.scalars(select(Nomination)):
            nomination.summary = nomination.eligibility_reason = nomination.reopen_reason = HOSTILE
        for row, column, length in _OTHER_TEXTS:
            for item in session.scalars(select(row)):
                setattr(item, column, HOSTILE[:length])
        secretariat, year = finals.secretariat_of(session), require_current_year(session)
        missing, _ = missing_sheets(session, year_id=year.id, phase=year.phase)
        move_phase(session, actor=secretariat, year_id=year.id, expected=Phase.SCREENING, target=Phase.SHORTLIST,
                   confirm_missing=missing)
    finalists = finals.confirm_shortlist(hostile_site)
    finals.send_recommendation(hostile_site, nomination_id=finalists[0][0])
    return hostile_site


def _pages_of(engine, username: str) -> list[str]:
    with Session(engine) as session:
        actor = Actor.of(session.scalars(select(User).where(User.username == username)).one())
    return [page.key for page in pages_for(actor)] + [page.key for page in PUBLIC_PAGES]


# The pages whose main area shows the hostile text (as Markdown, in a table or a label),
# so the sweep is known to have reached stored text on them.
SHOWING_STORED_TEXT = {
    "sekretariat": ["overview", "nominations", "jury", "results", "shortlist", "videos", "presentations",
                    "recommendation", "decision", "setup", "bodies", "users", "audit", "profile", "finalister"],
    "jury1": ["scoring", "results", "presentations", "profile", "finalister"],
    "lag.randers": ["my_nominations", "profile", "finalister"],
    "ildsjael": ["my_nominations", "profile", "finalister"],
}


@pytest.mark.parametrize("username", list(SHOWING_STORED_TEXT))
def test_no_page_of_any_role_hands_stored_text_to_markdown_unescaped(hostile_year_at_the_council, open_app, screen,
                                                                   username):
    offenders, reading = {}, []
    for page in _pages_of(hostile_year_at_the_council, username):
        app = screen.request_url_path(open_app(username), page)
        sources = _markdown_sources(app)
        found = [(fragment, source) for source in sources for fragment in UNESCAPED if _unescaped(fragment, source)]
        if found or len(app.exception):
            offenders[page] = ([error.value for error in app.exception], found)
        if any(AS_READ in as_read(source) for source in _markdown_sources(app.main)):
            reading.append(page)

    assert offenders == {}
    assert reading == SHOWING_STORED_TEXT[username]
