"""Counting the SQL statements an action sends: the tests that pin a page's or a
service's statement count to the same number at every size."""

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session


def count_statements(session: Session, action: Callable[[], object]) -> int:
    count = 0

    def counted(*args) -> None:
        nonlocal count
        count += 1

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", counted)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", counted)
    return count
