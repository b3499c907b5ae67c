"""Bedømmelse: a juror sees the round's candidates with their own progress only."""

import re
from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import select, update

from prize.actor import Actor
from prize.db import session_scope
from prize.file_links import verify
from prize.i18n import format_moment
from prize.models import Criterion, Nomination, Score, ScoreSheet, ScoringRound, User
from prize.phases import Independence, NominationStatus, RoundKind
from prize.queries.years import scoring_round, year_by_number
from prize.services.scoring import record_score
from prize.services.users import log_out, set_active
from tests.pages.conftest import TEST_COOKIE_KEY, as_read_table
from ui.registry import PUBLIC_PAGES, pages_for

JURORS = ["jury1", "jury2", "jury3", "jury4"]  # all submitted, with a conflict, one in progress, none started
COLUMNS = ["Din status", "Kandidat", "Kommune", "Type", "Kriterier bedømt", "Indsendt"]


@pytest.mark.parametrize("juror", JURORS)
def test_the_progress_line_counts_submitted_sheets_and_conflicts_as_done(demo_site, open_app, demo_facts, juror):
    app = open_app(juror)
    conflicts = len(demo_facts.conflicts_of(juror))
    done, total = demo_facts.submitted_count(juror) + conflicts, len(demo_facts.candidate_names())

    assert len(app.exception) == 0
    assert [bar.text for bar in app.get("progress")] == [f"{done} af {total} bedømt"]


# A name in the table is a link to the page with the candidate open.
LINK = re.compile(r"\[(?P<name>[^\]]+)\]\(\?kandidat=(?P<id>[0-9]+)\)")


def _names(column: pd.Series) -> list[str]:
    return [LINK.fullmatch(cell)["name"] for cell in column]


def _ids(engine) -> dict[str, int]:
    with session_scope(engine) as session:
        return dict(session.execute(select(Nomination.name, Nomination.id)).all())


@pytest.mark.parametrize("juror", JURORS)
def test_every_candidate_is_listed_with_the_jurors_own_status(demo_site, open_app, demo_facts, juror):
    app = open_app(juror)

    assert len(app.exception) == 0
    table = as_read_table(app.table[0])
    assert (list(table.columns), dict(zip(_names(table["Kandidat"]), table["Din status"], strict=True))) == (
        COLUMNS, {name: demo_facts.sheet_state(juror, name) for name in demo_facts.candidate_names()})


def test_each_name_in_the_table_is_a_link_that_opens_its_candidate(demo_site, open_app, demo_facts):
    ids = _ids(demo_site)

    app = open_app("jury1")

    assert (len(app.exception), as_read_table(app.table[0])["Kandidat"].tolist(), app.table[0].value.iloc[2, 1]) == (
        0, [f"[{name}](?kandidat={ids[name]})" for name in demo_facts.candidate_names()],
        f"[Egehoved\\-klyngen](?kandidat={ids['Egehoved-klyngen']})")


@pytest.mark.parametrize("juror", JURORS)
def test_the_criteria_column_counts_only_the_jurors_own_scores(demo_site, open_app, demo_facts, juror):
    app = open_app(juror)

    assert len(app.exception) == 0
    table = as_read_table(app.table[0])
    assert dict(zip(_names(table["Kandidat"]), table["Kriterier bedømt"], strict=True)) == {
        name: f"{demo_facts.criteria_scored(juror, name)}/7" for name in demo_facts.candidate_names()}


def test_a_juror_who_has_not_started_sees_nothing_of_the_others_progress(demo_site, open_app, demo_facts):
    app = open_app("jury4")

    assert len(app.exception) == 0
    table = as_read_table(app.table[0])
    assert (set(table["Din status"]), set(table["Kriterier bedømt"]), set(table["Indsendt"])) == (
        {"Ikke påbegyndt"}, {"0/7"}, {"-"})


def test_the_page_names_the_round_and_its_deadline(demo_site, open_app, screen):
    app = open_app("jury1")

    assert len(app.exception) == 0
    assert screen.values(app.main.caption) == [
        "Landsbyprisen 2020 (demo) · Første runde · frist: 14. februar 2020 kl. 16:00",
        "Kandidater, hvor du har erklæret inhabilitet, tæller som færdige: 1 af dem.",
        "Et navn i tabellen åbner kandidaten i en ny fane. Du kan også vælge kandidaten i feltet herunder.",
        "Du ser kun dine egne bedømmelser. De andre jurymedlemmers point og kommentarer vises først, når "
        "sekretariatet frigiver rundens resultater, eller, hvis runden er sat op sådan, når du har indsendt din "
        "egen bedømmelse af kandidaten."]


def test_opening_a_candidate_shows_its_texts_beside_the_sheet(demo_site, open_app, demo_facts):
    app = open_app("jury4")
    name = demo_facts.candidate_names()[0]

    app = next(box for box in app.selectbox if box.label == "Åbn en kandidat").select_index(0).run()

    assert len(app.exception) == 0
    assert ([header.value for header in app.header], [header.value for header in app.subheader], len(app.radio)) == (
        [name], ["Kort beskrivelse", "Svar på de vejledende spørgsmål", "Links", "Inhabilitet", "Materiale",
                 "Dit bedømmelsesark"], 7)


def test_a_score_chosen_on_the_sheet_is_saved_and_the_weighted_mean_follows(demo_site, open_app, demo_facts):
    app = open_app("jury4")
    app = next(box for box in app.selectbox if box.label == "Åbn en kandidat").select_index(0).run()

    app = app.radio[0].set_value(4).run()

    assert len(app.exception) == 0
    assert ([radio.value for radio in app.radio], [metric.value for metric in app.metric]) == (
        [4, None, None, None, None, None, None], ["4"])


def test_next_candidate_moves_on_without_the_list(demo_site, open_app, demo_facts):
    app = open_app("jury4")
    names = demo_facts.candidate_names()
    app = next(box for box in app.selectbox if box.label == "Åbn en kandidat").select_index(0).run()

    app = next(button for button in app.button if button.label == "Næste kandidat").click().run()

    assert [header.value for header in app.header] == [names[1]]


def _picked(app) -> int | None:
    return next(box for box in app.selectbox if box.label == "Åbn en kandidat").value


def test_the_address_opens_the_candidate_it_names(demo_site, open_app):
    kvolsbaek = _ids(demo_site)["Kvolsbæk"]

    app = open_app("jury4", query={"kandidat": str(kvolsbaek)})

    assert (len(app.exception), [header.value for header in app.header], _picked(app), dict(app.query_params)) == (
        0, ["Kvolsbæk"], kvolsbaek, {"kandidat": str(kvolsbaek)})


def test_a_candidate_opened_by_the_box_or_next_candidate_is_put_in_the_address(demo_site, open_app, demo_facts):
    names, ids = demo_facts.candidate_names(), _ids(demo_site)
    app = open_app("jury4", query={"kandidat": str(ids[names[0]])})

    app = _open(app, names[3])
    picked = dict(app.query_params)
    app = next(button for button in app.button if button.label == "Næste kandidat").click().run()

    assert (len(app.exception), picked, dict(app.query_params), [header.value for header in app.header]) == (
        0, {"kandidat": str(ids[names[3]])}, {"kandidat": str(ids[names[4]])}, [names[4]])


@pytest.mark.parametrize("asked", ["ineligible", "unknown", "0", "-1", "1e3", "\u0663", " 3", "3 OR 1=1", ""])
def test_an_address_naming_no_candidate_of_the_jurors_round_is_ignored(demo_site, open_app, change_database, asked):
    with change_database() as session:  # Kvolsbæk leaves the competition
        kvolsbaek = session.scalars(select(Nomination).where(Nomination.name == "Kvolsbæk")).one()
        kvolsbaek.status = NominationStatus.INELIGIBLE
        shown = {"ineligible": str(kvolsbaek.id), "unknown": "99999"}.get(asked, asked)

    app = open_app("jury4", query={"kandidat": shown})

    assert (len(app.exception), len(app.error), [header.value for header in app.header], _picked(app),
            len(as_read_table(app.table[0])), dict(app.query_params)) == (0, 0, [], None, 12, {})


SECRET = "Hemmelig-jury1-kommentar"
SECRET = "Hemmelig-jury1-kommentar"


def test_no_juror_page_shows_another_jurors_score_or_comment_before_release(demo_site, open_app, screen):
    with session_scope(demo_site) as session:
        session.execute(update(Score).values(comment=SECRET))
        session.execute(update(ScoreSheet).values(comment=SECRET))
    app = open_app("jury4")
    pages = [screen.text(app)]
    picker = next(box for box in app.selectbox if box.label == "Åbn en kandidat")
    for index in range(len(picker.options)):
        app = next(box for box in app.selectbox if box.label == "Åbn en kandidat").select_index(index).run()
        pages.append(screen.text(app))

    assert (len(app.exception), [SECRET in text for text in pages], [len(app.dataframe) + len(app.table)]) == (
        0, [False] * 14, [1])


# Every page in a juror's menu (the public ones included) with its title: each one is drawn.
TITLES = {"pages/scoring.py": "Bedømmelse", "pages/results.py": "Resultater",
          "pages/presentations.py": "Præsentationer", "pages/archive.py": "Arkiv", "pages/profile.py": "Min profil",
          "pages/finalister.py": "Landsbyprisens finalister", "pages/privacy.py": "Privatlivspolitik",
          "pages/accessibility.py": "Tilgængelighedserklæring"}


def test_no_page_a_juror_can_open_shows_another_jurors_comment_before_release(demo_site, open_app, screen):
    with session_scope(demo_site) as session:
        session.execute(update(Score).values(comment=SECRET))
        session.execute(update(ScoreSheet).values(comment=SECRET))
        juror = Actor.of(session.scalars(select(User).where(User.username == "jury4")).one())
    paths = [page.path for page in pages_for(juror)] + [page.path for page in PUBLIC_PAGES]
    app = open_app("jury4")

    shown = {}
    for path in paths:
        app = app.switch_page(path).run()
        shown[path] = (len(app.exception), screen.values(app.title), SECRET in screen.text(app))

    assert shown == {path: (0, [TITLES[path]], False) for path in paths}


def _open(app, name: str):
    picker = next(box for box in app.selectbox if box.label == "Åbn en kandidat")
    return picker.select_index(picker.options.index(name)).run()


def test_the_overview_gives_the_rounds_deadline_with_the_time_left(demo_site, open_app, screen, change_database):
    deadline = datetime.now(UTC) + timedelta(days=3, hours=2, minutes=30)  # "3 dage og 2 timer" for half an hour
    with change_database() as session:
        year_by_number(session, 2020).screening_deadline = deadline

    app = open_app("jury4")

    assert (len(app.exception), screen.values(app.info)) == (
        0, [f"Frist: {format_moment(deadline)} (3 dage og 2 timer tilbage)"])


def test_a_passed_deadline_is_named_as_passed(demo_site, open_app, screen):
    app = open_app("jury4")

    assert (len(app.exception), screen.values(app.info)) == (0, ["Frist: 14. februar 2020 kl. 16:00 (overskredet)"])


def test_a_candidate_with_a_conflict_opens_to_the_notice_without_texts_or_sheet(demo_site, open_app, screen,
                                                                                demo_facts):
    app = _open(open_app("jury1"), demo_facts.conflicts_of("jury1")[0])

    assert (len(app.exception), screen.values(app.info), [header.value for header in app.header], len(app.radio),
            len(app.text_area)) == (
        0, ["Frist: 14. februar 2020 kl. 16:00 (overskredet)",
            "Du har erklæret inhabilitet for denne kandidat. Du kan ikke se eller bedømme den."], [], 0, 0)


def test_a_score_from_an_older_tab_is_refused_with_the_stored_value_and_the_sheet_shows_it(demo_site, open_app,
                                                                                          screen, demo_facts,
                                                                                          change_database):
    name = demo_facts.candidate_names()[0]
    app = _open(open_app("jury4"), name)
    with change_database() as session:  # the juror's other tab saves 2 first
        juror = Actor.of(session.scalars(select(User).where(User.username == "jury4")).one())
        nomination = session.scalars(select(Nomination).where(Nomination.name == name)).one()
        first = session.scalars(select(Criterion).where(Criterion.year_id == nomination.year_id,
                                                        Criterion.position == 1)).one()
        record_score(session, actor=juror, round_id=scoring_round(session, year_id=nomination.year_id,
                                                                  kind=RoundKind.SCREENING).id,
                     nomination_id=nomination.id, criterion_id=first.id, value=2, expected_version=0)

    app = app.radio[0].set_value(4).run()

    with session_scope(demo_site) as session:
        stored = session.scalars(select(Score.value).join(ScoreSheet, ScoreSheet.id == Score.sheet_id).join(
            User, User.id == ScoreSheet.juror_id).where(User.username == "jury4")).all()
    assert (len(app.exception), screen.values(app.error), [radio.value for radio in app.radio], stored) == (
        0, ["«Et attraktivt og gennemtænkt fysisk miljø» er ændret i et andet vindue, siden du åbnede kandidaten. "
            "Den gemte værdi er 2. Din ændring er ikke gemt; arket viser nu det gemte."],
        [2, None, None, None, None, None, None], [2])


def test_the_candidates_texts_picture_and_document_are_shown_beside_the_sheet(demo_site, open_app, screen):
    app = _open(open_app("jury4"), "Stenhøj Vestermark")
    texts, sheet = app.main.columns[0], app.main.columns[-1]
    now = datetime.now(UTC)

    pictures = [verify(url.removeprefix("http://localhost/files/"), cookie_key=TEST_COOKIE_KEY, now=now).download_name
                for image in texts.get("image") for url in image.value]
    documents = [text.split("](")[0] for text in screen.values(texts.markdown) if "/files/" in text]
    assert (len(app.exception), [header.value for header in texts.header], pictures, documents, len(texts.radio),
            len(sheet.radio)) == (
        0, ["Stenhøj Vestermark"], ["Varmeværket og solfangerne.png"],
        [":material/description: [Åbn «Ansøgning Stenhøj Vestermark.pdf»"], 0, 7)


def _others_comment_secret(engine, *, independence: Independence) -> None:
    """Every score and sheet of jurors other than jury1 carries ``SECRET`` as its comment."""
    with session_scope(engine) as session:
        others = select(ScoreSheet.id).join(User, User.id == ScoreSheet.juror_id).where(User.username != "jury1")
        session.execute(update(Score).where(Score.sheet_id.in_(others)).values(comment=SECRET))
        session.execute(update(ScoreSheet).where(ScoreSheet.id.in_(others)).values(comment=SECRET))
        session.execute(update(ScoringRound).values(independence=independence))


@pytest.mark.parametrize(("independence", "shown"), [(Independence.UNTIL_RELEASE, False),
                                                     (Independence.AFTER_OWN_SHEET, True)])
def test_after_submitting_a_juror_sees_the_others_scores_only_when_the_round_allows(demo_site, open_app, screen,
                                                                                    independence, shown):
    _others_comment_secret(demo_site, independence=independence)

    app = _open(open_app("jury1"), "Bakkekær")  # jury1 has submitted Bakkekær; jury2 too

    assert (len(app.exception), [header.value for header in app.subheader][-1:], SECRET in screen.text(app)) == (
        0, ["De andre jurymedlemmers bedømmelser" if shown else "Dit bedømmelsesark"], shown)


@pytest.mark.parametrize("ended_by", ["deactivation", "logout_elsewhere"])
def test_a_score_chosen_after_the_login_has_ended_elsewhere_is_not_stored(demo_site, open_app, change_database,
                                                                          screen, ended_by):
    app = open_app("jury4")
    app = next(box for box in app.selectbox if box.label == "Åbn en kandidat").select_index(0).run()
    with change_database() as session:
        juror = session.scalars(select(User).where(User.username == "jury4")).one()
        if ended_by == "deactivation":
            set_active(session, actor=Actor.command_line(), user_id=juror.id, active=False)
        else:
            log_out(session, actor=Actor.of(juror))

    app = app.radio[0].set_value(4).run()

    with session_scope(demo_site) as session:
        stored = session.scalars(select(Score.value).join(ScoreSheet, ScoreSheet.id == Score.sheet_id).join(
            User, User.id == ScoreSheet.juror_id).where(User.username == "jury4")).all()
    assert len(app.exception) == 0
    assert (stored, app.session_state["authentication_status"], screen.values(app.title)) == (
        [], None, ["Landsbyprisen"])


def _comment_sheet(engine, *, username: str, candidate: str, comment: str) -> None:
    with session_scope(engine) as session:
        session.execute(update(ScoreSheet).where(
            ScoreSheet.juror_id == select(User.id).where(User.username == username).scalar_subquery(),
            ScoreSheet.nomination_id == select(Nomination.id).where(Nomination.name == candidate).scalar_subquery(),
        ).values(comment=comment))


def test_after_submitting_a_juror_sees_each_others_score_and_comment_under_danish_headings(demo_site, open_app,
                                                                                          demo_facts):
    _others_comment_secret(demo_site, independence=Independence.AFTER_OWN_SHEET)
    with session_scope(demo_site) as session:
        titles = session.scalars(select(Criterion.title_da).order_by(Criterion.position)).all()

    app = _open(open_app("jury1"), "Lindådalens landsbyklynge")  # submitted by jury1, jury2 and jury3

    table = app.main.columns[-1].dataframe[0].value
    assert (len(app.exception), list(table.columns), table.to_dict("records")) == (
        0, ["Jurymedlem", "Kriterium", "Point", "Kommentar"],
        [{"Jurymedlem": name, "Kriterium": title, "Point": value, "Kommentar": SECRET}
         for name, juror in (("Birgitte Thorsen", "jury2"), ("Thomas Brix Nørgaard", "jury3"))
         for title, value in zip(titles, demo_facts.sheets_of(juror)["Lindådalens landsbyklynge"]["values"],
                                 strict=True)])


# Markdown that would draw a link, bold text and a heading, on three lines.
LINED_COMMENT = "Stærk kandidat.\n[Se mere](https://spor.example) og **fed**\n# Ikke en overskrift"


def test_after_submitting_a_juror_reads_the_others_overall_comments_as_written(demo_site, open_app, screen):
    _others_comment_secret(demo_site, independence=Independence.AFTER_OWN_SHEET)
    _comment_sheet(demo_site, username="jury2", candidate="Lindådalens landsbyklynge", comment=LINED_COMMENT)

    app = _open(open_app("jury1"), "Lindådalens landsbyklynge")  # submitted by jury1, jury2 and jury3

    shown = screen.raw_values(app.main.columns[-1].markdown)
    comments = shown[shown.index("#### Samlede kommentarer"):]
    assert (len(app.exception), comments, screen.values(app.main.columns[-1].markdown)[-4:]) == (
        0, ["#### Samlede kommentarer", "**Birgitte Thorsen**",
            "Stærk kandidat\\.  \n\\[Se mere\\]\\(https\\:\u2060\\/\\/spor\\.example\\) og \\*\\*fed\\*\\*  \n"
            "\\# Ikke en overskrift",
            "**Thomas Brix Nørgaard**", "Hemmelig\\-jury1\\-kommentar"],
        ["**Birgitte Thorsen**", "Stærk kandidat.  \n[Se mere](https://spor.example) og **fed**  \n"
                                 "# Ikke en overskrift", "**Thomas Brix Nørgaard**", SECRET])


def test_another_jurors_sheet_in_progress_is_not_shown_beside_the_submitted_ones(demo_site, open_app, screen):
    _others_comment_secret(demo_site, independence=Independence.AFTER_OWN_SHEET)

    app = _open(open_app("jury1"), "Sandkær Strand")  # submitted by jury1; jury3 has 4 of 7 scores in progress

    assert (len(app.exception), screen.values(app.main.columns[-1].caption)[-1:], len(app.dataframe),
            SECRET in screen.text(app)) == (0, ["Ingen andre har bedømt kandidaten endnu."], 0, False)
