"""Classify every member as of a date and store the result as a snapshot.

Reading, computing and writing are three steps: the data is read in one read transaction
(classification_data), the engine (shopcrm.engine, numpy only) computes every class with its
reason, and the snapshot is written with bulk inserts in short transactions that make it current
only when it is whole (classification_store), so a sale at the counter waits for one chunk at most.
"""

from __future__ import annotations

import datetime as dt
import time
from functools import partial
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shopcrm.db.engine import Database
from shopcrm.db.models import ClassificationSnapshot, Member, Purchase
from shopcrm.engine.classify import Inputs, day_number
from shopcrm.engine.classify import run as run_engine
from shopcrm.engine.lifetime import CustomerData, customer_data, fit_models
from shopcrm.engine.metrics import compute_metrics
from shopcrm.engine.params import RuleParams
from shopcrm.errors import QT_TRANSLATE_NOOP, ShopError, ValidationError
from shopcrm.i18n import translate
from shopcrm.jobs import CancelToken, Progress
from shopcrm.services.campaigns.output import currency_symbol
from shopcrm.services.classification import data, history, store
from shopcrm.services.classification.freshness import import_marks
from shopcrm.services.classification.queries import current_counts
from shopcrm.services.shop.settings import ShopSettings, load_settings

CLASSIFY_CANCELLED = QT_TRANSLATE_NOOP("errors", "The classification was cancelled; nothing was saved.")


def parse_as_of(value: str | None) -> dt.date | None:
    """'2025-06-30' -> date; None stays None (today).  A one-line error for anything else."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValidationError(
            QT_TRANSLATE_NOOP("errors", "\"{value}\" is not a date (use YYYY-MM-DD)."), "as_of", value=value[:40]
        ) from exc


def _today() -> dt.date:
    return dt.datetime.now().date()


def _check_as_of(as_of: dt.date | None) -> dt.date:
    today = _today()
    if as_of is None:
        return today
    if as_of > today:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The date {date} is in the future."), "as_of", date=as_of.isoformat())
    if as_of.year < 1900:
        raise ValidationError(QT_TRANSLATE_NOOP("errors", "The date {date} is too early."), "as_of", date=as_of.isoformat())
    return as_of


def _previous_clv(s: Session) -> dict[str, Any] | None:
    """The newest snapshot's fitted parameters: the optimiser starts there and converges sooner."""
    clv = s.scalar(
        select(ClassificationSnapshot.clv).where(ClassificationSnapshot.shown()).order_by(ClassificationSnapshot.created_at.desc(), ClassificationSnapshot.id.desc()).limit(1)
    )
    return clv if isinstance(clv, dict) else None


class _Steps:
    """Progress and cancellation between the stages of a run."""

    STAGES = ("read", "metrics", "rules", "lifetime value", "recommendations", "write")

    def __init__(self, progress: Progress | None, cancel: CancelToken | None) -> None:
        self.progress = progress
        self.cancel = cancel
        self.timings: dict[str, float] = {}
        self._began = time.perf_counter()
        self._last = self._began
        self._current: str | None = None

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        if self._current is not None:
            self.timings[self._current] = round(now - self._last, 3)
        self._current, self._last = stage, now
        # Once the snapshot is committed ("done"), a late cancel can no longer undo it: don't claim so.
        if stage != "done" and self.cancel is not None:
            self.cancel.check(CLASSIFY_CANCELLED)
        if self.progress is not None:
            done = self.STAGES.index(stage) if stage in self.STAGES else len(self.STAGES)
            self.progress(float(done), float(len(self.STAGES)), _stage_text(stage))

    def finish(self) -> None:
        self("done")
        self.timings["total"] = round(time.perf_counter() - self._began, 3)
        self.timings.pop("done", None)


def _stage_text(stage: str) -> str:
    texts = {
        "read": translate("classification", "Reading members and sales ..."),
        "metrics": translate("classification", "Computing visits and spend ..."),
        "rules": translate("classification", "Sorting members into classes ..."),
        "lifetime value": translate("classification", "Fitting the lifetime value model ..."),
        "recommendations": translate("classification", "Choosing recommendations ..."),
        "write": translate("classification", "Saving the snapshot ..."),
    }
    return texts.get(stage, translate("classification", "Done."))


def read_inputs(
    s: Session, as_of: dt.date, settings: ShopSettings, only: int | None = None, *, packed: bool = True
) -> Inputs:
    """Everything the engine needs as of `as_of`, read in `s`; `only`: one member's (their card).

    Everyone's purchases and lines come from the packed histories (`packed`, see history.py) where
    they still hold, else straight from the sales tables, as one member's always do."""
    params = settings.rules
    window = data.Window.of(as_of, params)
    roster = data.load_roster(s, only)
    catalogue = data.load_catalogue(s)
    if only is None and packed:
        h = history.load(s)
        upto = h.day <= day_number(as_of)  # purchased before the midnight after T
        purchases = data.purchases_of(h.member[upto], h.purchase_id[upto], h.day[upto], h.total[upto], roster.members.ids)
        roster, purchases = data.restrict(roster, purchases, as_of)
        lines = data.lines_of(h.line_purchase, h.line_product, h.line_amount, window, purchases, catalogue, params)
    else:
        purchases = data.load_purchases(s, window, roster.members.ids, only)
        roster, purchases = data.restrict(roster, purchases, as_of)
        lines = data.load_lines(s, window, purchases, catalogue, params)
    members = roster.members
    low_rating = data.load_low_ratings(s, window, members, params)
    return Inputs(
        as_of=as_of,
        members=members,
        visits=purchases.visit_days(),
        products=lines.history,
        ever_products=lines.ever,
        catalogue=catalogue,
        basket=lines.basket,
        basket_product=lines.product,
        low_rating=low_rating,
        level_names=tuple(level.name for level in settings.levels),
        level_thresholds=tuple(level.min_spend_cents for level in settings.levels),
        keep_stored_levels=as_of >= _today(),
        symbol=currency_symbol(settings),
        clv_start=_previous_clv(s) if only is None else None,
    )


def watermark(s: Session) -> dict[str, Any]:
    """What a snapshot has seen: the newest purchase and member ids and the moment of reading.

    Sales, voids and members after these are what a one-card update (incremental) looks for.
    """
    return {
        "purchase_id": int(s.scalar(select(func.max(Purchase.id))) or 0),
        "member_id": int(s.scalar(select(func.max(Member.id))) or 0),
        "at": dt.datetime.now().replace(microsecond=0).isoformat(),
        **import_marks(s),
    }


def classify(
    db: Database,
    as_of: dt.date | None = None,
    settings: ShopSettings | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> dict[str, Any]:
    """Recompute every classification as of `as_of` (default today) and store a snapshot.

    `progress(done, total, text)` is called between stages; a set `cancel` token stops the run
    between stages and between the write's chunks, until the snapshot becomes current (then it is too late to undo).  Returns the summary the CLI prints.
    """
    as_of = _check_as_of(as_of)
    settings = settings or load_settings(db)
    params = settings.rules
    steps = _Steps(progress, cancel)
    steps("read")
    history.refresh(db)
    with db.read() as s:
        seen = watermark(s)  # first: what is read below includes at least this much
        inputs = read_inputs(s, as_of, settings)
    result = run_engine(inputs, params, steps)
    steps("write")
    clv = dict(result.lifetime.summary)
    stored_params = {
        "rules": params.to_dict(),
        "levels": [{"name": lvl.name, "min_spend_cents": lvl.min_spend_cents} for lvl in settings.levels],
        "seconds": dict(steps.timings),
        "cut_offs": result.cut_offs.to_dict(),
        "seen": seen,
    }
    # In short transactions (a sale at the counter never waits for the whole write); a cancel
    # between them deletes what was written and leaves the previous classes current.
    check = partial(cancel.check, CLASSIFY_CANCELLED) if cancel is not None else None
    snapshot_id = store.write_snapshot(db, inputs, result, stored_params, clv, check=check)
    steps.finish()
    # Counted as every screen counts (current members, not archived ones): the same word shows the
    # same number in the CLI and on the screens (SPEC §10).  The engine's class lists keep the order
    # and the classes nobody is in.
    template = {name: list(tally) for name, tally in result.counts().items()}
    with db.read() as s:
        counts = current_counts(s, snapshot_id, template, [lvl.name for lvl in settings.levels])
    return {
        "snapshot": snapshot_id,
        "as_of": as_of.isoformat(),
        "window_days": params.window_days,
        "members": sum(counts["lifecycle"].values()),
        "classified": inputs.members.size,  # archived members are classified too, and kept in the snapshot
        "counts": counts,
        "clv": clv,
        "seconds": steps.timings,
    }


def fit_lifetime_models(db: Database, until: dt.date | None = None, settings: ShopSettings | None = None) -> dict[str, Any]:
    """BG/NBD, Pareto/NBD and Gamma-Gamma fitted on the history up to `until` (default today), in weeks.

    {"until", "bgnbd": {"r", "alpha", "a", "b", "loglik", "customers"}, "paretonbd": {"r", "alpha",
    "s", "beta", "loglik", "customers"} or None (with "reason"), "gammagamma": {"p", "q", "gamma",
    "loglik", "customers"} or None (with "spend_reason")}.  A history too thin to fit is a one-line
    error.
    """
    until = _check_as_of(until)
    params = (settings or load_settings(db)).rules
    fits = fit_models(lifetime_customers(db, until, params), params)
    if fits.bgnbd is None:
        raise ShopError(QT_TRANSLATE_NOOP("errors", "No lifetime model: {reason}"), reason=fits.reason.text() if fits.reason else "")
    out: dict[str, Any] = {
        "until": until.isoformat(),
        "bgnbd": fits.bgnbd.to_dict(),
        "paretonbd": fits.paretonbd.to_dict() if fits.paretonbd else None,
        "gammagamma": fits.gammagamma.to_dict() if fits.gammagamma else None,
    }
    if fits.reason:
        out["reason"] = fits.reason.text()
    if fits.spend_reason:
        out["spend_reason"] = fits.spend_reason.text()
    return out


def lifetime_customers(db: Database, until: dt.date, params: RuleParams) -> CustomerData:
    """Every member's visits up to `until` as the lifetime models take them (x, t_x, T, spend)."""
    window = data.Window.of(until, params)
    with db.read() as s:
        roster = data.load_roster(s)
        purchases = data.load_purchases(s, window, roster.members.ids)
        roster, purchases = data.restrict(roster, purchases, until)
    metrics = compute_metrics(purchases.visit_days(), roster.members.size, day_number(until), params)
    return customer_data(metrics)
