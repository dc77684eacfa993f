"""accounts: a temporary password to change at next login, and erased learners kept
as anonymous rows (their attempts still count, their id is never given again)

Revision ID: d5e7f9a1b3c4
Revises: a7d41c9e2b60
Create Date: 2026-12-07 13:55:40.743132

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd5e7f9a1b3c4'
down_revision = 'a7d41c9e2b60'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('erased_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('erased_at')
        batch_op.drop_column('must_change_password')
