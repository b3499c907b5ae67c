"""The guiding questions a nomination answers (DOMAIN.md, step 2), in the order the
form asks them. The question texts live in the catalog under ``questions.<key>``."""

from __future__ import annotations

from enum import StrEnum


class GuidingQuestion(StrEnum):
    STRENGTHS = "strengths"
    ACHIEVEMENTS = "achievements"
    NEXT_STEPS = "next_steps"
    ORGANISATION = "organisation"
    COOPERATION = "cooperation"
    WIDER_CHALLENGES = "wider_challenges"


GUIDING_QUESTIONS: tuple[GuidingQuestion, ...] = tuple(GuidingQuestion)
