"""The demo year carried to the recommendation: the screening round's top five confirmed as
finalists, every juror's final sheet for each finalist they have no conflict with, the
recommendation of Egehoved-klyngen drafted, approved and sent to the council."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from prize.db import session_scope
from prize.exports.council.model import Organisation
from prize.settings import Settings
from prize.models import Conflict, Nomination, ScoreSheet, ScoringRound, User
from prize.phases import Phase, RoundKind
from prize.services import shortlist, years
from tests.factories import make_sheet
from tests.pages.finals import secretariat_of, send_recommendation

WINNER = "Egehoved-klyngen"
# Each juror's final sheet: the winner scores highest with everyone.
FINAL_VALUES = {WINNER: (5, 5, 5, 5, 5, 4, 5)}
OTHER_VALUES = (4, 3, 4, 4, 3, 4, 3)


def logo_file(folder: Path, *, size: tuple[int, int] = (600, 200), kind: str = "PNG") -> Path:
    """A small logo, dark blue on white, written to ``folder``."""
    image = Image.new("RGB", size, (255, 255, 255))
    image.paste((0, 61, 130), (10, 10, size[0] - 10, size[1] - 10))
    out = io.BytesIO()
    image.save(out, kind)
    path = folder / f"logo.{kind.lower()}"
    path.write_bytes(out.getvalue())
    return path


def configured_organisation(folder: Path, *, name: str, kind: str = "PNG") -> tuple[Organisation, bytes]:
    """The organisation as the settings give it, with a 600 x 200 logo; and the logo's bytes."""
    logo = logo_file(folder, kind=kind)
    settings = Settings.load(env={"PRIZE_ORGANISATION_NAME": name, "PRIZE_ORGANISATION_LOGO": str(logo)}, secrets={})
    return Organisation.of(settings), logo.read_bytes()


def to_final_round(engine: Engine) -> list[tuple[int, str]]:
    """Close the screening round and confirm the proposed top five; the finalists (id, name)."""
    with session_scope(engine) as session:
        actor, year = secretariat_of(session), years.require_current_year(session)
        missing, _ = years.missing_sheets(session, year_id=year.id, phase=year.phase)
        year = years.move_phase(session, actor=actor, year_id=year.id, expected=Phase.SCREENING,
                                target=Phase.SHORTLIST, confirm_missing=missing)
        proposal = shortlist.propose_shortlist(session, actor=actor, year=year)
        confirmed = shortlist.confirm_shortlist(session, actor=actor, year=year, finalists=list(proposal.clear))
        return list(zip(confirmed.finalists["nomination_id"].astype(int), confirmed.finalists["candidate"],
                        strict=True))


def score_final(engine: Engine) -> None:
    with session_scope(engine) as session:
        final = session.scalars(select(ScoringRound).where(ScoringRound.kind == RoundKind.FINAL)).one()
        conflicted = set(session.execute(select(Conflict.juror_id, Conflict.nomination_id)).tuples())
        jurors = session.scalars(select(User).join(ScoreSheet, ScoreSheet.juror_id == User.id).distinct()).all()
        for nomination_id, name in _finalists(session):
            for juror in jurors:
                if (juror.id, nomination_id) not in conflicted:
                    make_sheet(session, round=final, juror=juror, nomination=session.get(Nomination, nomination_id),
                               values=FINAL_VALUES.get(name, OTHER_VALUES))


def _finalists(session: Session) -> list[tuple[int, str]]:
    from prize.queries.recommendation import finalist_names
    return finalist_names(session, year_id=years.require_current_year(session).id)


@pytest.fixture
def recommended_engine(demo_engine: Engine) -> Engine:
    finalists = dict((name, nomination_id) for nomination_id, name in to_final_round(demo_engine))
    score_final(demo_engine)
    send_recommendation(demo_engine, nomination_id=finalists[WINNER])
    return demo_engine


@pytest.fixture
def recommended_session(recommended_engine: Engine) -> Iterator[Session]:
    with session_scope(recommended_engine) as session:
        yield session
