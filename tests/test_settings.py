import io
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import pytest
from PIL import Image

from prize.errors import InvalidSetting
from prize.i18n import LOCALES
from prize.settings import (DEMO_COOKIE_KEY, PROJECT_ROOT, SETTINGS, Setting, Settings, Source, coerce,
                            setting)

README = Path(__file__).resolve().parent.parent / "README.md"


def _refusal(*, env: dict | None = None, secrets: dict | None = None) -> InvalidSetting:
    """The error loading the settings from exactly ``env`` and ``secrets`` raises."""
    with pytest.raises(InvalidSetting) as refused:
        Settings.load(env=env or {}, secrets=secrets or {})
    return refused.value


def _invalid(variable: str, value: str, expected: str) -> str:
    return f"Indstillingen {variable} har den ugyldige værdi «{value}»: forventede {expected}."


# --- One declaration ------------------------------------------------------------------------

def test_settings_are_derived_from_the_dataclass_in_declaration_order():
    described = [(entry.name, entry.env_var, entry.secret, entry.kind) for entry in SETTINGS]

    assert described == [
        ("database_url", "PRIZE_DATABASE_URL", False, str),
        ("cookie_key", "PRIZE_COOKIE_KEY", True, str),
        ("cookie_name", "PRIZE_COOKIE_NAME", False, str),
        ("cookie_expiry_days", "PRIZE_COOKIE_EXPIRY_DAYS", False, float),
        ("demo_mode", "PRIZE_DEMO_MODE", False, bool),
        ("default_locale", "PRIZE_DEFAULT_LOCALE", False, str),
        ("bcrypt_rounds", "PRIZE_BCRYPT_ROUNDS", False, int),
        ("storage_dir", "PRIZE_STORAGE_DIR", False, str),
        ("max_document_mb", "PRIZE_MAX_DOCUMENT_MB", False, int),
        ("max_media_mb", "PRIZE_MAX_MEDIA_MB", False, int),
        ("max_nomination_mb", "PRIZE_MAX_NOMINATION_MB", False, int),
        ("winner_quarantine_years", "PRIZE_WINNER_QUARANTINE_YEARS", False, int),
        ("file_link_minutes", "PRIZE_FILE_LINK_MINUTES", False, int),
        ("retention_years", "PRIZE_RETENTION_YEARS", False, int),
        ("privacy_controller", "PRIZE_PRIVACY_CONTROLLER", False, str),
        ("privacy_stored", "PRIZE_PRIVACY_STORED", False, str),
        ("privacy_purpose", "PRIZE_PRIVACY_PURPOSE", False, str),
        ("privacy_contact", "PRIZE_PRIVACY_CONTACT", False, str),
        ("contact_email", "PRIZE_CONTACT_EMAIL", False, str),
        ("smtp_host", "PRIZE_SMTP_HOST", False, str | None),
        ("smtp_port", "PRIZE_SMTP_PORT", False, int),
        ("smtp_security", "PRIZE_SMTP_SECURITY", False, str),
        ("smtp_user", "PRIZE_SMTP_USER", False, str | None),
        ("smtp_password", "PRIZE_SMTP_PASSWORD", True, str),
        ("mail_sender_address", "PRIZE_MAIL_SENDER_ADDRESS", False, str | None),
        ("mail_sender_name", "PRIZE_MAIL_SENDER_NAME", False, str),
        ("public_url", "PRIZE_PUBLIC_URL", False, str),
        ("password_link_hours", "PRIZE_PASSWORD_LINK_HOURS", False, int),
        ("organisation_name", "PRIZE_ORGANISATION_NAME", False, str),
        ("organisation_logo", "PRIZE_ORGANISATION_LOGO", False, str | None),
    ]


def test_all_settings_documented_in_readme():
    readme = README.read_text(encoding="utf-8") if README.exists() else ""

    undocumented = [entry.env_var for entry in SETTINGS if entry.env_var not in readme]

    assert undocumented == []


def test_every_setting_has_danish_and_english_help_text():
    missing = [(entry.name, locale) for entry in SETTINGS for locale in LOCALES
               if not entry.help.get(locale, "").strip()]

    assert missing == []


def test_a_type_the_settings_cannot_read_is_refused_when_declared():
    @dataclass(frozen=True)
    class Declared:
        villages: list = setting(default=(), da="Landsbyer.", en="Villages.")

    with pytest.raises(TypeError) as refused:
        Setting.of(fields(Declared)[0])

    assert str(refused.value) == "a setting is str, int, float, bool or one of them | None, not <class 'list'>"


# --- Defaults and sources -------------------------------------------------------------------

def test_without_environment_or_secrets_every_setting_has_its_declared_default():
    settings = Settings.load(env={}, secrets={})

    assert asdict(settings) == {entry.name: entry.default for entry in SETTINGS}


def test_the_default_database_is_a_sqlite_file_under_var():
    settings = Settings.load(env={}, secrets={})

    assert settings.database_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'prize.db'}"


def test_uploaded_files_are_stored_under_var_by_default():
    settings = Settings.load(env={}, secrets={})

    assert settings.storage_dir == str(PROJECT_ROOT / "var" / "files")


def test_the_environment_wins_over_secrets_and_secrets_over_the_default():
    env = {"PRIZE_COOKIE_NAME": "fra_miljoet"}
    secrets = {"cookie_name": "fra_secrets", "cookie_key": "hemmelig-nøgle"}

    settings = Settings.load(env=env, secrets=secrets)

    assert (settings.cookie_name, settings.cookie_key, settings.default_locale) == (
        "fra_miljoet", "hemmelig-nøgle", "da")


def test_the_sources_say_where_each_value_came_from():
    env = {"PRIZE_COOKIE_NAME": "fra_miljoet", "PRIZE_BCRYPT_ROUNDS": "5"}
    secrets = {"cookie_name": "fra_secrets", "cookie_key": "hemmelig-nøgle", "demo_mode": True}

    loaded = Settings.load_with_sources(env=env, secrets=secrets)

    assert loaded.sources == {
        "database_url": Source.DEFAULT, "cookie_key": Source.SECRETS, "cookie_name": Source.ENVIRONMENT,
        "cookie_expiry_days": Source.DEFAULT, "demo_mode": Source.SECRETS, "default_locale": Source.DEFAULT,
        "bcrypt_rounds": Source.ENVIRONMENT, "storage_dir": Source.DEFAULT, "max_document_mb": Source.DEFAULT,
        "max_media_mb": Source.DEFAULT, "max_nomination_mb": Source.DEFAULT,
        "winner_quarantine_years": Source.DEFAULT, "file_link_minutes": Source.DEFAULT,
        "retention_years": Source.DEFAULT, "privacy_controller": Source.DEFAULT, "privacy_stored": Source.DEFAULT,
        "privacy_purpose": Source.DEFAULT, "privacy_contact": Source.DEFAULT, "contact_email": Source.DEFAULT,
        "smtp_host": Source.DEFAULT, "smtp_port": Source.DEFAULT, "smtp_security": Source.DEFAULT,
        "smtp_user": Source.DEFAULT, "smtp_password": Source.DEFAULT, "mail_sender_address": Source.DEFAULT,
        "mail_sender_name": Source.DEFAULT, "public_url": Source.DEFAULT, "password_link_hours": Source.DEFAULT,
        "organisation_name": Source.DEFAULT, "organisation_logo": Source.DEFAULT,
    }


def test_an_empty_environment_variable_still_wins_over_secrets():
    loaded = Settings.load_with_sources(env={"PRIZE_COOKIE_KEY": ""}, secrets={"cookie_key": "hemmelig-nøgle"})

    assert (loaded.settings.cookie_key, loaded.sources["cookie_key"]) == ("", Source.ENVIRONMENT)


def test_load_gives_the_same_settings_as_load_with_sources():
    env = {"PRIZE_DEMO_MODE": "ja"}
    secrets = {"bcrypt_rounds": 6}

    settings = Settings.load(env=env, secrets=secrets)

    assert settings == Settings.load_with_sources(env=env, secrets=secrets).settings


# --- Booleans -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("true", True), ("True", True), (" yes ", True), ("1", True), ("on", True), ("ja", True), ("JA", True),
    ("false", False), ("0", False), ("no", False), ("off", False), ("nej", False), ("Nej", False),
])
def test_a_boolean_from_the_environment_is_read_from_its_text(text, expected):
    settings = Settings.load(env={"PRIZE_DEMO_MODE": text}, secrets={})

    assert settings.demo_mode is expected


@pytest.mark.parametrize("text", ["", "maybe", "2", "sand", "y", "truthy"])
def test_a_boolean_that_is_no_known_word_is_refused(text):
    refused = _refusal(env={"PRIZE_DEMO_MODE": text})

    assert refused.message(plain=True) == _invalid(
        "PRIZE_DEMO_MODE", text, "true eller false (som tekst også 1/0, yes/no, on/off eller ja/nej)")


# --- Numbers --------------------------------------------------------------------------------

def test_numbers_from_the_environment_become_int_and_float():
    env = {"PRIZE_BCRYPT_ROUNDS": "4", "PRIZE_COOKIE_EXPIRY_DAYS": "2.5"}

    settings = Settings.load(env=env, secrets={})

    assert (settings.bcrypt_rounds, settings.cookie_expiry_days) == (4, 2.5)


@pytest.mark.parametrize(("text", "expected"), [("4", 4), ("31", 31), (" 12 ", 12)])
def test_bcrypt_rounds_from_4_to_31_are_accepted(text, expected):
    settings = Settings.load(env={"PRIZE_BCRYPT_ROUNDS": text}, secrets={})

    assert settings.bcrypt_rounds == expected


@pytest.mark.parametrize("text", ["abc", "3", "32", "12.0", "", "-12"])
def test_bcrypt_rounds_outside_4_to_31_or_not_a_whole_number_are_refused(text):
    refused = _refusal(env={"PRIZE_BCRYPT_ROUNDS": text})

    assert refused.message(plain=True) == _invalid("PRIZE_BCRYPT_ROUNDS", text, "et heltal fra 4 til 31")


def test_the_danish_message_names_the_variable_the_value_and_what_is_expected():
    refused = _refusal(env={"PRIZE_BCRYPT_ROUNDS": "abc"})

    assert refused.message(plain=True) == ("Indstillingen PRIZE_BCRYPT_ROUNDS har den ugyldige værdi «abc»: "
                                 "forventede et heltal fra 4 til 31.")


def test_the_english_message_says_the_same():
    refused = _refusal(env={"PRIZE_BCRYPT_ROUNDS": "abc"})

    assert refused.message("en", plain=True) == ("The setting PRIZE_BCRYPT_ROUNDS has the invalid value “abc”: "
                                     "expected a whole number from 4 to 31.")


@pytest.mark.parametrize(("text", "expected"), [("0.5", 0.5), ("1", 1.0), ("365", 365.0)])
def test_a_cookie_lifetime_above_0_and_at_most_365_days_is_accepted(text, expected):
    settings = Settings.load(env={"PRIZE_COOKIE_EXPIRY_DAYS": text}, secrets={})

    assert settings.cookie_expiry_days == expected


@pytest.mark.parametrize("text", ["0", "-1", "365.5", "nan", "inf", "en dag", ""])
def test_a_cookie_lifetime_of_0_days_or_more_than_365_or_no_number_is_refused(text):
    refused = _refusal(env={"PRIZE_COOKIE_EXPIRY_DAYS": text})

    assert refused.message(plain=True) == _invalid("PRIZE_COOKIE_EXPIRY_DAYS", text, "et tal større end 0 og højst 365")


# --- Text with a rule -----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["da", "en"])
def test_a_known_language_is_accepted_as_the_default_locale(text):
    settings = Settings.load(env={"PRIZE_DEFAULT_LOCALE": text}, secrets={})

    assert settings.default_locale == text


@pytest.mark.parametrize("text", ["DA", "de", "dansk", ""])
def test_an_unknown_language_is_refused_as_the_default_locale(text):
    refused = _refusal(env={"PRIZE_DEFAULT_LOCALE": text})

    assert refused.message(plain=True) == _invalid("PRIZE_DEFAULT_LOCALE", text, "en af værdierne da, en")


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:////srv/landsbyprisen/prize.db",
                                 "postgresql+psycopg://landsby@localhost:5432/landsbyprisen"])
def test_a_database_url_sqlalchemy_can_parse_is_accepted(url):
    settings = Settings.load(env={"PRIZE_DATABASE_URL": url}, secrets={})

    assert settings.database_url == url


@pytest.mark.parametrize("url", ["landsbyprisen", "", "postgresql+psycopg://landsby@localhost:port/db"])
def test_a_database_url_sqlalchemy_cannot_parse_is_refused(url):
    refused = _refusal(env={"PRIZE_DATABASE_URL": url})

    assert refused.message(plain=True) == _invalid(
        "PRIZE_DATABASE_URL", url,
        "en SQLAlchemy-URL, fx sqlite:///sti/til/prize.db eller postgresql+psycopg://bruger@vært/database")


def test_the_password_of_a_refused_database_url_is_not_in_the_message():
    url = "postgresql+psycopg://landsby:hemmeligt@localhost:port/db"

    refused = _refusal(env={"PRIZE_DATABASE_URL": url})

    assert (refused.message(plain=True), str(refused).count("hemmeligt")) == (_invalid(
        "PRIZE_DATABASE_URL", "postgresql+psycopg://landsby:***@localhost:port/db",
        "en SQLAlchemy-URL, fx sqlite:///sti/til/prize.db eller postgresql+psycopg://bruger@vært/database"), 0)


@pytest.mark.parametrize("name", ["a", "x" * 64, "Landsbyprisen-login_2"])
def test_a_cookie_name_of_1_to_64_letters_digits_hyphens_and_underscores_is_accepted(name):
    settings = Settings.load(env={"PRIZE_COOKIE_NAME": name}, secrets={})

    assert settings.cookie_name == name


@pytest.mark.parametrize("name", ["", "x" * 65, "med mellemrum", "landsby\n", "kø", "a;b"])
def test_any_other_cookie_name_is_refused(name):
    refused = _refusal(env={"PRIZE_COOKIE_NAME": name})

    assert refused.message(plain=True) == _invalid(
        "PRIZE_COOKIE_NAME", name, "1-64 tegn blandt A-Z, a-z, 0-9, understregning og bindestreg")


def test_a_storage_folder_is_accepted():
    settings = Settings.load(env={"PRIZE_STORAGE_DIR": "/srv/landsbyprisen/filer"}, secrets={})

    assert settings.storage_dir == "/srv/landsbyprisen/filer"


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_storage_folder_is_refused(text):
    refused = _refusal(env={"PRIZE_STORAGE_DIR": text})

    assert refused.message(plain=True) == _invalid("PRIZE_STORAGE_DIR", text, "stien til en mappe")


# --- The organisation on the recommendation to the council ----------------------------------

LOGO_EXPECTED = "stien til en PNG- eller JPEG-fil, der findes, på højst 2 MB"


def _image(path: Path, kind: str) -> Path:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), (0, 61, 130)).save(out, kind)
    path.write_bytes(out.getvalue())
    return path


def test_the_organisation_is_region_midtjylland_without_a_logo_by_default():
    settings = Settings.load(env={}, secrets={})

    assert (settings.organisation_name, settings.organisation_logo) == ("Region Midtjylland", None)


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_png_or_jpeg_logo_is_accepted_whatever_its_name(tmp_path, kind):
    logo = _image(tmp_path / "logo.billede", kind)

    settings = Settings.load(env={"PRIZE_ORGANISATION_LOGO": str(logo),
                                  "PRIZE_ORGANISATION_NAME": "Region Midtjylland, Regional Udvikling"}, secrets={})

    assert (settings.organisation_logo, settings.organisation_name) == (
        str(logo), "Region Midtjylland, Regional Udvikling")


def test_a_logo_left_empty_is_no_logo():
    assert Settings.load(env={"PRIZE_ORGANISATION_LOGO": " "}, secrets={}).organisation_logo is None


def test_a_logo_file_that_is_missing_is_refused_naming_the_setting(tmp_path):
    missing = tmp_path / "logo.png"

    refused = _refusal(env={"PRIZE_ORGANISATION_LOGO": str(missing)})

    assert refused.message(plain=True) == _invalid("PRIZE_ORGANISATION_LOGO", str(missing), LOGO_EXPECTED)


def test_a_logo_that_is_no_png_or_jpeg_by_its_content_is_refused_even_named_png(tmp_path):
    gif = _image(tmp_path / "logo.png", "GIF")

    refused = _refusal(secrets={"organisation_logo": str(gif)})

    assert refused.message(plain=True) == _invalid("PRIZE_ORGANISATION_LOGO", str(gif), LOGO_EXPECTED)


def test_a_damaged_png_and_a_folder_are_refused_as_logo(tmp_path):
    damaged = tmp_path / "logo.png"
    damaged.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)

    refusals = [_refusal(env={"PRIZE_ORGANISATION_LOGO": str(path)}).message(plain=True)
                for path in (damaged, tmp_path)]

    assert refusals == [_invalid("PRIZE_ORGANISATION_LOGO", str(path), LOGO_EXPECTED) for path in (damaged, tmp_path)]


def test_a_logo_above_2_mb_is_refused(tmp_path):
    large = _image(tmp_path / "logo.png", "PNG")
    large.write_bytes(large.read_bytes() + b"\x00" * (2 * 1024 * 1024))

    refused = _refusal(env={"PRIZE_ORGANISATION_LOGO": str(large)})

    assert refused.message(plain=True) == _invalid("PRIZE_ORGANISATION_LOGO", str(large), LOGO_EXPECTED)


@pytest.mark.parametrize("name", ["", "   ", "R" * 201])
def test_an_empty_or_too_long_organisation_name_is_refused(name):
    refused = _refusal(env={"PRIZE_ORGANISATION_NAME": name})

    assert refused.message(plain=True) == _invalid("PRIZE_ORGANISATION_NAME", name, "et navn på 1-200 tegn")


# --- E-mail ---------------------------------------------------------------------------------

def test_without_an_smtp_host_the_app_sends_no_mail():
    settings = Settings.load(env={}, secrets={})

    assert (settings.smtp_host, settings.smtp_port, settings.smtp_security, settings.sends_mail) == (
        None, 587, "starttls", False)


def test_an_smtp_host_and_a_sender_make_the_app_send():
    settings = Settings.load(env={"PRIZE_SMTP_HOST": "smtp.rm.dk", "PRIZE_MAIL_SENDER_ADDRESS": "landsbyprisen@rm.dk",
                                  "PRIZE_SMTP_SECURITY": "tls", "PRIZE_SMTP_PORT": "465"}, secrets={})

    assert (settings.smtp_host, settings.smtp_port, settings.smtp_security, settings.sends_mail) == (
        "smtp.rm.dk", 465, "tls", True)


def test_an_unknown_smtp_security_is_refused():
    refused = _refusal(env={"PRIZE_SMTP_SECURITY": "ssl"})

    assert refused.message(plain=True) == _invalid("PRIZE_SMTP_SECURITY", "ssl",
                                                   "en af værdierne starttls, tls, none")


def test_a_sender_that_is_no_address_is_refused():
    refused = _refusal(env={"PRIZE_MAIL_SENDER_ADDRESS": "landsbyprisen"})

    assert refused.message(plain=True) == _invalid("PRIZE_MAIL_SENDER_ADDRESS", "landsbyprisen",
                                                   "en e-mailadresse, fx landsbyprisen@rm.dk")


@pytest.mark.parametrize("url", ["https://landsbyprisen.rm.dk", "http://127.0.0.1:8501", "https://rm.dk/landsbyprisen"])
def test_a_public_address_without_a_trailing_slash_is_accepted(url):
    assert Settings.load(env={"PRIZE_PUBLIC_URL": url}, secrets={}).public_url == url


@pytest.mark.parametrize("url", ["landsbyprisen.rm.dk", "https://landsbyprisen.rm.dk/", "ftp://rm.dk",
                                 "https://rm.dk/?x=1"])
def test_any_other_public_address_is_refused(url):
    refused = _refusal(env={"PRIZE_PUBLIC_URL": url})

    assert refused.message(plain=True) == _invalid(
        "PRIZE_PUBLIC_URL", url, "en adresse, der begynder med https:// eller http:// og ikke slutter med /, "
                                 "fx https://landsbyprisen.rm.dk")


def test_the_smtp_password_is_a_secret_left_out_of_the_repr():
    settings = Settings.load(env={"PRIZE_SMTP_PASSWORD": "hemmeligt-smtp"}, secrets={})

    assert (settings.smtp_password, "hemmeligt-smtp" in repr(settings)) == ("hemmeligt-smtp", False)


# --- Typed values from secrets.toml ---------------------------------------------------------

def test_typed_values_from_secrets_keep_their_type():
    secrets = {"demo_mode": True, "bcrypt_rounds": 8, "cookie_expiry_days": 3}

    settings = Settings.load(env={}, secrets=secrets)

    assert (settings.demo_mode, settings.bcrypt_rounds, settings.cookie_expiry_days) == (True, 8, 3.0)
    assert type(settings.cookie_expiry_days) is float


def test_text_in_secrets_is_read_like_the_environment():
    secrets = {"demo_mode": "ja", "bcrypt_rounds": "8"}

    settings = Settings.load(env={}, secrets=secrets)

    assert (settings.demo_mode, settings.bcrypt_rounds) == (True, 8)


@pytest.mark.parametrize(("name", "value", "message"), [
    ("bcrypt_rounds", True, _invalid("PRIZE_BCRYPT_ROUNDS", "true", "et heltal fra 4 til 31")),
    ("bcrypt_rounds", 12.0, _invalid("PRIZE_BCRYPT_ROUNDS", "12.0", "et heltal fra 4 til 31")),
    ("bcrypt_rounds", 40, _invalid("PRIZE_BCRYPT_ROUNDS", "40", "et heltal fra 4 til 31")),
    ("cookie_expiry_days", False, _invalid("PRIZE_COOKIE_EXPIRY_DAYS", "false", "et tal større end 0 og højst 365")),
    ("demo_mode", 1, _invalid("PRIZE_DEMO_MODE", "1",
                              "true eller false (som tekst også 1/0, yes/no, on/off eller ja/nej)")),
    ("cookie_name", 2020, _invalid("PRIZE_COOKIE_NAME", "2020",
                                   "1-64 tegn blandt A-Z, a-z, 0-9, understregning og bindestreg")),
    ("default_locale", True, _invalid("PRIZE_DEFAULT_LOCALE", "true", "en af værdierne da, en")),
], ids=["bool-for-int", "float-for-int", "int-out-of-range", "bool-for-float", "int-for-bool", "int-for-text",
        "bool-for-text"])
def test_a_typed_value_of_the_wrong_type_in_secrets_is_refused(name, value, message):
    refused = _refusal(secrets={name: value})

    assert refused.message(plain=True) == message


# --- Secrets --------------------------------------------------------------------------------

def test_a_refused_secret_is_named_without_its_value():
    refused = _refusal(secrets={"cookie_key": 4242})

    assert (refused.message(plain=True), refused.params) == (
        "Indstillingen PRIZE_COOKIE_KEY har en ugyldig værdi, som ikke vises, fordi den er hemmelig: "
        "forventede tekst.",
        {"variable": "PRIZE_COOKIE_KEY", "expected": "errors.setting_expected.text", "expected_params": {}})


def test_a_refused_secret_in_english_is_named_without_its_value():
    refused = _refusal(secrets={"cookie_key": 4242})

    assert refused.message("en", plain=True) == ("The setting PRIZE_COOKIE_KEY has an invalid value, not shown because it "
                                     "is secret: expected text.")


def test_the_cookie_key_is_left_out_of_the_settings_repr():
    settings = Settings.load(env={"PRIZE_COOKIE_KEY": "hemmelig-nøgle"}, secrets={})

    assert repr(settings).count("hemmelig-nøgle") == 0


def test_the_shipped_demo_cookie_key_is_recognised():
    settings = Settings.load(env={"PRIZE_COOKIE_KEY": DEMO_COOKIE_KEY}, secrets={})

    assert settings.uses_demo_cookie_key is True


def test_an_own_cookie_key_is_not_the_demo_key():
    settings = Settings.load(env={"PRIZE_COOKIE_KEY": "en-helt-anden-nøgle"}, secrets={})

    assert settings.uses_demo_cookie_key is False


# --- Optional settings, through the coercion alone --------------------------------------------

@dataclass(frozen=True)
class _MailSettings:
    """Declared here only: no setting of the app is optional yet."""

    smtp_password: str | None = setting(default=None, secret=True, da="Adgangskode til SMTP-serveren.",
                                        en="Password of the SMTP server.")
    smtp_sender: str = setting(default="", da="Afsenderadresse.", en="Sender address.")


SMTP_PASSWORD, SMTP_SENDER = (Setting.of(declared) for declared in fields(_MailSettings))


@pytest.mark.parametrize(("raw", "expected"), [
    (None, None), ("", None), ("   ", None), ("\t\n", None), ("hemmeligt", "hemmeligt"), (" med luft ", " med luft "),
])
def test_an_optional_text_left_empty_or_blank_is_none(raw, expected):
    value = coerce(raw, SMTP_PASSWORD)

    assert value == expected


def test_a_required_text_left_empty_stays_empty():
    value = coerce("", SMTP_SENDER)

    assert value == ""


def test_an_optional_secret_of_the_wrong_type_is_refused_without_its_value():
    with pytest.raises(InvalidSetting) as refused:
        coerce(4242, SMTP_PASSWORD)

    assert refused.value.message(plain=True) == ("Indstillingen PRIZE_SMTP_PASSWORD har en ugyldig værdi, som ikke vises, "
                                       "fordi den er hemmelig: forventede tekst.")
