"""``python -m prize``, run in-process against a SQLite file named by PRIZE_DATABASE_URL."""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from prize.cli import main
from prize.db import make_engine, session_scope
from prize.migrate import is_current
from prize.errors import LoginRefused
from prize.i18n import danish_sort_key
from prize.models import Nomination, PrizeYear, User
from prize.phases import Phase
from prize.queries.users import user_by_username
from prize.roles import Role
from prize.services.auth import check_login
from prize.settings import PROJECT_ROOT, SECRETS_FILE, SETTINGS

@pytest.fixture
def cli_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """PRIZE_DATABASE_URL of a file that does not exist yet; stored files under the test's folder."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("PRIZE_DATABASE_URL", url)
    monkeypatch.setenv("PRIZE_STORAGE_DIR", str(tmp_path / "files"))
    return url


@pytest.fixture
def migrated_url(cli_url: str, sqlite_template: Path) -> str:
    """PRIZE_DATABASE_URL of a migrated database without data."""
    shutil.copyfile(sqlite_template, cli_url.removeprefix("sqlite:///"))
    return cli_url


@pytest.fixture
def demo_url(migrated_url: str, capsys: pytest.CaptureFixture) -> str:
    """PRIZE_DATABASE_URL of a database with the demo year."""
    assert main(["demo"]) == 0
    capsys.readouterr()
    return migrated_url


def _engine(url: str) -> Engine:
    return make_engine(url)


def _run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_time_password(output: str) -> str:
    return output.strip().rsplit(": ", 1)[1]


def _user(url: str, username: str):
    engine = _engine(url)
    with Session(engine, expire_on_commit=False) as session:
        user = user_by_username(session, username)
        session.expunge_all()
    engine.dispose()
    return user


def _login(url: str, username: str, password: str):
    engine = _engine(url)
    with Session(engine) as session:
        actor = check_login(session, username=username, password=password)
    engine.dispose()
    return actor


# --- init and demo ------------------------------------------------------------------------

def test_init_migrates_a_new_database_and_loads_the_reference_data(cli_url, capsys):
    result = _run(capsys, "init")

    engine = _engine(cli_url)
    assert (result, is_current(engine)) == ((0, "Databasen er opdateret; 36 referencerækker tilføjet.\n", ""), True)
    engine.dispose()


def test_init_twice_adds_nothing_the_second_time(cli_url, capsys):
    _run(capsys, "init")

    result = _run(capsys, "init")

    assert result == (0, "Databasen er opdateret; 0 referencerækker tilføjet.\n", "")


def test_demo_loads_the_demo_year(migrated_url, capsys):
    result = _run(capsys, "demo")

    assert result == (0, "Demoåret 2020 er indlæst: 13 indstillinger, 9 brugere, 22 bedømmelsesark, 17 bilag.\n", "")


def test_demo_if_empty_on_a_database_with_data_does_nothing_and_succeeds(demo_url, capsys):
    result = _run(capsys, "demo", "--if-empty")

    assert result == (0, "Databasen har allerede data; demoåret indlæses ikke.\n", "")


def test_demo_if_empty_on_an_empty_database_loads_the_demo(migrated_url, capsys):
    result = _run(capsys, "demo", "--if-empty")

    assert result == (0, "Demoåret 2020 er indlæst: 13 indstillinger, 9 brugere, 22 bedømmelsesark, 17 bilag.\n", "")


def test_demo_on_a_database_with_data_fails_with_a_danish_error(demo_url, capsys):
    result = _run(capsys, "demo")

    assert result == (1, "", "Fejl: Databasen er ikke tom; demoåret indlæses kun i en tom database.\n")


# --- year ---------------------------------------------------------------------------------

def test_year_create_makes_a_draft_year(migrated_url, capsys):
    result = _run(capsys, "year", "create", "2021", "--title", "Landsbyprisen 2021")

    engine = _engine(migrated_url)
    with Session(engine) as session:
        year = session.scalars(select(PrizeYear)).one()
        stored = (year.year, year.title, year.prize_amount, year.phase)
    engine.dispose()
    assert (result, stored) == ((0, "Prisåret 2021 er oprettet i fasen «Kladde».\n", ""),
                                (2021, "Landsbyprisen 2021", 150_000, Phase.DRAFT))


def test_year_create_refuses_a_year_that_exists(demo_url, capsys):
    result = _run(capsys, "year", "create", "2020", "--title", "Igen")

    assert result == (1, "", "Fejl: Prisåret 2020 findes allerede.\n")


# --- nominations --------------------------------------------------------------------------

def test_nominations_prints_the_years_list_as_csv_on_standard_output(demo_url, capsys):
    code, out, err = _run(capsys, "nominations", "--year", "2020")

    rows = list(csv.reader(io.StringIO(out), delimiter=";"))
    assert (code, err, out[0], len(rows), rows[0]) == (0, "", "K", 14, [
        "Kandidat", "Landsby(er)", "Type", "Kommune", "Indstillet af", "Kontaktperson", "Status", "Indsendt",
        "Komplet", "Mangler", "Bilag (antal)", "Bilag (størrelse)", "Forhåndstjek", "Begrundelse for vurdering"])
    assert rows[1][:9] == ["Bakkekær", "Bakkekær", "Landsby", "Viborg", "LAG Skive-Viborg", "Ole Kirk Mikkelsen",
                           "Godkendt", "15. januar 2020 kl. 09:40", "Ja"]


def test_nominations_prints_stored_text_as_it_was_typed(demo_url, capsys):
    engine = _engine(demo_url)
    with session_scope(engine) as session:
        session.scalars(select(Nomination).where(Nomination.name == "Bakkekær")).one().name = "**Bakkekær** [se](x)"
    engine.dispose()

    code, out, _ = _run(capsys, "nominations", "--year", "2020")

    assert (code, next(row for row in csv.reader(io.StringIO(out), delimiter=";") if "Bakkekær" in row[0])[0]) == (
        0, "**Bakkekær** [se](x)")


def test_nominations_of_an_unknown_year_fails_with_a_danish_error(demo_url, capsys):
    result = _run(capsys, "nominations", "--year", "2019")

    assert result == (1, "", "Fejl: Prisåret 2019 findes ikke.\n")


# --- progress -----------------------------------------------------------------------------

def test_progress_prints_the_rounds_matrix_as_csv_on_standard_output(demo_url, capsys):
    code, out, err = _run(capsys, "progress", "--year", "2020", "--round", "screening")

    rows = list(csv.reader(io.StringIO(out), delimiter=";"))
    assert (code, err, len(rows), rows[0][0], rows[0][1:3], rows[0][-2:]) == (
        0, "", 6, "Jurymedlem", ["Bakkekær", "Bådsted"], ["Færdige", "I alt"])
    assert [(row[0], row[-2], row[-1]) for row in rows[1:]] == [
        ("Birgitte Thorsen", "7", "13"), ("Camilla Riis Damgaard", "0", "13"), ("Henrik Aagaard Lund", "13", "13"),
        ("Mads Overgaard Kristensen", "0", "13"), ("Thomas Brix Nørgaard", "3", "13")]
    assert rows[1][1:7] == ["Indsendt", "Ikke påbegyndt", "Ikke påbegyndt", "Indsendt", "Ikke påbegyndt", "Inhabil"]


def test_progress_of_the_final_round_before_the_finalists_has_only_the_heading(demo_url, capsys):
    result = _run(capsys, "progress", "--year", "2020", "--round", "final")

    assert result == (0, "Jurymedlem;Færdige;I alt\n", "")


def test_progress_of_an_unknown_round_fails_with_a_danish_error(demo_url, capsys):
    result = _run(capsys, "progress", "--year", "2020", "--round", "semifinale")

    assert result == (1, "", "Fejl: Ukendt runde «semifinale»: brug screening (første runde) eller final "
                             "(finalerunden).\n")


def test_progress_of_an_unknown_year_fails_with_a_danish_error(demo_url, capsys):
    result = _run(capsys, "progress", "--year", "2019", "--round", "screening")

    assert result == (1, "", "Fejl: Prisåret 2019 findes ikke.\n")


# --- rank ---------------------------------------------------------------------------------

def test_rank_prints_the_rounds_ranking_as_csv_on_standard_output(demo_url, capsys):
    code, out, err = _run(capsys, "rank", "--year", "2020", "--round", "screening")

    # Weighted mean, all weights 1: a juror's total is the sum of their seven scores / 7 (data/demo/year.json);
    # Birgitte Thorsen is conflicted with Klitbjerg, Thomas Brix Nørgaard has not submitted Sandkær Strand,
    # nobody has scored Ulvedal. 98/21 = 4.6667, 64/14 = 4.5714, 61/14 = 4.3571, 30/7 = 4.2857, 59/14 = 4.2143,
    # 58/14 = 4.1429, 27/7 = 54/14 = 3.8571 (shared 7th, by name), 53/14 = 3.7857, 52/14 = 3.7143,
    # 24/7 = 3.4286, 22/7 = 3.1429.
    ids = _nomination_ids(demo_url)
    expected = [["Placering", "Id", "Kandidat", "Point", "Jurymedlemmer"]] + [
        [rank, str(ids[name]), name, score, jurors] for rank, name, score, jurors in [
            ("1", "Lindådalens landsbyklynge", "4,6667", "3"), ("2", "Egehoved-klyngen", "4,5714", "2"),
            ("3", "Stenhøj Vestermark", "4,3571", "2"), ("4", "Klitbjerg-klyngen", "4,2857", "1"),
            ("5", "Kvolsbæk", "4,2143", "2"), ("6", "Gyvelund", "4,1429", "2"), ("7", "Rugbjerg", "3,8571", "1"),
            ("7", "Vesterkær Sogn", "3,8571", "2"), ("9", "Bakkekær", "3,7857", "2"), ("10", "Hørbjerg", "3,7143", "2"),
            ("11", "Bådsted", "3,4286", "1"), ("12", "Sandkær Strand", "3,1429", "1"), ("", "Ulvedal", "", "0")]]
    assert (code, err, list(csv.reader(io.StringIO(out), delimiter=";"))) == (0, "", expected)


def _nomination_ids(url: str) -> dict[str, int]:
    engine = _engine(url)
    with Session(engine) as session:
        ids = {name: nomination_id for nomination_id, name in session.execute(select(Nomination.id, Nomination.name))}
    engine.dispose()
    return ids


def _borda_reference() -> dict[str, float]:
    """Borda points computed straight from the demo file, the plain way: each juror's submitted,
    unconflicted sheets, total = sum / 7, places with ties averaged, (k - place) / (k - 1)."""
    demo = json.loads((PROJECT_ROOT / "data" / "demo" / "year.json").read_text("utf-8"))
    names = {item["key"]: item["name"] for item in demo["nominations"]}
    conflicts = {(item["juror"], item["nomination"]) for item in demo["conflicts"]}
    totals: dict[str, dict[str, float]] = {}
    for sheet in demo["scores"]:
        if sheet["submitted"] and (sheet["juror"], sheet["nomination"]) not in conflicts:
            totals.setdefault(sheet["juror"], {})[names[sheet["nomination"]]] = sum(sheet["values"]) / 7
    points: dict[str, list[float]] = {}
    for sheet in totals.values():
        k = len(sheet)
        for name, total in sheet.items():
            better = sum(other > total for other in sheet.values())
            place = better + (sum(other == total for other in sheet.values()) + 1) / 2
            points.setdefault(name, []).append((k - place) / (k - 1) if k > 1 else 1.0)
    return {name: sum(values) / len(values) for name, values in points.items()}


def test_rank_by_borda_points_matches_a_plain_computation_from_the_demo_file(demo_url, capsys):
    code, out, err = _run(capsys, "rank", "--year", "2020", "--round", "screening", "--method", "borda")

    rows = list(csv.reader(io.StringIO(out), delimiter=";"))[1:]
    reference = _borda_reference()
    places = sorted((round(score, 9) for score in reference.values()), reverse=True)
    expected = sorted(([str(places.index(round(score, 9)) + 1), name, f"{score:.4f}".replace(".", ",")]
                       for name, score in reference.items()), key=lambda row: (int(row[0]), danish_sort_key(row[1])))
    assert (code, err, [[rank, name, score] for rank, _, name, score, _ in rows]) == (
        0, "", expected + [["", "Ulvedal", ""]])


def test_rank_of_the_final_round_before_the_finalists_has_only_the_heading(demo_url, capsys):
    result = _run(capsys, "rank", "--year", "2020", "--round", "final", "--method", "median")

    assert result == (0, "Placering;Id;Kandidat;Point;Jurymedlemmer\n", "")


def test_rank_by_an_unknown_method_fails_with_a_danish_error(demo_url, capsys):
    result = _run(capsys, "rank", "--year", "2020", "--round", "screening", "--method", "mode")

    assert result == (1, "", "Fejl: Ukendt metode «mode»: brug weighted_mean (vægtet gennemsnit), median (median), "
                             "trimmed_mean (trimmet gennemsnit), normalized (z-score pr. jurymedlem) eller borda "
                             "(Borda-point).\n")


def test_rank_of_an_unknown_year_or_round_fails_with_a_danish_error(demo_url, capsys):
    year = _run(capsys, "rank", "--year", "2019", "--round", "screening")
    round_ = _run(capsys, "rank", "--year", "2020", "--round", "semifinale")

    assert (year, round_) == ((1, "", "Fejl: Prisåret 2019 findes ikke.\n"), (
        1, "", "Fejl: Ukendt runde «semifinale»: brug screening (første runde) eller final (finalerunden).\n"))


# --- user ---------------------------------------------------------------------------------

def test_user_add_prints_a_one_time_password_that_logs_in(migrated_url, capsys):
    code, out, err = _run(capsys, "user", "add", "Jury.Ny", "--name", "Birgitte Thorsen", "--role", "juror")

    password = _one_time_password(out)
    actor = _login(migrated_url, "jury.ny", password)
    assert (code, out, err, actor.role, actor.must_change_password) == (
        0, f"Brugeren jury.ny er oprettet. Engangsadgangskode: {password}\n", "", Role.JUROR, True)


def test_user_add_attaches_a_nominator_to_a_body_by_name(demo_url, capsys):
    code, _, _ = _run(capsys, "user", "add", "lag.favrskov", "--name", "Karen Mølgaard", "--role", "nominator",
                      "--body", "LAG Randers-Favrskov")

    assert (code, _user(demo_url, "lag.favrskov").nominating_body_id) == (
        0, _user(demo_url, "lag.randers").nominating_body_id)


def test_user_add_attaches_a_village_contact_to_a_nomination_of_the_current_year(demo_url, capsys):
    code, _, _ = _run(capsys, "user", "add", "bakkekaer", "--name", "Poul Bak", "--role", "village",
                      "--nomination", "Bakkekær")

    engine = _engine(demo_url)
    with Session(engine) as session:
        name = session.get(Nomination, _user(demo_url, "bakkekaer").nomination_id).name
    engine.dispose()
    assert (code, name) == (0, "Bakkekær")


def test_user_add_with_an_unknown_body_fails_and_names_it(demo_url, capsys):
    result = _run(capsys, "user", "add", "lag.ukendt", "--name", "Ukendt", "--role", "nominator",
                  "--body", "LAG Ukendt")

    assert (result, _user(demo_url, "lag.ukendt")) == (
        (1, "", "Fejl: Der findes intet med navnet «LAG Ukendt».\n"), None)


def test_user_add_with_an_invalid_username_fails_with_the_rule(migrated_url, capsys):
    result = _run(capsys, "user", "add", "mette lauridsen", "--name", "Mette", "--role", "secretariat")

    assert result == (1, "", "Fejl: Brugernavnet må kun indeholde små bogstaver a-z, tal, punktum, bindestreg og "
                             "understregning (3-60 tegn).\n")


def test_user_list_shows_every_user_with_role_and_state(migrated_url, capsys):
    _run(capsys, "user", "add", "mette", "--name", "Mette", "--role", "secretariat")
    _run(capsys, "user", "add", "jury1", "--name", "Henrik", "--role", "juror")
    _run(capsys, "user", "deactivate", "jury1")

    code, out, err = _run(capsys, "user", "list")

    assert (code, [line.split() for line in out.splitlines()], err) == (0, [
        ["username", "name", "role", "active", "must_change_password"],
        ["jury1", "Henrik", "juror", "False", "True"],
        ["mette", "Mette", "secretariat", "True", "True"],
    ], "")


def test_user_list_of_an_empty_database_says_so(migrated_url, capsys):
    result = _run(capsys, "user", "list")

    assert result == (0, "Ingen brugere.\n", "")


def test_user_passwd_replaces_the_password_with_a_new_one_time_password(demo_url, capsys):
    code, out, err = _run(capsys, "user", "passwd", "jury1")

    password = _one_time_password(out)
    actor = _login(demo_url, "jury1", password)
    assert (code, out, err, actor.must_change_password) == (
        0, f"Ny engangsadgangskode til jury1: {password}\n", "", True)


def test_user_passwd_makes_the_demo_password_stop_working(demo_url, capsys):
    _run(capsys, "user", "passwd", "jury1")

    with pytest.raises(LoginRefused) as refused:
        _login(demo_url, "jury1", "Landsby-2020")

    assert refused.value.message("da") == "Forkert brugernavn eller adgangskode."


def test_user_deactivate_deactivates_the_user(demo_url, capsys):
    result = _run(capsys, "user", "deactivate", "jury1")

    assert (result, _user(demo_url, "jury1").active) == ((0, "Brugeren jury1 er deaktiveret.\n", ""), False)


def test_user_activate_brings_a_deactivated_user_back(demo_url, capsys):
    _run(capsys, "user", "deactivate", "jury1")

    result = _run(capsys, "user", "activate", "jury1")

    assert (result, _user(demo_url, "jury1").active) == ((0, "Brugeren jury1 er aktiveret igen.\n", ""), True)


def test_user_activate_restores_the_last_secretariat_when_none_is_left(demo_url, capsys):
    engine = _engine(demo_url)
    with session_scope(engine) as session:
        session.scalars(select(User).where(User.username == "sekretariat")).one().active = False
    engine.dispose()

    result = _run(capsys, "user", "activate", "sekretariat")

    assert (result, _user(demo_url, "sekretariat").active) == (
        (0, "Brugeren sekretariat er aktiveret igen.\n", ""), True)


@pytest.mark.parametrize(("name", "message"), [
    ("Ny\x00Juror", "Fejl: Feltet «Navn» indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
                    "Fjern det og prøv igen.\n"),
    ("Ny \u202eroruJ", "Fejl: Feltet «Navn» indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
                       "Fjern det og prøv igen.\n"),
    ("Ny_*Juror*", None),
], ids=["nul", "bidi-override", "markdown-is-stored-as-typed"])
def test_user_add_refuses_control_characters_like_the_app_and_prints_plain_text(migrated_url, capsys, name, message):
    code, out, err = _run(capsys, "user", "add", "jury.ny", "--name", name, "--role", "juror")

    stored = _user(migrated_url, "jury.ny")
    if message is None:
        assert (code, out.startswith("Brugeren jury.ny er oprettet. Engangsadgangskode: "), err, stored.name) == (
            0, True, "", name)
    else:
        assert (code, out, err, stored) == (1, "", message, None)


@pytest.mark.parametrize("command", ["passwd", "deactivate", "activate"])
def test_an_unknown_user_fails_with_a_danish_error(demo_url, capsys, command):
    result = _run(capsys, "user", command, "nobody")

    assert result == (1, "", "Fejl: Der findes ingen bruger med brugernavnet «nobody».\n")


def test_the_last_secretariat_user_cannot_be_deactivated_from_the_command_line(demo_url, capsys):
    result = _run(capsys, "user", "deactivate", "sekretariat")

    assert (result, _user(demo_url, "sekretariat").active) == (
        (1, "", "Fejl: Der skal være mindst én aktiv sekretariatsbruger.\n"), True)


@pytest.mark.parametrize("argv", [
    [],
    ["bogus"],
    ["user"],
    ["user", "add", "jury.ny", "--role", "juror"],
    ["user", "add", "jury.ny", "--name", "Ny", "--role", "admin"],
    ["year", "create", "tyve-tyve", "--title", "x"],
    ["demo", "--force"],
    ["nominations"],
], ids=["nothing", "unknown-command", "user-without-action", "add-without-name", "unknown-role",
        "year-not-a-number", "unknown-option", "nominations-without-year"])
def test_bad_arguments_exit_with_code_2(cli_url, capsys, argv):
    with pytest.raises(SystemExit) as exited:
        main(argv)

    assert (exited.value.code, Path(cli_url.removeprefix("sqlite:///")).exists()) == (2, False)


# --- settings -----------------------------------------------------------------------------

INVALID_ROUNDS = ("Fejl: Indstillingen PRIZE_BCRYPT_ROUNDS har den ugyldige værdi «abc»: forventede et heltal "
                  "fra 4 til 31.\n")


MAIL_DEFAULTS = [
    "PRIZE_SMTP_HOST = (ikke sat)  [standardværdi]",
    "PRIZE_SMTP_PORT = 587  [standardværdi]",
    "PRIZE_SMTP_SECURITY = starttls  [standardværdi]",
    "PRIZE_SMTP_USER = (ikke sat)  [standardværdi]",
    "PRIZE_SMTP_PASSWORD = (ikke sat)  [standardværdi]",
    "PRIZE_MAIL_SENDER_ADDRESS = (ikke sat)  [standardværdi]",
    "PRIZE_MAIL_SENDER_NAME = Landsbyprisen, Region Midtjylland  [standardværdi]",
    "PRIZE_PUBLIC_URL = http://localhost:8501  [standardværdi]",
    "PRIZE_PASSWORD_LINK_HOURS = 72  [standardværdi]",
]
ORGANISATION_DEFAULTS = [
    "PRIZE_ORGANISATION_NAME = Region Midtjylland  [standardværdi]",
    "PRIZE_ORGANISATION_LOGO = (ikke sat)  [standardværdi]",
]


def _settings_environment(**overrides: str) -> dict[str, str]:
    """Every setting given in the environment, so that no secrets.toml of the checkout
    counts, and nothing else of this process's environment."""
    settings = {"PRIZE_DATABASE_URL": "postgresql+psycopg://landsby:db-adgangskode@db.example/landsbyprisen",
                "PRIZE_COOKIE_KEY": "hemmelig-nøgle", "PRIZE_COOKIE_NAME": "landsbyprisen_test",
                "PRIZE_COOKIE_EXPIRY_DAYS": "0.5", "PRIZE_DEMO_MODE": "ja", "PRIZE_DEFAULT_LOCALE": "en",
                "PRIZE_BCRYPT_ROUNDS": "4", "PRIZE_STORAGE_DIR": "/srv/landsbyprisen/filer"}
    return {"PATH": os.defpath, "PYTHONUTF8": "1"} | settings | overrides


def _run_process(env: dict[str, str], *argv: str) -> tuple[int, str, str]:
    """``python -m prize`` in a process of its own, started in the project."""
    done = subprocess.run([sys.executable, "-m", "prize", *argv], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          encoding="utf-8", timeout=60, check=False)
    return done.returncode, done.stdout, done.stderr


def _listing(file: Path, lines: list[str]) -> str:
    """What ``prize settings`` prints: the heading, then per setting its line
    (variable, value, source), its Danish help text and what a valid value is."""
    heading = (f"Hver indstilling læses fra sin miljøvariabel, ellers fra tabellen [prize] i {file}, "
               "ellers gælder standardværdien.")
    blocks = [f"{line}\n  {entry.help['da']}\n  Gyldig værdi: {entry.rule.expected_text('da')}."
              for line, entry in zip(lines, SETTINGS, strict=True)]
    return "\n\n".join([heading, *blocks]) + "\n"


@pytest.fixture
def secrets_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The secrets.toml the command line reads, empty, and no PRIZE_ variable in the environment."""
    for name in [entry.env_var for entry in SETTINGS]:
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "secrets.toml"
    path.write_text("[prize]\n", encoding="utf-8")
    monkeypatch.setattr("prize.settings.SECRETS_FILE", path)
    return path


def test_settings_lists_every_setting_with_its_value_and_source_and_hides_secrets():
    result = _run_process(_settings_environment(), "settings")

    assert result == (0, _listing(SECRETS_FILE, [
        "PRIZE_DATABASE_URL = postgresql+psycopg://landsby:***@db.example/landsbyprisen  [miljøvariabel]",
        "PRIZE_COOKIE_KEY = (skjult)  [miljøvariabel]",
        "PRIZE_COOKIE_NAME = landsbyprisen_test  [miljøvariabel]",
        "PRIZE_COOKIE_EXPIRY_DAYS = 0.5  [miljøvariabel]",
        "PRIZE_DEMO_MODE = true  [miljøvariabel]",
        "PRIZE_DEFAULT_LOCALE = en  [miljøvariabel]",
        "PRIZE_BCRYPT_ROUNDS = 4  [miljøvariabel]",
        "PRIZE_STORAGE_DIR = /srv/landsbyprisen/filer  [miljøvariabel]",
        "PRIZE_MAX_DOCUMENT_MB = 25  [standardværdi]",
        "PRIZE_MAX_MEDIA_MB = 200  [standardværdi]",
        "PRIZE_MAX_NOMINATION_MB = 500  [standardværdi]",
        "PRIZE_WINNER_QUARANTINE_YEARS = 5  [standardværdi]",
        "PRIZE_FILE_LINK_MINUTES = 60  [standardværdi]",
        "PRIZE_RETENTION_YEARS = 3  [standardværdi]",
        "PRIZE_PRIVACY_CONTROLLER = (ikke sat)  [standardværdi]",
        "PRIZE_PRIVACY_STORED = (ikke sat)  [standardværdi]",
        "PRIZE_PRIVACY_PURPOSE = (ikke sat)  [standardværdi]",
        "PRIZE_PRIVACY_CONTACT = (ikke sat)  [standardværdi]",
        "PRIZE_CONTACT_EMAIL = landsbyprisen@rm.dk  [standardværdi]",
        *MAIL_DEFAULTS,
        *ORGANISATION_DEFAULTS,
    ]), "")


def test_settings_reports_the_environment_before_secrets_before_the_default(secrets_file, monkeypatch, capsys):
    secrets_file.write_text('[prize]\ncookie_key = "nøgle-fra-secrets"\ncookie_name = "fra_secrets"\n'
                            "bcrypt_rounds = 6\ndemo_mode = true\n", encoding="utf-8")
    monkeypatch.setenv("PRIZE_COOKIE_NAME", "fra_miljoet")

    result = _run(capsys, "settings")

    assert result == (0, _listing(secrets_file, [
        f"PRIZE_DATABASE_URL = sqlite:///{PROJECT_ROOT / 'var' / 'prize.db'}  [standardværdi]",
        "PRIZE_COOKIE_KEY = (skjult)  [secrets.toml]",
        "PRIZE_COOKIE_NAME = fra_miljoet  [miljøvariabel]",
        "PRIZE_COOKIE_EXPIRY_DAYS = 1.0  [standardværdi]",
        "PRIZE_DEMO_MODE = true  [secrets.toml]",
        "PRIZE_DEFAULT_LOCALE = da  [standardværdi]",
        "PRIZE_BCRYPT_ROUNDS = 6  [secrets.toml]",
        f"PRIZE_STORAGE_DIR = {PROJECT_ROOT / 'var' / 'files'}  [standardværdi]",
        "PRIZE_MAX_DOCUMENT_MB = 25  [standardværdi]",
        "PRIZE_MAX_MEDIA_MB = 200  [standardværdi]",
        "PRIZE_MAX_NOMINATION_MB = 500  [standardværdi]",
        "PRIZE_WINNER_QUARANTINE_YEARS = 5  [standardværdi]",
        "PRIZE_FILE_LINK_MINUTES = 60  [standardværdi]",
        "PRIZE_RETENTION_YEARS = 3  [standardværdi]",
        "PRIZE_PRIVACY_CONTROLLER = (ikke sat)  [standardværdi]",
        "PRIZE_PRIVACY_STORED = (ikke sat)  [standardværdi]",
        "PRIZE_PRIVACY_PURPOSE = (ikke sat)  [standardværdi]",
        "PRIZE_PRIVACY_CONTACT = (ikke sat)  [standardværdi]",
        "PRIZE_CONTACT_EMAIL = landsbyprisen@rm.dk  [standardværdi]",
        *MAIL_DEFAULTS,
        *ORGANISATION_DEFAULTS,
    ]), "")


def test_settings_shows_an_empty_cookie_key_as_not_set():
    code, out, err = _run_process(_settings_environment(PRIZE_COOKIE_KEY=""), "settings")

    cookie_key = [line for line in out.splitlines() if line.startswith("PRIZE_COOKIE_KEY")]
    assert (code, cookie_key, err) == (0, ["PRIZE_COOKIE_KEY = (ikke sat)  [miljøvariabel]"], "")


def test_an_invalid_setting_stops_a_command_with_the_danish_message_and_code_1():
    result = _run_process(_settings_environment(PRIZE_BCRYPT_ROUNDS="abc"), "user", "list")

    assert result == (1, "", INVALID_ROUNDS)


@pytest.mark.parametrize("argv", [["settings"], ["init"], ["demo"], ["user", "list"],
                                  ["year", "create", "2027", "--title", "Landsbyprisen 2027"]])
def test_every_command_refuses_an_invalid_setting_before_touching_the_database(cli_url, monkeypatch, capsys,
                                                                               argv):
    monkeypatch.setenv("PRIZE_BCRYPT_ROUNDS", "abc")

    result = _run(capsys, *argv)

    assert (result, Path(cli_url.removeprefix("sqlite:///")).exists()) == ((1, "", INVALID_ROUNDS), False)


def test_an_invalid_secret_is_named_without_its_value(secrets_file, capsys):
    secrets_file.write_text("[prize]\ncookie_key = 4242\n", encoding="utf-8")

    result = _run(capsys, "settings")

    assert result == (1, "", "Fejl: Indstillingen PRIZE_COOKIE_KEY har en ugyldig værdi, som ikke vises, fordi "
                             "den er hemmelig: forventede tekst.\n")
