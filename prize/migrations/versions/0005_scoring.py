"""jury scoring: a round's independence and release, a sheet's version, a withdrawn conflict

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('scoring_rounds', schema=None) as batch_op:
        batch_op.add_column(sa.Column('independence', sa.Enum('until_release', 'after_own_sheet', name='independence',
                                                             native_enum=False, length=20),
                                      server_default='until_release', nullable=False))
        batch_op.add_column(sa.Column('released_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('score_sheets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('withdrawal_reason', sa.String(length=500), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('conflicts', schema=None) as batch_op:
        batch_op.drop_column('withdrawal_reason')
        batch_op.drop_column('withdrawn_at')
    with op.batch_alter_table('score_sheets', schema=None) as batch_op:
        batch_op.drop_column('version')
    with op.batch_alter_table('scoring_rounds', schema=None) as batch_op:
        batch_op.drop_column('released_at')
        batch_op.drop_column('independence')
