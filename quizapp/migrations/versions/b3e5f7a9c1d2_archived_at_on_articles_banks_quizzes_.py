"""archived_at on articles, banks, quizzes and classes

Revision ID: b3e5f7a9c1d2
Revises: c4d6e8f0a2b3
Create Date: 2026-12-07 13:56:04.979447

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3e5f7a9c1d2'
down_revision = 'c4d6e8f0a2b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('bank', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))

    with op.batch_alter_table('school_class', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))



def downgrade():
    with op.batch_alter_table('school_class', schema=None) as batch_op:
        batch_op.drop_column('archived_at')

    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.drop_column('archived_at')

    with op.batch_alter_table('bank', schema=None) as batch_op:
        batch_op.drop_column('archived_at')

    with op.batch_alter_table('article', schema=None) as batch_op:
        batch_op.drop_column('archived_at')

