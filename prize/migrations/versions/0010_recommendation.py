"""the final: the finalists' presentations to the jury, the jury's recommendation, and the
council's decision with its prize amount, or a past year's winner entered by hand

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('presentations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('online_url', sa.String(length=500), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('notes_version', sa.Integer(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'],
                            name=op.f('fk_presentations_nomination_id_nominations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_presentations_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_presentations')),
    sa.UniqueConstraint('nomination_id', name=op.f('uq_presentations_nomination_id'))
    )
    op.create_table('recommendations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year_id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('drafted_by_id', sa.Integer(), nullable=True),
    sa.Column('drafted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_recommendations_approved_by_id_users')),
    sa.ForeignKeyConstraint(['drafted_by_id'], ['users.id'], name=op.f('fk_recommendations_drafted_by_id_users')),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'],
                            name=op.f('fk_recommendations_nomination_id_nominations')),
    sa.ForeignKeyConstraint(['year_id'], ['prize_years.id'], name=op.f('fk_recommendations_year_id_prize_years'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendations')),
    sa.UniqueConstraint('year_id', name=op.f('uq_recommendations_year_id'))
    )
    op.create_table('recommendation_remarks',
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('nomination_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=600), nullable=False),
    sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'],
                            name=op.f('fk_recommendation_remarks_nomination_id_nominations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendations.id'],
                            name=op.f('fk_recommendation_remarks_recommendation_id_recommendations'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('recommendation_id', 'nomination_id', name=op.f('pk_recommendation_remarks'))
    )
    with op.batch_alter_table('council_decisions', schema=None) as batch_op:
        batch_op.alter_column('winner_nomination_id', existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column('decided_on', existing_type=sa.Date(), nullable=True)
        batch_op.add_column(sa.Column('winner_name', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('winner_villages', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('winner_municipality', sa.String(length=100), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('prize_amount', sa.Integer(), nullable=True))


def downgrade() -> None:
    # A winner entered by hand has no nomination and may have no date: it cannot be kept.
    op.execute("DELETE FROM council_decisions WHERE winner_nomination_id IS NULL OR decided_on IS NULL")
    with op.batch_alter_table('council_decisions', schema=None) as batch_op:
        batch_op.drop_column('prize_amount')
        batch_op.drop_column('winner_municipality')
        batch_op.drop_column('winner_villages')
        batch_op.drop_column('winner_name')
        batch_op.alter_column('decided_on', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('winner_nomination_id', existing_type=sa.Integer(), nullable=False)
    op.drop_table('recommendation_remarks')
    op.drop_table('recommendations')
    op.drop_table('presentations')
