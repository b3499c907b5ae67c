"""The robustness of the cut (prize/robustness.py) on tables built by hand."""

import pandas as pd
import pytest

from prize.ranking import METHODS, SCORE_COLUMNS, juror_totals, rank
from prize.robustness import Agreement, Cut, Dependence, cut, describe, kendall_w, robustness

ONE_CRITERION = {"c": 1}


def _totals(values: dict[str, dict[str, float]]) -> pd.DataFrame:
    """{juror: {nomination: total}} as the long score frame, one criterion of weight 1."""
    rows = [(juror, nomination, "c", total) for juror, sheet in values.items() for nomination, total in sheet.items()]
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _by_candidate(values: dict[str, list[float]], jurors: tuple[str, ...]) -> pd.DataFrame:
    """{nomination: [total of each juror]}, the way the hand computations read."""
    return _totals({juror: {nomination: totals[i] for nomination, totals in values.items()}
                    for i, juror in enumerate(jurors)})


NAMES = {"a": "Asferg", "b": "Bådsted", "c": "Cederby", "d": "Dalby"}
JURORS = {"J1": "Birgitte Thorsen", "J2": "Henrik Lund", "J3": "Camilla Damgaard", "J4": "Mads Kristensen",
          "J5": "Thomas Nørgaard"}

# Every juror ranks a, b, c, d alike and far apart: the top 2 is a and b however it is counted.
ROBUST = _by_candidate({"a": [9, 9, 9], "b": [8, 8, 8], "c": [3, 3, 3], "d": [2, 2, 2]}, ("J1", "J2", "J3"))


def test_the_same_top_n_under_every_method_and_without_any_juror_is_robust():
    report = robustness(ROBUST, ONE_CRITERION, method="weighted_mean", n_finalists=2)

    assert (report.robust, report.dependences, report.top) == (True, (), Cut(members=("a", "b"), size=2))
    assert dict(report.by_method) == {method: Cut(members=("a", "b"), size=2) for method in METHODS}
    assert dict(report.without_juror) == {juror: Cut(members=("a", "b"), size=2) for juror in ("J1", "J2", "J3")}


def test_identical_rankings_agree_fully():
    # m = 3, n = 4, every juror ranks 1, 2, 3, 4: rank sums 3, 6, 9, 12, mean 7.5;
    # S = 4.5^2 + 1.5^2 + 1.5^2 + 4.5^2 = 45; W = 12 x 45 / (9 x (64 - 4)) = 540 / 540 = 1.
    assert kendall_w(juror_totals(ROBUST, ONE_CRITERION)) == Agreement(w=1.0, candidates=4, jurors=3)


def test_a_robust_report_reads_as_one_verdict_and_the_agreement():
    report = robustness(ROBUST, ONE_CRITERION, method="weighted_mean", n_finalists=2)

    assert describe(report, "da", NAMES, JURORS) == [
        "Robust: De samme kandidater er i top 2 med alle 5 metoder og også, når et hvilket som helst jurymedlem "
        "holdes ude: Asferg og Bådsted.",
        "Enighed i juryen (Kendalls W): 1,00 over de 4 kandidater, som alle 3 jurymedlemmer har bedømt "
        "(0 = ingen enighed, 1 = fuld enighed)."]


# Five jurors; J1 and J2 love a, the other three do not:
#   a: 10, 10, 1, 1, 1   mean 23/5 = 4.6   median 1   trimmed (10 + 1 + 1) / 3 = 4
#   b:  4,  4, 4, 4, 4   mean 4            median 4   trimmed 4
#   c:  2,  2, 2, 2, 2   mean 2            median 2   trimmed 2
#   d:  0,  0, 0, 0, 0
# Top 2 by the mean: a, b; by the median: b, c. Without any one juror the mean keeps a second
# (at worst (10 + 1 + 1 + 1) / 4 = 3.25 > 2).
# Borda (k = 4; places 1, 2, 3, 4 earn 1, 2/3, 1/3, 0): J1, J2 rank a, b, c, d; J3-J5 rank b, c, a, d:
#   a (1 + 1 + 3 x 1/3) / 5 = 0.6   b (2 x 2/3 + 3) / 5 = 13/15   c (2 x 1/3 + 3 x 2/3) / 5 = 8/15: top 2 b, a.
# Normalized: J1, J2 (10, 4, 2, 0): mean 4, sd sqrt((36 + 0 + 4 + 16) / 4) = sqrt(14):
#   a 6/sqrt(14), b 0, c -2/sqrt(14); J3-J5 (1, 4, 2, 0): mean 7/4, sd sqrt((0.5625 + 5.0625 + 0.0625
#   + 3.0625) / 4) = sqrt(35/16): a -0.75/sqrt(35/16), b 2.25/.., c 0.25/..
#   a (2 x 1.6036 - 3 x 0.5071) / 5 = 0.3372; b (0 + 3 x 1.5213) / 5 = 0.9128; c (2 x -0.5345 + 3 x 0.1690) / 5
#   = -0.1124: top 2 b, a.
BY_METHOD = _by_candidate({"a": [10, 10, 1, 1, 1], "b": [4, 4, 4, 4, 4], "c": [2, 2, 2, 2, 2], "d": [0, 0, 0, 0, 0]},
                          ("J1", "J2", "J3", "J4", "J5"))


def test_a_candidate_in_the_top_n_by_one_method_and_out_by_another_depends_on_the_method():
    report = robustness(BY_METHOD, ONE_CRITERION, method="weighted_mean", n_finalists=2)

    assert (report.robust, report.dependences) == (False, (
        Dependence(nomination="a", in_top=True, methods=("median",), jurors=()),
        Dependence(nomination="c", in_top=False, methods=("median",), jurors=())))
    assert {method: top.members for method, top in report.by_method.items()} == {
        "weighted_mean": ("a", "b"), "median": ("b", "c"), "trimmed_mean": ("a", "b"), "normalized": ("b", "a"),
        "borda": ("b", "a")}


def test_a_method_dependence_names_the_methods():
    report = robustness(BY_METHOD, ONE_CRITERION, method="weighted_mean", n_finalists=2)

    assert describe(report, "da", NAMES, JURORS)[:3] == [
        "Ikke robust: Hvem der er i top 2, afhænger af metoden eller af et enkelt jurymedlem.",
        "Asferg er i top 2 med vægtet gennemsnit, men ikke med median.",
        "Cederby er ikke i top 2 med vægtet gennemsnit, men er det med median."]


# Three jurors; J3 rates b low and c high:
#   a: 9, 9, 9   b: 8, 8, 5 (mean 7)   c: 6, 6, 8 (mean 20/3)
# With all three: a, b under every method (median b 8 > c 6; Borda b 1/3 > c 1/6; trimmed = mean
# with 3 jurors; normalized b -0.28 > c -0.76). Without J1 (or J2): b (8 + 5) / 2 = 6.5 < c (6 + 8) / 2 = 7.
BY_JUROR = _by_candidate({"a": [9, 9, 9], "b": [8, 8, 5], "c": [6, 6, 8]}, ("J1", "J2", "J3"))


def test_a_candidate_that_drops_out_without_one_juror_depends_on_that_juror():
    report = robustness(BY_JUROR, ONE_CRITERION, method="weighted_mean", n_finalists=2)

    assert report.dependences == (Dependence(nomination="b", in_top=True, methods=(), jurors=("J1", "J2")),
                                  Dependence(nomination="c", in_top=False, methods=(), jurors=("J1", "J2")))
    assert dict(report.without_juror) == {"J1": Cut(("a", "c"), size=2), "J2": Cut(("a", "c"), size=2),
                                          "J3": Cut(("a", "b"), size=2)}


def test_a_juror_dependence_names_the_jurors():
    report = robustness(BY_JUROR, ONE_CRITERION, method="weighted_mean", n_finalists=2)

    assert describe(report, "da", NAMES, JURORS)[1:3] == [
        "Bådsted er i top 2 med vægtet gennemsnit, men falder ud, hvis Birgitte Thorsen eller Henrik Lund "
        "holdes ude.",
        "Cederby er ikke i top 2 med vægtet gennemsnit, men kommer ind, hvis Birgitte Thorsen eller Henrik Lund "
        "holdes ude."]


def test_the_report_in_english():
    report = robustness(BY_JUROR, ONE_CRITERION, method="median", n_finalists=2)

    assert describe(report, "en", NAMES, JURORS)[:2] == [
        "Not robust: who is in the top 2 depends on the method or on a single juror.",
        "Bådsted is in the top 2 by median, but drops out if Birgitte Thorsen or Henrik Lund is left out."]


# a 9; b and c 7 (tied for 2nd); d 1. The top 2 holds a and both of b and c.
TIED = _totals({"J1": {"a": 9, "b": 7, "c": 7, "d": 1}, "J2": {"a": 9, "b": 7, "c": 7, "d": 1}})


def test_a_tie_at_the_nth_place_includes_all_who_share_it():
    report = robustness(TIED, ONE_CRITERION, method="borda", n_finalists=2)

    assert (report.top, report.top.seats_for_tied, report.robust) == (
        Cut(members=("a", "b", "c"), tied=("b", "c"), size=2), 1, True)


def test_a_tie_at_the_nth_place_is_named_with_everyone_in_it():
    report = robustness(TIED, ONE_CRITERION, method="weighted_mean", n_finalists=2)

    assert describe(report, "da", NAMES, JURORS)[1] == (
        "Delt 2. plads: Bådsted og Cederby står lige, og kun 1 af de 2 kan komme i top 2. En person skal afgøre, "
        "hvem der går videre, og skrive begrundelsen.")


def test_a_tie_that_fits_inside_the_top_n_is_no_tie_at_the_cut():
    ranking = rank(_totals({"J1": {"a": 9, "b": 9, "c": 5, "d": 1}}), ONE_CRITERION)

    assert cut(ranking, 2) == Cut(members=("a", "b"), size=2)


def test_fewer_candidates_than_finalists_are_all_in_the_top_n():
    assert cut(rank(_totals({"J1": {"a": 9, "b": 3}}), ONE_CRITERION), 5) == Cut(members=("a", "b"), size=5)


# --- Kendall's W -----------------------------------------------------------------------------

def test_kendall_w_of_three_jurors_without_ties():
    # J1 ranks a, b, c; J2 a, c, b; J3 b, a, c. Rank sums a 1 + 1 + 2 = 4, b 2 + 3 + 1 = 6, c 3 + 2 + 3 = 8;
    # mean 3 x 4 / 2 = 6; S = 4 + 0 + 4 = 8; W = 12 x 8 / (9 x (27 - 3)) = 96 / 216 = 4/9.
    totals = juror_totals(_totals({"J1": {"a": 3, "b": 2, "c": 1}, "J2": {"a": 3, "b": 1, "c": 2},
                                   "J3": {"a": 2, "b": 3, "c": 1}}), ONE_CRITERION)

    agreement = kendall_w(totals)

    assert (agreement.w, agreement.candidates, agreement.jurors) == (pytest.approx(4 / 9, abs=1e-12), 3, 3)


def test_kendall_w_corrects_for_ties_and_uses_only_the_candidates_every_juror_scored():
    # J1: a 3, b 2, c 1 -> ranks 1, 2, 3; J2: a 2, b 2, c 1 -> 1.5, 1.5, 3; d is J1's alone and left out.
    # Rank sums 2.5, 3.5, 6; mean 2 x 4 / 2 = 4; S = 2.25 + 0.25 + 4 = 6.5.
    # Ties: J2 has one group of 2: 2^3 - 2 = 6. W = 12 x 6.5 / (4 x 24 - 2 x 6) = 78 / 84 = 13/14.
    totals = juror_totals(_totals({"J1": {"a": 3, "b": 2, "c": 1, "d": 5}, "J2": {"a": 2, "b": 2, "c": 1}}),
                          ONE_CRITERION)

    agreement = kendall_w(totals)

    assert (agreement.w, agreement.candidates, agreement.jurors) == (pytest.approx(13 / 14, abs=1e-12), 3, 2)


def test_kendall_w_needs_two_jurors_and_two_shared_candidates():
    one_juror = juror_totals(_totals({"J1": {"a": 3, "b": 2}}), ONE_CRITERION)
    one_shared = juror_totals(_totals({"J1": {"a": 3, "b": 2}, "J2": {"a": 1, "c": 2}}), ONE_CRITERION)

    assert (kendall_w(one_juror), kendall_w(one_shared)) == (Agreement(None, 2, 1), Agreement(None, 1, 2))


def test_an_agreement_that_cannot_be_computed_says_why():
    report = robustness(_totals({"J1": {"a": 3, "b": 2}}), ONE_CRITERION, method="weighted_mean", n_finalists=1)

    assert describe(report, "da", NAMES, JURORS)[-1] == (
        "Enigheden i juryen (Kendalls W) kan ikke beregnes: Den kræver mindst to jurymedlemmer og to kandidater, "
        "som de alle har bedømt (her 1 jurymedlemmer og 2 fælles kandidater).")


# --- Edges -----------------------------------------------------------------------------------

def test_no_scores_give_an_empty_report_that_says_so():
    report = robustness(_totals({}), ONE_CRITERION, method="weighted_mean")

    assert (report.top, report.robust, describe(report, "da", NAMES, JURORS)) == (
        Cut(members=(), size=5), True, ["Der er endnu ingen indsendte bedømmelser at rangere."])


def test_names_are_escaped_on_screen_and_kept_as_typed_in_plain_text():
    names = {"a": "*Asferg*", "b": "Bådsted"}
    report = robustness(_totals({"J1": {"a": 3, "b": 2}, "J2": {"a": 3, "b": 1}}), ONE_CRITERION,
                        method="weighted_mean", n_finalists=1)

    screen, plain = describe(report, "da", names, JURORS)[0], describe(report, "da", names, JURORS, plain=True)[0]

    assert (screen.endswith(r"holdes ude: \*Asferg\*."), plain.endswith("holdes ude: *Asferg*.")) == (True, True)


@pytest.mark.parametrize(("method", "n", "message"), [
    ("mode", 5, "unknown ranking method 'mode'"), ("borda", 0, "the number of finalists must be at least 1, not 0")])
def test_an_unknown_method_or_no_finalists_is_refused(method, n, message):
    with pytest.raises(ValueError, match=message):
        robustness(ROBUST, ONE_CRITERION, method=method, n_finalists=n)
