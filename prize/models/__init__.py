"""The data model. Importing this package registers every table on ``Base.metadata``."""

from prize.models.attachment import Attachment
from prize.models.audit import AuditEntry
from prize.models.base import Base
from prize.models.conflict import Conflict, ConflictReason
from prize.models.criterion import Criterion, ScaleAnchor
from prize.models.nomination import CandidateKind, CandidateVillage, Nomination, NominationAnswer
from prize.models.outcome import CouncilDecision, Finalist, Shortlist, ShortlistProposal, Video, VideoKind
from prize.models.outbox import MailKind, OutboxMessage
from prize.models.place import BodyKind, Municipality, NominatingBody, SdgGoal
from prize.models.recommendation import Presentation, Recommendation, RecommendationRemark
from prize.models.round import RoundKind, ScoringRound
from prize.models.score import Score, ScoreSheet
from prize.models.user import User
from prize.models.year import PrizeYear

__all__ = [
    "Attachment", "AuditEntry", "Base", "BodyKind", "CandidateKind", "CandidateVillage",
    "Conflict", "ConflictReason", "CouncilDecision", "Criterion", "Finalist", "MailKind", "Municipality",
    "NominatingBody", "Nomination", "NominationAnswer", "OutboxMessage", "Presentation", "PrizeYear",
    "Recommendation", "RecommendationRemark", "RoundKind", "ScaleAnchor", "Score", "ScoreSheet", "ScoringRound",
    "SdgGoal", "Shortlist", "ShortlistProposal", "User", "Video", "VideoKind",
]
