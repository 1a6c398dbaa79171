"""feedback from ratings sheets: product rated, import batch, row fingerprint

Revision ID: 0006_ratings
Revises: 0005_import_lines
Create Date: 2026-12-06 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006_ratings'
down_revision = '0005_import_lines'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Three nullable columns: the feedback already kept (from the counter) gets NULL in each and is
    # left as it was.  SQLite rebuilds the table in batch mode to add the foreign keys.
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('product_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('import_batch_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('import_ref', sa.String(length=40), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_feedback_product_id_products'), 'products', ['product_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_feedback_import_batch_id_import_batches'), 'import_batches',
                                    ['import_batch_id'], ['id'], ondelete='CASCADE')
        batch_op.create_index(batch_op.f('ix_feedback_import_batch_id'), ['import_batch_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_feedback_import_ref'), ['import_ref'])


def downgrade() -> None:
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_feedback_import_ref'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_feedback_import_batch_id'))
        batch_op.drop_constraint(batch_op.f('fk_feedback_import_batch_id_import_batches'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_feedback_product_id_products'), type_='foreignkey')
        batch_op.drop_column('import_ref')
        batch_op.drop_column('import_batch_id')
        batch_op.drop_column('product_id')
