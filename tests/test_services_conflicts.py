"""Conflicts of interest on SQLite and PostgreSQL: declaring, recusing, withdrawing,
the proposals from data, the list, the scores that still count, and refused input."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.errors import InvalidInput, NotAllowed, NotFound, OutOfPhase
from prize.models import AuditEntry, Conflict, ConflictReason, Nomination, PrizeYear, ScoreSheet, User
from prize.phases import NominationStatus, Phase, RoundKind
from prize.queries.conflicts import (COUNTED_SCORE_COLUMNS, active_conflict_ids, counted_scores_frame,
                                     is_conflicted)
from prize.queries.years import scoring_round
from prize.roles import Role
from prize.services.conflicts import (conflicts_frame, declare_conflict, own_conflict, proposed_conflicts,
                                      recusal_choices, recuse_juror, withdraw_conflict)
from tests.factories import (actor_of, make_body, make_conflict, make_nomination, make_sheet, make_user, make_year,
                             municipality)

DECLARED = datetime(2020, 2, 3, 10, 0, tzinfo=UTC)
WITHDRAWN = datetime(2020, 2, 4, 11, 0, tzinfo=UTC)


@dataclass
class Site:
    year_id: int
    randers: int
    favrskov: int
    juror: Actor
    other_juror: Actor
    secretariat: Actor
    nominator: Actor


@pytest.fixture
def site(session: Session) -> Site:
    """2020 in screening with two eligible candidates (Randers, Favrskov), a juror living in
    Randers, a juror without a home municipality, the secretariat and a nominator."""
    year = make_year(session)
    body = make_body(session)
    randers = make_nomination(session, year=year, body=body, name="Stenhøj Vestermark",
                              status=NominationStatus.ELIGIBLE)
    favrskov = make_nomination(session, year=year, body=body, name="Lindådalen", municipality_name="Favrskov",
                               status=NominationStatus.ELIGIBLE)
    juror = make_user(session, role=Role.JUROR, username="jury1", name="Karen Holm")
    juror.home_municipality_id = municipality(session, "Randers").id
    other = make_user(session, role=Role.JUROR, username="jury2", name="Bo Lund")
    secretariat = make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Sekretariatet")
    nominator = make_user(session, role=Role.NOMINATOR, username="lag", body=body)
    session.flush()
    return Site(year_id=year.id, randers=randers.id, favrskov=favrskov.id, juror=actor_of(juror),
                other_juror=actor_of(other), secretariat=actor_of(secretariat), nominator=actor_of(nominator))


def _conflicts(session: Session) -> list[tuple]:
    return [(row.juror_id, row.nomination_id, row.reason, row.note, row.declared_by_id, row.withdrawn_at is None,
             row.withdrawal_reason) for row in session.scalars(select(Conflict).order_by(Conflict.id))]


def _audit(session: Session) -> list[tuple[str, str, int]]:
    return [(row.action, row.entity, row.entity_id)
            for row in session.scalars(select(AuditEntry).where(AuditEntry.entity == "conflict")
                                       .order_by(AuditEntry.id))]


# --- Declaring ------------------------------------------------------------------------------

def test_a_juror_declares_a_conflict_with_a_type_and_a_reason(session, site):
    declared = declare_conflict(session, actor=site.juror, nomination_id=site.favrskov,
                                reason=ConflictReason.PERSONAL, note="Min søster bor i landsbyen.", now=DECLARED)

    assert (declared.reason, declared.note, declared.declared_by_id, declared.active) == (
        ConflictReason.PERSONAL, "Min søster bor i landsbyen.", site.juror.id, True)
    assert _conflicts(session) == [(site.juror.id, site.favrskov, ConflictReason.PERSONAL,
                                    "Min søster bor i landsbyen.", site.juror.id, True, "")]
    assert _audit(session) == [("conflict.declared", "conflict", declared.id)]


def test_after_a_declaration_the_juror_is_conflicted_with_that_candidate_only(session, site):
    declare_conflict(session, actor=site.juror, nomination_id=site.favrskov, reason=ConflictReason.OTHER,
                     note="Bestyrelsesmedlem.")

    assert (is_conflicted(session, juror_id=site.juror.id, nomination_id=site.favrskov),
            is_conflicted(session, juror_id=site.juror.id, nomination_id=site.randers),
            active_conflict_ids(session, juror_id=site.juror.id, year_id=site.year_id),
            active_conflict_ids(session, juror_id=site.other_juror.id, year_id=site.year_id)) == (
        True, False, {site.favrskov}, set())


def test_own_municipality_needs_no_written_reason(session, site):
    declared = declare_conflict(session, actor=site.juror, nomination_id=site.randers,
                                reason=ConflictReason.OWN_MUNICIPALITY, note="  ")

    assert (declared.reason, declared.note) == (ConflictReason.OWN_MUNICIPALITY, "")


@pytest.mark.parametrize("reason", [ConflictReason.PERSONAL, ConflictReason.PROFESSIONAL, ConflictReason.OTHER])
def test_every_other_type_needs_a_written_reason(session, site, reason):
    with pytest.raises(InvalidInput) as refused:
        declare_conflict(session, actor=site.juror, nomination_id=site.favrskov, reason=reason, note=" ")

    assert refused.value.message("da") == "Feltet «Begrundelse» skal udfyldes."
    assert _conflicts(session) == []


@pytest.mark.parametrize(("note", "message"), [
    ("x" * 501, "Feltet «Begrundelse» må højst være 500 tegn (du skrev 501)."),
    ("Naboens\x07 søn", "Feltet «Begrundelse» indeholder et kontroltegn eller et usynligt styretegn for "
                        "tekstretning. Fjern det og prøv igen."),
    ("abc\u202eexe", "Feltet «Begrundelse» indeholder et kontroltegn eller et usynligt styretegn for "
                     "tekstretning. Fjern det og prøv igen."),
], ids=["too-long", "control-character", "bidi-override"])
def test_a_bad_reason_is_refused_in_danish_and_nothing_is_stored(session, site, note, message):
    with pytest.raises(InvalidInput) as refused:
        declare_conflict(session, actor=site.juror, nomination_id=site.favrskov, reason=ConflictReason.OTHER,
                         note=note)

    assert (refused.value.message("da"), _conflicts(session), _audit(session)) == (message, [], [])


def test_a_reason_of_500_characters_over_two_lines_is_kept(session, site):
    note = "a" * 249 + "\n" + "b" * 250

    declared = declare_conflict(session, actor=site.juror, nomination_id=site.favrskov,
                                reason=ConflictReason.OTHER, note=note)

    assert declared.note == note


def test_an_unknown_type_is_refused(session, site):
    with pytest.raises(InvalidInput) as refused:
        declare_conflict(session, actor=site.juror, nomination_id=site.favrskov, reason="enemy", note="x")

    assert refused.value.message("da") == "Vælg en af typerne af inhabilitet."


def test_an_unknown_candidate_is_refused(session, site):
    with pytest.raises(NotFound) as refused:
        declare_conflict(session, actor=site.juror, nomination_id=9999, reason=ConflictReason.OTHER, note="x")

    assert refused.value.message("da") == "Kandidaten findes ikke blandt årets godkendte kandidater."


def test_a_candidate_of_another_year_is_refused(session, site):
    old_year = make_year(session, year=2019, phase=Phase.DECIDED)
    old = make_nomination(session, year=old_year, body=make_body(session), name="Idom-Råsted",
                          status=NominationStatus.ELIGIBLE)

    with pytest.raises(NotFound):
        declare_conflict(session, actor=site.juror, nomination_id=old.id, reason=ConflictReason.OTHER, note="x")

    assert _conflicts(session) == []


def test_a_nomination_that_is_not_eligible_is_refused(session, site):
    ineligible = make_nomination(session, year=_year(session, site.year_id), body=make_body(session),
                                 name="Ulvedal", status=NominationStatus.INELIGIBLE)

    with pytest.raises(NotFound):
        declare_conflict(session, actor=site.juror, nomination_id=ineligible.id, reason=ConflictReason.OTHER,
                         note="x")


def _year(session: Session, year_id: int) -> PrizeYear:
    return session.get(PrizeYear, year_id)


def test_declaring_twice_is_refused(session, site):
    declare_conflict(session, actor=site.juror, nomination_id=site.favrskov, reason=ConflictReason.OTHER, note="x")

    with pytest.raises(InvalidInput) as refused:
        declare_conflict(session, actor=site.juror, nomination_id=site.favrskov, reason=ConflictReason.OTHER,
                         note="y")

    assert refused.value.message("da") == (
        "Der er allerede registreret inhabilitet for dette jurymedlem og denne kandidat.")


@pytest.mark.parametrize("who", ["nominator", "secretariat"])
def test_only_a_juror_declares_their_own_conflict(session, site, who):
    expected = {"nominator": NotAllowed, "secretariat": InvalidInput}[who]

    with pytest.raises(expected):
        declare_conflict(session, actor=getattr(site, who), nomination_id=site.favrskov,
                         reason=ConflictReason.OTHER, note="x")

    assert _conflicts(session) == []


def test_a_conflict_cannot_be_declared_before_nominations_close(session, site):
    _year(session, site.year_id).phase = Phase.NOMINATIONS_OPEN
    session.flush()

    with pytest.raises(OutOfPhase):
        declare_conflict(session, actor=site.juror, nomination_id=site.favrskov, reason=ConflictReason.OTHER,
                         note="x")


# --- Withdrawing and declaring again --------------------------------------------------------

def test_the_secretariat_withdraws_a_conflict_with_a_reason_and_the_row_is_kept(session, site):
    declared = declare_conflict(session, actor=site.juror, nomination_id=site.favrskov,
                                reason=ConflictReason.OTHER, note="Nabo.")

    withdrawn = withdraw_conflict(session, actor=site.secretariat, conflict_id=declared.id,
                                  reason="Naboen er flyttet.", now=WITHDRAWN)

    assert (withdrawn.active, withdrawn.withdrawal_reason) == (False, "Naboen er flyttet.")
    assert _conflicts(session) == [(site.juror.id, site.favrskov, ConflictReason.OTHER, "Nabo.", site.juror.id,
                                    False, "Naboen er flyttet.")]
    assert is_conflicted(session, juror_id=site.juror.id, nomination_id=site.favrskov) is False
    assert _audit(session) == [("conflict.declared", "conflict", declared.id),
                               ("conflict.withdrawn", "conflict", declared.id)]


def test_a_withdrawal_needs_a_reason(session, site):
    declared = declare_conflict(session, actor=site.juror, nomination_id=site.favrskov,
                                reason=ConflictReason.OTHER, note="Nabo.")

    with pytest.raises(InvalidInput) as refused:
        withdraw_conflict(session, actor=site.secretariat, conflict_id=declared.id, reason="")

    assert refused.value.message("da") == "Feltet «Begrundelse for tilbagetrækning» skal udfyldes."
    assert is_conflicted(session, juror_id=site.juror.id, nomination_id=site.favrskov) is True


def test_a_juror_may_not_withdraw_their_own_conflict(session, site):
    declared = declare_conflict(session, actor=site.juror, nomination_id=site.favrskov,
                                reason=ConflictReason.OTHER, note="Nabo.")

    with pytest.raises(NotAllowed):
        withdraw_conflict(session, actor=site.juror, conflict_id=declared.id, reason="Fortrudt.")


def test_withdrawing_twice_or_an_unknown_conflict_is_refused(session, site):
    declared = declare_conflict(session, actor=site.juror, nomination_id=site.favrskov,
                                reason=ConflictReason.OTHER, note="Nabo.")
    withdraw_conflict(session, actor=site.secretariat, conflict_id=declared.id, reason="Flyttet.")

    with pytest.raises(InvalidInput) as twice:
        withdraw_conflict(session, actor=site.secretariat, conflict_id=declared.id, reason="Igen.")
    with pytest.raises(NotFound):
        withdraw_conflict(session, actor=site.secretariat, conflict_id=9999, reason="Igen.")

    assert twice.value.message("da") == "Inhabiliteten er allerede trukket tilbage."


def test_declaring_again_after_a_withdrawal_reuses_the_row(session, site):
    first = declare_conflict(session, actor=site.juror, nomination_id=site.favrskov,
                             reason=ConflictReason.OTHER, note="Nabo.")
    withdraw_conflict(session, actor=site.secretariat, conflict_id=first.id, reason="Flyttet.")

    again = declare_conflict(session, actor=site.juror, nomination_id=site.favrskov,
                             reason=ConflictReason.PROFESSIONAL, note="Rådgiver for landsbyrådet.")

    assert (again.id, again.active) == (first.id, True)
    assert _conflicts(session) == [(site.juror.id, site.favrskov, ConflictReason.PROFESSIONAL,
                                    "Rådgiver for landsbyrådet.", site.juror.id, True, "")]
    assert [action for action, _, _ in _audit(session)] == [
        "conflict.declared", "conflict.withdrawn", "conflict.declared"]


# --- Recusing -------------------------------------------------------------------------------

def test_the_secretariat_recuses_a_juror_and_is_named_as_the_declarer(session, site):
    recused = recuse_juror(session, actor=site.secretariat, juror_id=site.other_juror.id,
                           nomination_id=site.randers, reason=ConflictReason.PROFESSIONAL,
                           note="Ansat i kommunens planafdeling.")

    assert (recused.juror_id, recused.declared_by_id) == (site.other_juror.id, site.secretariat.id)
    assert _audit(session) == [("conflict.recused", "conflict", recused.id)]
    assert is_conflicted(session, juror_id=site.other_juror.id, nomination_id=site.randers) is True


def test_a_juror_may_not_recuse_another_juror(session, site):
    with pytest.raises(NotAllowed):
        recuse_juror(session, actor=site.juror, juror_id=site.other_juror.id, nomination_id=site.randers,
                     reason=ConflictReason.OTHER, note="x")

    assert _conflicts(session) == []


def test_only_a_juror_can_be_recused(session, site):
    with pytest.raises(InvalidInput) as refused:
        recuse_juror(session, actor=site.secretariat, juror_id=site.nominator.id, nomination_id=site.randers,
                     reason=ConflictReason.OTHER, note="x")

    assert refused.value.message("da") == "Personen er ikke et aktivt jurymedlem."


# --- Proposals ------------------------------------------------------------------------------

def test_the_data_proposes_the_jurors_own_municipality(session, site):
    proposals = proposed_conflicts(session, actor=site.secretariat, year_id=site.year_id)

    assert proposals.to_dict("records") == [{
        "juror_id": site.juror.id, "juror": "Karen Holm", "nomination_id": site.randers,
        "candidate": "Stenhøj Vestermark", "municipality": "Randers", "reason": ConflictReason.OWN_MUNICIPALITY}]


def test_a_juror_sees_only_their_own_proposals(session, site):
    own = proposed_conflicts(session, actor=site.juror, year_id=site.year_id)
    others = proposed_conflicts(session, actor=site.other_juror, year_id=site.year_id)

    assert (own["candidate"].tolist(), others["candidate"].tolist()) == (["Stenhøj Vestermark"], [])


def test_a_confirmed_proposal_is_proposed_no_more_until_withdrawn(session, site):
    confirmed = declare_conflict(session, actor=site.juror, nomination_id=site.randers,
                                 reason=ConflictReason.OWN_MUNICIPALITY, note="")
    after_confirming = proposed_conflicts(session, actor=site.secretariat, year_id=site.year_id)
    withdraw_conflict(session, actor=site.secretariat, conflict_id=confirmed.id, reason="Flyttet i 2015.")

    after_withdrawal = proposed_conflicts(session, actor=site.secretariat, year_id=site.year_id)

    assert (len(after_confirming), after_withdrawal["candidate"].tolist()) == (0, ["Stenhøj Vestermark"])


def test_a_nominator_gets_no_proposals(session, site):
    with pytest.raises(NotAllowed):
        proposed_conflicts(session, actor=site.nominator, year_id=site.year_id)


def test_the_juror_sees_their_own_conflict_and_proposal_for_a_candidate(session, site):
    before = own_conflict(session, actor=site.juror, nomination_id=site.randers)
    declare_conflict(session, actor=site.juror, nomination_id=site.randers, reason=ConflictReason.OWN_MUNICIPALITY,
                     note="")

    after = own_conflict(session, actor=site.juror, nomination_id=site.randers)

    assert (before.conflict, before.proposed_municipality, before.may_declare) == (None, "Randers", True)
    assert (after.conflict.reason, after.proposed) == (ConflictReason.OWN_MUNICIPALITY, False)


def test_the_recusal_form_offers_the_active_jurors_and_the_eligible_candidates(session, site):
    choices = recusal_choices(session, actor=site.secretariat, year_id=site.year_id)

    assert (choices.jurors, choices.candidates, choices.may_change) == (
        ((site.other_juror.id, "Bo Lund"), (site.juror.id, "Karen Holm")),
        ((site.favrskov, "Lindådalen"), (site.randers, "Stenhøj Vestermark")), True)


# --- The list -------------------------------------------------------------------------------

def test_the_list_holds_every_conflict_withdrawn_ones_too(session, site):
    first = declare_conflict(session, actor=site.juror, nomination_id=site.favrskov, reason=ConflictReason.OTHER,
                             note="Nabo.", now=DECLARED)
    withdraw_conflict(session, actor=site.secretariat, conflict_id=first.id, reason="Flyttet.", now=WITHDRAWN)
    recuse_juror(session, actor=site.secretariat, juror_id=site.other_juror.id, nomination_id=site.randers,
                 reason=ConflictReason.PERSONAL, note="Gift med formanden.", now=DECLARED)

    frame = conflicts_frame(session, actor=site.secretariat, year_id=site.year_id)

    assert frame.drop(columns=["id", "declared_at", "withdrawn_at"]).to_dict("records") == [
        {"juror_id": site.juror.id, "juror": "Karen Holm", "nomination_id": site.favrskov,
         "candidate": "Lindådalen", "reason": ConflictReason.OTHER, "note": "Nabo.", "declared_by": "Karen Holm",
         "withdrawal_reason": "Flyttet.", "active": False},
        {"juror_id": site.other_juror.id, "juror": "Bo Lund", "nomination_id": site.randers,
         "candidate": "Stenhøj Vestermark", "reason": ConflictReason.PERSONAL, "note": "Gift med formanden.",
         "declared_by": "Sekretariatet", "withdrawal_reason": "", "active": True}]
    assert frame["withdrawn_at"].notna().tolist() == [True, False]


def test_a_juror_may_not_read_the_list(session, site):
    with pytest.raises(NotAllowed):
        conflicts_frame(session, actor=site.juror, year_id=site.year_id)


# --- Scores given before a conflict ---------------------------------------------------------

def test_scores_of_a_conflicted_juror_are_kept_but_not_counted(session, site):
    screening = scoring_round(session, year_id=site.year_id, kind=RoundKind.SCREENING)
    juror, other = session.get(User, site.juror.id), session.get(User, site.other_juror.id)
    favrskov = _nomination(session, site.favrskov)
    kept = make_sheet(session, round=screening, juror=juror, nomination=favrskov, values=(4, 4, 4, 4, 4, 4, 4))
    counted = make_sheet(session, round=screening, juror=other, nomination=favrskov, values=(2, 2, 2, 2, 2, 2, 2))
    make_sheet(session, round=screening, juror=other, nomination=_nomination(session, site.randers),
               values=(5, 5, 5, 5, 5, 5, 5), submitted=False)
    declare_conflict(session, actor=site.juror, nomination_id=site.favrskov, reason=ConflictReason.OTHER,
                     note="Opdaget efter bedømmelsen.")

    frame = counted_scores_frame(session, round_id=screening.id)

    assert list(frame.columns) == COUNTED_SCORE_COLUMNS
    assert (frame["sheet_id"].unique().tolist(), frame["value"].tolist()) == ([counted.id], [2] * 7)
    assert len(session.get(ScoreSheet, kept.id).scores) == 7


def test_a_withdrawn_conflict_lets_the_scores_count_again(session, site):
    screening = scoring_round(session, year_id=site.year_id, kind=RoundKind.SCREENING)
    sheet = make_sheet(session, round=screening, juror=session.get(User, site.juror.id),
                       nomination=_nomination(session, site.favrskov))
    conflict = make_conflict(session, juror=session.get(User, site.juror.id),
                             nomination=_nomination(session, site.favrskov), reason=ConflictReason.OTHER, note="x")
    withdraw_conflict(session, actor=site.secretariat, conflict_id=conflict.id, reason="Fejl.")

    frame = counted_scores_frame(session, round_id=screening.id)

    assert frame["sheet_id"].unique().tolist() == [sheet.id]


def _nomination(session: Session, nomination_id: int) -> Nomination:
    return session.get(Nomination, nomination_id)
