"""What the app knows it does not yet meet of WCAG 2.1 AA, because Streamlit's own
markup breaks it where the app cannot reach: the accessibility test
(tests/e2e/test_accessibility.py) accepts exactly these axe-core rules on exactly
these elements, and the accessibility statement (pages/accessibility.py) names
each of them. A rule leaves this list when Streamlit fixes it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class KnownIssue:
    """``rule``: the axe-core rule id; ``element``: a CSS selector of Streamlit's element
    that breaks it (a violation elsewhere still fails the test); ``key``: the catalog
    text under ``accessibility.known`` that says what a user meets and why."""

    rule: str
    element: str
    key: str


KNOWN_ISSUES: tuple[KnownIssue, ...] = (
    # A disabled widget's label is drawn in Streamlit's faded text colour (WCAG 1.4.3
    # exempts inactive controls, but axe-core cannot tell the label belongs to one).
    KnownIssue("color-contrast", ", ".join(f".{widget}:has(:is(input, textarea):disabled)" for widget in (
        "stSelectbox", "stMultiSelect", "stTextInput", "stTextArea", "stNumberInput", "stDateInput", "stRadio")),
        "disabled_label"),
)

# The date of the last review of the statement (the standard asks for it).
REVIEWED = date(2026, 12, 2)
