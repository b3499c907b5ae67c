"""The conflict components, run by AppTest on a real database: the juror's declaration on a
candidate's page and the secretariat's list, proposals, recusal and withdrawal."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from prize.db import session_scope
from prize.models import Conflict, ConflictReason
from prize.phases import NominationStatus
from prize.roles import Role
from tests.factories import actor_of, make_body, make_conflict, make_nomination, make_user, make_year, municipality
from tests.pages.conftest import RUN_TIMEOUT, as_read, as_read_table


def form_page(actor, nomination_id):
    from ui.components import conflict_form, flash

    flash.show()
    conflict_form.show(actor=actor, nomination_id=nomination_id, key="conflict")


def table_page(actor, year_id):
    from ui.components import conflicts_table, flash

    flash.show()
    conflicts_table.show(actor=actor, year_id=year_id, key="conflicts")


@pytest.fixture
def site(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> dict:
    """2020 in screening with two eligible candidates, a juror living in Randers, another juror
    with a conflict, and the secretariat; committed."""
    monkeypatch.setenv("PRIZE_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    with session_scope(engine) as session:
        year = make_year(session)
        body = make_body(session)
        randers = make_nomination(session, year=year, body=body, name="Stenhøj Vestermark",
                                  status=NominationStatus.ELIGIBLE)
        favrskov = make_nomination(session, year=year, body=body, name="Lindådalen", municipality_name="Favrskov",
                                   status=NominationStatus.ELIGIBLE)
        juror = make_user(session, role=Role.JUROR, username="jury1", name="Karen Holm")
        juror.home_municipality_id = municipality(session, "Randers").id
        other = make_user(session, role=Role.JUROR, username="jury2", name="Bo Lund")
        make_conflict(session, juror=other, nomination=favrskov, reason=ConflictReason.PROFESSIONAL,
                      note="Rådgiver for [landsbyrådet](http://x.dk).")
        secretariat = make_user(session, role=Role.SECRETARIAT, username="sekretariat", name="Sekretariatet")
        return {"engine": engine, "year_id": year.id, "randers": randers.id, "favrskov": favrskov.id,
                "juror": actor_of(juror), "other": actor_of(other), "secretariat": actor_of(secretariat)}


def run(page, *args) -> AppTest:
    return AppTest.from_function(page, args=args, default_timeout=RUN_TIMEOUT).run()


def texts(elements) -> list[str]:
    return [as_read(element.value) for element in elements]


def conflicts(engine: Engine) -> list[tuple]:
    with Session(engine) as session:
        return [(row.juror_id, row.nomination_id, row.reason, row.note, row.withdrawn_at is None,
                 row.withdrawal_reason) for row in session.scalars(select(Conflict).order_by(Conflict.id))]


def button(app: AppTest, label: str):
    return next(each for each in app.button if each.label == label)


# --- The juror's form -----------------------------------------------------------------------

def test_the_juror_sees_the_proposal_and_a_closed_form(site):
    app = run(form_page, site["juror"], site["randers"])

    assert len(app.exception) == 0
    assert (texts(app.info), [each.label for each in app.button], len(app.text_area)) == (
        ["Forslag: Du bor i Randers Kommune, hvor kandidaten hører til. Overvej at erklære inhabilitet "
         "(egen kommune)."], ["Erklær inhabilitet"], 0)


def test_the_juror_declares_own_municipality_without_a_reason(site):
    app = run(form_page, site["juror"], site["randers"])
    button(app, "Erklær inhabilitet").click().run()

    default = app.selectbox[0].value
    button(app, "Erklær inhabilitet").click().run()

    assert (len(app.exception), default) == (0, ConflictReason.OWN_MUNICIPALITY)
    assert conflicts(site["engine"])[1:] == [
        (site["juror"].id, site["randers"], ConflictReason.OWN_MUNICIPALITY, "", True, "")]
    assert texts(app.success) == ["Din inhabilitet er registreret. Kandidaten tæller som færdig i din status."]
    assert texts(app.warning)[0].startswith("Du har erklæret inhabilitet for denne kandidat (Egen kommune) ")


def test_a_personal_conflict_without_a_reason_is_refused_in_danish_and_the_form_stays_open(site):
    app = run(form_page, site["juror"], site["favrskov"])
    button(app, "Erklær inhabilitet").click().run()

    app.selectbox[0].set_value(ConflictReason.PERSONAL)
    button(app, "Erklær inhabilitet").click().run()

    assert len(app.exception) == 0
    assert (texts(app.error), len(app.text_area), len(conflicts(site["engine"]))) == (
        ["Feltet «Begrundelse» skal udfyldes."], 1, 1)


@pytest.mark.both_databases
def test_the_juror_declares_a_personal_conflict_with_a_reason(site):
    app = run(form_page, site["juror"], site["favrskov"])
    button(app, "Erklær inhabilitet").click().run()

    app.selectbox[0].set_value(ConflictReason.PERSONAL)
    app.text_area[0].input("Min bror er formand for borgerforeningen.")
    button(app, "Erklær inhabilitet").click().run()

    assert conflicts(site["engine"])[1:] == [(site["juror"].id, site["favrskov"], ConflictReason.PERSONAL,
                                              "Min bror er formand for borgerforeningen.", True, "")]
    assert texts(app.markdown)[-1] == "Begrundelse: Min bror er formand for borgerforeningen."


def test_cancel_closes_the_form(site):
    app = run(form_page, site["juror"], site["favrskov"])
    button(app, "Erklær inhabilitet").click().run()

    button(app, "Annullér").click().run()

    assert ([each.label for each in app.button], len(app.text_area)) == (["Erklær inhabilitet"], 0)


def test_a_declared_conflict_shows_its_reason_literally(site):
    app = run(form_page, site["other"], site["favrskov"])

    assert len(app.exception) == 0
    assert (len(app.button), texts(app.markdown)[-1]) == (
        0, "Begrundelse: Rådgiver for [landsbyrådet](http://x.dk).")


def test_a_nominator_is_refused(site):
    with session_scope(site["engine"]) as session:
        nominator = actor_of(make_user(session, role=Role.NOMINATOR, username="lag"))

    app = run(form_page, nominator, site["favrskov"])

    assert texts(app.error) == ["Du har ikke adgang til denne handling."]


# --- The secretariat's table ----------------------------------------------------------------

def test_the_secretariat_sees_the_list_and_the_proposal(site):
    app = run(table_page, site["secretariat"], site["year_id"])

    assert len(app.exception) == 0
    shown = as_read_table(app.table[0])
    assert (list(shown.columns), shown.iloc[0, :5].tolist()) == (
        ["Jurymedlem", "Kandidat", "Type", "Begrundelse", "Registreret af", "Registreret", "Gælder",
         "Trukket tilbage", "Begrundelse for tilbagetrækning"],
        ["Bo Lund", "Lindådalen", "Faglig relation", "Rådgiver for [landsbyrådet](http://x.dk).", "Bo Lund"])
    assert "Karen Holm · Stenhøj Vestermark (Randers)" in texts(app.markdown)


@pytest.mark.both_databases
def test_confirming_a_proposal_recuses_the_juror_for_own_municipality(site):
    app = run(table_page, site["secretariat"], site["year_id"])

    button(app, "Bekræft").click().run()

    assert len(app.exception) == 0
    assert conflicts(site["engine"])[1:] == [
        (site["juror"].id, site["randers"], ConflictReason.OWN_MUNICIPALITY, "", True, "")]
    assert texts(app.success) == ["Karen Holm er erklæret inhabil for «Stenhøj Vestermark»."]
    assert [each.label for each in app.button if each.label == "Bekræft"] == []


def test_the_secretariat_recuses_a_juror_with_type_and_reason(site):
    app = run(table_page, site["secretariat"], site["year_id"])

    app.selectbox[0].set_value(site["other"].id)
    app.selectbox[1].set_value(site["randers"])
    app.selectbox[2].set_value(ConflictReason.OTHER)
    app.text_area[0].input("Medlem af LAG-bestyrelsen.")
    button(app, "Registrér inhabilitet").click().run()

    assert len(app.exception) == 0
    assert conflicts(site["engine"])[1:] == [
        (site["other"].id, site["randers"], ConflictReason.OTHER, "Medlem af LAG-bestyrelsen.", True, "")]


def test_a_recusal_without_a_juror_is_refused_in_danish(site):
    app = run(table_page, site["secretariat"], site["year_id"])

    app.selectbox[1].set_value(site["randers"])
    button(app, "Registrér inhabilitet").click().run()

    assert (texts(app.error), len(conflicts(site["engine"]))) == (["Personen er ikke et aktivt jurymedlem."], 1)


@pytest.mark.both_databases
def test_the_secretariat_withdraws_a_conflict_with_a_reason(site):
    app = run(table_page, site["secretariat"], site["year_id"])

    app.text_area[1].input("Rådgivningen sluttede i 2015.")
    button(app, "Træk tilbage").click().run()

    assert len(app.exception) == 0
    assert conflicts(site["engine"]) == [(site["other"].id, site["favrskov"], ConflictReason.PROFESSIONAL,
                                          "Rådgiver for [landsbyrådet](http://x.dk).", False,
                                          "Rådgivningen sluttede i 2015.")]
    assert texts(app.success) == ["Inhabiliteten for Bo Lund og «Lindådalen» er trukket tilbage."]


def test_a_withdrawal_without_a_reason_is_refused(site):
    app = run(table_page, site["secretariat"], site["year_id"])

    button(app, "Træk tilbage").click().run()

    assert texts(app.error) == ["Feltet «Begrundelse for tilbagetrækning» skal udfyldes."]
    assert conflicts(site["engine"])[0][4] is True


def test_a_juror_may_not_open_the_table(site):
    app = run(table_page, site["juror"], site["year_id"])

    assert (texts(app.error), len(app.dataframe) + len(app.table)) == (["Du har ikke adgang til denne handling."], 0)
