"""The secretariat's choices for the recommendation to the council: an anonymous jury and
printed conflict reasons, per year, set with a permission check and audited."""

import pytest
from sqlalchemy import select

from prize.errors import InvalidInput, NotAllowed
from prize.models import AuditEntry, PrizeYear
from prize.phases import Phase
from prize.roles import Role
from prize.services.council import CouncilOptions, set_council_options
from prize.services.years import YearInfo
from tests.factories import actor_of, make_user, make_year

BOTH = CouncilOptions(anonymous_jury=True, print_conflict_reasons=True)


@pytest.fixture
def secretariat(session):
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen"))


def _audit(session) -> list[tuple]:
    return session.execute(select(AuditEntry.actor_label, AuditEntry.entity, AuditEntry.old_value, AuditEntry.new_value)
                           .where(AuditEntry.action == "year.council_options_set").order_by(AuditEntry.id)).tuples().all()


def test_a_new_year_names_its_jury_and_leaves_out_the_conflicts_reasons(session):
    year = YearInfo.of(make_year(session))

    assert CouncilOptions.of(year) == CouncilOptions(anonymous_jury=False, print_conflict_reasons=False)


def test_the_secretariat_sets_both_choices_and_the_change_is_audited_with_old_and_new(session, secretariat):
    year = make_year(session, phase=Phase.FINAL_ROUND)

    changed = set_council_options(session, actor=secretariat, year_id=year.id, options=BOTH)

    session.expire_all()
    stored = session.get(PrizeYear, year.id)
    assert (CouncilOptions.of(changed), stored.anonymous_jury, stored.print_conflict_reasons) == (BOTH, True, True)
    assert _audit(session) == [(
        "Mette Kjær Lauridsen (sekretariat)", "prize_year",
        '{"anonymous_jury": false, "print_conflict_reasons": false}',
        '{"anonymous_jury": true, "print_conflict_reasons": true}')]


@pytest.mark.parametrize("phase", [Phase.DRAFT, Phase.SCREENING, Phase.RECOMMENDATION, Phase.ARCHIVED])
def test_the_choices_can_be_set_in_any_phase_as_the_files_can_be_exported_in_any(session, secretariat, phase):
    year = make_year(session, phase=phase)

    changed = set_council_options(session, actor=secretariat, year_id=year.id,
                                  options=CouncilOptions(print_conflict_reasons=True))

    assert CouncilOptions.of(changed) == CouncilOptions(anonymous_jury=False, print_conflict_reasons=True)


def test_setting_the_choices_the_year_has_changes_nothing_and_is_not_audited(session, secretariat):
    year = make_year(session)

    set_council_options(session, actor=secretariat, year_id=year.id, options=CouncilOptions())

    assert _audit(session) == []


@pytest.mark.parametrize("role", [Role.JUROR, Role.NOMINATOR])
def test_only_the_secretariat_may_set_the_choices(session, role):
    year = make_year(session)
    other = actor_of(make_user(session, role=role, username="andre", name="Karen Friis"))

    with pytest.raises(NotAllowed):
        set_council_options(session, actor=other, year_id=year.id, options=BOTH)

    session.expire_all()
    assert (session.get(PrizeYear, year.id).anonymous_jury, _audit(session)) == (False, [])


def test_a_choice_that_is_no_yes_or_no_is_refused(session, secretariat):
    year = make_year(session)

    with pytest.raises(InvalidInput):
        set_council_options(session, actor=secretariat, year_id=year.id,
                            options=CouncilOptions(anonymous_jury="ja", print_conflict_reasons=False))

    assert _audit(session) == []
