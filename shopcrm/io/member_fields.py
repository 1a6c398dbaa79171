"""Validation of the member fields people type or sheets hold (shared by forms and imports)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from shopcrm.codes import SOURCES
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError

_GENDER_SYNONYMS = {
    "F": {"f", "female", "woman", "w", "女", "女士", "女性", "小姐"},
    "M": {"m", "male", "man", "男", "男士", "男性", "先生"},
}
_SOURCE_SYNONYMS = {
    "walk_in": {"walk_in", "walk-in", "walkin", "walk in", "store", "shop", "到店", "进店", "门店", "自然到店", "路过"},
    "delivery": {"delivery", "takeaway", "外卖", "美团", "饿了么", "外卖平台", "meituan", "eleme"},
    "wechat": {"wechat", "weixin", "mini program", "miniprogram", "微信", "小程序", "公众号", "朋友圈", "企业微信"},
    "referral": {"referral", "friend", "推荐", "朋友推荐", "老带新", "介绍", "转介绍"},
    "event": {"event", "activity", "promotion", "活动", "地推", "促销", "开业活动", "试吃"},
    "other": {"other", "others", "其他", "其它"},
}
_BIRTHDAY_PATTERNS = (
    re.compile(r"^(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
    re.compile(r"^(?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?$"),
)
MAX_NAME = 100
MAX_TAG = 50


def clean_text(value: object, limit: int) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    return text[:limit] or None


def parse_gender(value: object) -> str | None:
    text = clean_text(value, 20)
    if text is None:
        return None
    key = text.lower()
    for code, words in _GENDER_SYNONYMS.items():
        if key in words:
            return code
    if key in {"u", "unknown", "未知", "保密", "-", "/"}:
        return None
    raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a gender (female/male/女/男)."), "gender", value=text)


def parse_source(value: object) -> str | None:
    text = clean_text(value, 50)
    if text is None:
        return None
    key = text.lower()
    if key in SOURCES:
        return key
    for code, words in _SOURCE_SYNONYMS.items():
        if key in words or any(w in key for w in words if len(w) >= 2 and not w.isascii()):
            return code
    return "other"


def parse_birthday(value: object, *, today: dt.date | None = None) -> tuple[int | None, int, int] | None:
    """A birthday with or without year: date objects, '1990-05-03', '1990年5月3日', '05-03', '5月3日'."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        year: int | None = value.year
        month, day = value.month, value.day
    else:
        text = clean_text(value, 30)
        if text is None:
            return None
        text = text.replace(" ", "")
        for pattern in _BIRTHDAY_PATTERNS:
            m = pattern.match(text)
            if m:
                break
        else:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a birthday (e.g. 1990-05-03 or 05-03)."),
                "birthday",
                value=text,
            )
        groups = m.groupdict()
        year = int(groups["y"]) if groups.get("y") else None
        month, day = int(groups["m"]), int(groups["d"])
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 02-29 without a year is fine
    except ValueError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a real date."), "birthday", value=str(value)[:30]
        ) from exc
    today = today or dt.date.today()
    if year is not None and not (today.year - 120 <= year <= today.year):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The birth year {year} is not plausible."), "birthday", year=year
        )
    if year is not None and dt.date(year, month, day) > today:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "A birthday cannot be in the future."), "birthday")
    return year, month, day


def format_birthday(year: int | None, month: int | None, day: int | None) -> str:
    if not month or not day:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"


def parse_tags(value: object) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple | set) else re.split(r"[,，;；、|/\s]+", str(value))
    out: list[str] = []
    for item in items:
        tag = clean_text(item, MAX_TAG)
        if tag and tag not in out:
            out.append(tag)
    return out


def parse_card_no(value: object) -> str | None:
    text = clean_text(value, 40)
    if text is None:
        return None
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    text = text.replace(" ", "")
    if not re.fullmatch(r"[A-Za-z0-9\-_]{1,32}", text):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a card number (letters and digits, 32 at most)."),
            "card_no",
            value=text[:40],
        )
    return text


def parse_consent(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = (clean_text(value, 10) or "").lower()
    return text in {"1", "y", "yes", "true", "是", "同意", "已同意", "√", "✓", "ok"}
