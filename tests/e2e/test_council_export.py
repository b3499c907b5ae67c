"""The recommendation to the council in a real browser: the secretariat downloads the
Word document, the PDF and the Excel workbook from the recommendation page. The demo
year is in the first round, so the files are drafts marked "UDKAST".

Every wait is for the app's state or the download itself, never for a time."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.docx_parts import watermarks
from tests.e2e.test_browser import expect_title, log_in, open_page, wait_for_login_cookie, wait_until_settled

pytestmark = pytest.mark.browser

NAME = re.compile(r"^landsbyprisen-2020-indstilling-\d{8}-\d{4}\.(docx|pdf|xlsx)$")


def test_the_secretariat_downloads_the_recommendation_as_word_pdf_and_excel(server, new_context):
    context = new_context()
    page = open_page(context, server, "/recommendation")
    log_in(page, "sekretariat")
    expect_title(page, "Indstilling")
    wait_for_login_cookie(context, present=True)
    wait_until_settled(page, quiet_ms=2000)

    files = {}
    for label in ("Hent indstillingen (Word)", "Hent indstillingen (PDF)", "Hent scorerne (Excel)"):
        button = page.get_by_role("button", name=label, exact=True)
        expect(button).to_be_visible()
        with page.expect_download() as download:
            button.click()
        name = download.value.suggested_filename
        files[name.rsplit(".", 1)[1]] = (name, download.value.path().read_bytes())

    assert sorted(files) == ["docx", "pdf", "xlsx"]
    assert all(NAME.fullmatch(name) for name, _ in files.values())
    document = Document(io.BytesIO(files["docx"][1]))
    assert (watermarks(document), files["pdf"][1][:5],
            load_workbook(io.BytesIO(files["xlsx"][1])).sheetnames[0]) == ([["UDKAST"]], b"%PDF-", "Scorer")
