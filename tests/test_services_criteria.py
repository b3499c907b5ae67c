"""The year's criteria: adding, editing, reordering and removing them, frozen once
the jury has scores, and a new year starting from the previous year's criteria."""

import math

import pytest
from sqlalchemy import func, select

from prize.actor import Actor
from prize.errors import CriteriaLocked, InvalidInput, NotAllowed, NotFound, PrizeError
from prize.models import AuditEntry, Criterion, PrizeYear, ScaleAnchor
from prize.models.round import RoundKind
from prize.phases import Phase
from prize.queries.years import scoring_round
from prize.roles import Role
from prize.services import criteria, years
from prize.services.criteria import Anchor, CriterionDraft
from tests.factories import (
    CRITERIA_TITLES, actor_of, make_body, make_nomination, make_sheet, make_user, make_year)

NEW_TITLE = "Samarbejde med nabolandsbyerne"


@pytest.fixture
def secretariat(session) -> Actor:
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen"))


@pytest.fixture
def draft_year(session) -> PrizeYear:
    return make_year(session, year=2021, phase=Phase.DRAFT)


def _draft(**changes) -> CriterionDraft:
    fields = {"title_da": NEW_TITLE, "description_da": "Hvordan landsbyen arbejder sammen med andre.",
              "weight": 2.0, "scale_min": 0, "scale_max": 3,
              "anchors": (Anchor(0, "Intet samarbejde"), Anchor(1, "Lidt"), Anchor(2, "En del"),
                          Anchor(3, "Fast og forpligtende", "Firm and binding"))} | changes
    return CriterionDraft(**fields)


def _titles(session, year: PrizeYear) -> list[tuple[int, str]]:
    return session.execute(select(Criterion.position, Criterion.title_da).where(Criterion.year_id == year.id)
                           .order_by(Criterion.position)).tuples().all()


def _criterion(session, year: PrizeYear, position: int) -> Criterion:
    return session.scalars(select(Criterion).where(Criterion.year_id == year.id,
                                                   Criterion.position == position)).one()


def _anchors(session, criterion_id: int) -> list[tuple[int, str, str]]:
    return session.execute(select(ScaleAnchor.value, ScaleAnchor.text_da, ScaleAnchor.text_en)
                           .where(ScaleAnchor.criterion_id == criterion_id).order_by(ScaleAnchor.value)).tuples().all()


def _audit(session, action: str) -> list[tuple]:
    return session.execute(select(AuditEntry.actor_label, AuditEntry.entity_id, AuditEntry.old_value,
                                  AuditEntry.new_value)
                           .where(AuditEntry.action == action).order_by(AuditEntry.id)).tuples().all()


def _stored(session, year: PrizeYear) -> list[tuple]:
    """Everything stored about the year's criteria and their audit, to see that nothing changed."""
    session.expire_all()
    rows = session.execute(select(Criterion.id, Criterion.position, Criterion.title_da, Criterion.title_en,
                                  Criterion.description_da, Criterion.weight, Criterion.scale_min,
                                  Criterion.scale_max).where(Criterion.year_id == year.id)
                           .order_by(Criterion.id)).tuples().all()
    anchors = session.execute(select(ScaleAnchor.criterion_id, ScaleAnchor.value, ScaleAnchor.text_da)
                              .order_by(ScaleAnchor.criterion_id, ScaleAnchor.value)).tuples().all()
    audit = session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "criterion"))
    return [rows, anchors, audit]


def _scored_year(session) -> PrizeYear:
    """A year in which a juror has scored a candidate."""
    year = make_year(session, year=2021, phase=Phase.SCREENING)
    nomination = make_nomination(session, year=year, body=make_body(session))
    make_sheet(session, round=scoring_round(session, year_id=year.id, kind=RoundKind.SCREENING),
               juror=make_user(session, role=Role.JUROR), nomination=nomination, values=(3,), submitted=False)
    return year


# --- Reading ---------------------------------------------------------------------------------

def test_the_years_criteria_come_in_order_as_plain_values(session, secretariat, draft_year):
    listed = criteria.year_criteria(session, actor=secretariat, year_id=draft_year.id)

    first = listed.criteria[0]
    assert ([c.title_da for c in listed.criteria], listed.editable, listed.locked) == (CRITERIA_TITLES, True, None)
    assert (first.weight, first.scale_min, first.scale_max, first.anchors[0], first.title("en")) == (
        1.0, 1, 5, Anchor(1, "Ikke belyst i materialet", "Not addressed in the material"),
        "An attractive and well-considered physical environment")


def test_the_criteria_of_a_scored_year_are_shown_locked_with_the_reason(session, secretariat):
    year = _scored_year(session)

    listed = criteria.year_criteria(session, actor=secretariat, year_id=year.id)

    assert (len(listed.criteria), listed.editable, listed.locked.message("da")) == (
        7, False, "Kriterierne er låst, fordi juryen er begyndt at bedømme: pointene hører til de kriterier, "
                  "de blev givet efter.")


def test_a_juror_cannot_read_the_criteria_through_the_secretariats_service(session, draft_year):
    juror = actor_of(make_user(session, role=Role.JUROR))

    with pytest.raises(NotAllowed):
        criteria.year_criteria(session, actor=juror, year_id=draft_year.id)


# --- Adding ----------------------------------------------------------------------------------

def test_a_new_criterion_comes_last_with_an_anchor_for_every_step(session, secretariat, draft_year):
    added = criteria.add_criterion(session, actor=secretariat, year_id=draft_year.id, draft=_draft())

    assert (added.position, added.title_da, added.weight, added.scale_min, added.scale_max) == (8, NEW_TITLE, 2.0, 0, 3)
    assert _anchors(session, added.id) == [(0, "Intet samarbejde", ""), (1, "Lidt", ""), (2, "En del", ""),
                                           (3, "Fast og forpligtende", "Firm and binding")]


def test_steps_without_an_anchor_text_get_an_empty_one_and_anchors_off_the_scale_are_dropped(
        session, secretariat, draft_year):
    draft = _draft(scale_min=1, scale_max=3, anchors=(Anchor(2, "Midt imellem"), Anchor(7, "Uden for skalaen")))

    added = criteria.add_criterion(session, actor=secretariat, year_id=draft_year.id, draft=draft)

    assert _anchors(session, added.id) == [(1, "", ""), (2, "Midt imellem", ""), (3, "", "")]


def test_texts_are_stored_stripped(session, secretariat, draft_year):
    added = criteria.add_criterion(session, actor=secretariat, year_id=draft_year.id, draft=_draft(
        title_da=f"  {NEW_TITLE} ", scale_min=1, scale_max=2, anchors=(Anchor(1, " Lidt  "), Anchor(2, "Meget"))))

    assert (added.title_da, added.anchors[0].text_da) == (NEW_TITLE, "Lidt")


def test_adding_a_criterion_is_audited_with_what_was_added(session, secretariat, draft_year):
    added = criteria.add_criterion(session, actor=secretariat, year_id=draft_year.id, draft=_draft(
        scale_min=1, scale_max=2, anchors=(Anchor(1, "Lidt"), Anchor(2, "Meget"))))

    assert _audit(session, "criterion.added") == [(
        "Mette Kjær Lauridsen (sekretariat)", added.id, None,
        '{"anchors": {"1": ["Lidt", ""], "2": ["Meget", ""]}, "description_da": "Hvordan landsbyen arbejder '
        'sammen med andre.", "description_en": "", "scale_max": 2, "scale_min": 1, "title_da": "Samarbejde med '
        'nabolandsbyerne", "title_en": "", "weight": 2.0}')]


BAD_DRAFTS = [
    pytest.param({"weight": -1.0}, "Vægten skal være et tal større end 0 og højst 100 (du skrev -1).",
                 id="negative-weight"),
    pytest.param({"weight": 0}, "Vægten skal være et tal større end 0 og højst 100 (du skrev 0).", id="zero-weight"),
    pytest.param({"weight": 100.5}, "Vægten skal være et tal større end 0 og højst 100 (du skrev 100.5).",
                 id="weight-over-100"),
    pytest.param({"weight": math.nan}, "Vægten skal være et tal større end 0 og højst 100 (du skrev nan).",
                 id="weight-nan"),
    pytest.param({"scale_min": 3, "scale_max": 3},
                 "Skalaen skal gå fra et lavere til et højere heltal, begge fra 0 til 100 (du skrev 3 til 3).",
                 id="scale-min-equals-max"),
    pytest.param({"scale_min": 5, "scale_max": 1},
                 "Skalaen skal gå fra et lavere til et højere heltal, begge fra 0 til 100 (du skrev 5 til 1).",
                 id="scale-min-above-max"),
    pytest.param({"scale_min": -1, "scale_max": 5},
                 "Skalaen skal gå fra et lavere til et højere heltal, begge fra 0 til 100 (du skrev -1 til 5).",
                 id="scale-below-0"),
    pytest.param({"scale_min": 0, "scale_max": 101},
                 "Skalaen skal gå fra et lavere til et højere heltal, begge fra 0 til 100 (du skrev 0 til 101).",
                 id="scale-above-100"),
    pytest.param({"scale_min": 0.5, "scale_max": 5},
                 "Skalaen skal gå fra et lavere til et højere heltal, begge fra 0 til 100 (du skrev 0.5 til 5).",
                 id="scale-not-whole"),
    pytest.param({"anchors": (Anchor(2, "x" * 201),)}, "Ankerteksten for trin 2 må højst være 200 tegn (du skrev 201).",
                 id="anchor-too-long"),
    pytest.param({"anchors": (Anchor(1, "Lidt", "y" * 201),)},
                 "Ankerteksten på engelsk for trin 1 må højst være 200 tegn (du skrev 201).",
                 id="english-anchor-too-long"),
    pytest.param({"anchors": (Anchor(3, "Godt\x00"),)},
                 "Ankerteksten for trin 3 indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
                 "Fjern det og prøv igen.", id="anchor-nul"),
    pytest.param({"anchors": (Anchor(3, "Godt\u202e"),)},
                 "Ankerteksten for trin 3 indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
                 "Fjern det og prøv igen.", id="anchor-bidi"),
    pytest.param({"title_da": "   "}, "Feltet «Titel» skal udfyldes.", id="empty-title"),
    pytest.param({"title_da": "x" * 201}, "Feltet «Titel» må højst være 200 tegn (du skrev 201).", id="long-title"),
    pytest.param({"title_da": "Klima\nog natur"},
                 "Feltet «Titel» indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
                 "Fjern det og prøv igen.", id="newline-in-title"),
    pytest.param({"title_en": "Climate\x1b[31m"},
                 "Feltet «Titel på engelsk» indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
                 "Fjern det og prøv igen.", id="escape-in-english-title"),
    pytest.param({"description_da": "x" * 2001}, "Feltet «Beskrivelse» må højst være 2000 tegn (du skrev 2001).",
                 id="long-description"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_DRAFTS)
def test_a_bad_new_criterion_is_refused_and_nothing_is_stored(session, secretariat, draft_year, changes, message):
    before = _stored(session, draft_year)

    with pytest.raises(InvalidInput) as refused:
        criteria.add_criterion(session, actor=secretariat, year_id=draft_year.id, draft=_draft(**changes))

    assert (refused.value.message("da"), _stored(session, draft_year)) == (message, before)


@pytest.mark.parametrize(("changes", "message"), BAD_DRAFTS)
def test_a_bad_change_is_refused_and_the_criterion_stays_as_it_was(session, secretariat, draft_year, changes, message):
    criterion = _criterion(session, draft_year, 1)
    before = _stored(session, draft_year)

    with pytest.raises(InvalidInput) as refused:
        criteria.edit_criterion(session, actor=secretariat, criterion_id=criterion.id, draft=_draft(**changes))

    assert (refused.value.message("da"), _stored(session, draft_year)) == (message, before)


def test_a_multiline_description_keeps_its_line_breaks(session, secretariat, draft_year):
    added = criteria.add_criterion(session, actor=secretariat, year_id=draft_year.id,
                                   draft=_draft(description_da="Første linje.\nAnden linje."))

    assert added.description_da == "Første linje.\nAnden linje."


# --- Editing ---------------------------------------------------------------------------------

def test_an_edit_changes_the_texts_and_the_weight(session, secretariat, draft_year):
    criterion = _criterion(session, draft_year, 2)

    edited = criteria.edit_criterion(session, actor=secretariat, criterion_id=criterion.id, draft=CriterionDraft(
        title_da="Stedbundne ressourcer", title_en="Local resources", description_da="Natur og kulturarv.",
        weight=1.5, scale_min=1, scale_max=5))

    assert (edited.position, edited.title_da, edited.title_en, edited.description_da, edited.weight) == (
        2, "Stedbundne ressourcer", "Local resources", "Natur og kulturarv.", 1.5)


def test_a_step_left_out_of_an_edit_keeps_its_anchor_text(session, secretariat, draft_year):
    criterion = _criterion(session, draft_year, 1)

    criteria.edit_criterion(session, actor=secretariat, criterion_id=criterion.id,
                            draft=_draft(scale_min=1, scale_max=5, anchors=(Anchor(3, "Godt nok"),)))

    assert [text for _, text, _ in _anchors(session, criterion.id)] == [
        "Ikke belyst i materialet", "Svagt – få eller spredte tiltag", "Godt nok",
        "Stærkt – gennemtænkt og med synlige resultater", "Fremragende og til inspiration for andre"]


def test_a_changed_scale_keeps_the_anchors_still_on_it_drops_the_rest_and_adds_empty_ones(
        session, secretariat, draft_year):
    criterion = _criterion(session, draft_year, 1)

    edited = criteria.edit_criterion(session, actor=secretariat, criterion_id=criterion.id,
                                     draft=_draft(scale_min=0, scale_max=3, anchors=()))

    assert (edited.scale_min, edited.scale_max, _anchors(session, criterion.id)) == (0, 3, [
        (0, "", ""), (1, "Ikke belyst i materialet", "Not addressed in the material"),
        (2, "Svagt – få eller spredte tiltag", "Weak – few or scattered efforts"),
        (3, "Tilfredsstillende – tydelige tiltag", "Satisfactory – clear efforts")])


def test_a_wider_scale_gets_an_anchor_for_each_new_step(session, secretariat, draft_year):
    criterion = _criterion(session, draft_year, 1)

    criteria.edit_criterion(session, actor=secretariat, criterion_id=criterion.id,
                            draft=_draft(scale_min=0, scale_max=10, anchors=(Anchor(10, "Enestående"),)))

    anchors = _anchors(session, criterion.id)
    assert ([value for value, _, _ in anchors], anchors[6:]) == (
        list(range(11)), [(6, "", ""), (7, "", ""), (8, "", ""), (9, "", ""), (10, "Enestående", "")])


def test_an_edit_is_audited_with_only_what_changed(session, secretariat, draft_year):
    criterion = _criterion(session, draft_year, 3)

    criteria.edit_criterion(session, actor=secretariat, criterion_id=criterion.id, draft=CriterionDraft(
        title_da=criterion.title_da, title_en=criterion.title_en, description_da=criterion.description_da,
        description_en=criterion.description_en, weight=3,
        scale_min=1, scale_max=5))

    assert _audit(session, "criterion.changed") == [(
        "Mette Kjær Lauridsen (sekretariat)", criterion.id, '{"weight": 1.0}', '{"weight": 3.0}')]


def test_an_edit_that_changes_nothing_is_not_audited(session, secretariat, draft_year):
    criterion = _criterion(session, draft_year, 3)

    criteria.edit_criterion(session, actor=secretariat, criterion_id=criterion.id, draft=CriterionDraft(
        title_da=criterion.title_da, title_en=criterion.title_en, description_da=criterion.description_da,
        description_en=criterion.description_en, weight=1.0, scale_min=1, scale_max=5))

    assert _audit(session, "criterion.changed") == []


def test_an_unknown_criterion_is_not_found(session, secretariat, draft_year):
    with pytest.raises(NotFound):
        criteria.edit_criterion(session, actor=secretariat, criterion_id=9999, draft=_draft())


# --- Reordering ------------------------------------------------------------------------------

def test_moving_a_criterion_down_swaps_it_with_the_next(session, secretariat, draft_year):
    first = _criterion(session, draft_year, 1)

    ordered = criteria.move_criterion(session, actor=secretariat, criterion_id=first.id, by=1)

    expected = [CRITERIA_TITLES[1], CRITERIA_TITLES[0], *CRITERIA_TITLES[2:]]
    assert ([c.title_da for c in ordered], [t for _, t in _titles(session, draft_year)]) == (expected, expected)


def test_moving_a_criterion_up_swaps_it_with_the_one_before(session, secretariat, draft_year):
    last = _criterion(session, draft_year, 7)

    criteria.move_criterion(session, actor=secretariat, criterion_id=last.id, by=-1)

    assert _titles(session, draft_year)[5:] == [(6, CRITERIA_TITLES[6]), (7, CRITERIA_TITLES[5])]


def test_moves_one_after_another_are_stored_in_every_step(session, secretariat, draft_year):
    moving = _criterion(session, draft_year, 1)

    for _ in range(6):
        criteria.move_criterion(session, actor=secretariat, criterion_id=moving.id, by=1)
    session.commit()

    assert [t for _, t in _titles(session, draft_year)] == [*CRITERIA_TITLES[1:], CRITERIA_TITLES[0]]


@pytest.mark.parametrize(("position", "by"), [(1, -1), (7, 1)], ids=["first-up", "last-down"])
def test_a_move_past_either_end_changes_nothing(session, secretariat, draft_year, position, by):
    criterion = _criterion(session, draft_year, position)
    before = _stored(session, draft_year)

    criteria.move_criterion(session, actor=secretariat, criterion_id=criterion.id, by=by)

    assert _stored(session, draft_year) == before


def test_a_move_of_more_than_one_place_is_refused(session, secretariat, draft_year):
    criterion = _criterion(session, draft_year, 3)

    with pytest.raises(InvalidInput):
        criteria.move_criterion(session, actor=secretariat, criterion_id=criterion.id, by=2)


def test_a_move_is_audited_with_the_old_and_new_position(session, secretariat, draft_year):
    criterion = _criterion(session, draft_year, 4)

    criteria.move_criterion(session, actor=secretariat, criterion_id=criterion.id, by=-1)

    assert _audit(session, "criterion.moved") == [("Mette Kjær Lauridsen (sekretariat)", criterion.id, "4", "3")]


# --- Removing --------------------------------------------------------------------------------

def test_removing_a_criterion_closes_the_gap_in_the_order(session, secretariat, draft_year):
    third = _criterion(session, draft_year, 3)

    ordered = criteria.remove_criterion(session, actor=secretariat, criterion_id=third.id)

    expected = [*CRITERIA_TITLES[:2], *CRITERIA_TITLES[3:]]
    assert ([(c.position, c.title_da) for c in ordered], _titles(session, draft_year)) == (
        list(enumerate(expected, 1)), list(enumerate(expected, 1)))


def test_removing_after_reordering_keeps_the_order(session, secretariat, draft_year):
    seventh = _criterion(session, draft_year, 7)
    for _ in range(5):
        criteria.move_criterion(session, actor=secretariat, criterion_id=seventh.id, by=-1)

    criteria.remove_criterion(session, actor=secretariat, criterion_id=_criterion(session, draft_year, 1).id)
    session.commit()

    assert _titles(session, draft_year) == list(enumerate(
        [CRITERIA_TITLES[6], *CRITERIA_TITLES[1:6]], 1))


def test_removing_a_criterion_is_audited_with_what_it_was(session, secretariat, draft_year):
    criterion = _criterion(session, draft_year, 7)
    criterion_id = criterion.id

    criteria.remove_criterion(session, actor=secretariat, criterion_id=criterion_id)

    [(label, entity_id, old, new)] = _audit(session, "criterion.removed")
    assert (label, entity_id, new, old.startswith('{"anchors": {"1": ["Ikke belyst i materialet"'),
            old.endswith('"position": 7, "scale_max": 5, "scale_min": 1, "title_da": "Landsbyens overordnede '
                         'udvikling", "title_en": "The village\'s overall development", "weight": 1.0}')) == (
        "Mette Kjær Lauridsen (sekretariat)", criterion_id, None, True, True)


def test_the_last_criterion_cannot_be_removed(session, secretariat, draft_year):
    for _ in range(6):
        criteria.remove_criterion(session, actor=secretariat, criterion_id=_criterion(session, draft_year, 1).id)
    last = _criterion(session, draft_year, 1)
    before = _stored(session, draft_year)

    with pytest.raises(InvalidInput) as refused:
        criteria.remove_criterion(session, actor=secretariat, criterion_id=last.id)

    assert (refused.value.message("da"), _stored(session, draft_year)) == (
        "Året skal have mindst ét kriterium. Tilføj et nyt, før du fjerner det sidste.", before)


# --- Frozen, and who may ---------------------------------------------------------------------

LOCKED_BY_SCORES = ("Kriterierne er låst, fordi juryen er begyndt at bedømme: pointene hører til de kriterier, "
                    "de blev givet efter.")


def _every_change(session, actor, year: PrizeYear) -> list:
    """Each way to change the year's criteria, as a call to make."""
    first = _criterion(session, year, 1).id
    return [
        lambda: criteria.add_criterion(session, actor=actor, year_id=year.id, draft=_draft()),
        lambda: criteria.edit_criterion(session, actor=actor, criterion_id=first, draft=_draft()),
        lambda: criteria.move_criterion(session, actor=actor, criterion_id=first, by=1),
        lambda: criteria.remove_criterion(session, actor=actor, criterion_id=first),
    ]


def _refusals(session, year: PrizeYear, actor) -> list[tuple[type, str]]:
    refusals = []
    for change in _every_change(session, actor, year):
        with pytest.raises(PrizeError) as refused:
            change()
        refusals.append((type(refused.value), refused.value.message("da")))
    return refusals


def test_criteria_are_frozen_once_the_jury_has_scores(session, secretariat):
    year = _scored_year(session)
    before = _stored(session, year)

    refusals = _refusals(session, year, secretariat)

    assert (refusals, _stored(session, year)) == ([(CriteriaLocked, LOCKED_BY_SCORES)] * 4, before)


def test_a_score_freezes_the_criteria_even_while_nominations_are_open(session, secretariat):
    year = _scored_year(session)
    year.phase = Phase.NOMINATIONS_OPEN
    session.flush()

    refusals = _refusals(session, year, secretariat)

    assert refusals == [(CriteriaLocked, LOCKED_BY_SCORES)] * 4


def test_criteria_cannot_change_once_nominations_have_closed(session, secretariat):
    year = make_year(session, year=2021, phase=Phase.NOMINATIONS_CLOSED)

    refusals = _refusals(session, year, secretariat)

    assert refusals == [(CriteriaLocked, "Kriterierne kan kun ændres, mens året er i fasen «Kladde» eller "
                                         "«Indstilling åben». Året er i fasen «Indstilling lukket».")] * 4


def test_criteria_can_change_while_nominations_are_open(session, secretariat):
    year = make_year(session, year=2021, phase=Phase.NOMINATIONS_OPEN)

    added = criteria.add_criterion(session, actor=secretariat, year_id=year.id, draft=_draft())

    assert _titles(session, year)[-1] == (8, added.title_da)


@pytest.mark.parametrize("role", [Role.JUROR, Role.NOMINATOR, Role.VILLAGE])
def test_another_role_is_refused_by_the_service(session, draft_year, role):
    nomination = make_nomination(session, year=draft_year, body=make_body(session)) if role == Role.VILLAGE else None
    actor = actor_of(make_user(session, role=role, nomination=nomination))
    before = _stored(session, draft_year)

    refusals = _refusals(session, draft_year, actor)

    assert (refusals, _stored(session, draft_year)) == (
        [(NotAllowed, "Du har ikke adgang til denne handling.")] * 4, before)


def test_a_juror_probing_an_unknown_criterion_is_refused_not_told_it_is_missing(session, draft_year):
    juror = actor_of(make_user(session, role=Role.JUROR))

    with pytest.raises(NotAllowed):
        criteria.remove_criterion(session, actor=juror, criterion_id=9999)


def test_a_secretary_with_a_one_time_password_is_refused(session, draft_year):
    newcomer = actor_of(make_user(session, role=Role.SECRETARIAT, must_change_password=True))

    with pytest.raises(NotAllowed) as refused:
        criteria.add_criterion(session, actor=newcomer, year_id=draft_year.id, draft=_draft())

    assert refused.value.message("da") == "Vælg din egen adgangskode under «Min profil», før du går videre."


# --- A new year starts from the previous year's criteria -------------------------------------

def _reshape_2020(session, secretariat) -> PrizeYear:
    """The 2020 year with its criteria changed: one removed, one edited, one added."""
    year = make_year(session, year=2020, phase=Phase.DRAFT)
    criteria.remove_criterion(session, actor=secretariat, criterion_id=_criterion(session, year, 7).id)
    criteria.edit_criterion(session, actor=secretariat, criterion_id=_criterion(session, year, 1).id, draft=_draft(
        title_da="Fysisk miljø", weight=2.5, scale_min=0, scale_max=2,
        anchors=(Anchor(0, "Ikke belyst"), Anchor(1, "Nogenlunde"), Anchor(2, "Godt", "Good"))))
    criteria.add_criterion(session, actor=secretariat, year_id=year.id, draft=_draft())
    return year


def test_a_new_year_starts_from_the_previous_years_criteria_with_their_anchors(session, secretariat):
    _reshape_2020(session, secretariat)

    created = years.create_year(session, actor=secretariat, year=2021, title="Landsbyprisen 2021")

    new_year = session.get(PrizeYear, created.id)
    first = _criterion(session, new_year, 1)
    assert [t for _, t in _titles(session, new_year)] == ["Fysisk miljø", *CRITERIA_TITLES[1:6], NEW_TITLE]
    assert ((first.weight, first.scale_min, first.scale_max), _anchors(session, first.id)) == (
        (2.5, 0, 2), [(0, "Ikke belyst", ""), (1, "Nogenlunde", ""), (2, "Godt", "Good")])


def test_the_copy_is_the_new_years_own(session, secretariat):
    old_year = _reshape_2020(session, secretariat)
    created = years.create_year(session, actor=secretariat, year=2021, title="Landsbyprisen 2021")
    new_year = session.get(PrizeYear, created.id)

    criteria.edit_criterion(session, actor=secretariat, criterion_id=_criterion(session, new_year, 1).id,
                            draft=_draft(title_da="Bygninger og pladser"))

    assert (_titles(session, old_year)[0], _titles(session, new_year)[0]) == (
        (1, "Fysisk miljø"), (1, "Bygninger og pladser"))


def test_a_new_year_copies_the_latest_earlier_year_not_a_later_one(session, secretariat):
    _reshape_2020(session, secretariat)
    later = make_year(session, year=2023, phase=Phase.DRAFT)
    criteria.edit_criterion(session, actor=secretariat, criterion_id=_criterion(session, later, 1).id,
                            draft=_draft(title_da="Fra 2023"))

    created = years.create_year(session, actor=secretariat, year=2022, title="Landsbyprisen 2022")

    assert _titles(session, session.get(PrizeYear, created.id))[0] == (1, "Fysisk miljø")


def test_the_first_year_starts_from_the_shipped_template(session, secretariat):
    created = years.create_year(session, actor=secretariat, year=2021, title="Landsbyprisen 2021")

    assert [t for _, t in _titles(session, session.get(PrizeYear, created.id))] == CRITERIA_TITLES


def test_the_audit_of_a_new_year_says_where_its_criteria_came_from(session, secretariat):
    _reshape_2020(session, secretariat)

    created = years.create_year(session, actor=secretariat, year=2021, title="Landsbyprisen 2021")

    assert session.scalar(select(AuditEntry.new_value).where(
        AuditEntry.action == "year.created", AuditEntry.entity_id == created.id)) == (
        '{"criteria_from": 2020, "finalist_count": 5, "prize_amount": 150000, "ranking_method": "weighted_mean", '
        '"title": "Landsbyprisen 2021", "year": 2021}')
