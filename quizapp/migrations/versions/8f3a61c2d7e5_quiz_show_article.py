"""quiz: when its students may read the article its bank was built from

Revision ID: 8f3a61c2d7e5
Revises: 5b7e2c1d9a31
Create Date: 2026-12-04 21:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8f3a61c2d7e5'
down_revision = '5b7e2c1d9a31'
branch_labels = None
depends_on = None


def upgrade():
    # Existing quizzes get the default: their students may read the article.
    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('show_article', sa.String(length=16), nullable=False, server_default='always')
        )


def downgrade():
    with op.batch_alter_table('quiz', schema=None) as batch_op:
        batch_op.drop_column('show_article')
