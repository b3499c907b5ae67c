"""The receipt of a submitted nomination: what was submitted, when, and with
which material; the PDF (``prize.exports.receipt``) and the printable page show it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput
from prize.models import CandidateKind, Nomination, PrizeYear
from prize.permissions import Action
from prize.phases import NominationStatus
from prize.queries import intake
from prize.queries.intake import MaterialFile
from prize.services.reach import require_on_nomination
from prize.services.years import YearInfo


@dataclass(frozen=True)
class Receipt:
    """A submitted nomination as its receipt shows it. ``receipt_id`` names the
    year, the nomination and a fingerprint of this content: a receipt printed
    after a later change carries another id."""

    nomination_id: int
    year: YearInfo
    candidate: str
    kind: CandidateKind
    villages: tuple[str, ...]
    municipality: str
    nominating_body: str
    contact_name: str
    submitted_at: datetime
    summary: str
    material: tuple[MaterialFile, ...]
    website_url: str
    video_url: str

    @property
    def receipt_id(self) -> str:
        content = {"nomination": self.nomination_id, "year": self.year.year, "candidate": self.candidate,
                   "kind": self.kind.value, "villages": self.villages, "municipality": self.municipality,
                   "body": self.nominating_body, "contact": self.contact_name,
                   "submitted_at": self.submitted_at.isoformat(), "summary": self.summary,
                   "material": [file.sha256 for file in self.material], "links": [self.website_url, self.video_url]}
        digest = hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
        return f"{self.year.year}-{self.nomination_id:04d}-{digest[:8].upper()}"


def receipt_for(session: Session, *, actor: Actor, nomination_id: int) -> Receipt:
    """The receipt of a nomination the actor may see; a draft has none yet."""
    require_on_nomination(session, actor=actor, action=Action.VIEW_NOMINATION, nomination_id=nomination_id)
    nomination = session.get(Nomination, nomination_id)
    if nomination.status == NominationStatus.DRAFT or nomination.submitted_at is None:
        raise InvalidInput("errors.form.no_receipt_yet")
    return Receipt(
        nomination_id=nomination.id, year=YearInfo.of(session.get(PrizeYear, nomination.year_id)),
        candidate=nomination.name, kind=CandidateKind(nomination.kind),
        villages=tuple(village.name for village in nomination.villages), municipality=nomination.municipality.name,
        nominating_body=nomination.nominating_body.name, contact_name=nomination.contact_name,
        submitted_at=nomination.submitted_at, summary=nomination.summary,
        material=tuple(intake.material_files(session, nomination.id)), website_url=nomination.website_url,
        video_url=nomination.video_url)
