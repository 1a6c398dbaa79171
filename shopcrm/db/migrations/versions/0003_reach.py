"""lunar birthdays: members.birth_calendar and members.birth_leap_month

Revision ID: 0003_reach
Revises: 0002_catalogue
Create Date: 2026-12-06 04:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003_reach'
down_revision = '0002_catalogue'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every existing birthday is a solar one: the server defaults fill the rows already there.  A
    # plain ADD COLUMN (SQLite allows it with a constant default): batch mode would copy and drop
    # the members table, which the foreign keys of purchases, points and campaigns forbid.
    op.add_column('members', sa.Column('birth_calendar', sa.String(length=5), server_default='solar', nullable=False))
    op.add_column('members', sa.Column('birth_leap_month', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.drop_column('birth_leap_month')
        batch_op.drop_column('birth_calendar')
