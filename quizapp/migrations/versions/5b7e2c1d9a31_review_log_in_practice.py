"""review log: whether the review was done in practice (not a quiz scheduling it)

Revision ID: 5b7e2c1d9a31
Revises: 3c1f7a2b9d40
Create Date: 2026-12-04 20:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b7e2c1d9a31'
down_revision = '3c1f7a2b9d40'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('review_log', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('in_practice', sa.Boolean(), nullable=False, server_default=sa.true())
        )
    # A quiz schedules its questions at submission: those logs carry the attempt's
    # submission time exactly; every other log was a review in practice.
    op.execute(
        "UPDATE review_log SET in_practice = false WHERE reviewed_at IN ("
        " SELECT attempt.submitted_at FROM attempt JOIN review_card"
        " ON review_card.student_id = attempt.student_id"
        " WHERE review_card.id = review_log.card_id AND attempt.submitted_at IS NOT NULL)"
    )


def downgrade():
    with op.batch_alter_table('review_log', schema=None) as batch_op:
        batch_op.drop_column('in_practice')
