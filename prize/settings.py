"""The app's settings, declared once: each field of ``Settings`` carries its help
text, whether it is secret and the rule its value must follow; ``SETTINGS`` is
derived from those fields.

A setting is read from the environment (``PRIZE_<NAME>``) first, then from the
``[prize]`` table of ``.streamlit/secrets.toml`` (the app passes Streamlit's
secrets; the command line reads the project's file), then falls back to its
default. A value that does not fit raises ``InvalidSetting``, whose Danish
message names the setting. The README documents every setting; a test fails
when one is missing there.

No ``from __future__ import annotations`` here: a setting's type is read from
its field, so it must be the type itself, not its name as a string.
"""

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import Field, dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from types import UnionType
from typing import Any, Self, Union, get_args, get_origin

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from prize import filetypes
from prize.errors import InvalidSetting
from prize.i18n import LOCALES, t
from prize.validation import EMAIL

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
# The command line's secrets; the app is given Streamlit's (the same file when started from the project).
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"

# The cookie key in .streamlit/secrets.example.toml: fine for a demo, never in production.
DEMO_COOKIE_KEY = "demo-only-cookie-key-change-me"


class Source(StrEnum):
    """Where a setting's value came from."""

    ENVIRONMENT = "environment"
    SECRETS = "secrets"
    DEFAULT = "default"


# --- Rules a value must follow --------------------------------------------------------------

@dataclass(frozen=True)
class Check:
    """A rule a setting's value must follow. ``expected`` is the catalog key that
    says, in an error, what a fitting value is; ``params`` fill it in."""

    holds: Callable[[Any], bool]
    expected: str
    params: Mapping[str, object] = field(default_factory=dict)

    def expected_text(self, locale: str) -> str:
        return t(self.expected, locale, **self.params)


def between(low: int, high: int) -> Check:
    """A whole number from ``low`` to ``high``, both included."""
    return Check(lambda value: low <= value <= high, "errors.setting_expected.integer_between",
                 {"low": low, "high": high})


def positive_up_to(high: float) -> Check:
    """A number above 0 and at most ``high``."""
    return Check(lambda value: 0 < value <= high, "errors.setting_expected.positive_up_to", {"high": high})


def one_of(choices: tuple[str, ...]) -> Check:
    return Check(lambda value: value in choices, "errors.setting_expected.one_of", {"choices": ", ".join(choices)})


def _is_database_url(text: str) -> bool:
    try:
        make_url(text)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        return False
    return True


_COOKIE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
DATABASE_URL = Check(_is_database_url, "errors.setting_expected.database_url")
COOKIE_NAME = Check(lambda text: _COOKIE_NAME.fullmatch(text) is not None, "errors.setting_expected.cookie_name")
FOLDER = Check(lambda text: bool(text.strip()), "errors.setting_expected.folder")
EMAIL_ADDRESS = Check(lambda text: EMAIL.fullmatch(text) is not None, "errors.setting_expected.email_address")
# The address of the app as a visitor reaches it, without a trailing slash: links in e-mails start with it.
_PUBLIC_URL = re.compile(r"https?://[^\s/?#]+(/[^\s?#]*[^\s?#/])?")
PUBLIC_URL = Check(lambda text: _PUBLIC_URL.fullmatch(text) is not None, "errors.setting_expected.public_url")
SMTP_SECURITY = ("starttls", "tls", "none")
ORGANISATION_NAME_MAX = 200
ORGANISATION_NAME = Check(lambda text: bool(text.strip()) and len(text) <= ORGANISATION_NAME_MAX,
                          "errors.setting_expected.organisation_name", {"max": ORGANISATION_NAME_MAX})
# A logo goes into every Word and PDF file of the recommendation: a few hundred kilobytes is plenty.
LOGO_MAX_MB = 2


def _is_logo(text: str) -> bool:
    """A PNG or JPEG file, judged by its content (``prize.filetypes``), that Pillow can
    read the size of and of at most ``LOGO_MAX_MB``. Relative to the working folder."""
    from PIL import Image, UnidentifiedImageError  # the image library only when a logo is set

    path = Path(text)
    try:
        if not path.is_file() or path.stat().st_size > LOGO_MAX_MB * 1024 * 1024:
            return False
        with path.open("rb") as handle:
            if filetypes.sniff(handle) not in (filetypes.PNG, filetypes.JPEG):
                return False
            with Image.open(handle) as image:
                return min(image.size) > 0
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
        return False


LOGO_FILE = Check(_is_logo, "errors.setting_expected.logo_file", {"max": LOGO_MAX_MB})


def without_password(url: str) -> str:
    """A database URL as it may be shown: the password, if any, replaced by ***.
    Works on text SQLAlchemy cannot parse too, which an error message still shows."""
    return re.sub(r"(://[^:/@]*):.*@", r"\1:***@", url, flags=re.DOTALL)


# --- Declaring a setting --------------------------------------------------------------------

def setting(*, default: Any, da: str, en: str, secret: bool = False, check: Check | None = None,
            show: Callable[[str], str] | None = None) -> Any:
    """A field of ``Settings``: its default, its help text in Danish and English,
    whether its value is secret (never shown), the rule its value must follow
    beyond its type, and how a text value is shown when it is not secret. A secret
    is left out of ``repr(settings)`` too, which a log or a traceback may show."""
    metadata = {"help": {"da": da, "en": en}, "secret": secret, "check": check, "show": show}
    return field(default=default, repr=not secret, metadata=metadata)


@dataclass(frozen=True)
class Setting:
    """One setting as the README, the command line and the error messages describe it."""

    name: str
    env_var: str
    default: Any
    help: Mapping[str, str]
    secret: bool
    kind: Any
    check: Check | None = None
    show: Callable[[str], str] | None = None

    @classmethod
    def of(cls, declared: Field) -> Self:
        _value_type(declared.type)  # refuses a type the settings cannot read, when the module loads
        return cls(name=declared.name, env_var=f"PRIZE_{declared.name.upper()}", default=declared.default,
                   help=declared.metadata["help"], secret=declared.metadata["secret"], kind=declared.type,
                   check=declared.metadata["check"], show=declared.metadata["show"])

    @property
    def rule(self) -> Check:
        """The setting's own check, or else what its type alone asks for."""
        return self.check or _TYPE_RULES[_value_type(self.kind)[0]]

    def shown(self, value: Any) -> str:
        """``value`` as text for a message or a listing; never call it for a secret."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str) and self.show is not None:
            return self.show(value)
        return str(value)

    def refusal(self, raw: Any) -> InvalidSetting:
        """The error for a value that does not fit; a secret value is left out, so it cannot leak."""
        expected = {"expected": self.rule.expected, "expected_params": dict(self.rule.params)}
        if self.secret:
            return InvalidSetting("errors.invalid_secret_setting", variable=self.env_var, **expected)
        return InvalidSetting(variable=self.env_var, value=self.shown(raw), **expected)


# --- Reading a value ------------------------------------------------------------------------

_BOOLEANS = {"true": True, "1": True, "yes": True, "on": True, "ja": True,
             "false": False, "0": False, "no": False, "off": False, "nej": False}


def _boolean(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _BOOLEANS:
        return _BOOLEANS[raw.strip().lower()]
    raise ValueError


def _integer(raw: Any) -> int:
    if isinstance(raw, str):
        return int(raw)
    if isinstance(raw, int) and not isinstance(raw, bool):  # isinstance(True, int) holds
        return raw
    raise ValueError


def _number(raw: Any) -> float:
    if isinstance(raw, str):
        return float(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    raise ValueError


def _text(raw: Any) -> str:
    if isinstance(raw, str):
        return raw
    raise ValueError


_PARSERS: dict[type, Callable[[Any], Any]] = {str: _text, int: _integer, float: _number, bool: _boolean}
_TYPE_RULES = {str: Check(lambda _: True, "errors.setting_expected.text"),
               int: Check(lambda _: True, "errors.setting_expected.integer"),
               float: Check(lambda _: True, "errors.setting_expected.number"),
               bool: Check(lambda _: True, "errors.setting_expected.boolean")}


def _value_type(kind: Any) -> tuple[type, bool]:
    """The type a value is read as, and whether the setting is optional (``X | None``)."""
    members = get_args(kind) if get_origin(kind) in (Union, UnionType) else (kind,)
    present = [member for member in members if member is not type(None)]
    if len(present) != 1 or present[0] not in _PARSERS:
        raise TypeError(f"a setting is str, int, float, bool or one of them | None, not {kind!r}")
    return present[0], len(present) < len(members)


def coerce(raw: Any, declared: Setting) -> Any:
    """``raw`` (text from the environment, or a typed TOML value) as the value of
    the declared setting. An optional setting left empty or blank is None.
    Raises ``InvalidSetting`` when the value does not fit."""
    kind, optional = _value_type(declared.kind)
    if optional and (raw is None or isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = _PARSERS[kind](raw)
    except ValueError:
        raise declared.refusal(raw) from None
    if declared.check is not None and not declared.check.holds(value):
        raise declared.refusal(raw)
    return value


# --- The settings ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    database_url: str = setting(
        default=f"sqlite:///{PROJECT_ROOT / 'var' / 'prize.db'}", check=DATABASE_URL, show=without_password,
        da="SQLAlchemy-URL til databasen: som standard en SQLite-fil under var/, i drift "
           "postgresql+psycopg://bruger@vært/database. En adgangskode i URL'en vises aldrig.",
        en="SQLAlchemy URL of the database: a SQLite file under var/ by default, "
           "postgresql+psycopg://user@host/db in production. A password in the URL is never shown.")
    cookie_key: str = setting(
        default="", secret=True,
        da="Hemmelig nøgle, der signerer login-cookien. Skal sættes: appen starter ikke uden den "
           "og heller ikke med demoens nøgle uden for demotilstand.",
        en="Secret key that signs the login cookie. Required: the app refuses to start without it, "
           "and outside demo mode with the demo key.")
    cookie_name: str = setting(
        default="landsbyprisen_login", check=COOKIE_NAME,
        da="Navnet på login-cookien.",
        en="Name of the login cookie.")
    cookie_expiry_days: float = setting(
        default=1.0, check=positive_up_to(365),
        da="Antal dage, en login-cookie er gyldig.",
        en="Days a login cookie stays valid.")
    demo_mode: bool = setting(
        default=False,
        da="true for en demo- eller testinstallation: tillader demoens cookie-nøgle og adgangskoder.",
        en="True for a demo or test installation: allows the shipped demo cookie key and demo passwords.")
    default_locale: str = setting(
        default="da", check=one_of(LOCALES),
        da="Sproget for en ny besøgende.",
        en="Language of the UI for a new visitor.")
    bcrypt_rounds: int = setting(
        default=12, check=between(4, 31),
        da="Omkostningsfaktor for adgangskodernes bcrypt-hash; hver ekstra runde fordobler tiden for et login.",
        en="Cost factor of the bcrypt password hashes; each extra round doubles the time a login takes.")
    storage_dir: str = setting(
        default=str(PROJECT_ROOT / "var" / "files"), check=FOLDER,
        da="Mappe, hvor uploadede filer gemmes.",
        en="Folder where uploaded files are stored.")
    max_document_mb: int = setting(
        default=25, check=between(1, 2000),
        da="Største tilladte dokument eller billede (PDF, Word, PowerPoint, JPEG, PNG) i MB.",
        en="Largest document or image (PDF, Word, PowerPoint, JPEG, PNG) allowed, in MB.")
    max_media_mb: int = setting(
        default=200, check=between(1, 2000),
        da="Største tilladte lyd- eller videofil (mp3, m4a, mp4, webm, mov) i MB. Streamlits "
           "server.maxUploadSize i .streamlit/config.toml skal være mindst lige så stor.",
        en="Largest audio or video file (mp3, m4a, mp4, webm, mov) allowed, in MB. Streamlit's "
           "server.maxUploadSize in .streamlit/config.toml must be at least as large.")
    max_nomination_mb: int = setting(
        default=500, check=between(1, 20000),
        da="Højst så mange MB materiale i alt pr. indstilling.",
        en="At most this many MB of material in total per nomination.")
    winner_quarantine_years: int = setting(
        default=5, check=between(0, 50),
        da="En landsby, der har vundet prisen inden for så mange år, kan ikke indstilles igen (forhåndstjek).",
        en="A village that won the prize within this many years cannot be nominated again (pre-check).")
    file_link_minutes: int = setting(
        default=60, check=between(1, 24 * 60),
        da="Så mange minutter er et link til en gemt fil (billede, dokument, video) gyldigt.",
        en="Minutes a link to a stored file (image, document, video) stays valid.")
    retention_years: int = setting(
        default=3, check=between(1, 50),
        da="Så mange år efter, at et år er arkiveret, anonymiserer `python -m prize retention --apply` "
           "indstillingernes kontaktoplysninger og deaktiverede brugeres persondata. Står også på "
           "privatlivssiden.",
        en="This many years after a year is archived, `python -m prize retention --apply` anonymises the "
           "contact data of its nominations and the personal data of deactivated users. Also shown on the "
           "privacy page.")
    privacy_controller: str = setting(
        default="",
        da="Privatlivssiden: hvem der er dataansvarlig. Tom: katalogets danske (engelske) standardtekst.",
        en="Privacy page: who the data controller is. Empty: the catalog's Danish (English) default text.")
    privacy_stored: str = setting(
        default="",
        da="Privatlivssiden: hvilke oplysninger appen gemmer. Tom: katalogets standardtekst.",
        en="Privacy page: what the app stores. Empty: the catalog's default text.")
    privacy_purpose: str = setting(
        default="",
        da="Privatlivssiden: hvorfor oplysningerne behandles (formål og hjemmel). Tom: katalogets standardtekst.",
        en="Privacy page: why the data is processed (purpose and legal basis). Empty: the catalog's default text.")
    privacy_contact: str = setting(
        default="",
        da="Privatlivssiden: hvem man kontakter om sine oplysninger (databeskyttelsesrådgiver, e-mail, "
           "telefon). Tom: katalogets standardtekst.",
        en="Privacy page: whom to contact about one's data (data protection officer, e-mail, phone). "
           "Empty: the catalog's default text.")
    contact_email: str = setting(
        default="landsbyprisen@rm.dk", check=EMAIL_ADDRESS,
        da="Sekretariatets e-mailadresse, som tilgængelighedserklæringen viser som link under «Feedback og "
           "kontakt». Standarden er demoens; sæt den adresse, sekretariatet læser. Ikke afsenderen "
           "PRIZE_MAIL_SENDER_ADDRESS, som kan være en adresse, ingen læser.",
        en="The secretariat's e-mail address, shown as a link under «Feedback og kontakt» in the "
           "accessibility statement. The default is the demo's; set the address the secretariat reads. "
           "Not the sender PRIZE_MAIL_SENDER_ADDRESS, which may be an address nobody reads.")
    smtp_host: str | None = setting(
        default=None,
        da="SMTP-serveren, der sender appens e-mails. Uden den sendes intet: sekretariatet ser "
           "hver mail under «Udgående post» og kan kopiere teksten.",
        en="SMTP server that sends the app's e-mail. Without it nothing is sent: the secretariat "
           "sees each message under «Udgående post» with its text to copy.")
    smtp_port: int = setting(
        default=587, check=between(1, 65535),
        da="Porten på SMTP-serveren: normalt 587 med starttls, 465 med tls.",
        en="Port of the SMTP server: usually 587 with starttls, 465 with tls.")
    smtp_security: str = setting(
        default="starttls", check=one_of(SMTP_SECURITY),
        da="Kryptering af forbindelsen til SMTP-serveren: starttls, tls (fra første byte) eller none "
           "(kun til en server på samme maskine).",
        en="Encryption of the connection to the SMTP server: starttls, tls (from the first byte) or none "
           "(only for a server on the same machine).")
    smtp_user: str | None = setting(
        default=None,
        da="Brugernavn på SMTP-serveren; tomt, når serveren ikke kræver login.",
        en="User name at the SMTP server; empty when the server asks for no login.")
    smtp_password: str = setting(
        default="", secret=True,
        da="Adgangskode på SMTP-serveren. Hemmelig: sæt den i .streamlit/secrets.toml eller i miljøet, "
           "aldrig i koden; den vises aldrig.",
        en="Password at the SMTP server. Secret: set it in .streamlit/secrets.toml or the environment, "
           "never in code; it is never shown.")
    mail_sender_address: str | None = setting(
        default=None, check=EMAIL_ADDRESS,
        da="Afsenderadressen på appens e-mails, fx landsbyprisen@rm.dk. Skal sættes sammen med "
           "PRIZE_SMTP_HOST.",
        en="Sender address of the app's e-mail, e.g. landsbyprisen@rm.dk. Required together with "
           "PRIZE_SMTP_HOST.")
    mail_sender_name: str = setting(
        default="Landsbyprisen, Region Midtjylland",
        da="Afsendernavnet på appens e-mails.",
        en="Sender name of the app's e-mail.")
    public_url: str = setting(
        default="http://localhost:8501", check=PUBLIC_URL,
        da="Appens offentlige adresse uden afsluttende skråstreg, fx https://landsbyprisen.rm.dk: "
           "links i e-mails begynder med den.",
        en="The app's public address without a trailing slash, e.g. https://landsbyprisen.rm.dk: "
           "links in e-mails start with it.")
    password_link_hours: int = setting(
        default=72, check=between(1, 24 * 14),
        da="Så mange timer er et link til at vælge sin adgangskode (invitation eller nulstilling) gyldigt.",
        en="Hours a link to choose one's password (invitation or reset) stays valid.")
    organisation_name: str = setting(
        default="Region Midtjylland", check=ORGANISATION_NAME,
        da="Organisationens navn på forsiden af indstillingen til Regionsrådet (Word og PDF) og i filernes "
           "egenskaber.",
        en="The organisation's name on the title page of the recommendation to the council (Word and PDF) "
           "and in the files' properties.")
    organisation_logo: str | None = setting(
        default=None, check=LOGO_FILE,
        da=f"Sti til organisationens logo (PNG eller JPEG, højst {LOGO_MAX_MB} MB), som står øverst på forsiden af "
           "indstillingen til Regionsrådet (Word og PDF). Tom: intet logo.",
        en=f"Path to the organisation's logo (PNG or JPEG, at most {LOGO_MAX_MB} MB), shown at the top of the title page "
           "of the recommendation to the council (Word and PDF). Empty: no logo.")

    @classmethod
    def load(cls, *, env: Mapping[str, str] | None = None, secrets: Mapping[str, Any] | None = None) -> Self:
        return cls.load_with_sources(env=env, secrets=secrets).settings

    @classmethod
    def load_with_sources(cls, *, env: Mapping[str, str] | None = None,
                          secrets: Mapping[str, Any] | None = None) -> "LoadedSettings":
        """The settings and where each value came from. ``env`` defaults to the
        process's environment, ``secrets`` to the project's secrets file."""
        env = os.environ if env is None else env
        secrets_file = None
        if secrets is None:
            secrets_file = SECRETS_FILE
            secrets = read_secrets_file(secrets_file)
        values, sources = {}, {}
        for described in SETTINGS:
            sources[described.name], raw = _raw_value(described, env=env, secrets=secrets)
            values[described.name] = coerce(raw, described)
        return LoadedSettings(settings=cls(**values), sources=sources, secrets_file=secrets_file)

    @property
    def uses_demo_cookie_key(self) -> bool:
        return self.cookie_key == DEMO_COOKIE_KEY

    @property
    def sends_mail(self) -> bool:
        """True when an SMTP server and a sender are set: the outbox is sent, not copied by hand."""
        return self.smtp_host is not None and self.mail_sender_address is not None


@dataclass(frozen=True)
class LoadedSettings:
    """The settings; by setting name, where each value came from; and the secrets
    file that was read, or None when the caller passed the secrets."""

    settings: Settings
    sources: Mapping[str, Source]
    secrets_file: Path | None = None


SETTINGS: tuple[Setting, ...] = tuple(Setting.of(declared) for declared in fields(Settings))


def _raw_value(described: Setting, *, env: Mapping[str, str], secrets: Mapping[str, Any]) -> tuple[Source, Any]:
    if described.env_var in env:
        return Source.ENVIRONMENT, env[described.env_var]
    if described.name in secrets:
        return Source.SECRETS, secrets[described.name]
    return Source.DEFAULT, described.default


def read_secrets_file(path: Path = SECRETS_FILE) -> dict[str, Any]:
    """The ``[prize]`` table of the secrets file, or nothing when there is no file."""
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        return tomllib.load(handle).get("prize", {})
