"""Cold start of the app: from launching `streamlit run serve.py` to a usable login page.

Each run starts a new server on a free port against a prepared demo SQLite
database and measures
  (a) launch -> /_stcore/health answers,
  (b) launch -> a headless Chromium that opens "/" sees the "Log ind" button,
  (c) submitting the login form as jury1 -> the juror page's title "Bedømmelse",
and reads the server's peak resident memory (VmHWM) just before stopping it.
Chromium is started once, before the runs, so its own start is not counted;
every run gets a new browser context (no cache, no cookie). Figures are
printed, never asserted.

    .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from prize.services.demo import read_demo  # noqa: E402
from served import CHROMIUM, free_port, launch_chromium, start_server, stop, wait_for_health  # noqa: E402

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright
except ImportError:  # measure (a) only
    sync_playwright = None

PYTHON = sys.executable
JUROR = "jury1"
START_TIMEOUT_S = 60
PAGE_TIMEOUT_MS = 60_000
LOGIN_TIMEOUT_MS = 20_000


@dataclass(frozen=True)
class Run:
    health_s: float
    first_page_s: float | None = None
    page_load_s: float | None = None
    login_s: float | None = None
    peak_rss_mb: float | None = None


def prepare_database(directory: Path) -> dict[str, str]:
    """The environment of a server on a new demo database, made with the CLI."""
    env = dict(os.environ, PRIZE_DATABASE_URL=f"sqlite:///{directory / 'prize.db'}",
               PRIZE_BCRYPT_ROUNDS="4", PRIZE_COOKIE_KEY="bench-key", PRIZE_DEMO_MODE="true",
               PRIZE_STORAGE_DIR=str(directory / "files"))
    for command in (["init"], ["demo"]):
        subprocess.run([PYTHON, "-m", "prize", *command], cwd=REPO, env=env, check=True,
                       stdout=subprocess.DEVNULL)
    return env


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM of a running process, in MiB (Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def one_run(env: dict[str, str], log: Path, browser, password: str) -> Run:
    port = free_port()
    context = browser.new_context() if browser else None
    page = context.new_page() if context else None
    launched = time.perf_counter()
    server = start_server("serve.py", env, port, log)
    try:
        wait_for_health(server, port, log, timeout_s=START_TIMEOUT_S)
        health = time.perf_counter() - launched
        if page is None:
            return Run(health_s=health, peak_rss_mb=peak_rss_mb(server.pid))
        opened = time.perf_counter()
        page.goto(f"http://127.0.0.1:{port}/", timeout=PAGE_TIMEOUT_MS)
        page.get_by_role("button", name="Log ind").wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        served = time.perf_counter()
        page.get_by_label("Brugernavn", exact=True).fill(JUROR)
        page.get_by_label("Adgangskode", exact=True).fill(password)
        submitted = time.perf_counter()
        page.get_by_role("button", name="Log ind").click()
        try:
            page.get_by_role("heading", name="Bedømmelse").first.wait_for(state="visible", timeout=LOGIN_TIMEOUT_MS)
            login = time.perf_counter() - submitted
        except PlaywrightTimeout:
            print(f"  login: 'Bedømmelse' not visible {LOGIN_TIMEOUT_MS // 1000} s after submitting the form")
            login = None
        return Run(health_s=health, first_page_s=served - launched, page_load_s=served - opened,
                   login_s=login, peak_rss_mb=peak_rss_mb(server.pid))
    finally:
        if context is not None:
            context.close()
        stop(server)


def launch_browser(stack: ExitStack):
    """A headless system Chromium, or None (with the reason printed) when there is none."""
    if not shutil.which(CHROMIUM):
        print(f"{CHROMIUM} is missing: measuring only (a), the health check.")
        return None
    if sync_playwright is None:
        print("playwright is not installed: measuring only (a), the health check.")
        return None
    playwright = stack.enter_context(sync_playwright())
    browser = launch_chromium(playwright)
    stack.callback(browser.close)
    return browser


def seconds(value: float | None) -> str:
    return f"{value:6.2f} s" if value is not None else "     -  "


def print_run(number: int, run: Run) -> None:
    rss = f"{run.peak_rss_mb:.0f} MiB" if run.peak_rss_mb is not None else "-"
    print(f"run {number}: (a) health {seconds(run.health_s)}  (b) first page {seconds(run.first_page_s)} "
          f"[page load {seconds(run.page_load_s)}]  (c) login {seconds(run.login_s)}  peak RSS {rss}")


def print_summary(runs: list[Run]) -> None:
    figures = [("(a) launch -> health answers", "health_s", "s"),
               ("(b) launch -> 'Log ind' visible", "first_page_s", "s"),
               ("    of which page load after health", "page_load_s", "s"),
               ("(c) submit login -> 'Bedømmelse' visible", "login_s", "s"),
               ("server peak RSS (VmHWM)", "peak_rss_mb", "MiB")]
    print(f"\n{'':<42} {'median':>8} {'min':>8} {'max':>8}")
    for label, name, unit in figures:
        values = [getattr(run, name) for run in runs if getattr(run, name) is not None]
        if not values:
            continue
        digits = 0 if unit == "MiB" else 2
        row = [f"{value:.{digits}f}" for value in (statistics.median(values), min(values), max(values))]
        print(f"{label:<42} {row[0]:>8} {row[1]:>8} {row[2]:>8}  {unit}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold starts to measure (default 5)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; "
          f"{args.runs} cold starts of streamlit run serve.py on a demo SQLite database")
    password = read_demo()["demo_password"]
    with tempfile.TemporaryDirectory(prefix="prize-bench-") as tmp, ExitStack() as stack:
        env = prepare_database(Path(tmp))
        browser = launch_browser(stack)
        runs = []
        for number in range(1, args.runs + 1):
            runs.append(one_run(env, Path(tmp) / f"server-{number}.log", browser, password))
            print_run(number, runs[-1])
    print_summary(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
