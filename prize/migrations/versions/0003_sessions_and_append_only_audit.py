"""session versions; the audit log refuses TRUNCATE and INSERT OR REPLACE

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

# PostgreSQL: a statement trigger, since TRUNCATE fires no row triggers. It reuses
# the function of revision 0001, which raises for any change.
_POSTGRES_UP = [
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
]
_POSTGRES_DOWN = ["DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log"]
# SQLite: INSERT OR REPLACE deletes the old row without firing delete triggers
# (unless recursive_triggers is on), so refuse an insert that reuses an id.
_SQLITE_UP = [
    """CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
       WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
]
_SQLITE_DOWN = ["DROP TRIGGER IF EXISTS audit_log_no_replace"]


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0', nullable=False))
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _POSTGRES_UP if postgres else _SQLITE_UP:
        op.execute(statement)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _POSTGRES_DOWN if postgres else _SQLITE_DOWN:
        op.execute(statement)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_version')
