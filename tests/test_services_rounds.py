"""The secretariat's round controls, and the phase move that leaves sheets unsubmitted."""

import pytest
from sqlalchemy import select

from prize.errors import InvalidInput, MissingSheetsUnconfirmed, NotAllowed, OutOfPhase, RoundRefused
from prize.models import AuditEntry, Nomination, PrizeYear, User
from prize.phases import Independence, NominationStatus, Phase, RoundKind
from prize.queries.years import scoring_round
from prize.roles import Role
from prize.services import rounds, years
from tests.factories import actor_of, make_body, make_nomination, make_sheet, make_user, make_year


@pytest.fixture
def secretariat(session):
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen"))


def _year(session, phase=Phase.SCREENING, *, candidates=2, jurors=2) -> PrizeYear:
    year = make_year(session, phase=phase)
    body = make_body(session)
    for number in range(candidates):
        make_nomination(session, year=year, body=body, name=f"By {number}", status=NominationStatus.ELIGIBLE)
    for number in range(jurors):
        make_user(session, role=Role.JUROR, username=f"jury{number}")
    return year


def _screening(session, year):
    return scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING)


def _audit(session, action: str) -> list[tuple]:
    return session.execute(select(AuditEntry.actor_label, AuditEntry.old_value, AuditEntry.new_value)
                           .where(AuditEntry.action == action).order_by(AuditEntry.id)).tuples().all()


def test_closing_the_round_locks_it_and_is_audited(session, secretariat):
    year = _year(session)

    status = rounds.close_round(session, actor=secretariat, year_id=year.id)

    closed_at = _screening(session, year).closed_at
    assert (status.is_open, status.closed_at, closed_at is not None) == (False, closed_at, True)
    assert [(label, old) for label, old, _ in _audit(session, "round.closed")] == [
        ("Mette Kjær Lauridsen (sekretariat)", None)]


def test_closing_a_closed_round_is_refused(session, secretariat):
    year = _year(session)
    rounds.close_round(session, actor=secretariat, year_id=year.id)

    with pytest.raises(RoundRefused) as refused:
        rounds.close_round(session, actor=secretariat, year_id=year.id)

    assert refused.value.message("da") == "«Første runde» er allerede lukket."


def test_reopening_needs_a_reason_and_changes_nothing_without_one(session, secretariat):
    year = _year(session)
    rounds.close_round(session, actor=secretariat, year_id=year.id)

    with pytest.raises(InvalidInput) as refused:
        rounds.reopen_round(session, actor=secretariat, year_id=year.id, reason="   ")

    assert (refused.value.message("da"), _screening(session, year).closed_at is not None,
            _audit(session, "round.reopened")) == ("Feltet «Begrundelse» skal udfyldes.", True, [])


def test_reopening_with_a_reason_opens_the_round_withdraws_a_release_and_audits_the_reason(session, secretariat):
    year = _year(session)
    rounds.close_round(session, actor=secretariat, year_id=year.id)
    rounds.release_results(session, actor=secretariat, year_id=year.id)

    status = rounds.reopen_round(session, actor=secretariat, year_id=year.id, reason="Jury 2 var syg")

    assert (status.is_open, status.released_at) == (True, None)
    assert [new for _, _, new in _audit(session, "round.reopened")] == [
        '{"closed_at": null, "reason": "Jury 2 var syg", "released_at": null}']


def test_results_are_released_only_from_a_closed_round(session, secretariat):
    year = _year(session)

    with pytest.raises(RoundRefused) as refused:
        rounds.release_results(session, actor=secretariat, year_id=year.id)

    assert (refused.value.message("da"), _screening(session, year).released_at) == (
        "Resultaterne af «Første runde» kan først frigives, når runden er lukket, så ingen ser de andres point, "
        "mens de stadig bedømmer.", None)


def test_releasing_the_results_of_the_closed_round_in_the_shortlist_phase(session, secretariat):
    year = _year(session, Phase.SHORTLIST)

    status = rounds.release_results(session, actor=secretariat, year_id=year.id)

    assert (status.released_at, len(_audit(session, "round.released"))) == (_screening(session, year).released_at, 1)
    assert status.released_at is not None


def test_a_round_is_reopened_only_in_its_own_phase(session, secretariat):
    year = _year(session, Phase.SHORTLIST)

    with pytest.raises(RoundRefused) as refused:
        rounds.reopen_round(session, actor=secretariat, year_id=year.id, reason="For tidligt lukket")

    assert refused.value.message("da") == (
        "«Første runde» kan kun åbnes, lukkes og genåbnes, mens året er i fasen «Første bedømmelsesrunde». "
        "Flyt året tilbage til «Første bedømmelsesrunde» for at genåbne runden.")


def test_opening_an_open_round_is_refused(session, secretariat):
    year = _year(session)

    with pytest.raises(RoundRefused) as refused:
        rounds.open_round(session, actor=secretariat, year_id=year.id)

    assert refused.value.message("da") == "«Første runde» er allerede åben."


def test_a_round_that_was_never_opened_is_opened(session, secretariat):
    year = _year(session)
    session.delete(_screening(session, year))
    session.flush()

    status = rounds.open_round(session, actor=secretariat, year_id=year.id)

    assert (status.is_open, _screening(session, year).opened_at == status.opened_at) == (True, True)


def test_a_phase_without_a_round_refuses_the_controls(session, secretariat):
    year = _year(session, Phase.NOMINATIONS_CLOSED)

    with pytest.raises(OutOfPhase):
        rounds.close_round(session, actor=secretariat, year_id=year.id)


@pytest.mark.parametrize("role", [Role.JUROR, Role.NOMINATOR])
def test_only_the_secretariat_manages_a_round(session, role):
    year = _year(session)
    outsider = actor_of(make_user(session, role=role))

    with pytest.raises(NotAllowed):
        rounds.close_round(session, actor=outsider, year_id=year.id)


def test_the_independence_is_set_before_any_sheet_is_submitted_and_audited(session, secretariat):
    year = _year(session)

    status = rounds.set_independence(session, actor=secretariat, year_id=year.id,
                                     independence=Independence.AFTER_OWN_SHEET)

    assert (status.independence, _screening(session, year).independence) == ((Independence.AFTER_OWN_SHEET,) * 2)
    assert [(old, new) for _, old, new in _audit(session, "round.independence_set")] == [
        ("until_release", "after_own_sheet")]


def _submit_all(session, year) -> None:
    """Every active juror submits a sheet for every candidate."""
    for juror in session.scalars(select(User).where(User.role == Role.JUROR)):
        for nomination in session.scalars(select(Nomination).where(Nomination.year_id == year.id)):
            make_sheet(session, round=_screening(session, year), juror=juror, nomination=nomination)


def test_the_independence_is_fixed_once_a_sheet_is_submitted(session, secretariat):
    year = _year(session, candidates=1, jurors=1)
    _submit_all(session, year)

    with pytest.raises(RoundRefused) as refused:
        rounds.set_independence(session, actor=secretariat, year_id=year.id,
                                independence=Independence.AFTER_OWN_SHEET)

    assert (refused.value.message("da"), _screening(session, year).independence) == (
        "Synligheden i «Første runde» kan ikke ændres, når der er indsendt bedømmelser (1 indtil nu) eller "
        "resultaterne er frigivet: jurymedlemmerne har bedømt ud fra den nuværende indstilling.",
        Independence.UNTIL_RELEASE)


def test_round_status_counts_the_submitted_sheets(session, secretariat):
    year = _year(session)

    status = rounds.round_status(session, actor=secretariat, year=years.YearInfo.of(year))

    assert (status.kind, status.is_open, status.submitted, status.may_close, status.may_release) == (
        RoundKind.SCREENING, True, 0, True, False)


# --- Moving the year on from a round with sheets missing ------------------------------------

def test_leaving_a_round_with_missing_sheets_without_confirming_is_refused(session, secretariat):
    year = _year(session, candidates=3, jurors=2)

    with pytest.raises(MissingSheetsUnconfirmed) as refused:
        years.move_phase(session, actor=secretariat, year_id=year.id, expected=Phase.SCREENING,
                         target=Phase.SHORTLIST)

    assert (refused.value.message("da"), year.phase, _audit(session, "year.phase_moved")) == (
        "6 af 6 ark er ikke indsendt i «Første runde». Bekræft det antal, hvis året skal videre alligevel.",
        Phase.SCREENING, [])


def test_a_confirmation_of_another_count_is_refused(session, secretariat):
    year = _year(session, candidates=3, jurors=2)

    with pytest.raises(MissingSheetsUnconfirmed):
        years.move_phase(session, actor=secretariat, year_id=year.id, expected=Phase.SCREENING,
                         target=Phase.SHORTLIST, confirm_missing=5)

    assert year.phase == Phase.SCREENING


def test_confirming_the_missing_count_moves_the_year(session, secretariat):
    year = _year(session, candidates=3, jurors=2)

    moved = years.move_phase(session, actor=secretariat, year_id=year.id, expected=Phase.SCREENING,
                             target=Phase.SHORTLIST, confirm_missing=6)

    assert moved.phase == Phase.SHORTLIST


def test_a_round_with_every_sheet_submitted_moves_on_without_a_confirmation(session, secretariat):
    year = _year(session, candidates=2, jurors=2)
    _submit_all(session, year)

    moved = years.move_phase(session, actor=secretariat, year_id=year.id, expected=Phase.SCREENING,
                             target=Phase.SHORTLIST)

    assert moved.phase == Phase.SHORTLIST


def test_the_overview_names_the_missing_sheets_of_the_move(session, secretariat):
    year = _year(session, candidates=3, jurors=2)

    overview = years.year_overview(session, actor=secretariat, year_id=year.id)

    assert [(move.target, move.missing, move.needed) for move in overview.moves] == [(Phase.SHORTLIST, 6, 6)]
