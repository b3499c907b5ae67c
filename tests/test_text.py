"""Stored text is shown literally: the Markdown escaper, the forbidden characters,
and the translation function that escapes its parameters."""

import pytest

from prize.i18n import t, t_plain
from prize.text import Markup, escape_markdown, forbidden_characters, mailto_link

HOSTILE = ("![spor](http://127.0.0.1:9/x.png) <b>fed</b> $x^2$ www.spor.example :material/home: "
           ":smile: :red[rød] anne@example.dk\n# Overskrift\u202e")


def test_every_markdown_and_streamlit_syntax_is_escaped_and_autolinks_are_broken():
    escaped = escape_markdown(HOSTILE)

    assert escaped == (
        "\\!\\[spor\\]\\(http\\:\u2060\\/\\/127\\.0\\.0\\.1\\:\u20609\\/x\\.png\\) \\<b\\>fed\\<\\/b\\> "
        "\\$x\\^2\\$ www\u2060\\.spor\\.example \\:\u2060material\\/home\\:\u2060 \\:\u2060smile\\:\u2060 "
        "\\:\u2060red\\[rød\\] anne\\@\u2060example\\.dk \\# Overskrift\ufffd")


def test_escaping_returns_markup_and_leaves_markup_alone():
    trusted = Markup("**fed**")

    assert (type(escape_markdown("x")), escape_markdown(trusted) is trusted) == (Markup, True)


def test_letters_digits_and_spaces_are_kept_as_they_are():
    assert escape_markdown("Stenhøj Vestermark 2020 Ærø Å") == "Stenhøj Vestermark 2020 Ærø Å"


def test_a_single_line_value_has_its_line_breaks_and_tabs_folded_into_spaces():
    assert escape_markdown("Første\r\nAnden\rTredje\tFjerde") == "Første Anden Tredje Fjerde"


def test_a_long_text_keeps_its_line_breaks_and_indents_without_becoming_code():
    escaped = escape_markdown("Vi har:\n    - en sø\n\n1. et hus", multiline=True)

    assert escaped == "Vi har\\:\u2060  \n\u00a0\u00a0\u00a0\u00a0\\- en sø  \n\n1\\. et hus  "


@pytest.mark.parametrize(("char", "name"), [
    ("\x00", "nul"), ("\x07", "bell"), ("\x1b", "escape"), ("\x7f", "delete"), ("\x85", "next-line"),
    ("\u202a", "left-to-right-embedding"), ("\u202e", "right-to-left-override"), ("\u2066", "isolate"),
    ("\u2069", "pop-isolate"),
])
def test_control_characters_and_bidi_overrides_are_forbidden_and_shown_as_a_replacement(char, name):
    text = f"Navn{char}x"

    assert (forbidden_characters(text), escape_markdown(text)) == ([char], "Navn\ufffdx")


def test_tab_and_newline_are_forbidden_in_a_single_line_and_allowed_in_a_long_text():
    text = "a\tb\nc"

    assert (forbidden_characters(text), forbidden_characters(text, multiline=True)) == (["\t", "\n"], [])


def test_the_translation_function_escapes_text_parameters_but_not_numbers_or_markup():
    message = t("users.created", "da", user="a_b*c")

    assert message.startswith("Brugeren a\\_b\\*c er oprettet.")


def test_a_translated_message_is_markup_that_is_not_escaped_again():
    inner = t("labels.phase.screening", "da")

    assert t("common.quoted", "da", text=inner) == "«Første bedømmelsesrunde»"


def test_the_plain_translation_function_escapes_nothing():
    assert t_plain("common.quoted", "da", text="a_b *c* [d](e)") == "«a_b *c* [d](e)»"


def test_numbers_are_not_escaped():
    assert t("scoring.progress", "da", done=9, total=13) == t_plain("scoring.progress", "da", done=9, total=13)


def test_a_mailto_link_shows_the_address_literally_and_percent_encodes_it_in_the_link():
    assert (mailto_link("landsbyprisen@rm.dk"), mailto_link("a)(b@x.dk [c](https://spor.example)\u202e")) == (
        "[landsbyprisen\\@rm\\.dk](mailto:landsbyprisen@rm.dk)",
        "[a\\)\\(b\\@x\\.dk \\[c\\]\\(https\\:\\/\\/spor\\.example\\)\ufffd]"
        "(mailto:a%29%28b@x.dk%20%5Bc%5D%28https%3A%2F%2Fspor.example%29%E2%80%AE)")
