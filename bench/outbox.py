"""The outbox: what writing a message adds to an action's transaction, how fast the
sender empties the outbox through a local SMTP server, and whether a password reset
answers a known and an unknown address in the same time.

On a fresh SQLite database (the demo year), prints:

- **write**: median ms of a transaction that writes one message (``queue_message``)
  and of one that writes nothing, over ``--runs``; the difference is what an action
  pays for its mail;
- **send**: ``--messages`` messages sent by ``send_due`` through aiosmtpd on
  127.0.0.1 (one connection per batch of 50): total seconds, messages per second,
  median ms per message;
- **reset**: median ms of ``request_password_reset`` (with its commit) for a known
  address (one mail written; the address's limit lifted between runs) and for an
  unknown one, and their ratio: far from 1, which is why the login page answers no
  sooner than ``RESET_ANSWER_SECONDS``; the line says whether the known path fits
  well inside that floor.

Figures are printed, never asserted.

    .venv/bin/python bench/outbox.py [--runs N] [--messages N]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
os.environ.setdefault("PRIZE_BCRYPT_ROUNDS", "4")

from aiosmtpd.controller import Controller  # noqa: E402

from prize.db import make_engine, session_scope  # noqa: E402
from prize.mail.dispatch import send_due  # noqa: E402
from prize.mail.links import MailLinks  # noqa: E402
from prize.mail.smtp import SmtpTransport  # noqa: E402
from prize.migrate import upgrade  # noqa: E402
from prize.models import MailKind  # noqa: E402
from prize.models.base import utcnow  # noqa: E402
from prize.services.demo import load_demo_year  # noqa: E402
from prize.services.mail import queue_message  # noqa: E402
from prize.services.password_links import RESET_ANSWER_SECONDS, request_password_reset  # noqa: E402
from prize.settings import Settings  # noqa: E402
from prize.storage import LocalStorage  # noqa: E402

BODY = "Kære Anne Marie Søndergaard\n\n" + "Tak for indstillingen af Stenhøj Vestermark. " * 20


class _Sink:
    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.count += 1
        return "250 OK"


def _median_ms(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--messages", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        engine = make_engine(f"sqlite:///{Path(directory) / 'bench.db'}")
        upgrade(engine)
        with session_scope(engine) as session:
            load_demo_year(session, bcrypt_rounds=4, storage=LocalStorage(Path(directory) / "files"))
        _write(engine, args.runs)
        _send(engine, args.messages)
        _reset(engine, args.runs)
        engine.dispose()


def _write(engine, runs: int) -> None:
    def with_mail() -> None:
        with session_scope(engine) as session:
            queue_message(session, recipient="anne@example.dk", locale="da", kind=MailKind.RECEIPT,
                          subject="Kvittering", body=BODY)

    def without() -> None:
        with session_scope(engine):
            pass

    empty, written = _median_ms(without, runs), _median_ms(with_mail, runs)
    print(f"write: transaction with one message {written:.2f} ms, empty transaction {empty:.2f} ms "
          f"(the message adds {written - empty:.2f} ms; median of {runs})")


def _send(engine, messages: int) -> None:
    with session_scope(engine) as session:
        for number in range(messages):
            queue_message(session, recipient=f"modtager{number}@example.dk", locale="da", kind=MailKind.RECEIPT,
                          subject="Kvittering for Stenhøj Vestermark", body=BODY)
    sink = _Sink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings = Settings.load(env={"PRIZE_SMTP_HOST": "127.0.0.1", "PRIZE_SMTP_PORT": str(port),
                                  "PRIZE_SMTP_SECURITY": "none", "PRIZE_MAIL_SENDER_ADDRESS": "landsbyprisen@rm.dk"},
                             secrets={})
    transport = SmtpTransport(settings)
    start = time.perf_counter()
    later = utcnow() + timedelta(minutes=1)
    try:
        while send_due(engine, transport=transport, now=lambda: later).tried:
            pass
    finally:
        transport.close()
        controller.stop()
    seconds = time.perf_counter() - start
    print(f"send: {sink.count} messages ({messages} + the write runs') in {seconds:.2f} s: "
          f"{sink.count / seconds:.0f} messages/s, {seconds / sink.count * 1000:.2f} ms per message")


def _reset(engine, runs: int) -> None:
    links = MailLinks(base_url="https://landsbyprisen.rm.dk", key="bench-link-key-long-enough-for-hs256",
                      valid_for=timedelta(hours=72))
    moment = [utcnow()]

    def ask(address: str) -> None:
        moment[0] += timedelta(hours=2)  # past the address's limit each time
        with session_scope(engine) as session:
            request_password_reset(session, email=address, links=links, now=moment[0])

    known = _median_ms(lambda: ask("henrik.lund@example.dk"), runs)
    unknown = _median_ms(lambda: ask("ukendt@example.dk"), runs)
    floor = RESET_ANSWER_SECONDS * 1000
    print(f"reset: known address {known:.2f} ms, unknown address {unknown:.2f} ms, ratio {known / unknown:.1f} "
          f"(median of {runs}); the page answers after {floor:.0f} ms, {floor / known:.0f}x the known path")


if __name__ == "__main__":
    main()
