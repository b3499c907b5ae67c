"""the shortlist: the year's ranking method, the confirmed shortlist and its proposal

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('prize_years', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ranking_method', sa.String(length=20), server_default='weighted_mean',
                                      nullable=False))
    op.create_table('shortlists',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('finalist_count', sa.Integer(), nullable=False),
    sa.Column('changed', sa.Boolean(), nullable=False),
    sa.Column('tie_resolved', sa.Boolean(), nullable=False),
    sa.Column('justification', sa.Text(), nullable=False),
    sa.Column('confirmed_by_id', sa.Integer(), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['confirmed_by_id'], ['users.id'], name=op.f('fk_shortlists_confirmed_by_id_users')),
    sa.ForeignKeyConstraint(['year_id'], ['prize_years.id'], name=op.f('fk_shortlists_year_id_prize_years'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shortlists')),
    sa.UniqueConstraint('year_id', name=op.f('uq_shortlists_year_id'))
    )
    op.create_table('shortlist_proposals',
    sa.Column('shortlist_id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('tied', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'],
                            name=op.f('fk_shortlist_proposals_nomination_id_nominations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shortlist_id'], ['shortlists.id'],
                            name=op.f('fk_shortlist_proposals_shortlist_id_shortlists'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('shortlist_id', 'nomination_id', name=op.f('pk_shortlist_proposals'))
    )


def downgrade() -> None:
    op.drop_table('shortlist_proposals')
    op.drop_table('shortlists')
    with op.batch_alter_table('prize_years', schema=None) as batch_op:
        batch_op.drop_column('ranking_method')
