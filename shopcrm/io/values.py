"""Cell values as shop spreadsheets hold them, turned into typed values or a ValidationError.

Every parser takes whatever a reader gives (str, int, float, bool, date, datetime, time, None)
and either returns a clean value, None for an empty cell, or raises ValidationError with a
message that goes into the rejected-rows file.  They are called once per cell of large files,
so the common cases (real numbers and dates from xlsx) come first and text is cached.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.io.member_fields import parse_birthday, parse_card_no
from shopcrm.money import MAX_CENTS, number_text, parse_money

EXCEL_EPOCH = dt.datetime(1899, 12, 30)
# Plausible Excel serial numbers for a sale or registration: 1980-01-01 .. 2099-12-31.
SERIAL_MIN, SERIAL_MAX = 29221, 73415
EARLIEST = dt.datetime(1980, 1, 1)
MAX_QUANTITY_MILLI = 100_000 * 1000
EMPTY_MARKS = frozenset({"", "-", "--", "/", "\\", "无", "空", "null", "none", "n/a", "na", "#n/a", "nan"})

_SPACE = re.compile(r"\s+")
_TIME = (
    r"(?:(?P<ampm1>上午|下午|凌晨|早上|中午|晚上|am|pm)\s*)?"
    r"(?P<H>\d{1,2})(?:[:：时点](?:(?P<M>\d{1,2})(?:分)?(?:[:：](?P<S>\d{1,2}(?:\.\d+)?)|(?P<S2>\d{1,2}(?:\.\d+)?)秒)?)?)?"
    r"\s*(?P<ampm2>am|pm|a\.m\.|p\.m\.)?"
)
_TZ = r"(?:z|[+-]\d{2}:?\d{2})?"
_YMD = re.compile(r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?(?:(?:\s+|t|(?<=[日号]))" + _TIME + r")?" + _TZ + "$")
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?:[ t]?(?P<H>\d{2}):?(?P<M>\d{2})(?::?(?P<S>\d{2}))?)?$")
# Three numbers, none with 4 digits first: d/m/y, m/d/y or yy/mm/dd - which one, the column decides.
_NUMERIC_DATE = re.compile(r"^(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4}|\d{2})(?:\s+" + _TIME + ")?$")
DATE_ORDERS = ("dmy", "mdy", "ymd")
ALL_ORDERS = frozenset(DATE_ORDERS)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ]
    )
    for m in names
}
_DMONY = re.compile(r"^(?P<d>\d{1,2})[- ](?P<mon>[a-z]{3,9})\.?[- ,]+(?P<y>\d{4}|\d{2})(?:\s+" + _TIME + ")?$")
_MONDY = re.compile(r"^(?P<mon>[a-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})(?:\s+" + _TIME + ")?$")
_TIME_ONLY = re.compile("^" + _TIME + "$")


def _bad_date(raw: object) -> ValidationError:
    return ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a date."), "date", value=str(raw)[:40])


class AmbiguousDateError(ValidationError):
    """A date like 03/04/25 that reads as different days in the day/month/year orders still open."""

    def __init__(self, raw: object, readings: dict[str, dt.datetime]) -> None:
        self.readings = readings
        shown = " / ".join(sorted({w.date().isoformat() for w in readings.values()}))
        super().__init__(
            QT_TRANSLATE_NOOP("errors", "\"{value}\" can be read as {dates}; choose the order of day, month and year for this column."),
            "date",
            value=str(raw)[:40],
            dates=shown,
        )


def _mixed_orders(raw: object) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP("errors", "\"{value}\": the dates of this column mix day/month orders, so none of them can be trusted."),
        "date",
        value=str(raw)[:40],
    )


def date_readings(groups: dict[str, str | None], orders: frozenset[str] = ALL_ORDERS) -> dict[str, dt.datetime]:
    """The valid dates a d/m/y-like match gives in each of `orders`."""
    a, b, c = groups["a"] or "", groups["b"] or "", groups["c"] or ""
    out: dict[str, dt.datetime] = {}
    for order in orders:
        if order == "ymd":
            if len(c) > 2 or len(a) != 2:
                continue
            year, month, day = _full_year(a), int(b), int(c)
        elif order == "dmy":
            year, month, day = _full_year(c), int(b), int(a)
        else:
            year, month, day = _full_year(c), int(a), int(b)
        try:
            out[order] = dt.datetime.combine(dt.date(year, month, day), _hms(groups))
        except ValueError:
            continue
    return out


def normalise_date_text(text: str) -> str:
    t = _SPACE.sub(" ", unicodedata.normalize("NFKC", text).strip().lower())
    return t.replace("下午 ", "下午").replace("上午 ", "上午")


def numeric_date_match(text: str) -> dict[str, str | None] | None:
    """The parts of a date whose day/month/year order is not written in it (03/04/25), else None."""
    m = _NUMERIC_DATE.match(normalise_date_text(text)) if len(text) <= 60 else None
    return m.groupdict() if m else None


def is_year_first(text: str) -> bool:
    """A text date with a 4-digit year first (2025-01-02, 2025/1/2): it shows its column's order."""
    return len(text) <= 60 and _YMD.match(normalise_date_text(text)) is not None


def is_empty(value: object) -> bool:
    """A cell that holds nothing a person meant: None, '', spaces, '-', '无', 'N/A'."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().lower() in EMPTY_MARKS or not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    return False


def text_of(value: object) -> str:
    """How a cell reads as text: 12.0 -> '12', dates in ISO form, NFKC-normalised, trimmed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value).strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


# ---------------------------------------------------------------- dates and times


def excel_serial(value: float) -> dt.datetime:
    """An Excel serial day number (1900 date system) as a datetime, rounded to the second."""
    if not SERIAL_MIN <= value <= SERIAL_MAX + 1:
        raise _bad_date(value)
    seconds = round(value * 86400)
    return EXCEL_EPOCH + dt.timedelta(seconds=seconds)


def _hms(groups: dict[str, str | None]) -> dt.time:
    if groups.get("H") is None:
        return dt.time()
    hour = int(groups["H"] or 0)
    minute = int(groups.get("M") or 0)
    sec_text = groups.get("S") or groups.get("S2") or "0"
    second = int(float(sec_text))
    ampm = (groups.get("ampm1") or groups.get("ampm2") or "").replace(".", "")
    if ampm in ("下午", "晚上", "pm") and hour < 12:
        hour += 12
    elif ampm in ("上午", "凌晨", "早上", "am") and hour == 12:
        hour = 0
    elif ampm == "中午" and hour < 11:
        hour += 12
    return dt.time(hour, minute, min(second, 59))


def _full_year(y: str) -> int:
    year = int(y)
    if len(y) == 2:
        pivot = (dt.date.today().year + 1) % 100
        year += 2000 if year <= pivot else 1900
    return year


@lru_cache(maxsize=65536)
def _parse_datetime_text(text: str, orders: frozenset[str] | None = None) -> dt.datetime:
    t = normalise_date_text(text)
    m = _YMD.match(t) or _COMPACT.match(t)
    if m:
        g = m.groupdict()
        year, month, day = int(g["y"]), int(g["m"]), int(g["d"])
    elif m := _NUMERIC_DATE.match(t):
        # Never guessed: the column's order (or, without one, every order) must give one date.
        readings = date_readings(m.groupdict(), ALL_ORDERS if orders is None else orders)
        found = set(readings.values())
        if len(found) == 1:
            return found.pop()
        if found:
            raise AmbiguousDateError(text, readings)
        if orders is not None and not orders:
            raise _mixed_orders(text)
        raise _bad_date(text)
    elif m := (_DMONY.match(t) or _MONDY.match(t)):
        g = m.groupdict()
        if g["mon"] not in _MONTHS:
            raise _bad_date(text)
        month, day, year = _MONTHS[g["mon"]], int(g["d"]), _full_year(g["y"])
    else:
        number = _number_or_none(t)
        if number is not None:
            if math.isfinite(number) and number.is_integer() and str(int(number)) == t:
                return excel_serial(number)  # parse_datetime would send this very text back here
            return parse_datetime(number)
        raise _bad_date(text)
    try:
        return dt.datetime.combine(dt.date(year, month, day), _hms(g))
    except ValueError as exc:
        raise _bad_date(text) from exc


def _number_or_none(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def parse_datetime(value: object, orders: frozenset[str] | None = None) -> dt.datetime:
    """A sale's date and time from a real date, an Excel serial, 20250305, or text in the usual forms."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise _bad_date(value)
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise _bad_date(value)
        if 19_800_101 <= value <= 20_991_231 and float(value).is_integer():
            return _parse_datetime_text(str(int(value)))
        if 198_001_010_000 <= value <= 209_912_312_359_59 and float(value).is_integer():
            return _parse_datetime_text(str(int(value)))
        return excel_serial(float(value))
    if value is None:
        raise _bad_date("")
    text = str(value).strip()
    if not text:
        raise _bad_date(text)
    if len(text) > 60:
        raise _bad_date(text)
    return _parse_datetime_text(text, orders)


def parse_sale_datetime(value: object, *, now: dt.datetime | None = None, orders: frozenset[str] | None = None) -> dt.datetime:
    """parse_datetime plus the sanity range a sale must be in (not before 1980, not in the future).

    orders: the day/month/year orders its column allows (see shopcrm.io.conventions); a reading
    outside the range is no reading, so 24-12-31 is 2024-12-31 and never 1931-12-24."""
    limit = (now or dt.datetime.now()) + dt.timedelta(days=1)
    try:
        when = parse_datetime(value, orders)
    except AmbiguousDateError as exc:
        possible = {w for w in exc.readings.values() if EARLIEST <= w <= limit}
        if len(possible) != 1:
            raise
        when = possible.pop()
    if when < EARLIEST:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The date {value} is too early."), "date", value=when.date().isoformat())
    if when > limit:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The date {value} is in the future."), "date", value=when.date().isoformat())
    return when


def parse_time(value: object) -> dt.time:
    """A separate time column: a real time, a day fraction (0.6 = 14:24), '14:32', '下午2点'."""
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0, tzinfo=None)
    if isinstance(value, dt.timedelta):
        seconds = int(value.total_seconds())
        if 0 <= seconds < 86400:
            return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a time of day."), "time", value=str(value))
    if isinstance(value, float | int) and not isinstance(value, bool) and 0 <= value < 1:
        seconds = round(float(value) * 86400) % 86400
        return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)
    text = _SPACE.sub(" ", unicodedata.normalize("NFKC", str(value)).strip().lower())
    m = _TIME_ONLY.match(text) if len(text) <= 30 else None
    if not m or m.group("H") is None:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a time of day."), "time", value=str(value)[:30])
    try:
        return _hms(m.groupdict())
    except ValueError as exc:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a time of day."), "time", value=str(value)[:30]) from exc


def parse_date(value: object, orders: frozenset[str] | None = None) -> dt.date:
    """A day (registration, consent): any form parse_datetime takes, time dropped."""
    return parse_datetime(value, orders).date()


# ---------------------------------------------------------------- money and quantities

_MINUS = str.maketrans({"\u2212": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\ufe63": "-"})
_AMOUNT_WORDS = re.compile(r"(?i)(元整|元|块钱|块|人民币|yuan|rmb|cny)")


def parse_amount(value: object, *, field: str = "amount", allow_negative: bool = True, decimal_comma: bool | None = False) -> int:
    """Cents from a sheet cell: floats from xlsx, '¥1,234.50', '-12.5', '12.50-', '(12.00)', '30元整'.

    A thin layer over shopcrm.money.parse_money for what only sheets do (trailing minus, Unicode
    minus signs, float noise from binary numbers); refunds come back negative."""
    if isinstance(value, float) and math.isfinite(value):
        scaled = value * 100
        cents = round(scaled)
        if abs(scaled - cents) < 1e-6 and abs(cents) < MAX_CENTS:  # the usual two-decimal number
            if cents < 0 and not allow_negative:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "The amount cannot be negative."), field)
            return int(cents)
        return parse_money(value, field=field, allow_negative=allow_negative)
    if isinstance(value, int) and not isinstance(value, bool):
        return parse_money(value, field=field, allow_negative=allow_negative)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).translate(_MINUS).strip()
        text = _AMOUNT_WORDS.sub("", text).strip()
        if text.endswith("-") and len(text) > 1 and not text.startswith("-"):
            text = "-" + text[:-1].strip()
        if text.startswith(("¥-", "$-")):
            text = "-" + text[0] + text[2:]
        return parse_money(text or value, field=field, allow_negative=allow_negative, decimal_comma=decimal_comma)
    return parse_money(value, field=field, allow_negative=allow_negative)


_CURRENCY_SIGNS = re.compile(r"[¥￥$]")


def amount_core(text: str) -> str:
    """An amount text without currency, words, sign and brackets: what its separators are judged on."""
    core = _CURRENCY_SIGNS.sub("", _AMOUNT_WORDS.sub("", unicodedata.normalize("NFKC", text).translate(_MINUS))).strip()
    return core.strip("()").strip().strip("+-").strip()


_QTY_TEXT = re.compile(r"^(?:[x×*]\s*)?(?P<n>[-+]?\d+(?:\.\d+)?)\s*(?:[x×*]|[^\d\s.]{1,4})?$")


def parse_quantity(value: object) -> int:
    """Quantity in thousandths (exact to 3 decimals): 2, 2.5, '2件', 'x2', '×3', '-1' (a return)."""
    number: Decimal
    if isinstance(value, bool):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a quantity."), "quantity", value=str(value))
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a quantity."), "quantity", value=str(value))
        milli = round(value * 1000)
        if abs(value * 1000 - milli) < 1e-6:
            return _check_quantity(int(milli), value)
        number = Decimal(repr(value))
    else:
        text = unicodedata.normalize("NFKC", str(value)).translate(_MINUS).strip().lower()
        m = _QTY_TEXT.match(text) if len(text) <= 20 else None
        if not m:
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a quantity."), "quantity", value=str(value)[:20])
        try:
            number = Decimal(m.group("n"))
        except InvalidOperation as exc:  # pragma: no cover - the regex only lets numbers through
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a quantity."), "quantity", value=str(value)[:20]) from exc
    if number != number.quantize(Decimal("0.001")):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The quantity {value} has more than 3 decimals."), "quantity", value=str(value)[:20]
        )
    return _check_quantity(int(number * 1000), value)


def _check_quantity(milli: int, raw: object) -> int:
    if milli == 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The quantity cannot be 0."), "quantity")
    if abs(milli) > MAX_QUANTITY_MILLI:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The quantity {value} is too large."), "quantity", value=str(raw)[:20])
    return milli


def quantity_decimal(milli: int) -> Decimal:
    return (Decimal(milli) / 1000).quantize(Decimal("0.001"))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def whole_text(value: object, limit: int, field: str) -> str | None:
    """A name or note as the sheet has it (normalised, control characters out), never cut:
    two long product names cut to the same prefix would become one product."""
    text = _CONTROL.sub("", text_of(value))
    if len(text) > limit:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "\"{value}…\" is longer than {limit} characters."), field, value=text[:30], limit=limit
        )
    return text or None


# ---------------------------------------------------------------- identifiers and codes

SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?e\+?\d+$", re.IGNORECASE)


def parse_code(value: object, *, field: str, limit: int = 64) -> str | None:
    """A receipt or order number: text as written, a number without its '.0', never scientific notation."""
    if is_empty(value):
        return None
    if isinstance(value, float):
        if not value.is_integer() or abs(value) >= 1e15:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "\"{value}\" was stored as a number and lost digits; format the column as text."),
                field,
                value=repr(value),
            )
        return str(int(value))
    text = text_of(value)
    if SCIENTIFIC.match(text):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "\"{value}\" was stored as a number and lost digits; format the column as text."),
            field,
            value=text,
        )
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if len(text) > limit:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is too long."), field, value=text[:40])
    return text


def parse_card(value: object) -> str | None:
    """A member card number; floats from xlsx lose their '.0', scientific notation is refused."""
    code = parse_code(value, field="card_no", limit=40)
    return parse_card_no(code) if code is not None else None


_PAYMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("stored_value", ("储值", "会员卡余额", "余额", "会员余额", "储值卡", "stored", "balance", "prepaid", "会员卡支付")),
    ("wechat", ("微信", "wechat", "weixin", "wx")),
    ("alipay", ("支付宝", "alipay", "zfb", "花呗")),
    ("cash", ("现金", "cash", "现钞")),
    ("card", ("银行卡", "刷卡", "信用卡", "借记卡", "银联", "pos", "card", "visa", "mastercard", "云闪付")),
)


@lru_cache(maxsize=4096)
def parse_payment(value: str) -> str | None:
    """A payment method code from what POS systems write: 微信支付, 支付宝, 现金, 刷卡, 会员卡余额 ..."""
    key = unicodedata.normalize("NFKC", value).strip().lower()
    if key in EMPTY_MARKS:
        return None
    for code, words in _PAYMENTS:
        if key == code or any(w in key for w in words):
            return code
    return "other"


_CHANNELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("delivery", ("外卖", "美团", "饿了么", "饿了吗", "配送", "delivery", "takeaway", "meituan", "eleme")),
    ("online", ("小程序", "线上", "网店", "商城", "淘宝", "天猫", "京东", "有赞", "抖音", "online", "web", "app")),
    ("store", ("门店", "店内", "堂食", "到店", "自提", "线下", "收银", "store", "shop", "counter", "dine", "pos")),
)


@lru_cache(maxsize=4096)
def parse_channel(value: str) -> str:
    """Sales channel code (store, delivery, online); anything unrecognised counts as a store sale."""
    key = unicodedata.normalize("NFKC", value).strip().lower()
    for code, words in _CHANNELS:
        if key == code or any(w in key for w in words):
            return code
    return "store"


_REFUND_WORDS = ("退", "refund", "return", "冲红", "红冲", "作废")


@lru_cache(maxsize=1024)
def is_refund_kind(value: str) -> bool:
    """A row-type cell that marks a refund: 退货, 退款, 退单, Refund, Return."""
    key = unicodedata.normalize("NFKC", value).strip().lower()
    return any(w in key for w in _REFUND_WORDS)


_SUBTOTAL = re.compile(
    r"^(?:本页|本日|本月|全部|总)?(?:合\s*计|小\s*计|总\s*计|累\s*计|汇\s*总|总\s*额|totals?|sub-?\s*totals?|grand\s+totals?|sum)"
    r"(?:$|[\s:：(（\d¥￥-])"
)


def is_subtotal_label(value: object) -> bool:
    """'合计', '小计', '总计', '本页合计：', 'Total', 'Grand total' ... a summary row's label."""
    if not isinstance(value, str) or len(value) > 40:
        return False
    return bool(_SUBTOTAL.match(unicodedata.normalize("NFKC", value).strip().lower()))


def parse_bool(value: object) -> bool | None:
    """Yes/no cells: 是/否, Y/N, 同意/不同意, TRUE/FALSE, 1/0, √; None when empty or unclear."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return None if value not in (0, 1) else bool(value)
    key = text_of(value).lower()
    if key in {"1", "y", "yes", "true", "是", "同意", "已同意", "√", "✓", "✔", "ok", "接受", "订阅", "允许", "有"}:
        return True
    if key in {"0", "n", "no", "false", "否", "不同意", "未同意", "×", "✗", "拒绝", "退订", "不允许", "不"}:
        return False
    return None


def parse_points(value: object) -> int:
    """An opening points balance: a whole number of points, 0 or more."""
    if isinstance(value, bool):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a number of points."), "points", value=str(value))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        points = value
    else:
        written = text = text_of(value)
        if "," in text or " " in text:  # thousands groups of exactly 3 digits: '1,5' is not 15 points
            plain = number_text(text.lstrip("-"), False)
            if plain is None:
                raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a number of points."), "points", value=written[:20])
            text = ("-" if written.startswith("-") else "") + plain
        if text.endswith(".0"):
            text = text[:-2]
        if not re.fullmatch(r"-?\d{1,9}", text):
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a number of points."), "points", value=text[:20])
        points = int(text)
    if points < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A points balance cannot be negative."), "points")
    if points > 10_000_000:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a number of points."), "points", value=str(points))
    return points


def parse_birthday_cell(value: object) -> tuple[int | None, int, int] | None:
    """A birthday with or without year, also from Excel serials and '3月5日'/'0305' forms."""
    if is_empty(value):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and 101 <= value <= 1231:  # 0305 typed as a number
            return parse_birthday(f"{value // 100:02d}-{value % 100:02d}")
        if isinstance(value, int) and 19_000_101 <= value <= 20_991_231:
            return parse_birthday(str(value))
        try:
            return parse_birthday(EXCEL_EPOCH + dt.timedelta(days=float(value)) if 1 <= value < 80000 else str(value))
        except OverflowError as exc:  # pragma: no cover - guarded by the range
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a real date."), "birthday", value=str(value)) from exc
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        m = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:\s+.*)?", text)
        if m:
            text = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        elif m := re.fullmatch(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?", text):
            text = f"{int(m.group(1)):02d}-{int(m.group(2)):02d}"
        elif re.fullmatch(r"\d{4}", text) and 101 <= int(text) <= 1231:
            text = f"{text[:2]}-{text[2:]}"
        return parse_birthday(text)
    return parse_birthday(value)
