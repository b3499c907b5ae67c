"""the year's intake: answers to the guiding questions, links, a longer summary,
one nomination reopened, eligibility with a reason, a body's nomination limit,
the same file once per nomination

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# The free-form application of revision 0001 becomes the answer to this question.
_APPLICATION_QUESTION = "achievements"


def upgrade() -> None:
    op.create_table(
        'nomination_answers',
        sa.Column('nomination_id', sa.Integer(), nullable=False),
        sa.Column('question', sa.String(length=40), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['nomination_id'], ['nominations.id'], name=op.f('fk_nomination_answers_nomination_id_nominations'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('nomination_id', 'question', name=op.f('pk_nomination_answers')),
    )
    op.execute(sa.text(
        "INSERT INTO nomination_answers (nomination_id, question, text) "
        "SELECT id, :question, application FROM nominations WHERE application <> ''"
    ).bindparams(question=_APPLICATION_QUESTION))
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        batch_op.alter_column('summary', existing_type=sa.String(length=300), type_=sa.String(length=1500),
                              existing_nullable=False)
        batch_op.drop_column('application')
        batch_op.add_column(sa.Column('website_url', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('video_url', sa.String(length=500), server_default='', nullable=False))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('reopened_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('reopen_reason', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('eligibility_reason', sa.Text(), server_default='', nullable=False))
    with op.batch_alter_table('nominating_bodies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('nomination_limit', sa.Integer(), server_default='1', nullable=False))
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.create_unique_constraint(op.f('uq_attachments_nomination_id_sha256'), ['nomination_id', 'sha256'])


def downgrade() -> None:
    with op.batch_alter_table('attachments', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_attachments_nomination_id_sha256'), type_='unique')
    with op.batch_alter_table('nominating_bodies', schema=None) as batch_op:
        batch_op.drop_column('nomination_limit')
    with op.batch_alter_table('nominations', schema=None) as batch_op:
        for column in ('eligibility_reason', 'reopen_reason', 'reopened_until', 'updated_at', 'video_url',
                       'website_url'):
            batch_op.drop_column(column)
        batch_op.add_column(sa.Column('application', sa.Text(), server_default='', nullable=False))
        batch_op.alter_column('summary', existing_type=sa.String(length=1500), type_=sa.String(length=300),
                              existing_nullable=False)
    op.execute(sa.text(
        "UPDATE nominations SET application = (SELECT text FROM nomination_answers a "
        "WHERE a.nomination_id = nominations.id AND a.question = :question) "
        "WHERE id IN (SELECT nomination_id FROM nomination_answers WHERE question = :question)"
    ).bindparams(question=_APPLICATION_QUESTION))
    op.drop_table('nomination_answers')
