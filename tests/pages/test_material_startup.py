"""The app refuses to start when a file limit is above Streamlit's upload cap."""

from tests.pages.conftest import as_read


def test_a_media_limit_above_the_upload_cap_is_refused_with_what_to_change(demo_site, open_app, monkeypatch):
    monkeypatch.setenv("PRIZE_MAX_MEDIA_MB", "300")

    app = open_app()

    assert len(app.exception) == 0
    assert ([as_read(title.value) for title in app.title], [as_read(error.value) for error in app.error]) == (
        ["Landsbyprisen kan ikke starte"],
        ["Streamlits `server.maxUploadSize` i `.streamlit/config.toml` er 200 MB, men PRIZE_MAX_MEDIA_MB er "
         "300 MB: større filer ville blive afvist uden en forklaring. Sæt `server.maxUploadSize` til mindst 300, "
         "eller sænk PRIZE_MAX_MEDIA_MB."])
