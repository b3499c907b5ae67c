"""What lives outside the database follows the transaction: ``prize.db.when_transaction_ends``."""

from sqlalchemy import text
from sqlalchemy.orm import Session

from prize.db import session_scope, when_transaction_ends


def _watch(session: Session, outcomes: list[str], name: str) -> None:
    session.execute(text("SELECT 1"))
    when_transaction_ends(session, committed=lambda: outcomes.append(f"{name} committed"),
                          rolled_back=lambda: outcomes.append(f"{name} rolled back"))


def test_a_commit_calls_committed_once(engine):
    outcomes: list[str] = []

    with session_scope(engine) as session:
        _watch(session, outcomes, "a")
        _watch(session, outcomes, "b")

    assert outcomes == ["a committed", "b committed"]


def test_an_error_in_the_scope_calls_rolled_back(engine):
    outcomes: list[str] = []

    try:
        with session_scope(engine) as session:
            _watch(session, outcomes, "a")
            raise ValueError("the page failed")
    except ValueError:
        pass

    assert outcomes == ["a rolled back"]


def test_closing_without_a_commit_counts_as_rolled_back(engine):
    outcomes: list[str] = []

    with Session(engine) as session:
        _watch(session, outcomes, "a")

    assert outcomes == ["a rolled back"]


def test_a_savepoint_rolled_back_inside_a_committed_transaction_waits_for_the_outcome(engine):
    outcomes: list[str] = []

    with session_scope(engine) as session:
        _watch(session, outcomes, "a")
        session.begin_nested().rollback()
        during = list(outcomes)

    assert (during, outcomes) == ([], ["a committed"])


def test_the_next_transaction_of_the_session_starts_with_nothing_to_call(engine):
    outcomes: list[str] = []

    with Session(engine) as session:
        _watch(session, outcomes, "a")
        session.rollback()
        _watch(session, outcomes, "b")
        session.commit()

    assert outcomes == ["a rolled back", "b committed"]
