"""The shop's settings: read with defaults, validated on change, stored as JSON per key."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import Setting
from shopcrm.engine.params import RuleParams
from shopcrm.errors import QT_TRANSLATE_NOOP, ValidationError
from shopcrm.i18n import normalise_language
from shopcrm.services.members.levels import relevel_all
from shopcrm.services.shop.clock import now


@dataclass(frozen=True)
class MemberLevel:
    name: str
    min_spend_cents: int


DEFAULT_LEVELS: tuple[MemberLevel, ...] = (
    MemberLevel(QT_TRANSLATE_NOOP("levels", "Regular"), 0),
    MemberLevel(QT_TRANSLATE_NOOP("levels", "Silver"), 50_000),
    MemberLevel(QT_TRANSLATE_NOOP("levels", "Gold"), 200_000),
    MemberLevel(QT_TRANSLATE_NOOP("levels", "Diamond"), 500_000),
)


@dataclass(frozen=True)
class BonusRule:
    """Top up at least this much, get this bonus (充 200 送 20)."""

    min_topup_cents: int
    bonus_cents: int


@dataclass(frozen=True)
class ShopSettings:
    shop_name: str = ""
    currency: str = "CNY"
    language: str = "zh_CN"
    # Points earned per whole currency unit spent (1 point per ¥1 by default): points_per_unit
    # points for every points_spend_unit_cents spent, so 1 point per ¥10 is 1 per 1000 cents.
    points_per_unit: int = 1
    points_spend_unit_cents: int = 100
    # Redemption: points_redeem_points points take points_redeem_cents off a sale (100 = ¥1);
    # at least points_redeem_min and at most points_redeem_max (0: no limit) points per sale.
    points_redeem_points: int = 100
    points_redeem_cents: int = 100
    points_redeem_min: int = 0
    points_redeem_max: int = 0
    # Points expire this many months after they were earned (0: never).
    points_expiry_months: int = 0
    # Stored value (储值): the bonus of the largest rule the top-up reaches.
    stored_value_bonus_rules: tuple[BonusRule, ...] = ()
    # The coupon (definition id) every newly registered member gets; None: none.
    registration_coupon_id: int | None = None
    levels: tuple[MemberLevel, ...] = DEFAULT_LEVELS
    mask_phones: bool = True
    backup_dir: str | None = None
    backup_keep: int = 14
    first_start_done: bool = False
    rules: RuleParams = field(default_factory=RuleParams)

    def level_for_spend(self, spend_cents: int) -> int:
        level = 0
        for index, lvl in enumerate(self.levels):
            if spend_cents >= lvl.min_spend_cents:
                level = index
        return level

    def points_for(self, total_cents: int) -> int:
        return max(0, total_cents // max(1, self.points_spend_unit_cents)) * self.points_per_unit

    def points_value_cents(self, points: int) -> int:
        """Money off for this many points (rounded down to a cent)."""
        return points * self.points_redeem_cents // max(1, self.points_redeem_points)

    def topup_bonus(self, amount_cents: int) -> int:
        reached = [r.bonus_cents for r in self.stored_value_bonus_rules if amount_cents >= r.min_topup_cents]
        return max(reached, default=0)


def _to_json(settings: ShopSettings) -> dict[str, Any]:
    data = asdict(settings)
    data["levels"] = [asdict(level) for level in settings.levels]
    data["stored_value_bonus_rules"] = [asdict(rule) for rule in settings.stored_value_bonus_rules]
    data["rules"] = settings.rules.to_dict()
    return data


def _from_json(raw: dict[str, Any]) -> ShopSettings:
    base = ShopSettings()
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "levels" and isinstance(value, list):
            values["levels"] = tuple(MemberLevel(str(v["name"]), int(v["min_spend_cents"])) for v in value)
        elif key == "stored_value_bonus_rules" and isinstance(value, list):
            values[key] = tuple(BonusRule(int(v["min_topup_cents"]), int(v["bonus_cents"])) for v in value)
        elif key == "rules" and isinstance(value, dict):
            values["rules"] = RuleParams.from_dict(value)
        elif hasattr(base, key):
            values[key] = value
    return replace(base, **values)


def validate_settings(settings: ShopSettings) -> None:
    if len(settings.shop_name) > 100:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The shop name is too long (100 characters at most)."), "shop_name")
    if settings.points_per_unit < 0 or settings.points_per_unit > 1000:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Points per unit must be between 0 and 1000."), "points_per_unit")
    if not 1 <= settings.points_spend_unit_cents <= 1_000_000:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "Points are earned per amount between 0.01 and 10000."), "points_spend_unit_cents"
        )
    if not 1 <= settings.points_redeem_points <= 1_000_000 or not 0 <= settings.points_redeem_cents <= 1_000_000:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The points redemption rate is out of range."), "points_redeem")
    if settings.points_redeem_min < 0 or settings.points_redeem_max < 0 or (
        settings.points_redeem_max and settings.points_redeem_max < settings.points_redeem_min
    ):
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The most points per sale cannot be below the least (0 means no limit)."),
            "points_redeem",
        )
    if not 0 <= settings.points_expiry_months <= 120:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Points expire after 0 to 120 months (0: never)."), "points_expiry_months")
    seen: set[int] = set()
    for rule in settings.stored_value_bonus_rules:
        if rule.min_topup_cents <= 0 or rule.bonus_cents < 0 or rule.bonus_cents > rule.min_topup_cents or rule.min_topup_cents in seen:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "A top-up bonus rule needs an amount above 0 and a bonus no larger than it, once per amount."),
                "stored_value_bonus_rules",
            )
        seen.add(rule.min_topup_cents)
    if not settings.levels:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "At least one member level is needed."), "levels")
    if settings.levels[0].min_spend_cents != 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The first member level must start at 0."), "levels")
    previous = -1
    for level in settings.levels:
        if not level.name.strip():
            raise ValidationError(QT_TRANSLATE_NOOP("errors", "Every member level needs a name."), "levels")
        if level.min_spend_cents <= previous:
            raise ValidationError(
                QT_TRANSLATE_NOOP("errors", "Member level thresholds must increase from one level to the next."),
                "levels",
            )
        previous = level.min_spend_cents
    if settings.backup_keep < 1 or settings.backup_keep > 1000:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Keep between 1 and 1000 backups."), "backup_keep")
    r = settings.rules
    shares = (
        r.spend_high_share, r.spend_medium_share, r.pyramid_platinum_share, r.pyramid_gold_share,
        r.pyramid_iron_share, r.abcd_a_share, r.abcd_b_share, r.churn_drop_share, r.trier_spend_share,
        r.classic_max_new_share, r.churn_p_alive,
    )
    if any(not 0 <= s <= 1 for s in shares):
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Shares and probabilities must be between 0 and 1."), "rules")
    if r.spend_high_share + r.spend_medium_share > 1 or r.abcd_a_share + r.abcd_b_share > 1:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The class shares add up to more than 100 %."), "rules")
    if r.pyramid_platinum_share + r.pyramid_gold_share + r.pyramid_iron_share > 1:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The class shares add up to more than 100 %."), "rules")
    days = (r.window_days, r.new_days, r.churn_days, r.compare_days, r.new_product_days, r.freq_min_days, r.won_back_days)
    if any(d < 1 or d > 3660 for d in days) or not 0 <= r.churn_min_recency_days <= 3660:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Day counts must be between 1 and 3660."), "rules")
    if r.freq_high_per_week <= 0 or r.freq_medium_per_month <= 0 or r.churn_interval_factor <= 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Visit rates and factors must be more than 0."), "rules")
    if not 1 <= r.at_risk_min_signals <= 4:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "At risk needs between 1 and 4 warning signals."), "rules")
    if not 1 <= r.churn_low_rating <= 5:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Ratings go from 1 to 5."), "rules")
    if r.trier_distinct_new < 1 or r.classic_min_visits < 0:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Counts of visits and products cannot be negative."), "rules")
    if r.clv_min_customers < 2 or r.clv_min_repeat_customers < 1:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "The lifetime-value model needs at least 2 customers and 1 repeat customer."), "rules"
        )
    if r.recommendations < 0 or r.recommendations > 10:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "Recommendations must be between 0 and 10."), "rules")


def settings_in(session: Session) -> ShopSettings:
    """The settings as seen by an open session (no second connection on hot paths)."""
    return _from_json({row.key: row.value for row in session.scalars(select(Setting))})


def load_settings(db: Database) -> ShopSettings:
    with db.read() as s:
        return settings_in(s)


def save_settings(db: Database, settings: ShopSettings) -> ShopSettings:
    """Validate and store every setting in one transaction."""
    settings = replace(settings, language=normalise_language(settings.language), shop_name=settings.shop_name.strip())
    validate_settings(settings)
    data = _to_json(settings)
    with db.transaction() as s:
        before = settings_in(s)
        existing = {row.key: row for row in s.scalars(select(Setting))}
        for key, value in data.items():
            if key in existing:
                existing[key].value = value
            else:
                s.add(Setting(key=key, value=value))
        if _points_basis(before) != _points_basis(settings):
            s.flush()
            # Here, not at the top: the points module reads the settings through this one.  A counter
            # sale only appends to a member's ledger, so a new earn rate (of imported sales, which carry
            # no points of their own) or a new expiry is applied to every member now, with their levels.
            from shopcrm.services.members.points import rebuild_every_member

            rebuild_every_member(s.connection(), settings, now())
        elif tuple(lvl.min_spend_cents for lvl in before.levels) != tuple(lvl.min_spend_cents for lvl in settings.levels):
            s.flush()
            relevel_all(s.connection(), settings)  # new thresholds re-level everyone (never below a floor)
    return settings


def _points_basis(settings: ShopSettings) -> tuple[int, int, int]:
    """The settings every member's earned and expired points are worked out from."""
    return settings.points_per_unit, settings.points_spend_unit_cents, settings.points_expiry_months


def update_settings(db: Database, **changes: Any) -> ShopSettings:
    return save_settings(db, replace(load_settings(db), **changes))
