"""The columns a promotion list can show and how each cell of a member row reads.

One definition serves the screen, the printout and the spreadsheet, so the three never disagree.
The rows are the member tables' own (shopcrm.services.members.table.MemberRow, load_rows).  The
phone is kept in its stored form there and masked only when a cell is made: masking is a property
of an output, decided (and guarded) when the list is printed or exported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import translate
from shopcrm.io.phones import display_phone, mask_phone
from shopcrm.money import cents_to_decimal, format_cents
from shopcrm.services.campaigns.words import class_name
from shopcrm.services.members.table import MemberRow


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str  # English, translated in context "CampaignColumns"
    weight: float = 1.0  # relative width on paper
    numeric: bool = False
    checkbox: bool = False  # printed as an empty box to tick by hand

    def heading(self) -> str:
        return translate("CampaignColumns", self.title)


COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("card_no", QT_TRANSLATE_NOOP("CampaignColumns", "Card no."), 1.0),
    ListColumn("name", QT_TRANSLATE_NOOP("CampaignColumns", "Name"), 1.2),
    ListColumn("phone", QT_TRANSLATE_NOOP("CampaignColumns", "Phone"), 1.3),
    ListColumn("level", QT_TRANSLATE_NOOP("CampaignColumns", "Level"), 0.8),
    ListColumn("points", QT_TRANSLATE_NOOP("CampaignColumns", "Points"), 0.7, numeric=True),
    ListColumn("segment", QT_TRANSLATE_NOOP("CampaignColumns", "Segment"), 1.2),
    ListColumn("pyramid", QT_TRANSLATE_NOOP("CampaignColumns", "Tier"), 0.8),
    ListColumn("lifecycle", QT_TRANSLATE_NOOP("CampaignColumns", "Lifecycle"), 0.9),
    ListColumn("churn_level", QT_TRANSLATE_NOOP("CampaignColumns", "Churn risk"), 0.8),
    ListColumn("abcd", QT_TRANSLATE_NOOP("CampaignColumns", "Value"), 0.5),
    ListColumn("frequency", QT_TRANSLATE_NOOP("CampaignColumns", "Visit frequency"), 0.8),
    ListColumn("spend_class", QT_TRANSLATE_NOOP("CampaignColumns", "Spend class"), 0.8),
    ListColumn("preference", QT_TRANSLATE_NOOP("CampaignColumns", "Preference"), 1.1),
    ListColumn("favourite_category", QT_TRANSLATE_NOOP("CampaignColumns", "Favourite category"), 1.0),
    ListColumn("last_purchase", QT_TRANSLATE_NOOP("CampaignColumns", "Last visit"), 1.0),
    ListColumn("visits", QT_TRANSLATE_NOOP("CampaignColumns", "Visits"), 0.6, numeric=True),
    ListColumn("spend_cents", QT_TRANSLATE_NOOP("CampaignColumns", "Spend"), 1.0, numeric=True),
    ListColumn("birthday", QT_TRANSLATE_NOOP("CampaignColumns", "Birthday"), 0.9),
    ListColumn("area", QT_TRANSLATE_NOOP("CampaignColumns", "Area"), 1.2),
    ListColumn("source", QT_TRANSLATE_NOOP("CampaignColumns", "Source"), 1.0),
    ListColumn("tags", QT_TRANSLATE_NOOP("CampaignColumns", "Tags"), 1.2),
    ListColumn("registered_on", QT_TRANSLATE_NOOP("CampaignColumns", "Registered"), 1.0),
    ListColumn("contacted", QT_TRANSLATE_NOOP("CampaignColumns", "Contacted"), 0.8, checkbox=True),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
COLUMN_KEYS = tuple(COLUMN_BY_KEY)
DEFAULT_COLUMNS = ("card_no", "name", "phone", "level", "pyramid", "last_purchase", "birthday", "contacted")
MAX_COLUMNS = 12  # more do not fit across an A4 page


def validate_columns(keys: Sequence[str] | None) -> tuple[str, ...]:
    """The chosen columns in order, duplicates dropped; the default set when none are given."""
    if not keys:
        return DEFAULT_COLUMNS
    chosen = tuple(dict.fromkeys(k.strip() for k in keys if k and k.strip()))
    unknown = [k for k in chosen if k not in COLUMN_BY_KEY]
    if unknown:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Unknown column \"{column}\"; use some of: {choices}."), "columns",
            column=unknown[0], choices=", ".join(COLUMN_KEYS),
        )
    if not chosen:
        return DEFAULT_COLUMNS
    if len(chosen) > MAX_COLUMNS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Choose at most {n} columns: more do not fit on the page."), "columns",
            n=MAX_COLUMNS,
        )
    return chosen


@dataclass(frozen=True)
class CellFormat:
    """How cells read in one output: masked phones or not, the level names, the money symbol."""

    masked: bool = True
    level_names: tuple[str, ...] = ()
    currency_symbol: str = "¥"


def phone_text(phone: str | None, masked: bool) -> str:
    if not phone:
        return ""
    if phone.startswith("+861") and len(phone) == 14 and phone[1:].isdigit():
        # A Chinese mobile, by far the usual case: skip parsing it (lists run to 20 000 rows).
        national = phone[3:]
        return mask_phone(national) if masked else national
    return mask_phone(phone) if masked else display_phone(phone)


def _level(row: MemberRow, fmt: CellFormat) -> str:
    if 0 <= row.level < len(fmt.level_names):
        return fmt.level_names[row.level]
    return str(row.level)


def cell_text(row: MemberRow, key: str, fmt: CellFormat) -> str:
    """The cell as printed (and shown on screen)."""
    if key == "phone":
        return phone_text(row.phone, fmt.masked)
    if key == "level":
        return _level(row, fmt)
    if key == "birthday":
        return row.birthday
    if key == "tags":
        return ", ".join(row.tags)
    if key == "contacted":
        return row.contacted_at.strftime("%m-%d") if row.contacted_at else ""
    if key == "spend_cents":
        return format_cents(row.spend_cents, fmt.currency_symbol) if row.spend_cents is not None else ""
    if key in ("segment", "pyramid", "lifecycle", "churn_level", "abcd", "frequency", "spend_class",
               "preference", "source"):
        return class_name(key, getattr(row, key))
    value = getattr(row, key)
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def cell_value(row: MemberRow, key: str, fmt: CellFormat) -> object:
    """The cell for a spreadsheet: dates as dates, money as a decimal amount, counts as numbers."""
    if key in ("last_purchase", "registered_on"):
        return getattr(row, key)
    if key == "contacted":
        return row.contacted_at
    if key == "spend_cents":
        return cents_to_decimal(row.spend_cents) if row.spend_cents is not None else None
    if key in ("points", "visits"):
        value = getattr(row, key)
        return int(value) if value is not None else None
    text = cell_text(row, key, fmt)
    return text if text != "" else None
