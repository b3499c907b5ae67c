"""Whether the app may start: the checks that keep a demo set-up out of production."""

from __future__ import annotations

import logging

from sqlalchemy import Engine

from prize.db import session_scope
from prize.migrate import is_current
from prize.services.auth import demo_passwords_in_use
from prize.services.demo import DEMO_FILE, read_demo
from prize.settings import Settings

# HS256 wants a key at least as long as its 256-bit hash; shorter keys are guessable.
MIN_COOKIE_KEY_LENGTH = 32
_log = logging.getLogger(__name__)


def startup_problems(settings: Settings, engine: Engine) -> list[tuple[str, dict]]:
    """Catalog keys (with parameters) of every reason not to serve the app; empty when fine.
    The refusal is shown to anonymous visitors, so it names no user: the names go to the log."""
    problems = _cookie_key_problems(settings)
    if not is_current(engine):
        return problems + [("startup.not_migrated", {})]
    if not settings.demo_mode:
        demo = read_demo(DEMO_FILE)
        with session_scope(engine) as session:
            still = demo_passwords_in_use(session, usernames=[u["username"] for u in demo["users"]],
                                          demo_password=demo["demo_password"])
        if still:
            _log.error("Refusing to start: these users still have the demo password: %s", ", ".join(still))
            problems.append(("startup.demo_passwords", {"count": len(still)}))
    return problems


def _cookie_key_problems(settings: Settings) -> list[tuple[str, dict]]:
    key = settings.cookie_key
    if not key.strip():
        return [("startup.no_cookie_key", {})]
    if settings.demo_mode:
        return []
    if settings.uses_demo_cookie_key:
        return [("startup.demo_cookie_key", {})]
    if len(key) < MIN_COOKIE_KEY_LENGTH:
        return [("startup.short_cookie_key", {"min": MIN_COOKIE_KEY_LENGTH})]
    return []
