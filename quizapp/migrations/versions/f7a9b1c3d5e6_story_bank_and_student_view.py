"""stories: a bank for the story's timeline questions, and whether students may read the story

Revision ID: f7a9b1c3d5e6
Revises: e6f8a0b2c4d5
Create Date: 2026-12-07 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f7a9b1c3d5e6'
down_revision = 'e6f8a0b2c4d5'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bank_id', sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column('students_can_view', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_story_bank_id_bank'), 'bank', ['bank_id'], ['id'], ondelete='SET NULL'
        )


def downgrade():
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_story_bank_id_bank'), type_='foreignkey')
        batch_op.drop_column('students_can_view')
        batch_op.drop_column('bank_id')
