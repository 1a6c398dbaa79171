"""speed: snapshots written in chunks become current when complete; sort indexes for the Members list

Revision ID: 0007_speed
Revises: 0006_ratings
Create Date: 2026-12-06 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007_speed'
down_revision = '0006_ratings'
branch_labels = None
depends_on = None


MEMBER_SORT_COLUMNS = ("card_no", "name", "phone", "level", "points_balance", "source", "area", "registered_on")
SNAPSHOT_SORT_COLUMNS = ("segment", "pyramid", "lifecycle", "churn_level", "abcd", "last_purchase", "visits",
                         "spend_cents")
REPLACED = ("segment", "pyramid")  # (snapshot_id, column) before; now with member_id


def upgrade() -> None:
    # A column with a server default: every snapshot already stored is complete (it was written in
    # one transaction).  A plain ADD COLUMN, not batch mode: recreating the table on SQLite would
    # fire ON DELETE SET NULL on the campaigns that refer to a snapshot.
    op.add_column('classification_snapshots',
                  sa.Column('complete', sa.Boolean(), server_default=sa.true(), nullable=False))
    # Indexes only (no table is rebuilt): the Members list's windows walk them in order.
    for column in MEMBER_SORT_COLUMNS:
        op.create_index(f'ix_members_sort_{column}', 'members', ['status', column, 'id'], unique=False)
    for column in REPLACED:
        op.drop_index(f'ix_snapshot_members_{column}', table_name='snapshot_members')
    for column in SNAPSHOT_SORT_COLUMNS:
        op.create_index(f'ix_snapshot_members_{column}', 'snapshot_members', ['snapshot_id', column, 'member_id'],
                        unique=False)


def downgrade() -> None:
    for column in SNAPSHOT_SORT_COLUMNS:
        op.drop_index(f'ix_snapshot_members_{column}', table_name='snapshot_members')
    for column in REPLACED:
        op.create_index(f'ix_snapshot_members_{column}', 'snapshot_members', ['snapshot_id', column], unique=False)
    for column in MEMBER_SORT_COLUMNS:
        op.drop_index(f'ix_members_sort_{column}', table_name='members')
    # Incomplete snapshots (a run that crashed mid-write) would become visible: drop them first.
    op.execute("DELETE FROM classification_snapshots WHERE complete = false")
    op.drop_column('classification_snapshots', 'complete')
