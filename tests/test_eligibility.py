"""The eligibility pre-checks: pure rules, tested without a database."""

from dataclasses import replace

import pytest

from prize.eligibility import (Check, EligibilityFacts, Failure, PastWinner, failed_checks, quarantine_years_of,
                               same_name_key)

REGION = frozenset({730, 710, 741})  # Randers, Favrskov, Samsø
FACTS = EligibilityFacts(name="Stenhøj Vestermark", villages=("Stenhøj Vestermark",), municipality="Randers",
                         municipality_code=730, missing_parts=(), body="LAG Randers-Favrskov", body_nominations=1,
                         body_limit=1)


def _failed(facts: EligibilityFacts = FACTS, *, winners=(), year: int = 2020, quarantine_years: int = 5):
    return failed_checks(facts, year=year, quarantine_years=quarantine_years, region=REGION, winners=winners)


def test_a_complete_nomination_in_the_region_within_the_limit_passes_every_check():
    assert _failed() == ()


def test_a_municipality_outside_the_region_fails_and_is_named():
    failures = _failed(replace(FACTS, municipality="Vejle", municipality_code=630))

    assert [failure.message("da") for failure in failures] == ["Kommunen «Vejle» ligger ikke i regionen."]


def test_an_incomplete_nomination_names_the_missing_parts_in_danish():
    failures = _failed(replace(FACTS, missing_parts=("fields.summary", "fields.material")))

    assert [failure.message("da") for failure in failures] == [
        "Indstillingen er ikke komplet. Der mangler: Kort beskrivelse, "
        "Materiale (mindst én fil eller et videolink)."]


def test_a_body_over_its_limit_fails_with_its_count_and_limit():
    failures = _failed(replace(FACTS, body_nominations=3, body_limit=2))

    assert [failure.message("da", plain=True) for failure in failures] == [
        "LAG Randers-Favrskov har 3 indstillinger i år, men må højst indstille 2."]


def test_a_body_at_its_limit_passes():
    assert _failed(replace(FACTS, body_nominations=2, body_limit=2)) == ()


def test_a_winner_within_the_quarantine_fails_and_names_the_year():
    failures = _failed(winners=[PastWinner(year=2017, name="Stenhøj Vestermark", villages=("Stenhøj Vestermark",))])

    assert failures == (Failure(Check.NOT_RECENT_WINNER, {"winner": "Stenhøj Vestermark", "won": 2017, "years": 5}),)


@pytest.mark.parametrize(("won", "flagged"), [(2014, False), (2015, True), (2019, True), (2020, False)])
def test_the_quarantine_covers_exactly_the_last_n_years_before_this_one(won, flagged):
    failures = _failed(winners=[PastWinner(year=won, name="Stenhøj Vestermark")])

    assert bool(failures) is flagged


def test_no_quarantine_years_means_no_winner_is_flagged():
    failures = _failed(winners=[PastWinner(year=2019, name="Stenhøj Vestermark")], quarantine_years=0)

    assert failures == ()


def test_a_village_of_a_winning_cluster_is_matched_without_case_and_spaces():
    winner = PastWinner(year=2019, name="Idom-Råsted", villages=("Idom", "Råsted"))
    facts = replace(FACTS, name="Råsted Landsbyråd", villages=("  RÅ sted ",))

    failures = _failed(facts, winners=[winner])

    assert [failure.message("da", plain=True) for failure in failures] == [
        "«Idom-Råsted» vandt prisen i 2019. En vinder fra de seneste 5 år kan ikke vinde igen, og kandidaten har "
        "samme navn eller en landsby til fælles med vinderen."]


def test_a_different_village_is_not_a_winner():
    winner = PastWinner(year=2019, name="Idom-Råsted", villages=("Idom", "Råsted"))

    assert _failed(winners=[winner]) == ()


def test_the_most_recent_win_is_named_when_a_candidate_won_twice():
    winners = [PastWinner(year=2016, name="Stenhøj Vestermark"), PastWinner(year=2018, name="Stenhøj Vestermark")]

    assert [failure.params["won"] for failure in _failed(winners=winners)] == [2018]


def test_every_failed_check_is_listed_in_a_fixed_order():
    facts = replace(FACTS, municipality_code=630, missing_parts=("fields.summary",), body_nominations=2)

    failures = _failed(facts, winners=[PastWinner(year=2019, name="Stenhøj Vestermark")])

    assert [failure.check for failure in failures] == [Check.IN_REGION, Check.COMPLETE, Check.BODY_LIMIT,
                                                       Check.NOT_RECENT_WINNER]


def test_a_reason_on_screen_shows_a_name_literally():
    failures = _failed(replace(FACTS, municipality="[Vejle](https://example.com)", municipality_code=630))

    assert failures[0].message("da") == (
        "Kommunen «\\[Vejle\\]\\(https\\:\u2060\\/\\/example\\.com\\)» ligger ikke i regionen.")


def test_a_reason_reads_in_english_too():
    failures = _failed(replace(FACTS, body_nominations=2))

    assert failures[0].message("en") == "LAG Randers\\-Favrskov has 2 nominations this year but may make at most 1."


def test_the_quarantine_window_is_the_years_just_before():
    assert list(quarantine_years_of(2020, 3)) == [2017, 2018, 2019]


def test_names_compare_without_case_and_any_spaces():
    assert same_name_key(" Nørre  Snede ") == same_name_key("nørresnede") == "nørresnede"


def test_failures_can_be_counted_and_compared():
    limit = Failure(Check.BODY_LIMIT, {"body": "LAG Djursland", "count": 2, "limit": 1})

    assert ({limit, Failure(Check.BODY_LIMIT, {"body": "LAG Djursland", "count": 2, "limit": 1})},
            limit == Failure(Check.BODY_LIMIT, {"body": "LAG Djursland", "count": 3, "limit": 1})) == ({limit}, False)
