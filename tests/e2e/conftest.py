"""Fixtures for the end-to-end tests: a Streamlit server on a fresh demo database
and the system Chromium, driven by Playwright.

- ``server``: one server per test module, on its own SQLite file with the demo
  year, already opened once at ``/`` (so it has had its first visitor).
- ``fresh_server``: a server of the test's own that nobody has visited yet.
- ``new_context``: fresh browser contexts (own cookies) for the test; on a
  failure every open page is saved as a screenshot in the test's ``tmp_path``.

Without ``/usr/bin/chromium`` the tests are skipped, except on CI (``CI=true``),
where they fail. Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, expect, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run"]
COOKIE_KEY = "e2e-cookie-key-not-the-demo-one-but-long-enough"
COOKIE_NAME = "landsbyprisen_login"
# Limits, not waits: every wait ends as soon as the app shows what is awaited. They
# are generous because the suite must pass on a machine busy with other work (two
# cores, another test run beside it), where a server start or a run can take long.
STARTUP_TIMEOUT_S = 180
STOP_TIMEOUT_S = 10
# Streamlit renders after a websocket round trip and may run a page more than once;
# 5 s, Playwright's default, is short on a loaded machine.
UI_TIMEOUT_MS = 60_000


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


# --- The browser ----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if _on_ci():
            pytest.fail(f"{reason}; the browser tests must run on CI", pytrace=False)
        pytest.skip(reason)
    expect.set_options(timeout=UI_TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the item, so fixtures can tell a failed test."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_context(browser: Browser, request: pytest.FixtureRequest,
                tmp_path: Path) -> Iterator[Callable[..., BrowserContext]]:
    """A factory of fresh browser contexts: no cookies, no storage, Danish browser; a
    screen of 1280 x 900 unless ``options`` (Playwright's context options) say otherwise."""
    contexts: list[BrowserContext] = []

    def make(**options) -> BrowserContext:
        context = browser.new_context(**({"locale": "da-DK", "viewport": {"width": 1280, "height": 900}} | options))
        context.set_default_timeout(UI_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    report = getattr(request.node, "report_call", None)
    failed = report is not None and report.failed
    for number, context in enumerate(contexts):
        if failed:
            _screenshot(context, tmp_path / f"failure-context{number}")
        context.close()


def _screenshot(context: BrowserContext, stem: Path) -> None:
    for number, page in enumerate(context.pages):
        if not page.is_closed():
            path = stem.with_name(f"{stem.name}-page{number}.png")
            page.screenshot(path=path, full_page=True)
            print(f"screenshot of {page.url}: {path}")


# --- The server -----------------------------------------------------------------------------

@dataclass(frozen=True)
class AppServer:
    base_url: str
    env: dict[str, str]
    log_path: Path

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    def cli(self, *args: str) -> str:
        """Run ``python -m prize`` on this server's database; its standard output."""
        return _run_cli(self.env, *args)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def _server_env(directory: Path) -> dict[str, str]:
    """The environment of a test server; no PRIZE_* setting of the caller leaks in."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PRIZE_")}
    env.update({
        "PRIZE_DATABASE_URL": f"sqlite:///{directory / 'e2e.db'}",
        "PRIZE_COOKIE_KEY": COOKIE_KEY,
        "PRIZE_DEMO_MODE": "true",
        "PRIZE_BCRYPT_ROUNDS": "4",
        # Pinned, so a developer's .streamlit/secrets.toml cannot change what the tests expect.
        "PRIZE_COOKIE_NAME": COOKIE_NAME,
        "PRIZE_DEFAULT_LOCALE": "da",
        "PRIZE_STORAGE_DIR": str(directory / "files"),
    })
    return env


def _run_cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "prize", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        pytest.fail(f"python -m prize {' '.join(args)} exited with {done.returncode}:\n"
                    f"{done.stdout}\n{done.stderr}", pytrace=False)
    return done.stdout


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(directory: Path, *, load_demo: bool = True, log_name: str = "streamlit.log",
                   settings: dict[str, str] | None = None) -> Iterator[AppServer]:
    """A Streamlit server of the app on the database in ``directory``: a new one with
    the demo year, or (``load_demo=False``) the one another server there already uses.
    ``settings``: more PRIZE_* variables (an SMTP server, say)."""
    env = _server_env(directory) | (settings or {})
    if load_demo:
        _run_cli(env, "init")
        _run_cli(env, "demo")
    port = _free_port()
    log_path = directory / log_name
    # fileWatcherType=none: the run tests one version of the code, even when a
    # file is saved meanwhile.
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless=true",
               f"--server.port={port}", "--server.address=127.0.0.1",
               "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    server = AppServer(base_url=f"http://127.0.0.1:{port}", env=env, log_path=log_path)
    try:
        _wait_until_healthy(process, server)
        yield server
    finally:
        exited = process.poll()
        _stop(process)
    if exited is not None:
        pytest.fail(f"the Streamlit server exited early with {exited}:\n{server.log()}", pytrace=False)


def _wait_until_healthy(process: subprocess.Popen, server: AppServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the Streamlit server exited with {process.returncode} at start:\n"
                        f"{server.log()}", pytrace=False)
        try:
            with urllib.request.urlopen(server.url("/_stcore/health"), timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"the Streamlit server was not healthy within {STARTUP_TIMEOUT_S} s:\n{server.log()}",
                pytrace=False)


def _stop(process: subprocess.Popen) -> None:
    """Stop the server and every process of its group (it was started in its own session)."""
    for sig, wait in ((signal.SIGTERM, STOP_TIMEOUT_S), (signal.SIGKILL, STOP_TIMEOUT_S)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def server(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The module's server, opened once at ``/``: until someone has, Streamlit
    serves a deep link from pages/ without running app.py (its old page discovery)."""
    with running_server(tmp_path_factory.mktemp("e2e-server")) as app_server:
        context = browser.new_context()
        page = context.new_page()
        page.goto(app_server.url("/"))
        expect(page.get_by_label("Brugernavn", exact=True)).to_be_visible()
        context.close()
        yield app_server


@pytest.fixture
def fresh_server(browser: Browser, tmp_path: Path) -> Iterator[AppServer]:
    """A server of the test's own, that nobody has visited yet (``browser``
    first, so a missing Chromium skips before a server starts)."""
    with running_server(tmp_path) as app_server:
        yield app_server
