"""points: a member's ledger rows by time, for the counter's points fast path

Revision ID: 0011_points
Revises: 0010_dashboard
Create Date: 2026-12-06 10:55:00

An index only, no table is rebuilt.  A counter sale appends its points without replaying the
member (services.members.points.append_sale_points) when it is the member's newest fact; with this
index it finds the member's last ledger moment and the oldest awards still open by reading the end
of the member's rows, so a sale of a regular with thousands of visits costs what any other does.
"""

from __future__ import annotations

from alembic import op

revision = '0011_points'
down_revision = '0010_dashboard'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_points_ledger_member_at", "points_ledger", ["member_id", "at", "id"])


def downgrade() -> None:
    op.drop_index("ix_points_ledger_member_at", table_name="points_ledger")
