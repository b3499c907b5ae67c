"""The intake in a real browser: a nominator creates a draft, types in a field and
leaves it, reloads the browser and finds the text still there, completes the
nomination, submits it and gets the receipt; with a PDF and a picture uploaded, the
secretariat finds the nomination in its list and marks it eligible.

Every wait is for the app's state (a "Gemt kl." note, a message, a value), never for a time."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import REPO_ROOT, AppServer
from tests.e2e.test_browser import (choose, expect_title, log_in, log_in_at, open_page, press_after_leaving,
                                    wait_for_login_cookie, wait_until_settled)

pytestmark = pytest.mark.browser

# The demo year back in its call for nominations, with a week left and room for
# more nominations from LAG Randers-Favrskov (the demo year is in its first round).
OPEN_THE_CALL = """
import os
from datetime import UTC, datetime, timedelta
from sqlalchemy import select
from prize.db import make_engine, session_scope
from prize.models import NominatingBody, PrizeYear
from prize.phases import Phase

with session_scope(make_engine(os.environ["PRIZE_DATABASE_URL"])) as session:
    year = session.scalars(select(PrizeYear)).one()
    year.phase, year.nomination_deadline = Phase.NOMINATIONS_OPEN, datetime.now(UTC) + timedelta(days=7)
    session.scalars(select(NominatingBody).where(NominatingBody.name == "LAG Randers-Favrskov")).one(
    ).nomination_limit = int(os.environ.get("LIMIT", "3"))
"""
SUMMARY = "Kratbjerg har <b>ét</b> forsamlingshus og **mange** frivillige."
SAVED = re.compile(r"^Gemt kl\. \d\d\.\d\d$")


def _open_the_call(server: AppServer, *, limit: int = 3) -> None:
    """The call open for a week, LAG Randers-Favrskov allowed ``limit`` nominations
    (the tests of this module share one server: each leaves a nomination behind)."""
    subprocess.run([sys.executable, "-c", OPEN_THE_CALL], cwd=REPO_ROOT, env={**server.env, "LIMIT": str(limit)},
                   check=True, timeout=120)


def _leave(page: Page, label: str, value: str, *, saved_before: int) -> None:
    """Type ``value`` into the field ``label``, leave it, and wait for its "Gemt kl." note."""
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.blur()
    expect(page.get_by_text(SAVED)).to_have_count(saved_before + 1)


def _open_nomination(page: Page, name: str) -> None:
    choose(page, "Åbn en indstilling", name)
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()


def _create_draft(server: AppServer, new_context, name: str) -> Page:
    """LAG Randers-Favrskov logged in on its own list, with a new draft for ``name`` open."""
    page = log_in_at(new_context(), server, "/my_nominations", "lag.randers", "Mine indstillinger")
    page.get_by_text("Ny indstilling", exact=True).click()
    candidate = page.get_by_label("Kandidatens navn", exact=True)
    candidate.fill(name)
    # The app's forms take no Enter (Streamlit's hint for it is English); the button submits.
    press_after_leaving(page, candidate, "Opret kladde")
    expect(page.get_by_text(f"Kladden «{name}» er oprettet. Udfyld felterne nedenfor; alt gemmes, så snart du "
                            "forlader et felt.", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=name, exact=True)).to_be_visible()
    return page


def test_a_nominator_creates_fills_in_reloads_submits_and_gets_the_receipt(server, new_context):
    _open_the_call(server)

    page = _create_draft(server, new_context, "Kratbjerg")
    _leave(page, "Kort beskrivelse", SUMMARY, saved_before=0)

    page.reload()
    expect_title(page, "Mine indstillinger")
    wait_until_settled(page)
    _open_nomination(page, "Kratbjerg")
    expect(page.get_by_label("Kort beskrivelse", exact=True)).to_have_value(SUMMARY)

    for saved, (label, value) in enumerate([("Landsbyer", "Kratbjerg"), ("Kontaktpersonens navn", "Bo Holm"),
                                            ("Kontaktpersonens e-mail", "bo@example.dk"),
                                            ("Videolink", "https://video.example.dk/kratbjerg")]):
        _leave(page, label, value, saved_before=saved)
    expect(page.get_by_text("Indstillingen er komplet og kan sendes ind.", exact=True)).to_be_visible()
    page.get_by_role("button", name="Send indstillingen ind", exact=True).click()

    expect(page.get_by_text("Indstillingen «Kratbjerg» er sendt ind.", exact=True)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent kvittering (PDF)").click()
    assert (re.fullmatch(r"landsbyprisen-2020-kvittering-\d+-\d{8}-\d{4}\.pdf", download.value.suggested_filename)
            is not None, download.value.path().read_bytes()[:5]) == (True, b"%PDF-")
    page.get_by_text("Vis kvittering til udskrift", exact=True).click()
    expect(page.get_by_text("Kvittering for indstilling", exact=True)).to_be_visible()
    expect(page.get_by_role("paragraph").filter(has_text=SUMMARY)).to_have_text([SUMMARY])
    expect(page.locator("[data-testid=stMain] b")).to_have_count(0)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A 1x1 PNG: signature, IHDR, IDAT and IEND chunks.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def _upload(page: Page, name: str, content: bytes, mime_type: str) -> None:
    # After an upload the page draws a fresh, empty uploader; until that run ends the
    # old one (holding the last file) is still on the page beside it.
    wait_until_settled(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
        {"name": name, "mimeType": mime_type, "buffer": content})
    expect(page.get_by_text(f"«{name}» er tilføjet.", exact=True)).to_be_visible()


def test_a_nomination_with_a_pdf_and_a_picture_is_submitted_and_marked_eligible(server, new_context):
    _open_the_call(server, limit=5)
    page = _create_draft(server, new_context, "Bøgeskov")
    for saved, (label, value) in enumerate([("Kort beskrivelse", "Bøgeskov har et forsamlingshus."),
                                            ("Landsbyer", "Bøgeskov"), ("Kontaktpersonens navn", "Bo Holm"),
                                            ("Kontaktpersonens e-mail", "bo@example.dk")]):
        _leave(page, label, value, saved_before=saved)
    expect(page.get_by_text("Indstillingen kan ikke sendes ind endnu. Det mangler: «Materiale (mindst én fil eller "
                            "et videolink)».", exact=True)).to_be_visible()

    _upload(page, "ansøgning.pdf", PDF, "application/pdf")
    _upload(page, "forsamlingshuset.png", PNG, "image/png")
    expect(page.get_by_text("Indstillingen er komplet og kan sendes ind.", exact=True)).to_be_visible()
    page.get_by_role("button", name="Send indstillingen ind", exact=True).click()
    expect(page.get_by_text("Indstillingen «Bøgeskov» er sendt ind.", exact=True)).to_be_visible()

    office = new_context()
    secretariat = open_page(office, server, "/nominations")
    log_in(secretariat, "sekretariat")
    expect_title(secretariat, "Indstillinger")
    wait_for_login_cookie(office, present=True)
    wait_until_settled(secretariat, quiet_ms=2000)
    choose(secretariat, "Vælg en indstilling", "Bøgeskov")
    expect(secretariat.get_by_role("heading", name="Bøgeskov", exact=True)).to_be_visible()
    expect(secretariat.locator("[data-testid=stMain] img[src*='/files/']")).to_have_count(1)
    expect(secretariat.get_by_text("forsamlingshuset.png", exact=True)).to_be_visible()
    secretariat.get_by_role("radiogroup").get_by_text("Godkendt", exact=True).click()
    secretariat.get_by_label("Begrundelse (skal udfyldes)").first.fill("Komplet og i regionen.")
    secretariat.get_by_role("button", name="Gem vurdering").click()

    expect(secretariat.get_by_text("Bøgeskov er markeret som «Godkendt».", exact=True)).to_be_visible()
