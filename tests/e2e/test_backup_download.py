"""The secretariat downloads a backup through the running server (``streamlit run serve.py``)
in a real browser, and the file is an archive that restores."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from prize.backup import restore_backup
from prize.db import make_engine
from prize.storage import LocalStorage
from tests.e2e.test_browser import (DEMO, YEAR_TITLE, expect_title, log_in, open_page, wait_for_login_cookie,
                                    wait_until_settled)

pytestmark = pytest.mark.browser

# A link made on purpose with the download attribute: Streamlit's link button opens a new tab.
DOWNLOAD = """href => {
    const link = document.createElement('a');
    link.href = href;
    link.download = '';
    document.body.append(link);
    link.click();
    link.remove();
}"""


def test_the_secretariat_downloads_a_backup_that_restores(server, new_context, tmp_path: Path):
    context = new_context()
    page = open_page(context, server)
    log_in(page, "sekretariat")
    expect_title(page, YEAR_TITLE)
    wait_for_login_cookie(context, present=True)
    page.goto(server.url("/operations"))
    expect_title(page, "Drift")
    wait_until_settled(page)

    page.get_by_role("button", name="Lav et link til en sikkerhedskopi").click()
    link = page.get_by_role("link", name="Hent sikkerhedskopien")
    expect(link).to_be_visible()
    with page.expect_download() as started:
        page.evaluate(DOWNLOAD, link.get_attribute("href"))
    saved = tmp_path / started.value.suggested_filename
    started.value.save_as(saved)

    target = make_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    summary = restore_backup(target, LocalStorage(tmp_path / "restored"), saved)
    target.dispose()
    with zipfile.ZipFile(saved) as archive:
        damaged = archive.testzip()
    assert (saved.name.startswith("landsbyprisen-backup-"), saved.suffix, damaged) == (True, ".zip", None)
    rows = {table.name: table.rows for table in summary.manifest.tables}
    assert (rows["nominations"], rows["users"]) == (len(DEMO["nominations"]), len(DEMO["users"]))
