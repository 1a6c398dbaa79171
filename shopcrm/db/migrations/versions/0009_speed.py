"""speed: snapshots written in chunks become current when complete

Revision ID: 0009_speed
Revises: 0005_import_lines
Create Date: 2026-12-06 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009_speed'
down_revision = '0005_import_lines'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A column with a server default: every snapshot already stored is complete (it was written in
    # one transaction).  A plain ADD COLUMN, not batch mode: recreating the table on SQLite would
    # fire ON DELETE SET NULL on the campaigns that refer to a snapshot.
    op.add_column('classification_snapshots',
                  sa.Column('complete', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    # Incomplete snapshots (a run that crashed mid-write) would become visible: drop them first.
    op.execute("DELETE FROM classification_snapshots WHERE complete = false")
    op.drop_column('classification_snapshots', 'complete')
