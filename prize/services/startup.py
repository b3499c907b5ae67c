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


def startup_problems(settings: Settings, engine: Engine, *, max_upload_mb: int | None = None,
                     ) -> list[tuple[str, dict]]:
    """Catalog keys (with parameters) of every reason not to serve the app; empty when fine.
    The refusal is shown to anonymous visitors, so it names no user: the names go to the log.
    ``max_upload_mb`` is Streamlit's ``server.maxUploadSize``, which the app passes in."""
    problems = (_cookie_key_problems(settings) + upload_cap_problems(settings, max_upload_mb=max_upload_mb)
                + mail_problems(settings))
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
    if len(key.strip()) < MIN_COOKIE_KEY_LENGTH:  # spaces around a key add nothing to guess
        return [("startup.short_cookie_key", {"min": MIN_COOKIE_KEY_LENGTH})]
    return []


def upload_cap_problems(settings: Settings, *, max_upload_mb: int | None) -> list[tuple[str, dict]]:
    """A file limit above Streamlit's own cap (``server.maxUploadSize``): Streamlit would
    refuse such a file before the app could say why, so the settings must fit under it."""
    if max_upload_mb is None:
        return []
    limits = (("PRIZE_MAX_DOCUMENT_MB", settings.max_document_mb), ("PRIZE_MAX_MEDIA_MB", settings.max_media_mb))
    return [("material.startup_upload_cap", {"cap": max_upload_mb, "variable": variable, "value": value})
            for variable, value in limits if value > max_upload_mb]


def mail_problems(settings: Settings) -> list[tuple[str, dict]]:
    """An SMTP server without a sender address: nothing could be sent, and nobody would know."""
    if settings.smtp_host is not None and settings.mail_sender_address is None:
        return [("startup.mail_sender_missing", {})]
    return []
