"""Is a nomination complete enough to submit? A pure rule over a plain value, so
the nominator's submit, the secretariat's list and the eligibility pre-check
all name the same missing parts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from prize.questions import GUIDING_QUESTIONS


@dataclass(frozen=True)
class NominationContent:
    """What a nomination holds, as far as completeness goes. ``answers`` by
    guiding-question key; ``attachment_count`` counts its stored files."""

    name: str = ""
    villages: tuple[str, ...] = ()
    municipality_id: int | None = None
    contact_name: str = ""
    contact_email: str = ""
    summary: str = ""
    answers: Mapping[str, str] = field(default_factory=dict)
    video_url: str = ""
    attachment_count: int = 0


# The catalog key of each required part, in the order the form shows them.
REQUIRED_PARTS: tuple[str, ...] = (
    "fields.candidate_name", "fields.villages", "fields.municipality", "fields.contact_name",
    "fields.contact_email", "fields.summary", "fields.material",
)


def missing_parts(content: NominationContent) -> list[str]:
    """The catalog keys of the required parts ``content`` lacks, in form order.
    Material is a stored file or a video link; the guiding questions are
    answered in the text or in the material (DOMAIN.md: material is free in form),
    so an unanswered question is not missing (see ``unanswered_questions``)."""
    present = {
        "fields.candidate_name": bool(content.name.strip()),
        "fields.villages": any(village.strip() for village in content.villages),
        "fields.municipality": content.municipality_id is not None,
        "fields.contact_name": bool(content.contact_name.strip()),
        "fields.contact_email": bool(content.contact_email.strip()),
        "fields.summary": bool(content.summary.strip()),
        "fields.material": content.attachment_count > 0 or bool(content.video_url.strip()),
    }
    return [part for part in REQUIRED_PARTS if not present[part]]


def lost_parts(before: NominationContent, after: NominationContent) -> list[str]:
    """The required parts ``after`` lacks that ``before`` had: what a change to a
    submitted nomination would take away (it must stay complete)."""
    had_missing = missing_parts(before)
    return [part for part in missing_parts(after) if part not in had_missing]


def unanswered_questions(content: NominationContent) -> list[str]:
    """The guiding questions without a written answer, in form order."""
    return [question.value for question in GUIDING_QUESTIONS if not content.answers.get(question, "").strip()]


def is_complete(content: NominationContent) -> bool:
    return not missing_parts(content)
