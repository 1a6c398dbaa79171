"""Member use cases: register, edit, archive, erase, find.  One transaction each."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import BigInteger, cast, func, or_, select, text
from sqlalchemy.orm import Session

from shopcrm.db.backup import backup_database
from shopcrm.db.engine import Database
from shopcrm.db.models import AuditEvent, ConsentEvent, Feedback, Member, MemberTag, Purchase
from shopcrm.errors import QT_TRANSLATE_NOOP, ConflictError, NotFoundError, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.member_fields import (
    MAX_NAME,
    clean_text,
    parse_birthday,
    parse_card_no,
    parse_gender,
    parse_source,
    parse_tags,
)
from shopcrm.io.phones import display_phone, last4, normalise_phone
from shopcrm.services.members.birthdays import LUNAR, SOLAR, format_member_birthday, parse_lunar_birthday
from shopcrm.services.sales.coupons import issue_on_registration_in
from shopcrm.services.sales.stored_value import refuse_erase_with_balance
from shopcrm.services.shop.clock import now
from shopcrm.services.shop.settings import settings_in


@dataclass
class MemberInput:
    """What a form or the CLI gives for a member; every field is validated by the service."""

    phone: str
    name: str | None = None
    gender: str | None = None
    birthday: object = None
    lunar_birthday: bool = False  # the birthday is a 农历 month and day
    leap_month: bool = False  # ... of a leap month (闰月)
    source: str | None = None
    area: str | None = None
    tags: list[str] = field(default_factory=list)
    notes: str | None = None
    consent: bool = False
    card_no: str | None = None
    registered_on: dt.date | None = None


@dataclass(frozen=True)
class MemberView:
    id: int
    card_no: str
    name: str | None
    phone: str | None
    phone_display: str
    gender: str | None
    birth_year: int | None
    birth_month: int | None
    birth_day: int | None
    birthday: str
    registered_on: dt.date
    source: str | None
    area: str | None
    tags: tuple[str, ...]
    notes: str | None
    consent: bool
    consent_at: dt.datetime | None
    points_balance: int
    level: int
    level_name: str
    status: str
    total_spend_cents: int = 0
    visits: int = 0
    last_purchase_at: dt.datetime | None = None
    birth_calendar: str = SOLAR
    birth_leap_month: bool = False

    def label(self) -> str:
        return f"{self.name or translate('members', '(no name)')} · {self.phone_display}"


def level_name(db_levels: tuple[object, ...], index: int) -> str:
    levels = list(db_levels)
    if not levels:
        return ""
    index = max(0, min(index, len(levels) - 1))
    return translate("levels", levels[index].name)  # type: ignore[attr-defined]


def _spend_summary(s: Session, member_ids: list[int]) -> dict[int, tuple[int, int, dt.datetime | None]]:
    if not member_ids:
        return {}
    rows = s.execute(
        select(
            Purchase.member_id,
            func.coalesce(func.sum(Purchase.total_cents), 0),
            func.count(Purchase.id),
            func.max(Purchase.purchased_at),
        )
        .where(Purchase.member_id.in_(member_ids), Purchase.voided_at.is_(None))
        .group_by(Purchase.member_id)
    ).all()
    return {int(mid): (int(spend), int(count), last) for mid, spend, count, last in rows if mid is not None}


def to_views(s: Session, db: Database, members: list[Member]) -> list[MemberView]:
    settings = settings_in(s)
    summary = _spend_summary(s, [m.id for m in members])
    out = []
    for m in members:
        spend, visits, last = summary.get(m.id, (0, 0, None))
        out.append(
            MemberView(
                id=m.id,
                card_no=m.card_no,
                name=m.name,
                phone=m.phone,
                phone_display=display_phone(m.phone),
                gender=m.gender,
                birth_year=m.birth_year,
                birth_month=m.birth_month,
                birth_day=m.birth_day,
                birthday=format_member_birthday(m.birth_year, m.birth_month, m.birth_day, m.birth_calendar,
                                                m.birth_leap_month),
                birth_calendar=m.birth_calendar or SOLAR,
                birth_leap_month=bool(m.birth_leap_month),
                registered_on=m.registered_on,
                source=m.source,
                area=m.area,
                tags=tuple(sorted(t.tag for t in m.tags)),
                notes=m.notes,
                consent=m.consent,
                consent_at=m.consent_at,
                points_balance=m.points_balance,
                level=m.level,
                level_name=level_name(settings.levels, m.level),
                status=m.status,
                total_spend_cents=spend,
                visits=visits,
                last_purchase_at=last,
            )
        )
    return out


def _load(s: Session, member_id: int, *, for_update: bool = False) -> Member:
    stmt = select(Member).where(Member.id == member_id)
    if for_update:
        stmt = stmt.with_for_update()
    member = s.scalars(stmt).first()
    if member is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("errors", "Member {id} does not exist."), id=member_id)
    return member


def _refuse_duplicate_phone(s: Session, phone: str, except_id: int | None = None) -> None:
    stmt = select(Member).where(Member.phone == phone)
    if except_id is not None:
        stmt = stmt.where(Member.id != except_id)
    other = s.scalars(stmt).first()
    if other is not None:
        raise ConflictError(
            QT_TRANSLATE_NOOP("errors", "The phone {phone} already belongs to member {card} ({name})."),
            phone=display_phone(phone),
            card=other.card_no,
            name=other.name or "-",
        )


def _refuse_duplicate_card(s: Session, card_no: str, except_id: int | None = None) -> None:
    stmt = select(Member.id).where(Member.card_no == card_no)
    if except_id is not None:
        stmt = stmt.where(Member.id != except_id)
    if s.scalar(stmt) is not None:
        raise ConflictError(QT_TRANSLATE_NOOP("errors", "The card number {card} is already in use."), card=card_no)


def next_card_no(s: Session) -> str:
    """Sequential numbers continue after the highest all-digit card number in use."""
    if s.get_bind().dialect.name == "sqlite":
        digits_only = Member.card_no.op("NOT GLOB")("*[^0-9]*")
    else:
        digits_only = Member.card_no.op("~")("^[0-9]+$")
    highest = s.scalar(
        select(func.max(cast(Member.card_no, BigInteger))).where(digits_only, func.length(Member.card_no) <= 15)
    )
    return f"{int(highest or 0) + 1:06d}"


class CardNumbers:
    """Hands out card numbers within one transaction (imports create many members at once),
    skipping numbers the same file already gives to other members."""

    def __init__(self, s: Session, taken: set[str] | None = None) -> None:
        self._next = int(next_card_no(s))
        self._taken = taken if taken is not None else set()

    def take(self) -> str:
        value = f"{self._next:06d}"
        while value in self._taken:
            self._next += 1
            value = f"{self._next:06d}"
        self._next += 1
        self._taken.add(value)
        return value


@dataclass(frozen=True)
class CleanMember:
    phone: str
    name: str | None
    gender: str | None
    birthday: tuple[int | None, int, int] | None
    source: str | None
    area: str | None
    tags: list[str]
    notes: str | None
    consent: bool
    card_no: str | None
    registered_on: dt.date | None
    lunar: bool = False
    leap_month: bool = False


def _birthday(data: MemberInput) -> tuple[tuple[int | None, int, int] | None, bool, bool]:
    """(year, month, day), lunar, leap: a lunar birthday keeps its 农历 month and day."""
    if not data.lunar_birthday:
        return parse_birthday(data.birthday), False, False
    lunar = parse_lunar_birthday(data.birthday, leap_month=data.leap_month)
    if lunar is None:
        return None, False, False
    year, month, day, leap = lunar
    return (year, month, day), True, leap


def validate_member_input(data: MemberInput) -> CleanMember:
    """Every field checked; the first problem raises ValidationError naming the field."""
    phone = normalise_phone(data.phone)
    name = clean_text(data.name, MAX_NAME + 1)
    if name is not None and len(name) > MAX_NAME:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The name is too long (100 characters at most)."), "name")
    if data.registered_on is not None and data.registered_on > dt.date.today():
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The registration date cannot be in the future."), "registered_on")
    birthday = _birthday(data)
    return CleanMember(
        phone=phone,
        name=name,
        gender=parse_gender(data.gender),
        birthday=birthday[0],
        source=parse_source(data.source),
        area=clean_text(data.area, 100),
        tags=parse_tags(data.tags),
        notes=clean_text(data.notes, 2000),
        consent=bool(data.consent),
        card_no=parse_card_no(data.card_no),
        registered_on=data.registered_on,
        lunar=birthday[1],
        leap_month=birthday[2],
    )


def _apply(member: Member, clean: CleanMember, when: dt.datetime) -> None:
    member.phone = clean.phone
    member.phone_last4 = last4(clean.phone)
    member.name = clean.name
    member.gender = clean.gender
    member.birth_year, member.birth_month, member.birth_day = clean.birthday or (None, None, None)
    member.birth_calendar = LUNAR if clean.lunar else SOLAR
    member.birth_leap_month = clean.leap_month
    member.source = clean.source
    member.area = clean.area
    member.notes = clean.notes
    member.updated_at = when
    wanted = set(clean.tags)
    member.tags[:] = [t for t in member.tags if t.tag in wanted]
    have = {t.tag for t in member.tags}
    for tag in clean.tags:
        if tag not in have:
            member.tags.append(MemberTag(tag=tag))


def set_consent(s: Session, member: Member, consent: bool, when: dt.datetime, origin: str) -> None:
    if member.consent == consent and member.consent_at is not None:
        return
    member.consent = consent
    member.consent_at = when
    s.add(ConsentEvent(member_id=member.id, at=when, consent=consent, origin=origin))


REGISTRATION_LOCK = 0x5C_0001  # PostgreSQL advisory lock key: one registration at a time


def _serialise_registrations(s: Session) -> None:
    """Two counters registering at once on PostgreSQL would both read the same highest card number
    (and both pass the duplicate-phone check); a transaction-level advisory lock makes the second
    wait for the first to commit.  SQLite's BEGIN IMMEDIATE already serialises writers."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": REGISTRATION_LOCK})


def register_member(db: Database, data: MemberInput, *, origin: str = "counter") -> MemberView:
    clean = validate_member_input(data)
    when = now()
    with db.transaction() as s:
        _serialise_registrations(s)
        _refuse_duplicate_phone(s, clean.phone)
        if clean.card_no:
            _refuse_duplicate_card(s, clean.card_no)
        member = Member(
            card_no=clean.card_no or next_card_no(s),
            registered_on=clean.registered_on or when.date(),
            created_at=when,
            status="active",
            points_balance=0,
            level=0,
            consent=False,
        )
        _apply(member, clean, when)
        s.add(member)
        s.flush()
        set_consent(s, member, clean.consent, when, origin)
        _welcome_coupon(s, member.id)
        view = to_views(s, db, [member])[0]
    return view


def _welcome_coupon(s: Session, member_id: int) -> None:
    """The coupon the owner gives on registration (setting), issued in the same transaction."""
    coupon_id = settings_in(s).registration_coupon_id
    if coupon_id is not None:
        issue_on_registration_in(s, member_id, coupon_id)


def update_member(db: Database, member_id: int, data: MemberInput) -> MemberView:
    clean = validate_member_input(data)
    when = now()
    with db.transaction() as s:
        member = _load(s, member_id, for_update=True)
        if member.status == "erased":
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "An erased member cannot be edited."))
        _refuse_duplicate_phone(s, clean.phone, except_id=member_id)
        if clean.card_no and clean.card_no != member.card_no:
            _refuse_duplicate_card(s, clean.card_no, except_id=member_id)
            member.card_no = clean.card_no
        if clean.registered_on:
            member.registered_on = clean.registered_on
        _apply(member, clean, when)
        set_consent(s, member, clean.consent, when, "edit")
        view = to_views(s, db, [member])[0]
    return view


def set_status(db: Database, member_id: int, status: str) -> MemberView:
    """Archive (hidden from the counter and lists, history kept) or make active again."""
    if status not in ("active", "archived"):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Unknown member status {status}."), "status", status=status)
    with db.transaction() as s:
        member = _load(s, member_id, for_update=True)
        if member.status == "erased":
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "An erased member cannot be edited."))
        member.status = status
        member.updated_at = now()
        view = to_views(s, db, [member])[0]
    return view


def archive_member(db: Database, member_id: int) -> MemberView:
    return set_status(db, member_id, "archived")


def reactivate_member(db: Database, member_id: int) -> MemberView:
    return set_status(db, member_id, "active")


def erase_member(db: Database, member_id: int) -> None:
    """Remove personal data for good; sales stay for the shop's figures under an anonymous number.

    A backup is taken first (SQLite), since this cannot be undone inside the program."""
    with db.read() as s:
        refuse_erase_with_balance(_load(s, member_id))  # before the backup: nothing to take
    if db.is_sqlite:
        backup_database(db, reason="before-erase")
    when = now()
    with db.transaction() as s:
        member = _load(s, member_id, for_update=True)
        if member.status == "erased":
            raise ConflictError(QT_TRANSLATE_NOOP("errors", "This member has already been erased."))
        refuse_erase_with_balance(member)  # again under the row lock: a top-up may have come in since
        member.name = None
        member.phone = None
        member.phone_last4 = None
        member.gender = None
        member.birth_year = member.birth_month = member.birth_day = None
        member.birth_calendar, member.birth_leap_month = "solar", False
        member.area = None
        member.notes = None
        member.source = None
        member.tags[:] = []
        member.card_no = f"X{member.id:06d}"
        member.status = "erased"
        member.updated_at = when
        set_consent(s, member, False, when, "erase")
        for fb in s.scalars(select(Feedback).where(Feedback.member_id == member_id)):
            fb.comment = None
        s.add(AuditEvent(at=when, action="erase", detail={"member_id": member_id}))


def get_member(db: Database, member_id: int) -> MemberView:
    with db.read() as s:
        return to_views(s, db, [_load(s, member_id)])[0]


def get_member_by_card(db: Database, card_no: str) -> MemberView:
    with db.read() as s:
        member = s.scalars(select(Member).where(Member.card_no == card_no.strip())).first()
        if member is None:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "No member has the card number {card}."), card=card_no)
        return to_views(s, db, [member])[0]


_DIGITS = re.compile(r"^\+?[\d\s\-]+$")


def find_members(db: Database, query: str, limit: int = 20, *, include_archived: bool = False) -> list[MemberView]:
    """Counter search: last 4 digits, a full or partial phone, a card number, or part of a name."""
    text = unicodedata.normalize("NFKC", query or "").strip()
    if not text:
        return []
    limit = max(1, min(limit, 200))
    with db.read() as s:
        stmt = select(Member)
        statuses = ["active", "archived"] if include_archived else ["active"]
        stmt = stmt.where(Member.status.in_(statuses))
        digits = re.sub(r"\D", "", text)
        if _DIGITS.match(text) and digits:
            conditions = [Member.card_no == text]
            if len(digits) == 4:
                conditions.append(Member.phone_last4 == digits)
            elif len(digits) >= 7:
                try:
                    conditions.append(Member.phone == normalise_phone(text))
                except ValidationError:
                    pass
                conditions.append(Member.phone.like(f"%{digits}"))
            else:
                conditions.append(Member.card_no.like(f"{digits}%"))
            stmt = stmt.where(or_(*conditions))
        else:
            like = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(or_(Member.name.ilike(f"%{like}%", escape="\\"), Member.card_no == text))
        members = list(s.scalars(stmt.order_by(Member.name, Member.id).limit(limit)))
        return to_views(s, db, members)


def list_members(
    db: Database, *, status: str | None = "active", limit: int = 100, offset: int = 0
) -> list[MemberView]:
    with db.read() as s:
        stmt = select(Member).order_by(Member.id).limit(max(1, min(limit, 10_000))).offset(max(0, offset))
        if status:
            stmt = stmt.where(Member.status == status)
        return to_views(s, db, list(s.scalars(stmt)))
