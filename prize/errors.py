"""The errors a user can cause. Each carries a catalog key and its parameters;
a page shows ``error.message(locale)`` (Markdown, parameters escaped), the
command line ``error.message(locale, plain=True)``. Anything else that is
raised is a bug."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from prize.i18n import MessageKey, format_day, format_moment, t, t_plain
from prize.text import Markup


class PrizeError(Exception):
    key = "errors.generic"

    def __init__(self, key: str | None = None, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(f"{self.key} {params}" if params else self.key)

    def message(self, locale: str = "da", *, plain: bool = False) -> str:
        """The Danish (or English) text; enum parameters such as a phase are named too.
        Markdown with escaped parameters, or ``plain`` text for the command line."""
        return self._text(locale, plain=plain)

    def _text(self, locale: str, *, plain: bool = False, **texts: str) -> str:
        translate = t_plain if plain else t
        params = {name: _label(value, locale, translate) for name, value in self.params.items()} | texts
        return translate(self.key, locale, **params)


def _label(value: object, locale: str, translate=t) -> object:
    if isinstance(value, MessageKey):
        return translate(value, locale)
    if isinstance(value, datetime):
        return format_moment(value, locale)
    if isinstance(value, date):
        return format_day(value, locale)
    if isinstance(value, StrEnum):
        return translate(f"labels.{type(value).__name__.lower()}.{value.value}", locale)
    return value


class NotAllowed(PrizeError):
    key = "errors.not_allowed"


class PasswordChangeRequired(NotAllowed):
    """Logged in with a one-time password: only the own profile is open."""

    key = "errors.password_change_required"


class OutOfPhase(PrizeError):
    key = "errors.out_of_phase"


class YearMoved(PrizeError):
    """Someone else moved the year since the page was drawn; ``phase`` is where it is now."""

    key = "errors.year_moved"


class PhaseMoveRefused(PrizeError):
    """``allowed`` holds the phases the year may move to; they are named in the reader's language."""

    key = "errors.phase_move_refused"

    def message(self, locale: str = "da", *, plain: bool = False) -> str:
        translate = t_plain if plain else t
        allowed = ", ".join(translate("common.quoted", locale, text=_label(phase, locale, translate))
                            for phase in self.params.get("allowed", ()))
        return self._text(locale, plain=plain, allowed=Markup(allowed or "-"))


class PhaseBlocked(PrizeError):
    """The year lacks what the target phase needs; ``blockers`` are the catalog keys of the reasons."""

    key = "errors.phase_precondition"

    def message(self, locale: str = "da", *, plain: bool = False) -> str:
        translate = t_plain if plain else t
        reason = " ".join(translate(key, locale) for key in self.params.get("blockers", ()))
        return self._text(locale, plain=plain, reason=Markup(reason))


class DeadlinePassed(PrizeError):
    key = "errors.deadline_passed"


class EditsClosed(DeadlinePassed):
    """The rule book's refusal of a change after the nomination's deadline; a
    service that knows the moment raises ``DeadlinePassed`` naming it instead."""

    key = "errors.edits_closed"


class ScoringClosed(PrizeError):
    key = "errors.scoring_closed"


class StaleSave(PrizeError):
    """A save based on an older version of a score or sheet (another tab saved
    in between); ``stored`` is what is stored now, and nothing was changed."""

    key = "scoring.errors.stale_score"


class ConflictOfInterest(PrizeError):
    key = "errors.conflict_of_interest"


class InvalidInput(PrizeError):
    key = "errors.invalid_input"


class IncompleteSheet(InvalidInput):
    """A sheet submitted before every criterion has a score; ``missing`` holds the criteria's titles."""

    key = "scoring.errors.incomplete"

    def message(self, locale: str = "da", *, plain: bool = False) -> str:
        translate = t_plain if plain else t
        names = [translate("common.quoted", locale, text=name) for name in self.params["missing"]]
        return self._text(locale, plain=plain, missing=Markup(spoken_list(names, translate("form.and", locale))))


class InvalidUpload(PrizeError):
    key = "errors.invalid_upload"


# Refused uploads (prize.filetypes, prize.services.material); ``name`` is the file's display name.
class UnknownFileType(InvalidUpload):
    key = "material.error.unknown_type"


class FileNameMismatch(InvalidUpload):
    """The content is an accepted ``type``, but the name ends in another ``extension``."""

    key = "material.error.name_mismatch"


class UploadTooLarge(InvalidUpload):
    """Over its kind's limit; ``key`` names the kind (documents and images, or audio and video)."""

    key = "material.error.too_large_document"


class MaterialFull(InvalidUpload):
    key = "material.error.total_exceeded"


class DuplicateUpload(InvalidUpload):
    """The same bytes are already in the nomination, as ``existing``."""

    key = "material.error.duplicate"


class LoginRefused(PrizeError):
    key = "errors.login_refused"


class NotFound(PrizeError):
    key = "errors.not_found"


class InvalidSetting(PrizeError):
    """A setting whose value does not fit its declaration. ``expected`` is the catalog
    key of what would fit, filled in with ``expected_params``. A secret setting is
    raised with ``errors.invalid_secret_setting`` and without its value, so the
    value is in neither the message nor the exception."""

    key = "errors.invalid_setting"

    def message(self, locale: str = "da", *, plain: bool = False) -> str:
        translate = t_plain if plain else t
        expected = translate(self.params["expected"], locale, **self.params.get("expected_params", {}))
        return self._text(locale, plain=plain, expected=expected)


class CriteriaLocked(PrizeError):
    """The year's criteria cannot change: the jury has begun scoring (or the phase is past)."""

    key = "criteria.error.locked_scored"


class NominationIncomplete(InvalidInput):
    """``missing`` holds the catalog keys of the parts a nomination lacks
    (``prize.completeness``); the message names them as a list in the reader's language.
    The key is ``errors.form.incomplete`` at submission, ``errors.form.must_stay_complete``
    for a change that would empty a part of a submitted nomination."""

    key = "errors.form.incomplete"

    def message(self, locale: str = "da", *, plain: bool = False) -> str:
        translate = t_plain if plain else t
        names = [translate("common.quoted", locale, text=translate(key, locale)) for key in self.params["missing"]]
        return self._text(locale, plain=plain, missing=Markup(spoken_list(names, translate("form.and", locale))))


def spoken_list(items: list[str], conjunction: str) -> str:
    """"a, b og c": the items joined as a sentence lists them."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


class BackupFailed(PrizeError):
    """A backup could not be written: the database has no schema, the target file exists, or a
    stored file that a row names is missing. The key names the reason (``backup.failed.*``)."""

    key = "backup.failed.not_migrated"


class RestoreRefused(PrizeError):
    """A restore that was refused with nothing written: the target is not empty, or the archive
    is not a backup, damaged, truncated or from a newer version. The key names the reason
    (``backup.refused.*``)."""

    key = "backup.refused.not_an_archive"


class RoundRefused(PrizeError):
    """A change to a scoring round that its state does not allow (closing a closed round,
    releasing an open one, changing the independence after submissions). The key names
    the reason (``rounds.error.*``)."""

    key = "rounds.error.not_open"


class MissingSheetsUnconfirmed(PrizeError):
    """The year would leave a round with ``missing`` of ``total`` sheets unsubmitted, and the
    move did not confirm that very count."""

    key = "rounds.error.unsubmitted"


class RoundStillOpen(PrizeError):
    """The shortlist is chosen from a closed screening round; this one is still open."""

    key = "shortlist.error.round_open"


class ShortlistRefused(InvalidInput):
    """A shortlist that cannot be confirmed as given: the wrong number of finalists, a
    candidate that is not in competition, a change or a tie without a justification,
    or a shortlist already confirmed. The key names the reason (``shortlist.error.*``)."""

    key = "shortlist.error.count"


class ReasonRequired(PrizeError):
    """A change to the approved (locked) recommendation without a written reason."""

    key = "recommendation.error.reason_required"


class AlreadyApproved(PrizeError):
    key = "recommendation.error.already_approved"


class RecommendationNotApproved(PrizeError):
    """The council's decision is recorded only once the jury's recommendation is approved."""

    key = "decision.error.not_approved"


class NotSentToCouncil(PrizeError):
    """The recommendation is approved, but the year has not moved to "recommendation" yet."""

    key = "decision.error.not_sent"


class DecisionExists(PrizeError):
    """The year's decision is recorded already; a year has one."""

    key = "decision.error.exists"


class InvalidVideoLink(InvalidInput):
    """A video link that is refused: not http(s), a script, a local or private address,
    a user name in it, or malformed. The key names the reason (``videos.error.link_*``)."""

    key = "videos.error.link_malformed"


class VideoRefused(InvalidInput):
    """A video that cannot be attached or changed as asked: the candidate is no finalist
    of the year, or the video is no longer there. The key names the reason (``videos.error.*``)."""

    key = "videos.error.not_finalist"
