"""How amounts, dates and birthdays read on screen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from shopcrm.money import format_cents
from shopcrm.services.members.birthdays import birthday_of
from shopcrm.services.members.birthdays import next_birthday as member_next_birthday

CURRENCY_SYMBOLS = {"CNY": "¥", "HKD": "HK$", "TWD": "NT$", "MOP": "MOP$", "SGD": "S$", "MYR": "RM", "USD": "$",
                    "EUR": "€"}


def money(cents: int | None, currency: str = "CNY") -> str:
    return format_cents(cents, CURRENCY_SYMBOLS.get(currency, currency + " "))


def date_text(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def next_birthday(month: int | None, day: int | None, today: dt.date) -> dt.date | None:
    """This year's (or next year's) birthday; 29 February is kept on 28 February in other years."""
    if not month or not day:
        return None
    for year in (today.year, today.year + 1):
        try:
            when = dt.date(year, month, day)
        except ValueError:
            when = dt.date(year, month, 28)
        if when >= today:
            return when
    return None


def birthday_note(month: int | None, day: int | None, today: dt.date | None = None, *,
                  calendar: str | None = "solar", leap_month: bool | None = False) -> str:
    """'Birthday today!' / 'Birthday this week (05-03)' / '' otherwise; a lunar (农历) birthday by
    this year's solar date."""
    today = today or dt.date.today()
    when = member_next_birthday(birthday_of(month, day, calendar, leap_month), today)
    if when is None:
        return ""
    if when == today:
        return QCoreApplication.translate("Birthday", "Birthday today!")
    if when <= today + dt.timedelta(days=6):  # within the coming seven days
        return QCoreApplication.translate("Birthday", "Birthday this week ({date})").format(date=when.strftime("%m-%d"))
    return ""


def join_list(items: list[str]) -> str:
    """'a, b, c' in English, 'a、b、c' in Chinese."""
    return QCoreApplication.translate("Lists", ", ").join(items)
