"""Streamlit's own upload cap and the app's file limits must agree."""

import tomllib

import pytest

from prize.services.startup import upload_cap_problems
from prize.settings import PROJECT_ROOT, Settings


def test_streamlits_upload_cap_is_the_default_limit_of_the_largest_files():
    with (PROJECT_ROOT / ".streamlit" / "config.toml").open("rb") as config:
        cap = tomllib.load(config)["server"]["maxUploadSize"]

    assert (cap, Settings().max_media_mb, Settings().max_document_mb <= cap) == (200, 200, True)


@pytest.mark.parametrize(("document_mb", "media_mb", "expected"), [
    pytest.param(25, 200, [], id="defaults-fit"),
    pytest.param(25, 300, [("material.startup_upload_cap", {"cap": 200, "variable": "PRIZE_MAX_MEDIA_MB",
                                                            "value": 300})], id="media-over-the-cap"),
    pytest.param(250, 250, [
        ("material.startup_upload_cap", {"cap": 200, "variable": "PRIZE_MAX_DOCUMENT_MB", "value": 250}),
        ("material.startup_upload_cap", {"cap": 200, "variable": "PRIZE_MAX_MEDIA_MB", "value": 250})],
        id="both-over-the-cap"),
])
def test_a_file_limit_above_streamlits_cap_keeps_the_app_from_starting(document_mb, media_mb, expected):
    settings = Settings(max_document_mb=document_mb, max_media_mb=media_mb)

    assert upload_cap_problems(settings, max_upload_mb=200) == expected


def test_the_total_per_nomination_may_exceed_the_cap_since_it_is_never_one_upload():
    assert upload_cap_problems(Settings(max_nomination_mb=5000), max_upload_mb=200) == []


def test_without_the_cap_nothing_is_checked():
    assert upload_cap_problems(Settings(max_media_mb=2000), max_upload_mb=None) == []
