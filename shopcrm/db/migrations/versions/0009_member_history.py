"""member history: every member's live purchases and lines packed into one row for classification

Revision ID: 0009_member_history
Revises: 0008_members_sort
Create Date: 2026-12-06 09:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009_member_history'
down_revision = '0008_members_sort'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Derived data only.  The tables start empty and without marks, which means "never built": the
    # first classification after the upgrade reads the sales tables as before and builds them
    # (shopcrm.services.classification.history.refresh), so the upgrade itself stays instant on a
    # shop with millions of sales and carries no copy of the packing code.
    op.create_table(
        'member_histories',
        sa.Column('member_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('purchases', sa.LargeBinary(), nullable=False),
        sa.Column('lines', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('member_id', name=op.f('pk_member_histories')),
    )
    op.create_table(
        'member_history_marks',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('purchase_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('import_batch', sa.Integer(), nullable=False),
        sa.Column('undone_batches', sa.Integer(), nullable=False),
        sa.Column('voided', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_member_history_marks')),
    )


def downgrade() -> None:
    op.drop_table('member_history_marks')
    op.drop_table('member_histories')
