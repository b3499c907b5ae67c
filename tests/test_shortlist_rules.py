"""The shortlist's pure rules: the cut, how a chosen list relates to it, a nominator's standing."""

import pandas as pd
import pytest

from prize.phases import NominationStatus
from prize.shortlist import Choice, Cut, Standing, compare, cut, duplicates, standing


def _ranking(ranks: dict[str, int]) -> pd.DataFrame:
    """A ranking as prize.ranking.rank returns it; the scores follow the ranks."""
    return pd.DataFrame({"score": [10.0 - rank for rank in ranks.values()], "rank": list(ranks.values())},
                        index=pd.Index(list(ranks), name="nomination"))


def test_a_clean_cut_takes_the_top_seats():
    ranking = _ranking({"A": 1, "B": 2, "C": 3, "D": 4})

    assert cut(ranking, 2) == Cut(seats=2, clear=("A", "B"), tied=())


def test_a_tie_that_ends_exactly_at_the_cut_is_no_tie_at_the_cut():
    ranking = _ranking({"A": 1, "B": 2, "C": 2, "D": 4})

    assert cut(ranking, 3) == Cut(seats=3, clear=("A", "B", "C"), tied=())


def test_a_tie_across_the_cut_names_every_tied_candidate_and_the_seats_left():
    ranking = _ranking({"A": 1, "B": 2, "C": 3, "D": 3, "E": 3, "F": 6})

    proposal = cut(ranking, 3)

    assert (proposal, proposal.open_seats, proposal.proposed, proposal.is_tie) == (
        Cut(seats=3, clear=("A", "B"), tied=("C", "D", "E")), 1, ("A", "B", "C", "D", "E"), True)


def test_a_tie_for_first_place_wider_than_the_seats_leaves_nobody_clear():
    ranking = _ranking({"A": 1, "B": 1, "C": 1, "D": 4})

    assert cut(ranking, 2) == Cut(seats=2, clear=(), tied=("A", "B", "C"))


def test_fewer_candidates_than_seats_are_all_clear():
    assert cut(_ranking({"A": 1, "B": 1}), 5) == Cut(seats=5, clear=("A", "B"), tied=())


def test_a_shortlist_without_seats_is_a_bug():
    with pytest.raises(ValueError, match="at least one seat"):
        cut(_ranking({"A": 1}), 0)


@pytest.mark.parametrize(("chosen", "expected"), [
    (["B", "A"], Choice(changed=False, tie_resolved=False)),
    (["A", "C"], Choice(changed=True, tie_resolved=False)),
], ids=["as-proposed-in-another-order", "changed"])
def test_a_choice_after_a_clean_cut_is_changed_only_when_its_set_differs(chosen, expected):
    assert compare(chosen, Cut(seats=2, clear=("A", "B"))) == expected


@pytest.mark.parametrize(("chosen", "expected"), [
    (["A", "D"], Choice(changed=False, tie_resolved=True)),
    (["A", "F"], Choice(changed=True, tie_resolved=True)),
    (["C", "D"], Choice(changed=True, tie_resolved=True)),
], ids=["picked-among-the-tied", "someone-from-outside", "a-clear-one-left-out"])
def test_a_choice_after_a_tie_always_resolves_it_and_changes_only_beyond_the_tied(chosen, expected):
    assert compare(chosen, Cut(seats=2, clear=("A",), tied=("C", "D", "E"))) == expected


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
