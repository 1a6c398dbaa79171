"""Message templates: the ready-made ones in both languages and the shop's own, kept in the settings
table under one key (SPEC §9)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import (
    Setting,
)
from shopcrm.errors import QT_TRANSLATE_NOOP, NotFoundError, ValidationError
from shopcrm.i18n import current_language, translate
from shopcrm.services.campaigns.message_fields import validate_body

CONTEXT = "Messages"
TEMPLATES_KEY = "message_templates"
MAX_TEMPLATE_NAME = 50


# ---- templates ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MessageTemplate:
    key: str  # a ready-made key, or the saved template's name
    name: str  # in the current language
    body: str
    ready_made: bool
    preset: str | None = None  # the ready-made list it is meant for (services.campaigns.PRESETS)


@dataclass(frozen=True)
class _Ready:
    key: str
    title: str
    chinese: str
    english: str
    preset: str | None


READY_MADE: tuple[_Ready, ...] = (
    _Ready("birthday", QT_TRANSLATE_NOOP("Messages", "Birthday"),
           "{姓名}您好！{店名}祝您生日快乐！{生日}生日当周到店，会员有生日礼遇，期待您的光临。",
           "Happy birthday, {name}! Everyone at {shop} wishes you a wonderful day on {birthday}; visit us in your "
           "birthday week for a member treat.", "birthdays_week"),
    _Ready("win_back", QT_TRANSLATE_NOOP("Messages", "We miss you (at risk)"),
           "{姓名}您好，好久不见！{店名}的新鲜烘焙一直在等您，您还有{积分}积分可用，欢迎回来坐坐。",
           "Hello {name}, we have missed you at {shop}! You still have {points} points to use; come back and see "
           "what is fresh today.", "win_back"),
    _Ready("new_product", QT_TRANSLATE_NOOP("Messages", "New product"),
           "{姓名}您好，{店名}上新啦！您常买的品类有新品上市，欢迎到店尝鲜。",
           "Hello {name}, something new has arrived at {shop} in the kind of treats you love: come and try it first.",
           "launch_triers"),
    _Ready("points_expiring", QT_TRANSLATE_NOOP("Messages", "Points about to expire"),
           "{姓名}您好，您在{店名}有{到期积分}积分即将到期，记得到店使用哦。",
           "Hello {name}, {expiring_points} of your points at {shop} expire soon: use them on your next visit.", None),
    _Ready("stored_value_low", QT_TRANSLATE_NOOP("Messages", "Stored value low"),
           "{姓名}您好，您在{店名}的储值余额为{储值余额}，欢迎到店充值。",
           "Hello {name}, your stored value at {shop} is down to {stored_value}; top up on your next visit.", None),
)
READY_BY_KEY = {r.key: r for r in READY_MADE}


def ready_made_templates(language: str | None = None) -> list[MessageTemplate]:
    zh = (language or current_language()).startswith("zh")
    return [MessageTemplate(r.key, translate(CONTEXT, r.title, language), r.chinese if zh else r.english, True,
                            r.preset) for r in READY_MADE]


def _stored(s: Session) -> dict[str, str]:
    row = s.get(Setting, TEMPLATES_KEY)
    value = row.value if row is not None else None
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def saved_templates(db: Database) -> list[MessageTemplate]:
    with db.read() as s:
        return [MessageTemplate(name, name, body, False) for name, body in sorted(_stored(s).items())]


def all_templates(db: Database) -> list[MessageTemplate]:
    return ready_made_templates() + saved_templates(db)


def _clean_name(name: str) -> str:
    clean = unicodedata.normalize("NFKC", name or "").strip()
    if not clean:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Give the template a name."), "name")
    if len(clean) > MAX_TEMPLATE_NAME:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The template name is too long (50 characters at most)."),
                              "name")
    if clean in READY_BY_KEY or any(clean == ready.name for ready in ready_made_templates()):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "\"{name}\" is a ready-made template; choose another name."),
                              "name", name=clean)
    return clean


def save_template(db: Database, name: str, body: str) -> MessageTemplate:
    """Save (or overwrite) one of the owner's own templates."""
    clean, text = _clean_name(name), validate_body(body)
    with db.transaction() as s:
        stored = _stored(s)
        stored[clean] = text
        row = s.get(Setting, TEMPLATES_KEY)
        if row is None:
            s.add(Setting(key=TEMPLATES_KEY, value=stored))
        else:
            row.value = dict(stored)
    return MessageTemplate(clean, clean, text, False)


def delete_template(db: Database, name: str) -> None:
    with db.transaction() as s:
        stored = _stored(s)
        if name not in stored:
            raise NotFoundError(QT_TRANSLATE_NOOP("errors", "There is no message template \"{name}\"."), name=name)
        del stored[name]
        row = s.get(Setting, TEMPLATES_KEY)
        if row is not None:
            row.value = dict(stored)


def find_template(db: Database, key_or_name: str) -> MessageTemplate:
    """A ready-made template by key or title (either language), or a saved one by name."""
    wanted = unicodedata.normalize("NFKC", key_or_name or "").strip()
    for t in ready_made_templates():
        if wanted in (t.key, t.name, READY_BY_KEY[t.key].title):
            return t
    for t in saved_templates(db):
        if wanted == t.name:
            return t
    raise NotFoundError(
        QT_TRANSLATE_NOOP("errors", "There is no message template \"{name}\"; ready-made ones: {choices}."),
        name=wanted[:50], choices=", ".join(r.key for r in READY_MADE))
