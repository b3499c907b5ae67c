"""How each field of the nomination form checks its value: pure rules, no database."""

import pytest

from prize.errors import InvalidInput
from prize.models import CandidateKind
from prize.nomination_fields import NominationField, clean_field, field_named
from prize.questions import GuidingQuestion


def _refusal(field, value) -> str:
    with pytest.raises(InvalidInput) as refused:
        clean_field(field, value)
    return refused.value.message("da", plain=True)


@pytest.mark.parametrize(("link", "kept"), [
    ("https://www.stenhoej.dk/om-os?side=2#top", "https://www.stenhoej.dk/om-os?side=2#top"),
    ("  http://stenhoej.dk  ", "http://stenhoej.dk"),
    ("HTTPS://YOUTU.BE/abc", "HTTPS://YOUTU.BE/abc"),
    ("", ""),
])
def test_an_absolute_http_or_https_link_is_kept(link, kept):
    assert clean_field(NominationField.VIDEO_URL, link) == kept


@pytest.mark.parametrize("link", [
    "javascript:alert(1)", "JavaScript:alert(document.cookie)", "file:///etc/passwd", "data:text/html,<script>",
    "www.stenhoej.dk", "/relative/path", "//evil.example/x", "ftp://stenhoej.dk", "https://", "http://[::1",
    "https://bank.dk@evil.example/", "https://stenhoej.dk/a b",
])
def test_a_link_that_is_not_an_absolute_web_address_is_refused(link):
    assert _refusal(NominationField.WEBSITE_URL, link) == (
        f"Feltet «Hjemmeside» skal være en fuld webadresse, der begynder med https:// eller http:// "
        f"(fx https://www.landsby.dk). «{link}» kan ikke bruges.")


def test_a_link_with_a_tab_inside_is_refused_for_its_control_character():
    assert _refusal(NominationField.VIDEO_URL, "java\tscript:alert(1)") == (
        "Feltet «Videolink» indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
        "Fjern det og prøv igen.")


@pytest.mark.parametrize(("field", "length", "message"), [
    (NominationField.NAME, 121, "Feltet «Kandidatens navn» må højst være 120 tegn (du skrev 121)."),
    (NominationField.CONTACT_NAME, 121, "Feltet «Kontaktpersonens navn» må højst være 120 tegn (du skrev 121)."),
    (NominationField.SUMMARY, 1501, "Feltet «Kort beskrivelse» må højst være 1500 tegn (du skrev 1501)."),
    (GuidingQuestion.STRENGTHS, 5001, "Feltet «Styrker og værdier» må højst være 5000 tegn (du skrev 5001)."),
])
def test_over_long_text_is_refused_with_the_limit_and_the_length(field, length, message):
    assert _refusal(field, "a" * length) == message


def test_text_at_its_limit_is_kept():
    summary = clean_field(NominationField.SUMMARY, "æ" * 1500)
    answer = clean_field(GuidingQuestion.NEXT_STEPS, "ø" * 5000)

    assert (len(summary), len(answer)) == (1500, 5000)


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b[31m", "\u202e", "\x7f"])
def test_control_characters_nul_and_direction_overrides_are_refused(bad):
    assert _refusal(NominationField.SUMMARY, f"Landsbyen {bad}Stenhøj") == (
        "Feltet «Kort beskrivelse» indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
        "Fjern det og prøv igen.")


def test_line_breaks_and_tabs_are_kept_in_long_texts_but_not_in_a_name():
    assert clean_field(GuidingQuestion.COOPERATION, "Første linje\n\tanden linje") == "Første linje\n\tanden linje"
    assert _refusal(NominationField.NAME, "Stenhøj\nVestermark") == (
        "Feltet «Kandidatens navn» indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
        "Fjern det og prøv igen.")


@pytest.mark.parametrize("text", [
    "<script>alert('x')</script>", "![billede](https://evil.example/x.png)", "$\\frac{1}{2}$ og **fed**",
    "<img src=x onerror=alert(1)>", ":material/home: [link](javascript:alert(1))",
])
def test_html_markdown_and_latex_are_kept_as_typed(text):
    assert clean_field(NominationField.SUMMARY, text) == text


def test_the_candidate_name_is_required():
    assert _refusal(NominationField.NAME, "   ") == "Feltet «Kandidatens navn» skal udfyldes."


@pytest.mark.parametrize(("value", "message"), [
    ("anne@", "E-mailadressen «anne@» ser ikke gyldig ud."),
])
def test_a_contact_email_must_look_like_one(value, message):
    assert _refusal(NominationField.CONTACT_EMAIL, value) == message


@pytest.mark.parametrize(("phone", "kept"), [
    ("+45 12 34 56 78", "+45 12 34 56 78"), ("(+45) 1234-5678", "(+45) 1234-5678"), ("", "")])
def test_a_phone_number_of_digits_and_separators_is_kept(phone, kept):
    assert clean_field(NominationField.CONTACT_PHONE, phone) == kept


@pytest.mark.parametrize("phone", ["ring til Anne", "+-", "12 34 <b>"])
def test_a_phone_number_with_other_characters_is_refused(phone):
    assert _refusal(NominationField.CONTACT_PHONE, phone) == (
        f"Telefonnummeret «{phone}» ser ikke gyldigt ud: brug cifre, mellemrum og eventuelt + foran.")


def test_goals_are_kept_once_each_in_number_order():
    assert clean_field(NominationField.SDGS, [13, 7, 7, 15]) == (7, 13, 15)


@pytest.mark.parametrize("goals", [[0], [18], [7, "7"], [True], [3.0]])
def test_a_goal_outside_the_17_is_refused(goals):
    assert _refusal(NominationField.SDGS, goals) == "Vælg verdensmål blandt de 17 (numrene 1-17)."


def test_villages_keep_their_order_and_blank_lines_are_dropped():
    assert clean_field(NominationField.VILLAGES, [" Øster Lindå ", "", "Vester Lindå", "  "]) == (
        "Øster Lindå", "Vester Lindå")


def test_a_village_named_twice_is_refused():
    assert _refusal(NominationField.VILLAGES, ["Lindå", "lindå"]) == "Landsbyen «lindå» står der to gange."


def test_more_villages_than_the_limit_are_refused():
    assert _refusal(NominationField.VILLAGES, [f"Landsby {number}" for number in range(31)]) == (
        "Der kan højst være 30 landsbyer i én kandidat (du skrev 31).")


def test_an_unknown_candidate_kind_is_refused():
    assert (clean_field(NominationField.KIND, "cluster"), _refusal(NominationField.KIND, "town")) == (
        CandidateKind.CLUSTER, "Vælg en af mulighederne i feltet «Type kandidat».")


def test_fields_and_guiding_questions_are_found_by_name_and_an_unknown_name_is_a_bug():
    assert (field_named("summary"), field_named("strengths")) == (NominationField.SUMMARY, GuidingQuestion.STRENGTHS)
    with pytest.raises(ValueError, match="a nomination has no field 'status'"):
        field_named("status")
