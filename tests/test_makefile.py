"""The two commands of the README: what ``make run`` starts, read with ``make -n``."""

import os
import shutil
import subprocess

import pytest

from prize.settings import PROJECT_ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")


def _last_command(*arguments: str) -> str:
    # Under `make test` the suite runs inside make: drop what the outer make
    # hands down, or the inner one prints "Entering/Leaving directory" lines.
    outer = {"MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES"}
    env = {name: value for name, value in os.environ.items() if name not in outer}
    done = subprocess.run(["make", "--no-print-directory", "-n", "run", *arguments], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, check=True, timeout=60, env=env)
    return done.stdout.strip().splitlines()[-1]


def test_make_run_serves_only_this_machine_unless_told_otherwise():
    assert _last_command() == ".venv/bin/python -m streamlit run serve.py --server.address 127.0.0.1 --server.port 8501"


def test_make_run_takes_another_address_and_port_when_asked():
    assert _last_command("ADDRESS=0.0.0.0", "PORT=9000") == (
        ".venv/bin/python -m streamlit run serve.py --server.address 0.0.0.0 --server.port 9000")
