"""Whether the app may start: the checks that keep a demo set-up out of production."""

from __future__ import annotations

from sqlalchemy import Engine

from prize.db import session_scope
from prize.migrate import is_current
from prize.services.auth import demo_passwords_in_use
from prize.services.demo import DEMO_FILE, read_demo
from prize.settings import Settings


def startup_problems(settings: Settings, engine: Engine) -> list[tuple[str, dict]]:
    """Catalog keys (with parameters) of every reason not to serve the app; empty when fine."""
    problems: list[tuple[str, dict]] = []
    if not settings.cookie_key:
        problems.append(("startup.no_cookie_key", {}))
    elif settings.uses_demo_cookie_key and not settings.demo_mode:
        problems.append(("startup.demo_cookie_key", {}))
    if not is_current(engine):
        return problems + [("startup.not_migrated", {})]
    if not settings.demo_mode:
        demo = read_demo(DEMO_FILE)
        with session_scope(engine) as session:
            still = demo_passwords_in_use(session, usernames=[u["username"] for u in demo["users"]],
                                          demo_password=demo["demo_password"])
        if still:
            problems.append(("startup.demo_passwords", {"usernames": ", ".join(still)}))
    return problems
