"""The shortlist's pure rules: the cut, how a chosen list relates to it, a nominator's standing."""

import pytest

from prize.phases import NominationStatus
from prize.robustness import Cut
from prize.shortlist import Choice, Standing, above_cut, compare, duplicates, standing


def test_above_the_cut_are_the_members_not_tied_at_it():
    assert above_cut(Cut(members=("A", "B", "C", "D"), tied=("C", "D"), size=3)) == ("A", "B")


@pytest.mark.parametrize(("chosen", "expected"), [
    (["B", "A"], Choice(changed=False, tie_resolved=False)),
    (["A", "C"], Choice(changed=True, tie_resolved=False)),
], ids=["as-proposed-in-another-order", "changed"])
def test_a_choice_after_a_clean_cut_is_changed_only_when_its_set_differs(chosen, expected):
    assert compare(chosen, Cut(members=("A", "B"), size=2)) == expected


@pytest.mark.parametrize(("chosen", "expected"), [
    (["A", "D"], Choice(changed=False, tie_resolved=True)),
    (["A", "F"], Choice(changed=True, tie_resolved=True)),
    (["C", "D"], Choice(changed=True, tie_resolved=True)),
], ids=["picked-among-the-tied", "someone-from-outside", "a-clear-one-left-out"])
def test_a_choice_after_a_tie_always_resolves_it_and_changes_only_beyond_the_tied(chosen, expected):
    assert compare(chosen, Cut(members=("A", "C", "D", "E"), tied=("C", "D", "E"), size=2)) == expected


def test_a_change_and_a_resolved_tie_each_need_a_justification():
    assert [Choice(False, False).needs_justification, Choice(True, False).needs_justification,
            Choice(False, True).needs_justification] == [False, True, True]


def test_duplicates_are_named_once_each():
    assert duplicates([1, 2, 1, 3, 2, 1]) == [1, 2]


@pytest.mark.parametrize(("status", "published", "finalist", "expected"), [
    (NominationStatus.ELIGIBLE, False, False, None),
    (NominationStatus.ELIGIBLE, True, True, Standing.FINALIST),
    (NominationStatus.ELIGIBLE, True, False, Standing.NOT_ADVANCED),
    (NominationStatus.INELIGIBLE, True, False, None),
    (NominationStatus.WITHDRAWN, True, False, None),
], ids=["before-publication", "finalist", "not-advanced", "ineligible", "withdrawn"])
def test_a_nominator_learns_a_candidates_standing_only_once_the_shortlist_is_published(
        status, published, finalist, expected):
    assert standing(status, published=published, finalist=finalist) == expected
