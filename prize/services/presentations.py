"""The finalists' presentations to the jury: the secretariat sets when and where each
finalist presents (a place, an online meeting link, or both), and the jury and the
secretariat keep shared notes of each presentation. A juror with a conflict of interest
sees the schedule but not the notes. Every change is audited."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

import pandas as pd
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, NotFound
from prize.i18n import MessageKey
from prize.models import Presentation
from prize.models.base import utcnow
from prize.models.recommendation import NOTES_MAX_LENGTH, ONLINE_URL_MAX_LENGTH, PLACE_MAX_LENGTH
from prize.nomination_fields import clean_link
from prize.permissions import Action, PresentationTarget, require
from prize.phases import Phase
from prize.queries import conflicts as conflict_queries
from prize.queries import presentations as queries
from prize.queries import years as year_queries
from prize.roles import Role
from prize.services.audit import record_change
from prize.services.years import YearInfo
from prize.validation import clean_text


def presentation_schedule(session: Session, *, actor: Actor, year: YearInfo) -> pd.DataFrame:
    """The year's finalists with their presentations (``prize.queries.presentations.SCHEDULE_COLUMNS``
    and ``conflicted``), scheduled ones first by time. For a juror, the notes of a finalist
    they have a conflict with are left out."""
    require(actor, Action.VIEW_PRESENTATIONS, phase=year.phase)
    frame = queries.schedule_frame(session, year_id=year.id)
    conflicted = (conflict_queries.active_conflict_ids(session, juror_id=actor.id, year_id=year.id)
                  if Role(actor.role) == Role.JUROR else set())
    frame["conflicted"] = frame["nomination_id"].isin(list(conflicted))
    frame.loc[frame["conflicted"], "notes"] = ""
    return frame


def schedule_presentation(session: Session, *, actor: Actor, year_id: int, nomination_id: int,
                          starts_at: datetime | None, place: str = "", online_url: str = "") -> None:
    """Set when and where a finalist presents to the jury: ``starts_at`` (aware; the page
    reads it as Danish time) and a place, an https meeting link, or both."""
    year = _locked_year(session, year_id)
    require(actor, Action.SCHEDULE_PRESENTATION, phase=Phase(year.phase))
    _finalist(session, year_id=year.id, nomination_id=nomination_id)
    place = clean_text(place, field="presentations.field.place", max_length=PLACE_MAX_LENGTH)
    online_url = clean_meeting_link(online_url)
    if starts_at is None or starts_at.tzinfo is None:
        raise InvalidInput("errors.field_required", field=MessageKey("presentations.field.starts_at"))
    if not place and not online_url:
        raise InvalidInput("presentations.error.where")
    presentation = _presentation(session, nomination_id)
    old = {"starts_at": presentation.starts_at, "place": presentation.place, "online_url": presentation.online_url}
    new = {"starts_at": starts_at, "place": place, "online_url": online_url}
    if old == new:
        return
    presentation.starts_at, presentation.place, presentation.online_url = starts_at, place, online_url
    presentation.updated_by_id, presentation.updated_at = actor.id, utcnow()
    session.flush()
    record_change(session, actor=actor, action="presentation.scheduled", entity="presentation",
                  entity_id=presentation.id, old=old if any(old.values()) else None, new=new)


def write_presentation_notes(session: Session, *, actor: Actor, year_id: int, nomination_id: int, notes: str,
                             expected_version: int) -> int:
    """Save the jury's shared notes of a finalist's presentation; returns their new version.
    ``expected_version``: the version the writer started from; when someone saved in
    between, the save is refused so that nobody's notes are lost unseen."""
    year = _locked_year(session, year_id)
    conflicted = (Role(actor.role) == Role.JUROR
                  and conflict_queries.is_conflicted(session, juror_id=actor.id, nomination_id=nomination_id))
    require(actor, Action.WRITE_PRESENTATION_NOTES, phase=Phase(year.phase),
            target=PresentationTarget(conflicted=conflicted))
    _finalist(session, year_id=year.id, nomination_id=nomination_id)
    notes = clean_text(notes, field="presentations.field.notes", max_length=NOTES_MAX_LENGTH, multiline=True)
    presentation = _presentation(session, nomination_id)
    if presentation.notes_version != expected_version:
        raise InvalidInput("presentations.error.stale_notes")
    if notes == presentation.notes:
        return presentation.notes_version
    old = presentation.notes
    presentation.notes, presentation.notes_version = notes, presentation.notes_version + 1
    presentation.updated_by_id, presentation.updated_at = actor.id, utcnow()
    session.flush()
    record_change(session, actor=actor, action="presentation.notes_written", entity="presentation",
                  entity_id=presentation.id, old=old, new=notes)
    return presentation.notes_version


def clean_meeting_link(value: str | None) -> str:
    """An https address of an online meeting, or "" for none; anything else is refused."""
    link = clean_link(value, field="presentations.field.online_url")
    if link and (len(link) > ONLINE_URL_MAX_LENGTH or urlsplit(link).scheme.lower() != "https"):
        raise InvalidInput("presentations.error.https_only", link=link)
    return link


def _locked_year(session: Session, year_id: int):
    year = year_queries.lock_year(session, year_id)
    if year is None:
        raise NotFound()
    return year


def _finalist(session: Session, *, year_id: int, nomination_id: int) -> None:
    if queries.finalist_of_year(session, year_id=year_id, nomination_id=nomination_id) is None:
        raise InvalidInput("presentations.error.not_finalist")


def _presentation(session: Session, nomination_id: int) -> Presentation:
    presentation = queries.presentation_for_update(session, nomination_id)
    if presentation is None:
        presentation = Presentation(nomination_id=nomination_id, notes="", notes_version=0, place="", online_url="")
        session.add(presentation)
        session.flush()
    return presentation
