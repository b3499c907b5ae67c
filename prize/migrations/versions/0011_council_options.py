"""the recommendation to the council: per year, whether the jury is anonymous and whether the
conflicts' written reasons are printed

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-09
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('prize_years', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymous_jury', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('print_conflict_reasons', sa.Boolean(), server_default=sa.false(),
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('prize_years', schema=None) as batch_op:
        batch_op.drop_column('print_conflict_reasons')
        batch_op.drop_column('anonymous_jury')
