"""The accessibility statement: open to a visitor who is not logged in, linked from
the login page, and naming every rule the accessibility test still lets pass."""

from prize.i18n import t_plain
from tests.pages.conftest import as_read
from ui.accessibility import KNOWN_ISSUES


def test_the_login_page_links_to_the_accessibility_statement(demo_site, open_app):
    app = open_app()

    assert len(app.exception) == 0
    assert [(link.label, link.proto.page) for link in app.get("page_link")] == [
        ("Landsbyprisens finalister", "finalister"), ("Privatlivspolitik", "privacy"),
        ("Tilgængelighedserklæring", "accessibility")]


def test_a_visitor_who_is_not_logged_in_reads_the_statement_and_no_data(demo_site, open_app, screen, demo_facts):
    app = screen.request_url_path(open_app(), "accessibility")

    assert len(app.exception) == 0
    assert (screen.values(app.title), screen.values(app.header), screen.shown(app, demo_facts.nomination_names() + demo_facts.person_names())) == (
        ["Tilgængelighedserklæring"], ["Overensstemmelsesstatus", "Indhold, der ikke er tilgængeligt",
                                       "Sådan er erklæringen udarbejdet", "Feedback og kontakt",
                                       "Håndhævelsesprocedure"], [])


def test_the_statement_names_every_rule_the_accessibility_test_lets_pass(demo_site, open_app, screen):
    app = screen.request_url_path(open_app(), "accessibility")
    text = screen.text(app)

    assert [issue.rule for issue in KNOWN_ISSUES
            if f"- `{issue.rule}`: {t_plain(f'accessibility.known.{issue.key}', 'da')}" not in text] == []


def test_a_logged_in_user_finds_the_statement_last_in_the_menu(demo_site, open_app, screen):
    app = screen.request_url_path(open_app("jury1"), "accessibility")

    assert len(app.exception) == 0
    assert (screen.values(app.title), [text for text in screen.values(app.main.markdown) if "log ind" in text]) == (
        ["Tilgængelighedserklæring"], [])


REPORT = ("Møder du noget, du ikke kan bruge, så skriv til sekretariatet for Landsbyprisen i Regional Udvikling, "
          "Region Midtjylland, på [{address}](mailto:{link}). Skriv, hvilken side og hvilket trin det gælder, og "
          "hvilket hjælpemiddel du bruger. Du får svar, og vi finder en anden måde, du kan indstille eller bedømme "
          "på, mens fejlen rettes.")


def _report(app) -> tuple[str, int]:
    """The paragraph under «Feedback og kontakt» as its reader sees the Markdown, and how
    many links its source makes."""
    source = next(element.value for element in app.markdown if element.value.startswith("Møder du noget"))
    return as_read(source), source.count("](")


def test_the_statement_links_to_the_secretariats_default_address(demo_site, open_app, screen):
    app = screen.request_url_path(open_app(), "accessibility")

    assert _report(app) == (REPORT.format(address="landsbyprisen@rm.dk", link="landsbyprisen@rm.dk"), 1)


def test_the_statement_links_to_the_configured_address_escaped(demo_site, open_app, screen, monkeypatch):
    monkeypatch.setenv("PRIZE_CONTACT_EMAIL", "tilgaengelighed+[x](y)@rm.dk")

    app = screen.request_url_path(open_app(), "accessibility")

    assert _report(app) == (
        REPORT.format(address="tilgaengelighed+[x](y)@rm.dk", link="tilgaengelighed%2B%5Bx%5D%28y%29@rm.dk"), 1)
