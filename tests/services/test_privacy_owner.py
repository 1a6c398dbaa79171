"""The privacy screens' owner-only reads (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import datetime as dt

import pytest

from shopcrm.db.engine import Database
from shopcrm.services.members.privacy import record_consent
from shopcrm.services.members.privacy_owner import consent_history_as_owner, export_file_name
from shopcrm.services.members.records import MemberInput, register_member
from shopcrm.services.shop import audit
from shopcrm.services.shop.audit_owner import audit_events_as_owner
from shopcrm.services.shop.owner_password import OwnerPasswordError, set_owner_password


def test_consent_history_and_audit_log_need_the_owner_password(db: Database) -> None:
    m = register_member(db, MemberInput(phone="13800000001", name="Zhang Wei", consent=True))
    record_consent(db, m.id, False, origin="cli")
    # no password set: open to whoever runs the program (as the CLI)
    assert [(e.consent, e.origin) for e in consent_history_as_owner(db, m.id, None)] == [(True, "counter"), (False, "cli")]
    assert audit_events_as_owner(db, None) == []
    set_owner_password(db, "owner-only")
    for wrong in (None, "", "guess"):
        with pytest.raises(OwnerPasswordError):
            consent_history_as_owner(db, m.id, wrong)
        with pytest.raises(OwnerPasswordError):
            audit_events_as_owner(db, wrong)
    assert len(consent_history_as_owner(db, m.id, "owner-only")) == 2
    events = audit_events_as_owner(db, "owner-only")
    assert [e.action for e in events] == [audit.PASSWORD_SET]
    assert audit_events_as_owner(db, "owner-only", action=audit.ERASE) == []


def test_the_export_file_name_holds_no_personal_data() -> None:
    assert export_file_name(42, dt.date(2026, 5, 1)) == "personal-data-member-42-2026-05-01.json"
