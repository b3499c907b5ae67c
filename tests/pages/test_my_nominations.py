"""Mine indstillinger: a nominator sees their body's nominations, a village contact only their own."""

import pytest

COLUMNS = ["Kandidat", "Landsby(er)", "Type", "Kommune", "Indstillet af", "Status", "Indsendt"]


@pytest.mark.parametrize(("username", "body"), [
    pytest.param("lag.randers", "lag-randers-favrskov", id="lag"),
    pytest.param("kommune.samsoe", "samsoe-kommune", id="municipality"),
])
def test_a_nominator_sees_exactly_the_nominations_of_their_body(demo_site, open_app, screen, demo_facts,
                                                                username, body):
    app = open_app(username)
    expected = demo_facts.nomination_names(body=body)

    assert len(app.exception) == 0
    table = app.dataframe[0].value
    assert (list(table.columns), list(table["Kandidat"]), screen.values(app.main.markdown)) == (
        COLUMNS, expected, [f"**{len(expected)}** indstilling(er) i år."])


def test_a_village_contact_sees_only_their_own_nomination(demo_site, open_app, demo_facts):
    app = open_app("ildsjael")

    assert len(app.exception) == 0
    table = app.dataframe[0].value
    assert list(table["Kandidat"]) == [demo_facts.nomination_name(demo_facts.user("ildsjael")["nomination"])]


def test_a_nomination_row_shows_its_villages_body_status_and_time(demo_site, open_app):
    app = open_app("ildsjael")

    assert len(app.exception) == 0
    assert app.dataframe[0].value.to_dict("records") == [{
        "Kandidat": "Stenhøj Vestermark", "Landsby(er)": "Stenhøj Vestermark", "Type": "Landsby",
        "Kommune": "Randers", "Indstillet af": "LAG Randers-Favrskov", "Status": "Godkendt",
        "Indsendt": "13. januar 2020 kl. 20:42"}]


def test_the_year_line_names_the_phase_and_the_deadline(demo_site, open_app, screen):
    app = open_app("lag.randers")

    assert len(app.exception) == 0
    assert screen.values(app.main.caption) == [
        "Landsbyprisen 2020 (demo) · fase: Første bedømmelsesrunde · frist for indstilling: "
        "15. januar 2020 kl. 12:00"]
