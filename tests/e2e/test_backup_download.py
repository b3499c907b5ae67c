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
from tests.e2e.test_browser import DEMO, log_in_at

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
    page = log_in_at(new_context(), server, "/operations", "sekretariat", "Drift")

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
