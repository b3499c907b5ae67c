"""The app's settings, declared once with their help text.

A setting is read from the environment (``PRIZE_<NAME>``) first, then from the
``[prize]`` table of ``.streamlit/secrets.toml`` (the app passes Streamlit's
secrets; the command line reads the project's file), then falls back to its default. The README documents every setting; a test
fails when one is missing there.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return f"PRIZE_{self.name.upper()}"


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", f"sqlite:///{PROJECT_ROOT / 'var' / 'prize.db'}",
            "SQLAlchemy URL of the database; SQLite file under var/ by default, "
            "postgresql+psycopg://user@host/db in production."),
    Setting("cookie_key", "",
            "Secret key that signs the login cookie. Required; the app refuses "
            "to start without it, and outside demo mode with the demo key."),
    Setting("cookie_name", "landsbyprisen_login", "Name of the login cookie."),
    Setting("cookie_expiry_days", 1.0, "Days a login cookie stays valid."),
    Setting("demo_mode", False,
            "True for a demo or test installation: allows the shipped demo "
            "cookie key and demo passwords."),
    Setting("default_locale", "da", "Language of the UI for a new visitor: da or en."),
    Setting("bcrypt_rounds", 12, "Cost factor of password hashes (4-31)."),
)

# The cookie key in .streamlit/secrets.example.toml: fine for a demo, never in production.
DEMO_COOKIE_KEY = "demo-only-cookie-key-change-me"


@dataclass(frozen=True)
class Settings:
    database_url: str
    cookie_key: str
    cookie_name: str
    cookie_expiry_days: float
    demo_mode: bool
    default_locale: str
    bcrypt_rounds: int

    @classmethod
    def load(cls, *, env: Mapping[str, str] | None = None,
             secrets: Mapping[str, Any] | None = None) -> Settings:
        env = os.environ if env is None else env
        secrets = read_secrets_file() if secrets is None else secrets
        values = {}
        for setting in SETTINGS:
            raw = env.get(setting.env_var, secrets.get(setting.name, setting.default))
            values[setting.name] = _coerce(raw, type(setting.default))
        return cls(**values)

    @property
    def uses_demo_cookie_key(self) -> bool:
        return self.cookie_key == DEMO_COOKIE_KEY


def read_secrets_file(path: Path = PROJECT_ROOT / ".streamlit" / "secrets.toml") -> dict[str, Any]:
    """The ``[prize]`` table of the secrets file, or nothing when there is no file."""
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle).get("prize", {})


def _coerce(raw: Any, kind: type) -> Any:
    if kind is bool and isinstance(raw, str):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    return kind(raw)


assert {f.name for f in fields(Settings)} == {s.name for s in SETTINGS}
