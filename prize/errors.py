"""The errors a user can cause. Each carries a catalog key and its parameters;
a page shows ``error.message(locale)``. Anything else that is raised is a bug."""

from __future__ import annotations

from enum import StrEnum

from prize.i18n import t


class PrizeError(Exception):
    key = "errors.generic"

    def __init__(self, key: str | None = None, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(f"{self.key} {params}" if params else self.key)

    def message(self, locale: str = "da") -> str:
        """The Danish (or English) text; enum parameters such as a phase are named too."""
        params = {name: _label(value, locale) for name, value in self.params.items()}
        return t(self.key, locale, **params)


def _label(value: object, locale: str) -> object:
    if isinstance(value, StrEnum):
        return t(f"labels.{type(value).__name__.lower()}.{value.value}", locale)
    return value


class NotAllowed(PrizeError):
    key = "errors.not_allowed"


class OutOfPhase(PrizeError):
    key = "errors.out_of_phase"


class PhaseMoveRefused(PrizeError):
    key = "errors.phase_move_refused"


class DeadlinePassed(PrizeError):
    key = "errors.deadline_passed"


class ScoringClosed(PrizeError):
    key = "errors.scoring_closed"


class ConflictOfInterest(PrizeError):
    key = "errors.conflict_of_interest"


class InvalidInput(PrizeError):
    key = "errors.invalid_input"


class InvalidUpload(PrizeError):
    key = "errors.invalid_upload"


class LoginRefused(PrizeError):
    key = "errors.login_refused"


class NotFound(PrizeError):
    key = "errors.not_found"
