"""``python -m prize``: set up the database, load the demo year, manage users, list the
year's nominations, print the jury's progress and a round's ranking, show the settings."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from babel.numbers import format_decimal

from sqlalchemy.orm import Session

from prize.actor import Actor
from prize.backup import restore_backup, write_backup
from prize.db import make_engine, session_scope
from prize.errors import InvalidInput, NotFound, PrizeError
from prize.exports.nominations import NominationsCsv
from prize.exports import exporter_for
from prize.exports.council.model import Organisation
from prize.exports.progress import ProgressCsv
from prize.exports.ranking import RankingCsv
from prize.i18n import format_day
from prize.i18n import t_plain as t
from prize.mail.dispatch import send_due
from prize.mail.smtp import SmtpTransport
from prize.migrate import upgrade
from prize.phases import RoundKind
from prize.queries.options import body_id_by_name, nomination_id_by_name
from prize.queries.years import year_by_number
from prize.ranking import METHODS
from prize.roles import Role
from prize.services import demo, personal_data, reference, users, years
from prize.settings import SETTINGS, LoadedSettings, Setting, Settings
from prize.storage import storage_for


EXPORT_FORMATS = ("docx", "pdf", "xlsx")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        loaded = Settings.load_with_sources()
        if args.command == "settings":
            return _settings(loaded)
        return _on_database(args, loaded.settings)
    except PrizeError as error:
        print(t("cli.error", message=error.message(plain=True)), file=sys.stderr)
        return 1


def _on_database(args, settings: Settings) -> int:
    engine = make_engine(settings.database_url)
    try:
        return args.handler(engine, settings, args)
    finally:
        engine.dispose()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m prize", description="Landsbyprisen: administration.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init", help="migrate the database and load reference data").set_defaults(handler=_init)
    demo_parser = commands.add_parser("demo", help="load the demo year into an empty database")
    demo_parser.add_argument("--if-empty", action="store_true", help="do nothing when the database has data")
    demo_parser.set_defaults(handler=_demo)
    year_parser = commands.add_parser("year", help="prize years").add_subparsers(dest="action", required=True)
    create = year_parser.add_parser("create", help="create a year in draft as a copy of the latest earlier year "
                                                   "(criteria and settings), the first from the default criteria")
    create.add_argument("year", type=int)
    create.add_argument("--title", required=True)
    create.add_argument("--amount", type=int, default=None, help="the prize in kroner (default: the year before's, "
                                                                  "or 150000)")
    create.set_defaults(handler=_year_create)
    _user_commands(commands.add_parser("user", help="users").add_subparsers(dest="action", required=True))
    nominations = commands.add_parser("nominations", help="the year's nominations as CSV on standard output")
    nominations.add_argument("--year", type=int, required=True)
    nominations.set_defaults(handler=_nominations)
    progress = commands.add_parser("progress", help="the jury's progress in a round as CSV on standard output")
    progress.add_argument("--year", type=int, required=True)
    progress.add_argument("--round", required=True, metavar="screening|final",
                          help="screening (the first round) or final (the final round)")
    progress.set_defaults(handler=_progress)
    ranking = commands.add_parser("rank", help="a round's ranking under one method as CSV on standard output")
    ranking.add_argument("--year", type=int, required=True)
    ranking.add_argument("--round", required=True, metavar="screening|final",
                         help="screening (the first round) or final (the final round)")
    ranking.add_argument("--method", default=METHODS[0], metavar="|".join(METHODS),
                         help=f"how the jurors' totals are combined (default {METHODS[0]})")
    ranking.set_defaults(handler=_rank)
    export = commands.add_parser("export", help="the recommendation to the council as a Word, PDF or Excel file")
    export.add_argument("--year", type=int, required=True)
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="docx (Word), pdf or xlsx (Excel)")
    export.add_argument("--out", type=Path, required=True, help="the file to write")
    export.set_defaults(handler=_export)
    commands.add_parser("settings", help="show every setting, its value and where it comes from")
    backup = commands.add_parser("backup", help="write the database and every stored file to one archive")
    backup.add_argument("file", type=Path, help="the archive to write; it must not exist yet")
    backup.set_defaults(handler=_backup)
    restore = commands.add_parser("restore", help="restore an archive into an empty database and file storage")
    restore.add_argument("file", type=Path)
    restore.set_defaults(handler=_restore)
    retention = commands.add_parser("retention", help="anonymise personal data whose retention period has run out "
                                                      "(a preview unless --apply)")
    retention.add_argument("--apply", action="store_true", help="anonymise what the preview lists")
    retention.set_defaults(handler=_retention)
    outbox = commands.add_parser("outbox", help="the outbox of e-mail").add_subparsers(dest="action", required=True)
    outbox.add_parser("send", help="send every message that is due now through the SMTP server"
                      ).set_defaults(handler=_outbox_send)
    return parser


def _user_commands(user_parser) -> None:
    add = user_parser.add_parser("add", help="create a user; prints a one-time password")
    add.add_argument("username")
    add.add_argument("--name", required=True)
    add.add_argument("--email", default="")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument("--body", help="nominating body (name) of a nominator")
    add.add_argument("--nomination", help="nomination (name, current year) of a village contact")
    add.set_defaults(handler=_user_add)
    user_parser.add_parser("list", help="list users").set_defaults(handler=_user_list)
    for name, handler, text in (("passwd", _user_passwd, "set a new one-time password"),
                                ("deactivate", _user_deactivate, "deactivate a user"),
                                ("activate", _user_activate, "reactivate a user")):
        command = user_parser.add_parser(name, help=text)
        command.add_argument("username")
        command.set_defaults(handler=handler)


def _settings(loaded: LoadedSettings) -> int:
    """Every setting in declaration order: its variable, value (never a secret's), source and help text."""
    print(t("cli.settings_heading", file=loaded.secrets_file))
    for setting in SETTINGS:
        value = _shown(setting, getattr(loaded.settings, setting.name))
        source = t(f"cli.settings_source.{loaded.sources[setting.name]}")
        print()
        print(t("cli.settings_line", variable=setting.env_var, value=value, source=source))
        print(f"  {setting.help['da']}")
        print(f"  {t('cli.settings_expected', expected=setting.rule.expected_text('da'))}")
    return 0


def _shown(setting: Setting, value: object) -> str:
    if value is None or value == "":
        return t("cli.settings_not_set")
    return t("cli.settings_hidden") if setting.secret else setting.shown(value)


def _init(engine, settings: Settings, args) -> int:
    upgrade(engine)
    with session_scope(engine) as session:
        added = reference.load_reference_data(session)
    print(t("cli.migrated", added=added))
    return 0


def _demo(engine, settings: Settings, args) -> int:
    with session_scope(engine) as session:
        if args.if_empty and not demo.database_is_empty(session):
            print(t("cli.demo_skipped"))
            return 0
        summary = demo.load_demo_year(session, bcrypt_rounds=settings.bcrypt_rounds,
                                      storage=storage_for(settings.storage_dir))
    print(t("cli.demo_loaded", year=summary.year, nominations=summary.nominations, users=summary.users,
            sheets=summary.sheets, attachments=summary.attachments))
    return 0


def _year_create(engine, settings: Settings, args) -> int:
    with session_scope(engine) as session:
        year = years.create_year(session, actor=Actor.command_line(), year=args.year, title=args.title,
                                 prize_amount=args.amount)
    print(t("cli.year_created", year=year.year, phase=t("labels.phase.draft")))
    return 0


def _nominations(engine, settings: Settings, args) -> int:
    """The secretariat's list of the year's nominations, as the page downloads it."""
    with session_scope(engine) as session:
        year = year_by_number(session, args.year)
        if year is None:
            raise NotFound("cli.unknown_year", year=args.year)
        exporter = NominationsCsv(year=years.YearInfo.of(year), quarantine_years=settings.winner_quarantine_years)
        text = exporter.export_text(session, actor=Actor.command_line())
    sys.stdout.write(text)
    return 0


def _progress(engine, settings: Settings, args) -> int:
    """The progress matrix of a round, as the jury page downloads it."""
    if args.round not in {kind.value for kind in RoundKind}:
        raise InvalidInput("progress.cli.unknown_round", round=args.round)
    with session_scope(engine) as session:
        year = year_by_number(session, args.year)
        if year is None:
            raise NotFound("cli.unknown_year", year=args.year)
        exporter = ProgressCsv(year=years.YearInfo.of(year), kind=RoundKind(args.round))
        text = exporter.export_text(session, actor=Actor.command_line())
    sys.stdout.write(text)
    return 0


def _rank(engine, settings: Settings, args) -> int:
    """The ranking of a round, as the results page downloads it."""
    if args.round not in {kind.value for kind in RoundKind}:
        raise InvalidInput("progress.cli.unknown_round", round=args.round)
    if args.method not in METHODS:
        methods = [f"{method} ({t(f'ranking.method.{method}')})" for method in METHODS]
        raise InvalidInput("ranking.cli.unknown_method", method=args.method,
                           methods=f"{', '.join(methods[:-1])} {t('ranking.report.or')} {methods[-1]}")
    with session_scope(engine) as session:
        year = year_by_number(session, args.year)
        if year is None:
            raise NotFound("cli.unknown_year", year=args.year)
        exporter = RankingCsv(year=years.YearInfo.of(year), kind=RoundKind(args.round), method=args.method)
        text = exporter.export_text(session, actor=Actor.command_line())
    sys.stdout.write(text)
    return 0


def _export(engine, settings: Settings, args) -> int:
    """The recommendation to the council, as the recommendation page downloads it."""
    with session_scope(engine) as session:
        year = year_by_number(session, args.year)
        if year is None:
            raise NotFound("cli.unknown_year", year=args.year)
        exporter = exporter_for(f"recommendation-{args.format}")(year=years.YearInfo.of(year),
                                                                 organisation=Organisation.of(settings))
        exported = exporter.export(session, actor=Actor.command_line())
    args.out.write_bytes(exported.content)
    print(t("cli.export_written", file=args.out, size=len(exported.content)))
    return 0


def _user_add(engine, settings: Settings, args) -> int:
    with session_scope(engine) as session:
        new = users.NewUser(username=args.username, name=args.name, email=args.email, role=Role(args.role),
                            nominating_body_id=_body_id(session, args.body),
                            nomination_id=_nomination_id(session, args.nomination))
        user, secret = users.create_user(session, actor=Actor.command_line(), new=new,
                                         bcrypt_rounds=settings.bcrypt_rounds)
    print(t("cli.user_created", username=user.username, password=secret))
    return 0


def _body_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    return _found(body_id_by_name(session, name), name)


def _nomination_id(session: Session, name: str | None) -> int | None:
    """A nomination of the current year by name (of any year when there is none)."""
    if not name:
        return None
    year = years.current_year(session)
    return _found(nomination_id_by_name(session, name, year_id=year.id if year else None), name)


def _found(found: int | None, name: str) -> int:
    if found is None:
        raise InvalidInput("cli.unknown_name", name=name)
    return found


def _user_list(engine, settings: Settings, args) -> int:
    with session_scope(engine) as session:
        frame = users.list_users(session, actor=Actor.command_line())
    columns = ["username", "name", "role", "active", "must_change_password"]
    print(frame[columns].to_string(index=False) if len(frame) else t("cli.no_users"))
    return 0


def _with_user(engine, username: str, action: Callable[[Session, int], str]) -> int:
    with session_scope(engine) as session:
        user = users.user_by_username(session, actor=Actor.command_line(), username=username)
        print(action(session, user.id))
    return 0


def _user_passwd(engine, settings: Settings, args) -> int:
    def reset(session: Session, user_id: int) -> str:
        secret = users.reset_password(session, actor=Actor.command_line(), user_id=user_id,
                                      bcrypt_rounds=settings.bcrypt_rounds)
        return t("cli.password_reset", username=args.username, password=secret)
    return _with_user(engine, args.username, reset)


def _user_deactivate(engine, settings: Settings, args) -> int:
    def deactivate(session: Session, user_id: int) -> str:
        users.set_active(session, actor=Actor.command_line(), user_id=user_id, active=False)
        return t("cli.user_deactivated", username=args.username)
    return _with_user(engine, args.username, deactivate)


def _user_activate(engine, settings: Settings, args) -> int:
    def activate(session: Session, user_id: int) -> str:
        users.set_active(session, actor=Actor.command_line(), user_id=user_id, active=True)
        return t("cli.user_activated", username=args.username)
    return _with_user(engine, args.username, activate)


def _backup(engine, settings: Settings, args) -> int:
    summary = write_backup(engine, storage_for(settings.storage_dir), args.file)
    manifest = summary.manifest
    print(t("cli.backup.written", file=summary.path, archive=_megabytes(summary.archive_bytes), rows=manifest.rows,
            tables=len(manifest.tables), files=len(manifest.files), file_size=_megabytes(manifest.file_bytes),
            revision=manifest.schema_revision))
    return 0


def _restore(engine, settings: Settings, args) -> int:
    summary = restore_backup(engine, storage_for(settings.storage_dir), args.file)
    manifest = summary.manifest
    print(t("cli.backup.restored", file=args.file, rows=manifest.rows, tables=len(manifest.tables),
            files=len(manifest.files), file_size=_megabytes(manifest.file_bytes), revision=manifest.schema_revision,
            head=summary.migrated_to))
    return 0


def _outbox_send(engine, settings: Settings, args) -> int:
    """Send what is due, as the app's sender does; 1 when a message failed (it waits for its retry)."""
    if not settings.sends_mail:
        raise InvalidInput("cli.outbox.no_smtp")
    transport = SmtpTransport(settings)
    sent = failed = 0
    try:
        while (report := send_due(engine, transport=transport)).tried:
            sent, failed = sent + report.sent, failed + report.failed
    finally:
        transport.close()
    print(t("cli.outbox.sent", sent=sent, failed=failed))
    return 1 if failed else 0


def _megabytes(size: int) -> str:
    """A size as "12,3 MB", or as "45,6 kB" below a megabyte."""
    unit, divisor = ("kB", 1_000) if size < 1_000_000 else ("MB", 1_000_000)
    return f"{format_decimal(size / divisor, format='#,##0.0', locale='da')} {unit}"


def _retention(engine, settings: Settings, args) -> int:
    """The retention preview, or with --apply the anonymising it lists; each change is audited."""
    step = personal_data.apply_retention if args.apply else personal_data.retention_plan
    with session_scope(engine) as session:
        plan = step(session, actor=Actor.command_line(), years=settings.retention_years)
    cutoff = format_day(plan.cutoff)
    if plan.is_empty:
        print(t("privacy.retention.nothing", cutoff=cutoff))
        return 0
    print(t("privacy.retention.heading", cutoff=cutoff, years=plan.years))
    for item in plan.users:
        print(t("privacy.retention.user_line", label=item.label))
    for item in plan.nominations:
        print(t("privacy.retention.nomination_line", label=item.label))
    footer = "privacy.retention.applied" if args.apply else "privacy.retention.preview_footer"
    print(t(footer, users=len(plan.users), nominations=len(plan.nominations)))
    return 0
