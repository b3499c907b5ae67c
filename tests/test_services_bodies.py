"""The nominating bodies: the secretariat adds and edits LAGs and municipalities."""

import pytest
from sqlalchemy import func, select

from prize.actor import Actor
from prize.errors import InvalidInput, NotAllowed, NotFound
from prize.models import AuditEntry, BodyKind, NominatingBody, Nomination
from prize.phases import Phase
from prize.queries.bodies import body_is_active
from prize.roles import Role
from prize.services import bodies
from prize.services.bodies import BodyDraft, BodyInfo, coverage
from tests.factories import actor_of, make_body, make_nomination, make_reference, make_user, make_year, municipality


@pytest.fixture
def secretariat(session) -> Actor:
    return actor_of(make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Mette Kjær Lauridsen"))


def _ids(session, *names: str) -> tuple[int, ...]:
    return tuple(municipality(session, name).id for name in names)


def _djursland(session, **changes) -> BodyDraft:
    fields = {"name": "LAG Djursland", "kind": BodyKind.LAG,
              "municipality_ids": _ids(session, "Syddjurs", "Norddjurs")} | changes
    return BodyDraft(**fields)


def _stored(session) -> list:
    """Every body as stored, with its municipalities, and the bodies' audit entries."""
    session.expire_all()
    rows = [(b.id, b.name, b.kind, b.active, b.nomination_limit, sorted(m.name for m in b.municipalities))
            for b in session.scalars(select(NominatingBody).order_by(NominatingBody.id))]
    audit = session.scalar(select(func.count()).select_from(AuditEntry)
                           .where(AuditEntry.entity == "nominating_body"))
    return [rows, audit]


def _audit(session, action: str) -> list[tuple]:
    return session.execute(select(AuditEntry.actor_label, AuditEntry.entity_id, AuditEntry.old_value,
                                  AuditEntry.new_value)
                           .where(AuditEntry.action == action).order_by(AuditEntry.id)).tuples().all()


# --- Adding ----------------------------------------------------------------------------------

def test_a_new_lag_covers_its_municipalities_with_a_limit_of_one_and_is_active(session, secretariat):
    added = bodies.add_body(session, actor=secretariat, draft=_djursland(session))

    assert added == BodyInfo(id=added.id, name="LAG Djursland", kind=BodyKind.LAG,
                             municipality_ids=_ids(session, "Norddjurs", "Syddjurs"),
                             municipalities=("Norddjurs", "Syddjurs"), nomination_limit=1, active=True)


def test_a_municipality_nominates_for_itself(session, secretariat):
    added = bodies.add_body(session, actor=secretariat, draft=BodyDraft(
        name="Samsø Kommune", kind="municipality", municipality_ids=_ids(session, "Samsø"), nomination_limit=2))

    assert (added.kind, added.municipalities, added.nomination_limit) == (BodyKind.MUNICIPALITY, ("Samsø",), 2)


def test_adding_a_body_is_audited_with_what_was_added(session, secretariat):
    added = bodies.add_body(session, actor=secretariat, draft=_djursland(session, name="  LAG Djursland "))

    assert _audit(session, "body.created") == [(
        "Mette Kjær Lauridsen (sekretariat)", added.id, None,
        '{"active": true, "kind": "lag", "municipalities": ["Norddjurs", "Syddjurs"], "name": "LAG Djursland", '
        '"nomination_limit": 1}')]


BAD_BODIES = [
    pytest.param({"name": ""}, "Feltet «Navn» skal udfyldes.", id="empty-name"),
    pytest.param({"name": "   "}, "Feltet «Navn» skal udfyldes.", id="blank-name"),
    pytest.param({"name": "x" * 121}, "Feltet «Navn» må højst være 120 tegn (du skrev 121).", id="long-name"),
    pytest.param({"name": "LAG\x00Djursland"},
                 "Feltet «Navn» indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
                 "Fjern det og prøv igen.", id="nul-in-name"),
    pytest.param({"name": "LAG \u202eDjursland"},
                 "Feltet «Navn» indeholder et kontroltegn eller et usynligt styretegn for tekstretning. "
                 "Fjern det og prøv igen.", id="bidi-in-name"),
    pytest.param({"name": "LAG Randers-Favrskov"}, "Der findes allerede en indstiller med navnet «LAG "
                 "Randers-Favrskov».", id="duplicate-name"),
    pytest.param({"name": "lag randers-FAVRSKOV"}, "Der findes allerede en indstiller med navnet «lag "
                 "randers-FAVRSKOV».", id="duplicate-name-in-other-case"),
    pytest.param({"municipality_ids": ()}, "Vælg mindst én kommune, som indstilleren dækker.", id="no-municipality"),
    pytest.param({"municipality_ids": (9999,)}, "Den valgte kommune findes ikke.", id="unknown-municipality"),
    pytest.param({"nomination_limit": 0},
                 "Antal indstillinger pr. år skal være et heltal fra 1 til 20 (du skrev 0).", id="limit-0"),
    pytest.param({"nomination_limit": 21},
                 "Antal indstillinger pr. år skal være et heltal fra 1 til 20 (du skrev 21).", id="limit-21"),
    pytest.param({"nomination_limit": 1.5},
                 "Antal indstillinger pr. år skal være et heltal fra 1 til 20 (du skrev 1.5).", id="limit-not-whole"),
    pytest.param({"kind": "forening"}, "Vælg, om indstilleren er en LAG eller en kommune.", id="unknown-kind"),
    pytest.param({"kind": BodyKind.MUNICIPALITY},
                 "En kommune, der indstiller selv, dækker præcis én kommune.", id="municipality-covering-two"),
]


@pytest.mark.parametrize(("changes", "message"), BAD_BODIES)
def test_a_bad_new_body_is_refused_and_nothing_is_stored(session, secretariat, changes, message):
    make_body(session)
    before = _stored(session)

    with pytest.raises(InvalidInput) as refused:
        bodies.add_body(session, actor=secretariat, draft=_djursland(session, **changes))

    assert (refused.value.message("da", plain=True), _stored(session)) == (message, before)


@pytest.mark.parametrize(("changes", "message"), BAD_BODIES)
def test_a_bad_change_is_refused_and_the_body_stays_as_it_was(session, secretariat, changes, message):
    make_body(session)
    djursland = bodies.add_body(session, actor=secretariat, draft=_djursland(session))
    before = _stored(session)

    with pytest.raises(InvalidInput) as refused:
        bodies.edit_body(session, actor=secretariat, body_id=djursland.id, draft=_djursland(session, **changes))

    assert (refused.value.message("da", plain=True), _stored(session)) == (message, before)


def test_a_name_taken_meanwhile_is_refused_by_the_database_and_reported(session, secretariat, monkeypatch):
    make_body(session, name="LAG Djursland", municipalities=["Norddjurs"])
    before = _stored(session)
    # As if another secretary added the name between the check and the flush.
    monkeypatch.setattr(bodies, "_check_name_free", lambda *args, **kwargs: None)

    with pytest.raises(InvalidInput) as refused:
        bodies.add_body(session, actor=secretariat, draft=_djursland(session))

    assert (refused.value.message("da", plain=True), _stored(session)) == (
        "Der findes allerede en indstiller med navnet «LAG Djursland».", before)


def test_a_rename_to_a_name_taken_meanwhile_leaves_the_body_as_it_was(session, secretariat, monkeypatch):
    make_body(session, name="LAG Djursland", municipalities=["Norddjurs"])
    randers = make_body(session)
    before = _stored(session)
    monkeypatch.setattr(bodies, "_check_name_free", lambda *args, **kwargs: None)

    with pytest.raises(InvalidInput):
        bodies.edit_body(session, actor=secretariat, body_id=randers.id,
                         draft=_djursland(session, municipality_ids=_ids(session, "Randers"), nomination_limit=4))

    assert _stored(session) == before


# --- Editing ---------------------------------------------------------------------------------

def test_an_edit_changes_name_municipalities_and_limit(session, secretariat):
    body = make_body(session)

    edited = bodies.edit_body(session, actor=secretariat, body_id=body.id, draft=BodyDraft(
        name="LAG Randers", kind=BodyKind.LAG, municipality_ids=_ids(session, "Randers"), nomination_limit=3))

    assert (edited.name, edited.municipalities, edited.nomination_limit, edited.active) == (
        "LAG Randers", ("Randers",), 3, True)


def test_a_body_may_keep_its_own_name(session, secretariat):
    body = make_body(session)

    edited = bodies.edit_body(session, actor=secretariat, body_id=body.id, draft=BodyDraft(
        name="LAG Randers-Favrskov", kind=BodyKind.LAG, municipality_ids=_ids(session, "Randers", "Favrskov"),
        nomination_limit=2))

    assert (edited.name, edited.nomination_limit) == ("LAG Randers-Favrskov", 2)


def test_an_edit_is_audited_with_only_what_changed(session, secretariat):
    body = make_body(session)

    bodies.edit_body(session, actor=secretariat, body_id=body.id, draft=BodyDraft(
        name="LAG Randers-Favrskov", kind=BodyKind.LAG, municipality_ids=_ids(session, "Randers", "Favrskov",
                                                                                "Syddjurs"), active=False))

    assert _audit(session, "body.changed") == [(
        "Mette Kjær Lauridsen (sekretariat)", body.id, '{"active": true, "municipalities": ["Favrskov", "Randers"]}',
        '{"active": false, "municipalities": ["Favrskov", "Randers", "Syddjurs"]}')]


def test_a_deactivated_body_keeps_its_past_nominations_but_is_no_longer_active(session, secretariat):
    body = make_body(session)
    nomination = make_nomination(session, year=make_year(session), body=body)

    bodies.edit_body(session, actor=secretariat, body_id=body.id, draft=BodyDraft(
        name=body.name, kind=body.kind, municipality_ids=_ids(session, "Randers", "Favrskov"), active=False))

    assert (session.get(Nomination, nomination.id).nominating_body_id, body_is_active(session, body.id)) == (
        body.id, False)


def test_a_reactivated_body_is_active_again(session, secretariat):
    body = make_body(session)
    draft = BodyDraft(name=body.name, kind=body.kind, municipality_ids=_ids(session, "Randers", "Favrskov"))
    bodies.edit_body(session, actor=secretariat, body_id=body.id, draft=BodyDraft(**(vars(draft) | {"active": False})))

    bodies.edit_body(session, actor=secretariat, body_id=body.id, draft=draft)

    assert body_is_active(session, body.id) is True


def test_an_unknown_body_is_not_active(session):
    assert body_is_active(session, 9999) is False


def test_an_unknown_body_cannot_be_edited(session, secretariat):
    with pytest.raises(NotFound):
        bodies.edit_body(session, actor=secretariat, body_id=9999, draft=_djursland(session))


# --- Listing ---------------------------------------------------------------------------------

def test_the_list_is_in_danish_order_with_this_years_nominations(session, secretariat):
    make_reference(session)
    year = make_year(session, phase=Phase.NOMINATIONS_OPEN)
    randers = make_body(session)
    make_body(session, name="Aarhus Kommune", kind=BodyKind.MUNICIPALITY, municipalities=["Aarhus"])
    make_body(session, name="Samsø Kommune", kind=BodyKind.MUNICIPALITY, municipalities=["Samsø"])
    make_nomination(session, year=year, body=randers, name="Stenhøj Vestermark")
    make_nomination(session, year=year, body=randers, name="Gjerrild")

    listed = bodies.list_bodies(session, actor=secretariat, year_id=year.id)

    assert [(b.name, b.nominations) for b in listed.bodies] == [
        ("LAG Randers-Favrskov", 2), ("Samsø Kommune", 0), ("Aarhus Kommune", 0)]
    assert list(listed.municipalities.values())[-3:] == ["Syddjurs", "Viborg", "Aarhus"]


def test_the_list_shows_municipalities_covered_twice_and_not_at_all(session, secretariat):
    make_body(session)
    make_body(session, name="Randers Kommune", kind=BodyKind.MUNICIPALITY, municipalities=["Randers"])
    inactive = make_body(session, name="LAG Gammel Favrskov", municipalities=["Favrskov"])
    inactive.active = False
    session.flush()

    listed = bodies.list_bodies(session, actor=secretariat)

    assert (listed.shared, len(listed.uncovered), "Favrskov" in listed.uncovered) == (
        {"Randers": ("LAG Randers-Favrskov", "Randers Kommune")}, 17, False)


def test_the_list_as_a_table(session, secretariat):
    body = make_body(session)

    frame = bodies.list_bodies(session, actor=secretariat).frame()

    assert frame.to_dict("records") == [{"id": body.id, "name": "LAG Randers-Favrskov", "kind": BodyKind.LAG,
                                         "municipalities": "Favrskov, Randers", "nominations": 0,
                                         "nomination_limit": 1, "active": True}]


def test_coverage_ignores_inactive_bodies():
    lag = BodyInfo(id=1, name="LAG Struer-Holstebro", kind=BodyKind.LAG, municipality_ids=(1, 2),
                   municipalities=("Holstebro", "Struer"), nomination_limit=1, active=True)
    old = BodyInfo(id=2, name="Struer Kommune", kind=BodyKind.MUNICIPALITY, municipality_ids=(2,),
                   municipalities=("Struer",), nomination_limit=1, active=False)

    assert coverage([lag, old], ["Struer", "Holstebro", "Lemvig"]) == ({}, ("Lemvig",))


# --- Who may ---------------------------------------------------------------------------------

@pytest.mark.parametrize("role", [Role.JUROR, Role.NOMINATOR])
def test_another_role_is_refused_by_the_service(session, role):
    actor = actor_of(make_user(session, role=role))
    body = make_body(session)
    before = _stored(session)

    refusals = []
    for attempt in (lambda: bodies.add_body(session, actor=actor, draft=_djursland(session)),
                    lambda: bodies.edit_body(session, actor=actor, body_id=body.id, draft=_djursland(session)),
                    lambda: bodies.list_bodies(session, actor=actor)):
        with pytest.raises(NotAllowed) as refused:
            attempt()
        refusals.append(refused.value.message("da"))

    assert (refusals, _stored(session)) == (["Du har ikke adgang til denne handling."] * 3, before)
