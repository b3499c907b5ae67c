"""Server memory while one 100 MB video is uploaded through the browser.

Starts a real server on a temporary demo SQLite database whose year is put back
to "nominations open" with a draft nomination of LAG Randers-Favrskov, opens it
in a headless Chromium and uploads a generated 100 MB mp4 (a valid file type
box, then filler) through the material editor's file uploader, while a thread
samples the server process's resident memory (VmRSS from /proc/<pid>/status).

Where the upload happens:
  - app:     `streamlit run serve.py`, logged in as lag.randers, at --path with
             the draft chosen in «Åbn en indstilling» (the nomination form and
             its material editor);
  - harness: only when no file uploader shows there, `streamlit run` of a
             two-line page that calls ui.components.material.show_editor for the
             draft as lag.randers. Same Streamlit upload path, same component and service.

Prints the idle RSS, the peak RSS (the higher of the sampled maximum and the
kernel's VmHWM, reset just before the upload), the growth and growth / file
size (target: at most about 2). Figures are printed, never asserted.

    .venv/bin/python bench/upload_memory.py [--mb 100] [--path /my_nominations]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from prize.db import make_engine, session_scope  # noqa: E402
from prize.models import CandidateKind, CandidateVillage, NominatingBody, Nomination, PrizeYear  # noqa: E402
from prize.phases import NominationStatus, Phase  # noqa: E402
from prize.services.demo import read_demo  # noqa: E402
from served import CHROMIUM, free_port, launch_chromium, start_server, stop, wait_for_health  # noqa: E402

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    sync_playwright = None

PYTHON = sys.executable
NOMINATOR = "lag.randers"
DRAFT_NAME = "Benchby (upload)"
OPEN_LABEL = "Åbn en indstilling"
PAGE_TITLE = "Mine indstillinger"
# Streamlit's test hooks on the app root say whether a script run is going on (tests/e2e/test_browser.py).
SETTLED_FOR = """(quietMs) => {
    const app = document.querySelector('[data-testid="stApp"]');
    const idle = app && app.dataset.testScriptState === 'notRunning'
        && app.dataset.testConnectionState === 'CONNECTED';
    if (!idle) { window.__benchIdleSince = undefined; return false; }
    window.__benchIdleSince = window.__benchIdleSince ?? performance.now();
    return performance.now() - window.__benchIdleSince >= quietMs;
}"""
START_TIMEOUT_S = 90
UI_TIMEOUT_MS = 60_000
UPLOAD_TIMEOUT_MS = 600_000
SAMPLE_EVERY_S = 0.02
HARNESS = """import sys
sys.path.insert(0, {repo!r})
import streamlit as st
from prize.actor import Actor
from prize.db import make_engine, session_scope
from prize.queries.users import user_by_username
from ui.components import material

with session_scope(make_engine({database_url!r})) as session:
    actor = Actor.of(user_by_username(session, {username!r}))
material.show_editor(actor=actor, nomination_id={nomination_id}, key="bench")
"""


def prepare(directory: Path) -> tuple[dict[str, str], int]:
    """A demo database whose year takes nominations again, with a draft of the nominator's body."""
    database_url = f"sqlite:///{directory / 'prize.db'}"
    env = dict(os.environ, PRIZE_DATABASE_URL=database_url, PRIZE_BCRYPT_ROUNDS="4", PRIZE_DEMO_MODE="true",
               PRIZE_COOKIE_KEY="bench-cookie-key-not-the-demo-one-0123456789",
               PRIZE_STORAGE_DIR=str(directory / "files"), PRIZE_DEFAULT_LOCALE="da")
    for command in (["init"], ["demo"]):
        subprocess.run([PYTHON, "-m", "prize", *command], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        year = session.query(PrizeYear).one()
        year.phase, year.nomination_deadline = Phase.NOMINATIONS_OPEN, None
        body = session.query(NominatingBody).filter_by(name="LAG Randers-Favrskov").one()
        draft = Nomination(year_id=year.id, nominating_body_id=body.id, municipality_id=body.municipalities[0].id,
                           name=DRAFT_NAME, kind=CandidateKind.VILLAGE, status=NominationStatus.DRAFT,
                           villages=[CandidateVillage(position=1, name=DRAFT_NAME)])
        session.add(draft)
        session.flush()
        nomination_id = draft.id
    engine.dispose()
    return env, nomination_id


def write_video(path: Path, *, size: int) -> None:
    """An mp4 as far as the type check reads: a file type box, then one media data box of zeros."""
    ftyp = b"ftyp" + b"isom" + b"\x00\x00\x02\x00" + b"isomiso2avc1mp41"
    with path.open("wb") as out:
        out.write((len(ftyp) + 4).to_bytes(4, "big") + ftyp)
        left = size - (len(ftyp) + 4)
        out.write(left.to_bytes(4, "big") + b"mdat")
        left -= 8
        piece = b"\x00" * (1024 * 1024)
        while left > 0:
            out.write(piece[:left])
            left -= min(left, len(piece))


def start_and_wait(script: str, env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    server = start_server(script, env, port, log, extra_args=["--server.fileWatcherType=none"])
    try:
        wait_for_health(server, port, log, timeout_s=START_TIMEOUT_S, poll_s=0.05)
    except RuntimeError:
        stop(server)
        raise
    return server


def status_mib(pid: int, field: str) -> float | None:
    """A memory field of /proc/<pid>/status (VmRSS, VmHWM) in MiB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def reset_peak(pid: int) -> bool:
    """Reset the kernel's VmHWM of the process to its current RSS (Linux 4.0+, same user)."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.samples: list[float] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            rss = status_mib(self.pid, "VmRSS")
            if rss is not None:
                self.samples.append(rss)
            time.sleep(SAMPLE_EVERY_S)


def idle_rss(pid: int, *, seconds: float = 2.0) -> float:
    samples = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        samples.append(status_mib(pid, "VmRSS") or 0.0)
        time.sleep(0.1)
    return statistics.median(samples)


def open_app_editor(page, base: str, path: str, password: str) -> bool:
    """Open ``path``, log in as the nominator on the login form it shows, and open the
    draft there (in «Åbn en indstilling», as a nominator does); whether a file uploader shows."""
    page.goto(base + path, timeout=UI_TIMEOUT_MS)
    settle(page)
    page.get_by_label("Brugernavn", exact=True).fill(NOMINATOR)
    password_field = page.get_by_label("Adgangskode", exact=True)
    password_field.fill(password)
    password_field.blur()
    page.get_by_role("button", name="Log ind").click()
    try:
        page.get_by_role("heading", level=1, name=PAGE_TITLE, exact=True).wait_for(state="visible",
                                                                                   timeout=UI_TIMEOUT_MS)
        # The login cookie's component reruns the page for a while after a login.
        settle(page, quiet_ms=2000)
        open_draft(page)
        page.locator("input[type=file]").first.wait_for(state="attached", timeout=20_000)
    except Exception:  # noqa: BLE001 - Playwright's timeout: no such page, draft or uploader
        return False
    return True


def settle(page, *, quiet_ms: int = 500) -> None:
    """Until no script run has been going on for ``quiet_ms`` (as tests/e2e waits)."""
    page.wait_for_function(SETTLED_FOR, arg=quiet_ms, polling=100, timeout=UI_TIMEOUT_MS)


def open_draft(page) -> None:
    """Choose the draft in the page's «Åbn en indstilling» box by typing its name."""
    box = page.get_by_role("combobox", name=OPEN_LABEL)
    box.wait_for(state="visible", timeout=UI_TIMEOUT_MS)
    box.click()
    box.press_sequentially(DRAFT_NAME)
    page.get_by_role("option", name=DRAFT_NAME, exact=True).wait_for(state="visible", timeout=UI_TIMEOUT_MS)
    box.press("Enter")
    page.get_by_role("heading", name=DRAFT_NAME, exact=True).wait_for(state="visible", timeout=UI_TIMEOUT_MS)


def measure(page, pid: int, video: Path) -> dict[str, float | None]:
    page.locator("input[type=file]").first.wait_for(state="attached", timeout=UI_TIMEOUT_MS)
    idle = idle_rss(pid)
    peak_reset = reset_peak(pid)
    sampler = Sampler(pid)
    sampler.start()
    started = time.perf_counter()
    page.locator("input[type=file]").first.set_input_files(str(video))
    page.get_by_text("er tilføjet").first.wait_for(state="visible", timeout=UPLOAD_TIMEOUT_MS)
    seconds = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    hwm = status_mib(pid, "VmHWM") if peak_reset else None
    after = idle_rss(pid, seconds=1.0)
    peak = max([*sampler.samples, *([hwm] if hwm else [])])
    return {"idle": idle, "peak": peak, "sampled_peak": max(sampler.samples),
            "hwm": hwm, "after": after, "seconds": seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=100, help="size of the video in MiB (default 100)")
    parser.add_argument("--path", default="/my_nominations", help="the app page with the material editor")
    args = parser.parse_args()
    if sync_playwright is None or not Path(CHROMIUM).exists():
        print(f"Needs playwright and {CHROMIUM}; nothing measured.")
        return 0
    size = args.mb * 1024 * 1024
    password = read_demo()["demo_password"]
    with tempfile.TemporaryDirectory(prefix="prize-upload-bench-") as tmp, ExitStack() as stack:
        directory = Path(tmp)
        env, nomination_id = prepare(directory)
        video = directory / "film.mp4"
        write_video(video, size=size)
        playwright = stack.enter_context(sync_playwright())
        browser = launch_chromium(playwright)
        stack.callback(browser.close)
        page = browser.new_context(locale="da-DK").new_page()

        port = free_port()
        server = start_and_wait("serve.py", env, port, directory / "serve.log")
        mode = "app"
        try:
            if not open_app_editor(page, f"http://127.0.0.1:{port}", args.path, password):
                mode = "harness"
        finally:
            if mode == "harness":
                stop(server)
        if mode == "harness":
            harness = directory / "harness.py"
            harness.write_text(HARNESS.format(repo=str(REPO), database_url=env["PRIZE_DATABASE_URL"],
                                              username=NOMINATOR, nomination_id=nomination_id))
            port = free_port()
            server = start_and_wait(str(harness), env, port, directory / "harness.log")
            page.goto(f"http://127.0.0.1:{port}/", timeout=UI_TIMEOUT_MS)
        try:
            figures = measure(page, server.pid, video)
        finally:
            stop(server)
        stored = sorted(path.stat().st_size for path in (directory / "files").rglob("*") if path.is_file())
    print_figures(mode=mode, path=args.path, size=size, stored=stored, figures=figures)
    return 0


def print_figures(*, mode: str, path: str, size: int, stored: list[int], figures: dict) -> None:
    where = f"the app at {path}" if mode == "app" else "the harness page (no file uploader at the app's page)"
    file_mib = size / 1024 / 1024
    growth = figures["peak"] - figures["idle"]
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; one {file_mib:.0f} MiB mp4 uploaded "
          f"through Chromium to {where}")
    print(f"stored files after the upload (bytes): {stored}")
    print(f"upload + store, until the success message:  {figures['seconds']:8.2f} s")
    print(f"server RSS idle (median of 2 s before):     {figures['idle']:8.0f} MiB")
    print(f"server RSS peak (sampled every {SAMPLE_EVERY_S * 1000:.0f} ms):     {figures['sampled_peak']:8.0f} MiB")
    hwm = f"{figures['hwm']:8.0f} MiB" if figures["hwm"] is not None else "       - (could not reset VmHWM)"
    print(f"server VmHWM since just before the upload:  {hwm}")
    print(f"server RSS 1 s after:                       {figures['after']:8.0f} MiB")
    print(f"growth (peak - idle):                       {growth:8.0f} MiB")
    print(f"growth / file size:                         {growth / file_mib:8.2f}  (target: at most about 2)")


if __name__ == "__main__":
    sys.exit(main())
