from dataclasses import asdict
from pathlib import Path

import pytest

from prize.settings import DEMO_COOKIE_KEY, PROJECT_ROOT, SETTINGS, Setting, Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def test_all_settings_documented_in_readme():
    readme = README.read_text(encoding="utf-8") if README.exists() else ""

    undocumented = [setting.env_var for setting in SETTINGS if setting.env_var not in readme]

    assert undocumented == []


def test_without_environment_or_secrets_every_setting_has_its_declared_default():
    settings = Settings.load(env={}, secrets={})

    assert asdict(settings) == {setting.name: setting.default for setting in SETTINGS}


def test_the_default_database_is_a_sqlite_file_under_var():
    settings = Settings.load(env={}, secrets={})

    assert settings.database_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'prize.db'}"


def test_the_environment_wins_over_secrets_and_secrets_over_the_default():
    env = {"PRIZE_COOKIE_NAME": "fra_miljoet"}
    secrets = {"cookie_name": "fra_secrets", "cookie_key": "hemmelig-nøgle"}

    settings = Settings.load(env=env, secrets=secrets)

    assert (settings.cookie_name, settings.cookie_key, settings.default_locale) == (
        "fra_miljoet", "hemmelig-nøgle", "da")


def test_an_environment_variable_is_the_setting_name_in_capitals_after_prize():
    assert Setting("cookie_expiry_days", 1.0, "").env_var == "PRIZE_COOKIE_EXPIRY_DAYS"


@pytest.mark.parametrize(("text", "expected"), [
    ("true", True), ("True", True), (" yes ", True), ("1", True), ("on", True),
    ("false", False), ("0", False), ("no", False), ("off", False), ("", False),
])
def test_a_boolean_from_the_environment_is_read_from_its_text(text, expected):
    settings = Settings.load(env={"PRIZE_DEMO_MODE": text})

    assert settings.demo_mode is expected


def test_numbers_from_the_environment_become_int_and_float():
    env = {"PRIZE_BCRYPT_ROUNDS": "4", "PRIZE_COOKIE_EXPIRY_DAYS": "2.5"}

    settings = Settings.load(env=env)

    assert (settings.bcrypt_rounds, settings.cookie_expiry_days) == (4, 2.5)


def test_typed_values_from_secrets_keep_their_type():
    secrets = {"demo_mode": True, "bcrypt_rounds": 8, "cookie_expiry_days": 3}

    settings = Settings.load(env={}, secrets=secrets)

    assert (settings.demo_mode, settings.bcrypt_rounds, settings.cookie_expiry_days) == (True, 8, 3.0)
    assert type(settings.cookie_expiry_days) is float


def test_the_shipped_demo_cookie_key_is_recognised():
    settings = Settings.load(env={"PRIZE_COOKIE_KEY": DEMO_COOKIE_KEY})

    assert settings.uses_demo_cookie_key is True


def test_an_own_cookie_key_is_not_the_demo_key():
    settings = Settings.load(env={"PRIZE_COOKIE_KEY": "en-helt-anden-nøgle"})

    assert settings.uses_demo_cookie_key is False
