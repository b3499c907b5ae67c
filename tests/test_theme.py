"""The theme's colours in .streamlit/config.toml meet WCAG 2.1 AA contrast (4.5:1 for text)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ui.style import FOCUS_RING

THEME = tomllib.loads((Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml").read_text())["theme"]
# Streamlit 1.67 draws captions, help text and a select box's placeholder in its
# "fadedText60": the text colour at 60 % opacity over the background.
FADED_TEXT_OPACITY = 0.6
AA_TEXT = 4.5
# WCAG 1.4.11: a focus indicator, like any part of a control, needs 3:1 against what is next to it.
AA_NON_TEXT = 3.0


def _channels(colour: str) -> tuple[int, int, int]:
    digits = colour.lstrip("#")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (linear(channel) for channel in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def over(colour: str, background: str, *, opacity: float) -> str:
    """``colour`` at ``opacity`` drawn over ``background``."""
    mixed = (round(top * opacity + bottom * (1 - opacity))
             for top, bottom in zip(_channels(colour), _channels(background), strict=True))
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def test_contrast_is_computed_as_wcag_defines_it():
    assert (round(contrast("#000000", "#ffffff"), 2), round(contrast("#777777", "#ffffff"), 2)) == (21.0, 4.48)


def test_faded_text_is_mixed_as_streamlit_draws_it():
    # The colour axe-core measured for a caption under the earlier text colour #1d2b24.
    assert over("#1d2b24", "#ffffff", opacity=FADED_TEXT_OPACITY) == "#77807c"


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
@pytest.mark.parametrize("opacity", [1.0, FADED_TEXT_OPACITY], ids=["text", "caption"])
def test_text_and_captions_reach_aa_contrast_on_both_backgrounds(background, opacity):
    text = over(THEME["textColor"], THEME[background], opacity=opacity)

    assert contrast(text, THEME[background]) >= AA_TEXT


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_the_accent_colour_reaches_aa_contrast_as_text_and_behind_white_text(background):
    assert (contrast(THEME["primaryColor"], THEME[background]) >= AA_TEXT,
            contrast("#ffffff", THEME["primaryColor"]) >= AA_TEXT) == (True, True)


@pytest.mark.parametrize("background", ["backgroundColor", "secondaryBackgroundColor"])
def test_the_focus_ring_is_the_accent_colour_and_reaches_3_to_1_on_both_backgrounds(background):
    assert (FOCUS_RING == THEME["primaryColor"], contrast(FOCUS_RING, THEME[background]) >= AA_NON_TEXT) == (
        True, True)
