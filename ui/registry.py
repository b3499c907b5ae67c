"""The app's pages and the action each one serves: a role sees a page when
``prize.permissions`` lets it do that action."""

from __future__ import annotations

from dataclasses import dataclass

from prize.permissions import Action, role_may
from prize.roles import Role


@dataclass(frozen=True)
class PageSpec:
    key: str
    path: str
    title_key: str
    icon: str
    action: Action

    def allows(self, role: Role | str) -> bool:
        return role_may(role, self.action)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("overview", "pages/overview.py", "nav.overview", ":material/dashboard:",
             Action.VIEW_YEAR_OVERVIEW),
    PageSpec("users", "pages/users.py", "nav.users", ":material/group:", Action.MANAGE_USERS),
    PageSpec("scoring", "pages/scoring.py", "nav.scoring", ":material/grading:", Action.SCORE),
    PageSpec("my_nominations", "pages/my_nominations.py", "nav.my_nominations", ":material/description:",
             Action.VIEW_OWN_NOMINATIONS),
    PageSpec("profile", "pages/profile.py", "nav.profile", ":material/person:", Action.EDIT_OWN_PROFILE),
)
PAGES_BY_KEY = {page.key: page for page in PAGES}


def pages_for(role: Role | str, *, must_change_password: bool = False) -> list[PageSpec]:
    """The pages ``role`` may open, in menu order; only the profile until a
    one-time password has been changed."""
    if must_change_password:
        return [PAGES_BY_KEY["profile"]]
    return [page for page in PAGES if page.allows(role)]
