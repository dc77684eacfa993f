"""marking by hand: a response's comment, who marked it and when

Revision ID: c4d6e8f0a2b3
Revises: d5e7f9a1b3c4
Create Date: 2026-12-02 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4d6e8f0a2b3'
down_revision = 'd5e7f9a1b3c4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('comment', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('marked_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('marked_at', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_response_marked_by_id_user_account'),
            'user_account',
            ['marked_by_id'],
            ['id'],
            ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_response_marked_by_id_user_account'), type_='foreignkey'
        )
        batch_op.drop_column('marked_at')
        batch_op.drop_column('marked_by_id')
        batch_op.drop_column('comment')
