"""The app's pages and the action each one serves: an actor sees a page when
``prize.permissions`` says they may ever do that action (which also holds every
page but the profile back until a one-time password is changed)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from prize.actor import Actor
from prize.permissions import Action, may_ever
from prize.roles import Role


@dataclass(frozen=True)
class PageSpec:
    key: str
    path: str
    title_key: str
    icon: str
    action: Action
    # A title that fits a role better than ``title_key`` (a village contact's "Vores ansøgning").
    title_keys: Mapping[Role, str] = field(default_factory=dict)

    def title_key_for(self, actor: Actor) -> str:
        return self.title_keys.get(Role(actor.role), self.title_key)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "pages/overview.py", "nav.overview", ":material/dashboard:",
             Action.VIEW_YEAR_OVERVIEW),
    PageSpec("nominations", "pages/nominations.py", "nav.nominations", ":material/fact_check:",
             Action.VIEW_ALL_NOMINATIONS),
    PageSpec("jury", "pages/jury.py", "nav.jury", ":material/groups:", Action.VIEW_PROGRESS),
    PageSpec("scoring", "pages/scoring.py", "nav.scoring", ":material/grading:", Action.VIEW_OWN_SHEETS),
    # After the juror's scoring page: a juror lands on their sheets, not on results still hidden.
    PageSpec("results", "pages/results.py", "nav.results", ":material/leaderboard:", Action.VIEW_RESULTS),
    PageSpec("shortlist", "pages/shortlist.py", "nav.shortlist", ":material/emoji_events:",
             Action.CONFIRM_SHORTLIST),
    PageSpec("videos", "pages/videos.py", "nav.videos", ":material/videocam:", Action.MANAGE_VIDEOS),
    PageSpec("presentations", "pages/presentations.py", "nav.presentations", ":material/co_present:",
             Action.VIEW_PRESENTATIONS),
    PageSpec("recommendation", "pages/recommendation.py", "nav.recommendation", ":material/recommend:",
             Action.VIEW_RECOMMENDATION),
    PageSpec("decision", "pages/decision.py", "nav.decision", ":material/gavel:", Action.RECORD_DECISION),
    PageSpec("archive", "pages/archive.py", "nav.archive", ":material/inventory_2:", Action.VIEW_ARCHIVE),
    PageSpec("setup", "pages/setup.py", "nav.setup", ":material/tune:", Action.SET_DEADLINES),
    PageSpec("bodies", "pages/bodies.py", "nav.bodies", ":material/account_balance:", Action.MANAGE_BODIES),
    PageSpec("users", "pages/users.py", "nav.users", ":material/group:", Action.MANAGE_USERS),
    PageSpec("audit", "pages/audit.py", "nav.audit", ":material/history:", Action.VIEW_AUDIT),
    PageSpec("operations", "pages/operations.py", "nav.operations", ":material/backup:", Action.DOWNLOAD_BACKUP),
    PageSpec("outbox", "pages/outbox.py", "nav.outbox", ":material/outgoing_mail:", Action.MANAGE_OUTBOX),
    PageSpec("my_nominations", "pages/my_nominations.py", "nav.my_nominations", ":material/description:",
             Action.VIEW_OWN_NOMINATIONS, title_keys={Role.VILLAGE: "nav.our_application"}),
    PageSpec("profile", "pages/profile.py", "nav.profile", ":material/person:", Action.EDIT_OWN_PROFILE),
)
PAGES_BY_KEY = {page.key: page for page in PAGES}


@dataclass(frozen=True)
class PublicPageSpec:
    """A page for everyone, logged in or not (in the menu, and linked from the login
    page). It shows only fixed text from the catalog, never stored data."""

    key: str
    path: str
    title_key: str
    icon: str


PUBLIC_PAGES: tuple[PublicPageSpec, ...] = (
    # The public finalists page: the address the region links to (``/finalister?year=2020``).
    PublicPageSpec("finalister", "pages/finalister.py", "nav.public_finalists", ":material/public:"),
    PublicPageSpec("privacy", "pages/privacy.py", "privacy.title", ":material/shield_person:"),
    PublicPageSpec("accessibility", "pages/accessibility.py", "nav.accessibility", ":material/accessibility_new:"),
)
PUBLIC_PAGES_BY_KEY = {page.key: page for page in PUBLIC_PAGES}


def pages_for(actor: Actor) -> list[PageSpec]:
    """The pages ``actor`` may open, in menu order."""
    return [page for page in PAGES if may_ever(actor, page.action)]
