"""personal data: when a year was archived, when a user or a nomination's contact was erased

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# A year archived before this revision: the moment of its move to "archived" in the audit
# log, or, when none was recorded, the moment of this migration (retention starts later, never earlier).
_BACKFILL_ARCHIVED_AT = """
UPDATE prize_years SET archived_at = COALESCE(
    (SELECT MAX(audit_log.at) FROM audit_log
     WHERE audit_log.action = 'year.phase_moved' AND audit_log.entity = 'prize_year'
       AND audit_log.entity_id = prize_years.id AND audit_log.new_value = 'archived'),
    CURRENT_TIMESTAMP)
WHERE phase = 'archived'
"""


def upgrade() -> None:
    with op.batch_alter_table('prize_years', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_erased_at', sa.DateTime(timezone=True), nullable=True))
    op.execute(_BACKFILL_ARCHIVED_AT)


def downgrade() -> None:
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.drop_column('contact_erased_at')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('erased_at')
    with op.batch_alter_table('prize_years', schema=None) as batch_op:
        batch_op.drop_column('archived_at')
