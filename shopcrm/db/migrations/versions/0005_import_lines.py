"""imported_lines: sales-file lines by fingerprint, so re-imports are recognised per line

Revision ID: 0005_import_lines
Revises: 0004_money
Create Date: 2026-12-06 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005_import_lines'
down_revision = '0004_money'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table only: databases with data upgrade without touching their rows.  Purchases
    # imported before it have no line fingerprints and are still recognised whole by their
    # external_ref (shopcrm.services.importing.sales).
    op.create_table('imported_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=40), nullable=False),
    sa.Column('purchase_id', sa.Integer(), nullable=False),
    sa.Column('import_batch_id', sa.Integer(), nullable=True),
    sa.Column('purchase_line_id', sa.Integer(), nullable=True),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('discount_cents', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['import_batch_id'], ['import_batches.id'], name=op.f('fk_imported_lines_import_batch_id_import_batches'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['purchase_id'], ['purchases.id'], name=op.f('fk_imported_lines_purchase_id_purchases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['purchase_line_id'], ['purchase_lines.id'], name=op.f('fk_imported_lines_purchase_line_id_purchase_lines'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_imported_lines')),
    sa.UniqueConstraint('ref', name=op.f('uq_imported_lines_ref'))
    )
    with op.batch_alter_table('imported_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_imported_lines_import_batch_id'), ['import_batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_imported_lines_purchase_id'), ['purchase_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('imported_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_imported_lines_purchase_id'))
        batch_op.drop_index(batch_op.f('ix_imported_lines_import_batch_id'))

    op.drop_table('imported_lines')
