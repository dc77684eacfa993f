"""response save sequence

Revision ID: 3c1f7a2b9d40
Revises: 9958994455df
Create Date: 2026-11-25 13:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c1f7a2b9d40'
down_revision = '9958994455df'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('save_seq', sa.String(length=48), nullable=True))


def downgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.drop_column('save_seq')
