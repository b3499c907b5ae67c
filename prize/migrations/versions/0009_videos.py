"""videos: a finalist's presentation video is a stored file or a link, with a description and a published flag

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
# Chained after the head of main when this was written (0008); the brief gave 0005, which
# would leave two heads here. Re-chain at merge time.
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('videos', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.Enum('file', 'link', name='videokind', native_enum=False, length=10),
                                      server_default='link', nullable=False))
        batch_op.add_column(sa.Column('description', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('filename', sa.String(length=255), server_default='', nullable=False))
        batch_op.add_column(sa.Column('sha256', sa.String(length=64), server_default='', nullable=False))
        batch_op.add_column(sa.Column('published', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('published_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True))
    # A video stored before this revision is a file; its title stands in for the file's name.
    op.execute("UPDATE videos SET kind = 'file', filename = title WHERE storage_key IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('videos', schema=None) as batch_op:
        batch_op.drop_column('updated_at')
        batch_op.drop_column('published_at')
        batch_op.drop_column('published')
        batch_op.drop_column('sha256')
        batch_op.drop_column('filename')
        batch_op.drop_column('description')
        batch_op.drop_column('kind')
