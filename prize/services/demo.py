"""The fictional demo year shipped in ``data/demo/year.json``."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.demo_material import picture_png, summary_pdf
from prize.errors import PrizeError
from prize.i18n import TIMEZONE, t_plain
from prize.models import (Attachment, BodyKind, CandidateKind, CandidateVillage, NominationAnswer, Conflict,
                          ConflictReason, Criterion, NominatingBody, Nomination, PrizeYear, Score, ScoreSheet,
                          ScoringRound, User)
from prize.passwords import hash_password
from prize.phases import DEADLINE_OF_ROUND, NominationStatus, Phase, RoundKind, rounds_in
from prize.queries.reference import goals_by_number, municipalities_by_name
from prize.queries.users import user_count
from prize.queries.years import scoring_round, year_count
from prize.roles import Role
from prize.services.audit import record_change
from prize.services.reference import load_reference_data
from prize.services.years import add_criteria_from_template
from prize.settings import DATA_DIR
from prize.storage import Storage

DEMO_FILE = DATA_DIR / "demo" / "year.json"


@dataclass(frozen=True)
class DemoSummary:
    year: int
    nominations: int
    users: int
    sheets: int
    attachments: int


def read_demo(path: Path = DEMO_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def demo_password() -> str:
    """The password every demo user shares; nobody may make it their own."""
    return read_demo()["demo_password"]


def local_time(text: str | None) -> datetime | None:
    """"2020-01-15T12:00" read as Danish time."""
    return datetime.fromisoformat(text).replace(tzinfo=TIMEZONE) if text else None


def database_is_empty(session: Session) -> bool:
    return year_count(session) == 0 and user_count(session) == 0


def load_demo_year(session: Session, *, storage: Storage, data_dir: Path = DATA_DIR,
                   bcrypt_rounds: int = 12) -> DemoSummary:
    """Load the demo year into an empty database, its material into ``storage``;
    refuses a database with data in it."""
    if not database_is_empty(session):
        raise PrizeError("errors.demo_data_present")
    demo = read_demo(data_dir / "demo" / "year.json")
    load_reference_data(session, data_dir)
    municipalities = municipalities_by_name(session)
    bodies = _add_bodies(session, demo["nominating_bodies"], municipalities)
    year = _add_year(session, demo["year"])
    criteria = add_criteria_from_template(
        session, year=year, template=json.loads((data_dir / "criteria.json").read_text("utf-8")))
    nominations = _add_nominations(session, year, demo["nominations"], bodies, municipalities)
    users = _add_users(session, demo, bodies, nominations, municipalities, bcrypt_rounds)
    _add_conflicts(session, demo.get("conflicts", []), users, nominations)
    sheets = _add_scores(session, year, demo.get("scores", []), users, nominations, criteria)
    # Files last: what fails before them leaves nothing in the storage.
    attachments = _add_material(session, year, demo["nominations"], nominations, storage)
    record_change(session, actor=Actor.command_line(), action="demo.loaded", entity="prize_year",
                  entity_id=year.id, new={"year": year.year, "nominations": len(nominations)})
    session.flush()
    return DemoSummary(year=year.year, nominations=len(nominations), users=len(users), sheets=sheets,
                       attachments=attachments)


def _add_bodies(session: Session, items: list[dict], municipalities: dict) -> dict[str, NominatingBody]:
    bodies = {}
    for item in items:
        body = NominatingBody(name=item["name"], kind=BodyKind(item["kind"]),
                              nomination_limit=item.get("nomination_limit", 1),
                              municipalities=[municipalities[name] for name in item["municipalities"]])
        session.add(body)
        bodies[item["key"]] = body
    session.flush()
    return bodies


def _add_year(session: Session, item: dict) -> PrizeYear:
    year = PrizeYear(
        year=item["year"], title=item["title"], prize_amount=item["prize_amount"],
        phase=Phase(item["phase"]), finalist_count=item.get("finalist_count", 5), is_demo=True,
        nominations_open_at=local_time(item.get("nominations_open_at")),
        nomination_deadline=local_time(item.get("nomination_deadline")),
        screening_deadline=local_time(item.get("screening_deadline")),
        final_deadline=local_time(item.get("final_deadline")),
        decision_date=date.fromisoformat(item["decision_date"]) if item.get("decision_date") else None)
    session.add(year)
    session.flush()
    for kind, still_open in rounds_in(year.phase).items():
        # The demo's rounds opened when the phase before them ended, at its deadline.
        opened = year.nomination_deadline if kind == RoundKind.SCREENING else year.screening_deadline
        closed = None if still_open else getattr(year, DEADLINE_OF_ROUND[kind])
        session.add(ScoringRound(year_id=year.id, kind=kind, opened_at=opened, closed_at=closed))
    return year


def _add_nominations(session: Session, year: PrizeYear, items: list[dict], bodies: dict,
                     municipalities: dict) -> dict[str, Nomination]:
    goals = goals_by_number(session)
    nominations = {}
    for item in items:
        nomination = Nomination(
            year_id=year.id, nominating_body_id=bodies[item["nominating_body"]].id,
            municipality_id=municipalities[item["municipality"]].id, name=item["name"],
            kind=CandidateKind(item["kind"]), contact_name=item["contact"]["name"],
            contact_email=item["contact"]["email"], contact_phone=item["contact"].get("phone", ""),
            summary=item["summary"], website_url=item.get("website_url", ""), video_url=item.get("video_url", ""),
            answers=[NominationAnswer(question=question, text=text)
                     for question, text in item.get("answers", {}).items()],
            status=NominationStatus(item["status"]), submitted_at=local_time(item.get("submitted_at")),
            eligibility_reason=item.get("eligibility_reason", ""),
            villages=[CandidateVillage(position=i, name=name) for i, name in enumerate(item["villages"], 1)],
            sdgs=[goals[number] for number in item["sdgs"]])
        session.add(nomination)
        nominations[item["key"]] = nomination
    session.flush()
    return nominations


def _add_material(session: Session, year: PrizeYear, items: list[dict], nominations: dict[str, Nomination],
                  storage: Storage) -> int:
    """Each candidate's summary as a one-page PDF, and a picture for those that name one,
    stored through ``storage`` with a row each. Should a file fail, the files stored so
    far are removed again before the error goes on (the rows go with the transaction)."""
    stored_keys: list[str] = []
    try:
        for item in items:
            nomination = nominations[item["key"]]
            for filename, content_type, content in _files_of(item, year):
                stored = storage.put(io.BytesIO(content))
                stored_keys.append(stored.key)
                session.add(Attachment(
                    nomination_id=nomination.id, filename=filename, content_type=content_type,
                    size_bytes=stored.size, sha256=stored.sha256, storage_key=stored.key,
                    uploaded_at=(nomination.submitted_at or year.nomination_deadline) - timedelta(days=1)))
        session.flush()
    except BaseException:
        for key in stored_keys:
            storage.delete(key)
        raise
    return len(stored_keys)


def _files_of(item: dict, year: PrizeYear) -> list[tuple[str, str, bytes]]:
    """(file name, media type, bytes) of the candidate's demo material."""
    kind = t_plain(f"labels.candidatekind.{item['kind']}")
    facts = t_plain("demo.pdf_facts", kind=kind, villages=", ".join(item["villages"]),
                    municipality=item["municipality"])
    pdf = summary_pdf(name=item["name"], facts=facts, summary=item["summary"],
                      footer=t_plain("demo.pdf_footer", title=year.title))
    files = [(t_plain("demo.pdf_name", name=item["name"]), "application/pdf", pdf)]
    if picture := item.get("picture"):
        files.append((picture["file"], "image/png", picture_png(caption=picture["caption"],
                                                               sky=picture.get("sky", "#9fd3f5"),
                                                               land=picture.get("land", "#6aa84f"))))
    return files


def _add_users(session: Session, demo: dict, bodies: dict, nominations: dict, municipalities: dict,
               bcrypt_rounds: int) -> dict[str, User]:
    # One hash for the shared demo password: bcrypt is slow by design.
    password_hash = hash_password(demo["demo_password"], rounds=bcrypt_rounds)
    users = {}
    for item in demo["users"]:
        home = item.get("home_municipality")
        user = User(
            username=item["username"], name=item["name"], email=item.get("email", ""),
            title=item.get("title", ""), role=Role(item["role"]), password_hash=password_hash,
            nominating_body_id=bodies[item["nominating_body"]].id if item.get("nominating_body") else None,
            nomination_id=nominations[item["nomination"]].id if item.get("nomination") else None,
            home_municipality_id=municipalities[home].id if home else None)
        session.add(user)
        users[item["username"]] = user
    session.flush()
    return users


def _add_conflicts(session: Session, items: list[dict], users: dict, nominations: dict) -> None:
    for item in items:
        session.add(Conflict(juror_id=users[item["juror"]].id, nomination_id=nominations[item["nomination"]].id,
                             reason=ConflictReason(item["reason"]), note=item.get("note", ""),
                             declared_by_id=users[item["juror"]].id))
    session.flush()


def _add_scores(session: Session, year: PrizeYear, items: list[dict], users: dict, nominations: dict,
                criteria: list[Criterion]) -> int:
    screening = scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)
    if screening is None:
        return 0
    for item in items:
        scores = [Score(criterion_id=criterion.id, value=value)
                  for criterion, value in zip(criteria, item["values"], strict=False) if value is not None]
        session.add(ScoreSheet(round_id=screening.id, juror_id=users[item["juror"]].id,
                               nomination_id=nominations[item["nomination"]].id,
                               comment=item.get("comment", ""), scores=scores,
                               submitted_at=screening.opened_at if item.get("submitted") else None))
    session.flush()
    return len(items)
