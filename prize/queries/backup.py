"""The statements of backup and restore.

They work on the tables as the database has them (reflected), not as the models
declare them: an archive may come from an older schema revision, and a table that
a later migration adds is backed up and restored without a change here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import (Connection, Date, DateTime, Float, ForeignKeyConstraint, LargeBinary, MetaData, Numeric,
                        Table, bindparam, cast, func, insert, literal, select, update)
from sqlalchemy.dialects.postgresql import REGCLASS
from sqlalchemy.schema import sort_tables, sort_tables_and_constraints

ALEMBIC_VERSION_TABLE = "alembic_version"


class ValueKind(StrEnum):
    """How a column's values are written in an archive and read back."""

    PLAIN = "plain"  # text, integers, booleans: as JSON has them
    MOMENT = "moment"  # a time with its zone
    MOMENT_WITHOUT_ZONE = "moment_without_zone"  # a time the column keeps without zone (SQLite): UTC
    DAY = "day"
    DECIMAL = "decimal"
    FLOAT = "float"
    BYTES = "bytes"


@dataclass(frozen=True)
class StoredTable:
    """A table of the database. ``kinds``: each column's ``ValueKind``, in column order.
    ``later``: foreign key columns a restore fills only once every table is loaded,
    because their parent table is the table itself or loads later (a cycle)."""

    table: Table
    kinds: Mapping[str, ValueKind]
    later: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.kinds)

    @property
    def primary_key(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.table.primary_key.columns)


def stored_tables(connection: Connection) -> list[StoredTable]:
    """Every table of the app in the database (not Alembic's), parents before children and
    otherwise by name, so that an archive's order is the same on every backend."""
    metadata = MetaData()
    metadata.reflect(bind=connection)
    tables = [table for name, table in sorted(metadata.tables.items()) if name != ALEMBIC_VERSION_TABLE]
    later = _later_constraints(tables)
    return [StoredTable(table=table, kinds={column.name: _kind(column.type) for column in table.columns},
                        later=tuple(column.name for constraint in table.foreign_key_constraints
                                    if constraint in later for column in constraint.columns))
            for table in sort_tables(tables, skip_fn=lambda key: key.constraint in later)]


def _later_constraints(tables: list[Table]) -> set[ForeignKeyConstraint]:
    """The foreign keys whose columns may be empty and that point to their own table or lie on a
    cycle of tables. Filled in last, they leave an order in which every other parent comes first.
    (A cycle of keys that may not be empty could not be restored; the app's schema has none.)"""
    on_cycles = {constraint for table, constraints in sort_tables_and_constraints(tables) if table is None
                 for constraint in constraints}
    return {constraint for table in tables for constraint in table.foreign_key_constraints
            if (constraint in on_cycles or constraint.referred_table is table)
            and all(column.nullable for column in constraint.columns)}


def _kind(column_type) -> ValueKind:
    if isinstance(column_type, DateTime):
        return ValueKind.MOMENT if column_type.timezone else ValueKind.MOMENT_WITHOUT_ZONE
    if isinstance(column_type, Date):
        return ValueKind.DAY
    if isinstance(column_type, Float):  # before Numeric: a Float is a Numeric
        return ValueKind.FLOAT
    if isinstance(column_type, Numeric):
        return ValueKind.DECIMAL
    if isinstance(column_type, LargeBinary):
        return ValueKind.BYTES
    return ValueKind.PLAIN


def table_rows(connection: Connection, stored: StoredTable, *, batch: int = 1000) -> Iterator[dict]:
    """The rows of ``stored`` in primary key order, fetched ``batch`` at a time."""
    table = stored.table
    order = list(table.primary_key.columns) or list(table.columns)
    statement = select(table).order_by(*order).execution_options(yield_per=batch)
    for row in connection.execute(statement).mappings():
        yield dict(row)


def first_filled_table(connection: Connection, tables: Sequence[StoredTable]) -> str | None:
    """The name of the first of ``tables`` that has a row, or None when all are empty."""
    for stored in tables:
        if connection.scalar(select(literal(1)).select_from(stored.table).limit(1)) is not None:
            return stored.name
    return None


def insert_rows(connection: Connection, stored: StoredTable, rows: Sequence[Mapping[str, object]]) -> None:
    if rows:
        connection.execute(insert(stored.table), list(rows))


def fill_later_columns(connection: Connection, stored: StoredTable, rows: Sequence[Mapping[str, object]]) -> None:
    """Set the ``later`` columns of rows already inserted; each row holds its primary key and those columns."""
    if not rows:
        return
    table = stored.table
    # Parameters of their own names: SQLAlchemy keeps a column's own name for the SET clause.
    statement = (update(table)
                 .where(*[table.c[name] == bindparam(f"key_{name}") for name in stored.primary_key])
                 .values({name: bindparam(f"new_{name}") for name in stored.later}))
    parameters = [{f"key_{name}": row[name] for name in stored.primary_key}
                  | {f"new_{name}": row[name] for name in stored.later} for row in rows]
    connection.execute(statement, parameters)


def restart_sequences(connection: Connection, tables: Sequence[StoredTable]) -> None:
    """On PostgreSQL, move each table's id sequence past the highest id: the rows came with
    their ids, and the next row the app inserts must not take one of them."""
    if connection.dialect.name != "postgresql":
        return
    quote = connection.dialect.identifier_preparer.quote
    for stored in tables:
        for column in stored.table.primary_key.columns:
            sequence = connection.scalar(select(func.pg_get_serial_sequence(quote(stored.name), column.name)))
            highest = connection.scalar(select(func.max(column))) if sequence else None
            if highest is not None:
                connection.execute(select(func.setval(cast(sequence, REGCLASS), highest)))
