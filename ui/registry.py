"""The app's pages and the action each one serves: an actor sees a page when
``prize.permissions`` says they may ever do that action (which also holds every
page but the profile back until a one-time password is changed)."""

from __future__ import annotations

from dataclasses import dataclass

from prize.actor import Actor
from prize.permissions import Action, may_ever


@dataclass(frozen=True)
class PageSpec:
    key: str
    path: str
    title_key: str
    icon: str
    action: Action


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "pages/overview.py", "nav.overview", ":material/dashboard:",
             Action.VIEW_YEAR_OVERVIEW),
    PageSpec("users", "pages/users.py", "nav.users", ":material/group:", Action.MANAGE_USERS),
    PageSpec("scoring", "pages/scoring.py", "nav.scoring", ":material/grading:", Action.VIEW_OWN_SHEETS),
    PageSpec("my_nominations", "pages/my_nominations.py", "nav.my_nominations", ":material/description:",
             Action.VIEW_OWN_NOMINATIONS),
    PageSpec("profile", "pages/profile.py", "nav.profile", ":material/person:", Action.EDIT_OWN_PROFILE),
)
PAGES_BY_KEY = {page.key: page for page in PAGES}


def pages_for(actor: Actor) -> list[PageSpec]:
    """The pages ``actor`` may open, in menu order."""
    return [page for page in PAGES if may_ever(actor, page.action)]
