"""The press kit route, through Starlette's TestClient, on the demo year with its shortlist
confirmed: a zip named in Danish with each finalist's summary, one picture and the links to
the published videos, and nothing the public may not see."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from starlette.applications import Starlette
from starlette.testclient import TestClient

from prize.actor import Actor
from prize.db import session_scope
from prize.models import Finalist, Nomination, User
from prize.phases import Phase
from prize.services.material import MaterialLimits
from prize.services.shortlist import confirm_shortlist, propose_shortlist
from prize.services.videos import add_video_file, add_video_link
from prize.services.years import missing_sheets, move_phase, require_current_year
from prize.settings import Settings
from prize.storage import LocalStorage
from tests import material_samples as samples
from web.press_kit import press_kit_route

KEY = "test-cookie-key-for-press-kits-0123456789"
VIMEO = "https://vimeo.com/76979871"
FINALISTS = ["Lindådalens landsbyklynge", "Egehoved-klyngen", "Stenhøj Vestermark", "Klitbjerg-klyngen", "Kvolsbæk"]
WITH_PICTURE = {"Stenhøj Vestermark", "Kvolsbæk"}


@pytest.fixture
def finalists_with_videos(demo_engine: Engine, storage_dir: Path) -> Engine:
    """The demo year's shortlist confirmed as proposed; the first finalist has a published Vimeo
    link and an unpublished uploaded video."""
    with session_scope(demo_engine) as session:
        secretariat = Actor.of(session.scalars(select(User).where(User.username == "sekretariat")).one())
        year = require_current_year(session)
        missing, _ = missing_sheets(session, year_id=year.id, phase=year.phase)
        move_phase(session, actor=secretariat, year_id=year.id, expected=Phase.SCREENING, target=Phase.SHORTLIST,
                   confirm_missing=missing)
        year = require_current_year(session)
        confirm_shortlist(session, actor=secretariat, year=year,
                          finalists=list(propose_shortlist(session, actor=secretariat, year=year).clear))
        first = session.scalar(select(Finalist.nomination_id).order_by(Finalist.position))
        add_video_link(session, actor=secretariat, nomination_id=first, url=VIMEO, title="Klyngen på Vimeo",
                       description="Fem landsbyer, én dal.", published=True)
        add_video_file(session, actor=secretariat, storage=LocalStorage(storage_dir), nomination_id=first,
                       filename="råklip.webm", stream=io.BytesIO(samples.webm_bytes()), title="Råklip",
                       limits=MaterialLimits(document_mb=25, media_mb=200, nomination_mb=500))
    return demo_engine


@pytest.fixture
def client(demo_engine: Engine, storage_dir: Path) -> TestClient:
    settings = Settings(cookie_key=KEY, storage_dir=str(storage_dir))
    app = Starlette(routes=[press_kit_route(load_settings=lambda: settings, load_engine=lambda: demo_engine)])
    return TestClient(app, base_url="https://landsbyprisen.rm.dk")


def _archive(answer) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(answer.content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_press_kit_holds_each_finalists_summary_videos_and_one_picture_named_in_danish(finalists_with_videos,
                                                                                           client):
    answer = client.get("/pressekit/2020.zip")

    files = _archive(answer)
    expected = ["LÆS MIG.txt"] + [
        f"{position} {name}/{part}" for position, name in enumerate(FINALISTS, 1)
        for part in ("Resumé.txt", "Videoer.txt", *(("Billede.png",) if name in WITH_PICTURE else ()))]
    assert (answer.status_code, answer.headers["content-type"]) == (200, "application/zip")
    assert answer.headers["content-disposition"] == (
        "attachment; filename=\"landsbyprisen-2020-pressemateriale.zip\"; "
        "filename*=UTF-8''landsbyprisen-2020-pressemateriale.zip")
    assert list(files) == expected
    assert files["1 Lindådalens landsbyklynge/Videoer.txt"].decode("utf-8") == (
        "Videoer: Lindådalens landsbyklynge\r\n\r\n"
        f"Klyngen på Vimeo: {VIMEO}\r\n  Fem landsbyer, én dal.\r\n")
    assert files["3 Stenhøj Vestermark/Billede.png"].startswith(b"\x89PNG")


def test_the_press_kit_names_the_stable_page_and_holds_nothing_private(finalists_with_videos, client):
    files = _archive(client.get("/pressekit/2020.zip"))

    text = "\n".join(content.decode("utf-8") for name, content in files.items() if name.endswith(".txt"))
    with session_scope(finalists_with_videos) as session:
        private = [value for row in session.scalars(select(Nomination))
                   for value in (row.contact_name, row.contact_email, row.contact_phone) if value]
    assert files["LÆS MIG.txt"].decode("utf-8").split("\r\n")[:3] == [
        "Landsbyprisen 2020: finalisterne", "", "Finalistsiden: https://landsbyprisen.rm.dk/finalister?year=2020"]
    assert ([word for word in private if word in text], "Råklip" in text) == ([], False)


def test_a_year_without_published_finalists_has_no_press_kit(demo_engine, client):
    answer = client.get("/pressekit/2020.zip")

    assert (answer.status_code, answer.text) == (404, "Der er ingen offentliggjorte finalister for dette år.")
