"""Small builders for test data. They use the services where one exists and
insert models directly only where none does yet."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from itertools import count

from sqlalchemy import Engine, MetaData, insert, select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.models import (BodyKind, CandidateKind, CandidateVillage, Conflict, ConflictReason, Criterion,
                          Finalist, Municipality, NominatingBody, Nomination, PrizeYear, Score, ScoreSheet,
                          ScoringRound, User)
from prize.models import Attachment, CouncilDecision
from prize.models.base import utcnow
from prize.phases import NominationStatus, Phase, rounds_in
from prize.roles import Role
from prize.services import reference, users, years

# bcrypt is slow by design; tests only need it correct.
TEST_BCRYPT_ROUNDS = 4
# The seven criteria of the 2021 revision (DOMAIN.md), as data/criteria gives a new year.
CRITERIA_TITLES = [
    "Et attraktivt og gennemtænkt fysisk miljø",
    "Lokalområdets stedbundne ressourcer og potentialer",
    "Vision for bæredygtig udvikling",
    "Udsyn, samarbejder og opbygning af viden og kapacitet",
    "Trivsel, sundhed, frivillighed og sociale fællesskaber",
    "Klima, biodiversitet og ressourcer",
    "Landsbyens overordnede udvikling",
]
DEFAULT_PASSWORD = "Korrekt-hest-42"
_serial = count(1)


def make_reference(session: Session) -> int:
    """The 19 municipalities and 17 goals; adds only what is missing."""
    return reference.load_reference_data(session)


def municipality(session: Session, name: str) -> Municipality:
    make_reference(session)
    return session.scalars(select(Municipality).where(Municipality.name == name)).one()


def make_year(session: Session, *, year: int = 2020, phase: Phase = Phase.SCREENING,
              title: str | None = None, prize_amount: int = 150_000, finalist_count: int = 5) -> PrizeYear:
    """A year with the shipped criteria, put in ``phase`` with the scoring rounds the
    phase moves would have opened and closed on the way there."""
    created = years.create_year(session, actor=Actor.command_line(), year=year,
                                title=title or f"Landsbyprisen {year}", prize_amount=prize_amount,
                                finalist_count=finalist_count)
    prize_year = session.get(PrizeYear, created.id)
    prize_year.phase = phase
    for kind, still_open in rounds_in(phase).items():
        session.add(ScoringRound(year_id=prize_year.id, kind=kind, opened_at=utcnow(),
                                 closed_at=None if still_open else utcnow()))
    session.flush()
    return prize_year


def make_body(session: Session, *, name: str = "LAG Randers-Favrskov", kind: BodyKind = BodyKind.LAG,
              municipalities: Sequence[str] = ("Randers", "Favrskov")) -> NominatingBody:
    """A nominating body; the one of that name when it already exists."""
    existing = session.scalar(select(NominatingBody).where(NominatingBody.name == name))
    if existing is not None:
        return existing
    body = NominatingBody(name=name, kind=kind,
                          municipalities=[municipality(session, each) for each in municipalities])
    session.add(body)
    session.flush()
    return body


def make_nomination(session: Session, *, year: PrizeYear, body: NominatingBody,
                    name: str = "Stenhøj Vestermark", municipality_name: str | None = None,
                    status: NominationStatus = NominationStatus.SUBMITTED,
                    kind: CandidateKind = CandidateKind.VILLAGE,
                    villages: Sequence[str] | None = None) -> Nomination:
    """A candidate of ``body`` in ``year``, in the body's first municipality unless named."""
    home = municipality(session, municipality_name) if municipality_name else body.municipalities[0]
    nomination = Nomination(
        year_id=year.id, nominating_body_id=body.id, municipality_id=home.id, name=name, kind=kind,
        contact_name="Anne Marie Søndergaard", contact_email="anne@example.dk", status=status,
        submitted_at=utcnow() if status != NominationStatus.DRAFT else None,
        villages=[CandidateVillage(position=i, name=village) for i, village in enumerate(villages or [name], 1)])
    session.add(nomination)
    session.flush()
    return nomination


def make_user(session: Session, *, role: Role, username: str | None = None, name: str = "Mette Kjær Lauridsen",
              password: str = DEFAULT_PASSWORD, email: str = "", body: NominatingBody | None = None,
              nomination: Nomination | None = None, active: bool = True,
              must_change_password: bool = False) -> User:
    """A user with a known password. A nominator without ``body`` gets LAG
    Randers-Favrskov; a village contact needs its ``nomination``."""
    if role == Role.VILLAGE and nomination is None:
        raise ValueError("a village contact needs nomination=")
    if role == Role.NOMINATOR and body is None:
        body = make_body(session)
    new = users.NewUser(username=username or f"{role.value}{next(_serial)}", name=name, email=email, role=role,
                        nominating_body_id=body.id if body else None,
                        nomination_id=nomination.id if nomination else None)
    created, _ = users.create_user(session, actor=Actor.command_line(), new=new, password=password,
                                   bcrypt_rounds=TEST_BCRYPT_ROUNDS)
    user = session.get(User, created.id)
    user.must_change_password = must_change_password
    if not active:
        user.active = False
    session.flush()
    return user


def actor_of(user: User) -> Actor:
    return Actor.of(user)


def make_conflict(session: Session, *, juror: User, nomination: Nomination,
                  reason: ConflictReason = ConflictReason.OWN_MUNICIPALITY, note: str = "") -> Conflict:
    conflict = Conflict(juror_id=juror.id, nomination_id=nomination.id, reason=reason, note=note,
                        declared_by_id=juror.id)
    session.add(conflict)
    session.flush()
    return conflict


def make_finalist(session: Session, *, nomination: Nomination, position: int = 1) -> Finalist:
    finalist = Finalist(year_id=nomination.year_id, nomination_id=nomination.id, position=position)
    session.add(finalist)
    session.flush()
    return finalist


def make_sheet(session: Session, *, round: ScoringRound, juror: User, nomination: Nomination,
               values: Sequence[int | None] = (3, 3, 3, 3, 3, 3, 3), submitted: bool = True,
               submitted_at: datetime | None = None) -> ScoreSheet:
    """A juror's sheet with ``values`` for the year's criteria in order; None leaves one unscored."""
    criteria = session.scalars(select(Criterion).where(Criterion.year_id == round.year_id)
                               .order_by(Criterion.position)).all()
    sheet = ScoreSheet(round_id=round.id, juror_id=juror.id, nomination_id=nomination.id,
                       scores=[Score(criterion_id=criterion.id, value=value)
                               for criterion, value in zip(criteria, values, strict=False) if value is not None],
                       submitted_at=(submitted_at or utcnow()) if submitted else None)
    session.add(sheet)
    session.flush()
    return sheet


def fill_revision_0003(engine: Engine, *, storage_key: str, sha256: str) -> None:
    """One nomination with its village, village contact and attachment, in the tables of schema
    revision 0003 (before the intake's migration), inserted without the models, which are newer."""
    moment = datetime(2020, 1, 15, 12, 0, tzinfo=UTC)
    metadata = MetaData()
    metadata.reflect(bind=engine)
    rows = {
        "prize_years": dict(id=1, year=2020, title="Landsbyprisen 2020", prize_amount=150_000, phase="draft",
                            finalist_count=5, is_demo=False, created_at=moment),
        "municipalities": dict(id=1, code=791, name="Viborg"),
        "nominating_bodies": dict(id=1, name="LAG Viborg", kind="lag", active=True),
        "nominations": dict(id=1, year_id=1, nominating_body_id=1, municipality_id=1, name="Løvel", kind="village",
                            contact_name="", contact_email="", contact_phone="", summary="Kort",
                            application="Vi har bygget et forsamlingshus.", status="submitted", created_at=moment),
        "candidate_villages": dict(id=1, nomination_id=1, position=1, name="Løvel"),
        "users": dict(id=1, username="ildsjael", name="Ild Sjæl", email="", title="", role="village", active=True,
                      password_hash="x", must_change_password=False, locale="da", nomination_id=1,
                      created_at=moment, failed_logins=0, session_version=0),
        "attachments": dict(id=1, nomination_id=1, filename="ansøgning.pdf", content_type="application/pdf",
                            size_bytes=25, sha256=sha256, storage_key=storage_key, uploaded_at=moment),
    }
    with engine.begin() as connection:
        for name, row in rows.items():
            connection.execute(insert(metadata.tables[name]).values(row))


# --- The secretariat's check: material and past winners -------------------------------------

def make_attachment(session: Session, *, nomination: Nomination, size_bytes: int = 1000,
                    filename: str = "ansøgning.pdf", content_type: str = "application/pdf") -> Attachment:
    """An attachment row with a unique checksum and storage key; no file is stored."""
    serial = next(_serial)
    attachment = Attachment(nomination_id=nomination.id, filename=filename, content_type=content_type,
                            size_bytes=size_bytes, sha256=f"{serial:064x}", storage_key=f"{serial:032x}")
    session.add(attachment)
    session.flush()
    return attachment


def make_winner(session: Session, *, year: PrizeYear, nomination: Nomination) -> CouncilDecision:
    """The council's decision that ``nomination`` won ``year``."""
    decision = CouncilDecision(year_id=year.id, winner_nomination_id=nomination.id,
                               decided_on=date(year.year, 3, 25))
    session.add(decision)
    session.flush()
    return decision


# --- The final: finalists, the recommendation ------------------------------------------------

FINALISTS_2023 = (("Løvel", "Viborg"), ("Skjød", "Favrskov"), ("Asferg", "Randers"))


def make_final_year(session: Session, *, year: int = 2023, phase: Phase = Phase.FINAL_ROUND,
                    finalists: Sequence[tuple[str, str]] = FINALISTS_2023) -> tuple[PrizeYear, dict[str, Nomination]]:
    """A year in ``phase`` (the final round by default) with ``finalists`` (name, municipality)
    confirmed in that order, each an eligible candidate."""
    prize_year = make_year(session, year=year, phase=phase, finalist_count=len(finalists))
    body = make_body(session, name="LAG Midt", municipalities=tuple(dict.fromkeys(home for _, home in finalists)))
    made = {}
    for position, (name, home) in enumerate(finalists, 1):
        made[name] = make_nomination(session, year=prize_year, body=body, name=name, municipality_name=home,
                                     status=NominationStatus.ELIGIBLE)
        make_finalist(session, nomination=made[name], position=position)
    return prize_year, made
