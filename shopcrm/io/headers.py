"""Finding the header row of a sheet and guessing which column holds which field.

Real sheets have title rows, merged banners and notes above the header, and name their
columns in Chinese or English with many synonyms (POS systems each use their own).  Every cell
of the first rows is scored against the synonym table; the row whose cells map best to
distinct fields is the header.  A header cell equal to a synonym scores 1; one that ends with
a synonym scores higher than one that merely contains it, because Chinese and English compound
names put the head noun last (会员手机 is a phone, 商品编码 is a code, not a product).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from shopcrm.errors import QT_TRANSLATE_NOOP

IGNORE = "_ignore"
REASON = "_reason"
HEADER_SCAN_ROWS = 30

SALES_FIELDS: dict[str, tuple[str, ...]] = {
    "date": (
        "日期", "销售日期", "交易日期", "消费日期", "下单日期", "订单日期", "单据日期", "业务日期", "营业日期", "结账日期",
        "收银日期", "购买日期", "日期时间", "销售时间", "交易时间", "消费时间", "下单时间", "订单时间", "结账时间", "收银时间",
        "支付时间", "付款时间", "购买时间", "成交时间", "创建时间", "date", "datetime", "date time", "sale date", "sales date",
        "order date", "transaction date", "purchase date", "date/time", "timestamp", "order time", "sale time",
    ),
    "time": ("时间", "时刻", "time", "time of day"),
    "receipt": (
        "单号", "小票号", "小票编号", "订单号", "订单编号", "订单id", "流水号", "交易流水号", "交易单号", "单据号", "单据编号",
        "收银单号", "销售单号", "票号", "结账单号", "账单号", "交易号", "receipt", "receipt no", "receipt number", "order no",
        "order number", "order id", "ticket", "ticket no", "transaction id", "transaction no", "invoice", "invoice no", "bill no",
    ),
    "phone": (
        "手机号", "手机", "手机号码", "电话", "电话号码", "联系方式", "联系电话", "会员手机", "会员手机号", "会员电话", "顾客手机",
        "客户手机", "客户电话", "移动电话", "phone", "mobile", "mobile phone", "cell", "cellphone", "tel", "telephone",
        "phone number", "mobile no", "contact",
    ),
    "card_no": (
        "会员卡号", "卡号", "会员号", "会员编号", "会员卡", "会员id", "会员编码", "卡编号", "vip卡号", "vip号", "会员码",
        "card no", "card number", "card", "member no", "member number", "member id", "membership no", "vip no",
    ),
    "name": (
        "姓名", "会员姓名", "会员名", "会员名称", "客户", "客户名", "客户姓名", "客户名称", "顾客", "顾客姓名", "名字", "称呼",
        "昵称", "会员", "name", "customer", "customer name", "member name", "member", "full name", "nickname",
    ),
    "product": (
        "商品", "商品名", "商品名称", "品名", "产品", "产品名称", "菜品", "菜品名称", "品项", "品项名称", "货品", "货品名称",
        "名称", "物品", "菜名", "饮品", "product", "product name", "item", "item name", "goods", "sku name", "description",
        "article", "dish",
    ),
    "category": (
        "分类", "类别", "品类", "商品分类", "商品类别", "大类", "小类", "类目", "商品类型", "category", "product category",
        "product group",
    ),
    "quantity": ("数量", "件数", "份数", "销量", "销售数量", "个数", "杯数", "qty", "quantity", "pcs", "units"),
    "unit_price": (
        "单价", "售价", "价格", "零售价", "销售单价", "标价", "商品单价", "unit price", "price", "retail price", "sale price",
    ),
    "amount": (
        "金额", "实收", "实收金额", "实付", "实付金额", "消费金额", "销售金额", "成交金额", "支付金额", "付款金额", "收款金额",
        "实际金额", "交易金额", "销售额", "营业额", "小计", "行金额", "商品金额", "折后金额", "实销金额", "amount", "total",
        "paid", "amount paid", "net", "net amount", "sales", "revenue", "subtotal", "line total", "sales amount",
    ),
    "gross": (
        "应收", "应收金额", "原价金额", "标价金额", "应付", "应付金额", "折前金额", "原金额", "gross", "gross amount", "list amount",
    ),
    "discount": ("优惠", "优惠金额", "折扣", "折扣金额", "让利", "减免", "抹零", "优惠额", "discount", "discount amount", "rebate"),
    "order_total": (
        "订单金额", "订单总额", "整单金额", "单据金额", "订单实付", "整单实收", "小票金额", "账单金额", "order total",
        "order amount", "receipt total", "bill total", "ticket total",
    ),
    "payment": (
        "支付方式", "付款方式", "结算方式", "收款方式", "支付类型", "付款类型", "支付渠道", "payment", "payment method",
        "pay type", "tender", "paid by", "payment type",
    ),
    "channel": (
        "渠道", "销售渠道", "订单来源", "来源渠道", "就餐方式", "销售方式", "channel", "sales channel", "order source", "order type",
    ),
    "kind": (
        "类型", "单据类型", "交易类型", "销售类型", "业务类型", "订单状态", "type", "transaction type", "kind", "sale type",
    ),
}

MEMBER_FIELDS: dict[str, tuple[str, ...]] = {
    "card_no": SALES_FIELDS["card_no"],
    "name": SALES_FIELDS["name"],
    "phone": SALES_FIELDS["phone"],
    "gender": ("性别", "gender", "sex"),
    "birthday": (
        "生日", "出生日期", "出生年月", "出生年月日", "生日日期", "birthday", "birth date", "date of birth", "dob", "birthdate",
    ),
    "lunar_birthday": ("农历生日", "阴历生日", "农历", "阴历", "生日农历", "生日(农历)", "农历出生日期", "lunar birthday",
                       "chinese birthday", "lunar"),
    "registered_on": (
        "注册日期", "注册时间", "开卡日期", "开卡时间", "入会日期", "入会时间", "办卡日期", "办卡时间", "加入日期", "建档日期",
        "创建日期", "创建时间", "registered", "registered on", "registration date", "join date", "joined", "member since",
        "signup date", "created",
    ),
    "source": (
        "来源", "会员来源", "注册渠道", "注册来源", "渠道", "来源渠道", "获客渠道", "source", "channel", "referral source",
        "acquisition channel",
    ),
    "area": (
        "区域", "地区", "地址", "住址", "小区", "商圈", "所在区域", "居住区域", "片区", "街道", "城市", "area", "address",
        "district", "region", "neighborhood", "neighbourhood", "city", "location",
    ),
    "tags": ("标签", "会员标签", "客户标签", "tags", "tag", "labels"),
    "notes": ("备注", "说明", "备注信息", "附注", "notes", "note", "remark", "remarks", "comment", "comments", "memo"),
    "consent": (
        "营销同意", "同意营销", "接收营销", "接受营销", "营销短信", "同意短信", "短信通知", "是否接收短信", "订阅", "是否同意",
        "营销许可", "consent", "marketing", "marketing consent", "opt in", "opt-in", "subscribe", "subscribed",
        "accepts marketing",
    ),
    "points": ("积分", "积分余额", "当前积分", "可用积分", "剩余积分", "points", "points balance", "point balance", "loyalty points"),
    "level": ("等级", "会员等级", "会员级别", "级别", "卡等级", "level", "member level", "grade", "membership level"),
}

# A ratings sheet (会员评价): one row per piece of feedback, for a member known by phone or card no.
RATING_FIELDS: dict[str, tuple[str, ...]] = {
    "phone": SALES_FIELDS["phone"],
    "card_no": SALES_FIELDS["card_no"],
    "date": (
        *SALES_FIELDS["date"], "时间", "评价日期", "评价时间", "评分日期", "评分时间", "反馈日期", "反馈时间", "提交时间",
        "提交日期", "填写时间", "填写日期", "留言时间", "time", "rated on", "rating date", "feedback date", "submitted",
        "submitted at", "review date",
    ),
    "rating": (
        "评分", "评价", "打分", "分数", "得分", "星级", "满意度", "总评分", "综合评分", "总体评分", "整体评分", "产品评分",
        "商品评分", "产品评价", "商品评价", "口味评分", "口味评价", "口味", "味道", "味道评分", "产品打分", "口味打分", "rating", "score", "stars", "star rating",
        "overall rating", "product rating", "taste rating", "taste", "satisfaction",
    ),
    "service_rating": ("服务评分", "服务评价", "服务", "服务打分", "服务满意度", "服务态度", "service", "service rating", "service score"),
    "environment_rating": (
        "环境评分", "环境评价", "环境", "环境打分", "环境满意度", "店内环境", "environment", "environment rating", "ambience",
        "ambience rating", "atmosphere",
    ),
    "product": SALES_FIELDS["product"],
    "comment": (
        "备注", "留言", "留言内容", "评论", "评论内容", "评价内容", "评语", "意见", "建议", "意见建议", "反馈", "反馈内容",
        "顾客留言", "说明", "comment", "comments", "remark", "remarks", "note", "notes", "feedback", "review", "message",
    ),
}
RATING_VALUE_FIELDS = ("rating", "service_rating", "environment_rating")

# A price list (商品价目表): one row per product.
PRODUCT_FIELDS: dict[str, tuple[str, ...]] = {
    "product": SALES_FIELDS["product"],
    "code": (
        "编码", "商品编码", "产品编码", "商品编号", "产品编号", "编号", "货号", "商品货号", "条码", "商品条码", "plu", "code",
        "product code", "item code", "sku", "sku code", "barcode", "item no", "product no", "article no",
    ),
    "category": SALES_FIELDS["category"],
    "unit_price": (*SALES_FIELDS["unit_price"], "现价", "新价格", "价格(元)", "list price", "new price"),
    "launched_on": (
        "上市日期", "上市时间", "上新日期", "上新时间", "上架日期", "上架时间", "新品日期", "发布日期", "launch date", "launched",
        "launched on", "launch", "release date", "introduced",
    ),
    "active": ("状态", "是否在售", "在售", "上架状态", "销售状态", "active", "status", "on sale", "available"),
}

# Columns that look like fields by a word they contain but are not (codes, staff, shop ...).
_IGNORED_WORDS = (
    "编码", "条码", "条形码", "货号", "序号", "行号", "门店", "店铺", "分店", "收银员", "操作员", "导购", "员工", "店员",
    "机台", "终端", "规格", "单位", "sku", "barcode", "code", "no.", "store", "shop", "branch", "cashier", "operator",
    "staff", "unit", "size", "row",
)
_REASON_WORDS = ("拒绝原因", "错误原因", "原因", "reason", "rejected because", "error")

FIELD_LABELS: dict[str, str] = {
    "date": QT_TRANSLATE_NOOP("fields", "Date"),
    "time": QT_TRANSLATE_NOOP("fields", "Time"),
    "receipt": QT_TRANSLATE_NOOP("fields", "Receipt no."),
    "phone": QT_TRANSLATE_NOOP("fields", "Phone"),
    "card_no": QT_TRANSLATE_NOOP("fields", "Card no."),
    "name": QT_TRANSLATE_NOOP("fields", "Name"),
    "product": QT_TRANSLATE_NOOP("fields", "Product"),
    "category": QT_TRANSLATE_NOOP("fields", "Category"),
    "quantity": QT_TRANSLATE_NOOP("fields", "Quantity"),
    "unit_price": QT_TRANSLATE_NOOP("fields", "Unit price"),
    "amount": QT_TRANSLATE_NOOP("fields", "Amount paid"),
    "gross": QT_TRANSLATE_NOOP("fields", "Amount before discount"),
    "discount": QT_TRANSLATE_NOOP("fields", "Discount"),
    "order_total": QT_TRANSLATE_NOOP("fields", "Receipt total"),
    "payment": QT_TRANSLATE_NOOP("fields", "Payment method"),
    "channel": QT_TRANSLATE_NOOP("fields", "Sales channel"),
    "kind": QT_TRANSLATE_NOOP("fields", "Sale or refund"),
    "gender": QT_TRANSLATE_NOOP("fields", "Gender"),
    "birthday": QT_TRANSLATE_NOOP("fields", "Birthday"),
    "lunar_birthday": QT_TRANSLATE_NOOP("fields", "Lunar birthday (农历)"),
    "registered_on": QT_TRANSLATE_NOOP("fields", "Registered"),
    "source": QT_TRANSLATE_NOOP("fields", "Source"),
    "area": QT_TRANSLATE_NOOP("fields", "Area"),
    "tags": QT_TRANSLATE_NOOP("fields", "Tags"),
    "notes": QT_TRANSLATE_NOOP("fields", "Notes"),
    "consent": QT_TRANSLATE_NOOP("fields", "Marketing consent"),
    "points": QT_TRANSLATE_NOOP("fields", "Points"),
    "level": QT_TRANSLATE_NOOP("fields", "Level"),
    "code": QT_TRANSLATE_NOOP("fields", "Product code"),
    "launched_on": QT_TRANSLATE_NOOP("fields", "Launch date"),
    "active": QT_TRANSLATE_NOOP("fields", "On sale"),
    "rating": QT_TRANSLATE_NOOP("fields", "Rating (product, taste)"),
    "service_rating": QT_TRANSLATE_NOOP("fields", "Service rating"),
    "environment_rating": QT_TRANSLATE_NOOP("fields", "Environment rating"),
    "comment": QT_TRANSLATE_NOOP("fields", "Comment"),
    IGNORE: QT_TRANSLATE_NOOP("fields", "(not imported)"),
}


def fields_for(kind: str) -> dict[str, tuple[str, ...]]:
    if kind == "products":
        return PRODUCT_FIELDS
    if kind == "ratings":
        return RATING_FIELDS
    return SALES_FIELDS if kind == "sales" else MEMBER_FIELDS


def normalise_header(value: object) -> str:
    """'会员手机号*' -> '会员手机号', '金额（元）' -> '金额', 'Card No.' -> 'card no'."""
    if value is None:
        return ""
    return _normalise_text(value if isinstance(value, str) else str(value))


@lru_cache(maxsize=16384)
def _normalise_text(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).strip().lower()
    text = re.sub(r"\((?:元|rmb|cny|¥|yuan|必填|选填|required|optional)\)", "", text)
    text = re.sub(r"[*:：#]+", "", text)
    text = text.replace("_", " ").replace("\n", " ")
    text = re.sub(r"(?<=[a-z])\.(?=\s|$)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^0-9a-z]+", text) if t]


class _Synonym:
    """A synonym with what matching needs precomputed (the table is scored for every cell of 30 rows)."""

    __slots__ = ("text", "spaceless", "ascii", "tokens", "bonus")

    def __init__(self, text: str) -> None:
        self.text = text
        self.spaceless = text.replace(" ", "")
        self.ascii = text.isascii()
        self.tokens = _tokens(text) if self.ascii else []
        self.bonus = min(len(text), 12) * (0.01 if self.ascii else 0.02)


class _Header:
    """A normalised header cell with its spaceless form and word tokens, computed once."""

    __slots__ = ("text", "spaceless", "latin", "_tokens")

    def __init__(self, text: str) -> None:
        self.text = text
        self.spaceless = text.replace(" ", "")
        # Latin synonyms can only match a header that has ASCII letters (or is all ASCII).
        self.latin = text.isascii() or any(ch.isascii() and ch.isalpha() for ch in text)
        self._tokens: list[str] | None = None

    @property
    def tokens(self) -> list[str]:
        if self._tokens is None:
            self._tokens = _tokens(self.text)
        return self._tokens


def _score(h: _Header, s: _Synonym) -> float:
    if not h.text:
        return 0.0
    if h.text == s.text or h.spaceless == s.spaceless:
        return 1.0
    if s.ascii:
        if not h.latin:
            return 0.0
        ht, st = h.tokens, s.tokens
        if not st or len(st) > len(ht):
            return 0.0
        if ht[-len(st) :] == st:
            return 0.75 + s.bonus
        for i in range(len(ht) - len(st) + 1):
            if ht[i : i + len(st)] == st:
                return 0.55 + s.bonus
        return 0.0
    if len(s.text) < 2:
        return 0.0
    if h.spaceless.endswith(s.text):
        return 0.75 + s.bonus
    if s.text in h.spaceless:
        return 0.55 + s.bonus
    return 0.0


def _match(header: str, synonym: str) -> float:
    """How well one header matches one synonym (0 = not at all)."""
    return _score(_Header(header), _Synonym(synonym))


_TABLES: dict[str, list[tuple[str, list[_Synonym]]]] = {
    kind: [(name, [_Synonym(x) for x in synonyms]) for name, synonyms in fields_for(kind).items()] for kind in ("sales", "members", "products", "ratings")
}
_IGNORED = [_Synonym(x) for x in _IGNORED_WORDS]
_REASONS = [_Synonym(x) for x in _REASON_WORDS]


def field_scores(header: str, kind: str) -> dict[str, float]:
    """Each field's score for one normalised header cell (fields scoring 0 are left out)."""
    return dict(_field_scores(header, kind))


# Traditional characters of the header words, as Taiwan/Hong Kong POS exports (Big5) write them:
# matched against the Simplified synonyms (銷售日期 = 销售日期, 金額 = 金额, 會員電話 = 会员电话).
_SIMPLIFIED = str.maketrans(
    "銷單號稱數額價實應優費類別時間點積標簽註冊區備發貨買賣結帳賬張條訂產顧戶總計錢現筆項門營業務稅級聯絡會員電話碼機動態種齡歲齊錄臺灣記錄選擇聲種贈餘儲蓄值卡轉帳來源處",
    "销单号称数额价实应优费类别时间点积标签注册区备发货买卖结帐账张条订产顾户总计钱现笔项门营业务税级联络会员电话码机动态种龄岁齐录台湾记录选择声种赠余储蓄值卡转帐来源处",
)


@lru_cache(maxsize=8192)
def _field_scores(header: str, kind: str) -> dict[str, float]:
    h = _Header(header.translate(_SIMPLIFIED))
    scores: dict[str, float] = {}
    for name, synonyms in _TABLES[kind if kind in _TABLES else "members"]:
        best = max((_score(h, s) for s in synonyms), default=0.0)
        if best > 0:
            scores[name] = best
    ignore = max((_score(h, s) for s in _IGNORED), default=0.0)
    if ignore > 0 and ignore >= max(scores.values(), default=0.0) and max(scores.values(), default=0.0) < 1.0:
        scores = {IGNORE: ignore}
    reason = max((_score(h, s) for s in _REASONS), default=0.0)
    if reason >= 0.75:
        scores = {REASON: 1.0}
    return scores


@dataclass
class MappingGuess:
    """The columns of one header row mapped to fields, with how sure each guess is."""

    header_index: int  # index into the rows given to detect_header (0-based)
    headers: list[str]
    mapping: dict[int, str]
    scores: dict[int, float]
    missing: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        if self.missing:
            return 0.0
        used = [self.scores[c] for c, f in self.mapping.items() if f not in (IGNORE, REASON)]
        if not used:
            return 0.0
        return round(min(1.0, 0.5 * min(used) + 0.5 * (sum(used) / len(used))), 2)


def required_missing(kind: str, fields_present: set[str]) -> list[str]:
    if kind == "products":
        return [f for f in ("product", "unit_price") if f not in fields_present]
    if kind == "ratings":
        missing = [] if fields_present & {"phone", "card_no"} else ["phone"]
        if "date" not in fields_present:
            missing.append("date")
        if not fields_present & set(RATING_VALUE_FIELDS):
            missing.append("rating")
        return missing
    if kind == "sales":
        missing = [] if "date" in fields_present else ["date"]
        if not fields_present & {"amount", "gross", "unit_price", "order_total"}:
            missing.append("amount")
        return missing
    return [] if fields_present & {"phone", "card_no"} else ["phone"]


def assign(headers: Sequence[object], kind: str) -> tuple[dict[int, str], dict[int, float]]:
    """Greedy best-first assignment: each field to one column, each column to one field."""
    candidates: list[tuple[float, int, str]] = []
    for col, raw in enumerate(headers):
        norm = normalise_header(raw)
        if not norm or len(norm) > 60:
            continue
        for name, score in field_scores(norm, kind).items():
            candidates.append((score, -col, name))
    candidates.sort(reverse=True)
    mapping: dict[int, str] = {}
    scores: dict[int, float] = {}
    taken: set[str] = set()
    for score, neg_col, name in candidates:
        col = -neg_col
        if col in mapping or (name in taken and name not in (IGNORE, REASON)):
            continue
        mapping[col] = name
        scores[col] = round(min(score, 1.0), 2)
        taken.add(name)
    if kind == "sales" and "date" not in taken and "time" in taken:
        col = next(c for c, f in mapping.items() if f == "time")
        mapping[col] = "date"
    return mapping, scores


def _looks_like_data(cell: object) -> bool:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return True
    return not isinstance(cell, str) and cell is not None


def detect_header(rows: Sequence[Sequence[object]], kind: str) -> MappingGuess | None:
    """The most header-like row among the first HEADER_SCAN_ROWS, or None when none maps 2 fields."""
    best: tuple[float, int] | None = None
    best_guess: MappingGuess | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping, scores = assign(row, kind)
        real = {c: f for c, f in mapping.items() if f not in (IGNORE, REASON)}
        if len(real) < 2:
            continue
        data_cells = sum(1 for cell in row if _looks_like_data(cell))
        score = sum(scores[c] for c in real) - 0.5 * data_cells
        missing = required_missing(kind, set(real.values()))
        score -= 1.5 * len(missing)
        if best is None or score > best[0]:
            best = (score, index)
            headers = [_header_text(cell) for cell in row]
            best_guess = MappingGuess(index, headers, mapping, scores, missing)
    return best_guess


def _header_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def layout_key(kind: str, headers: Sequence[str]) -> str:
    """Identifies a header layout (its cells in order), ignoring a trailing rejected-rows reason column."""
    cells = [normalise_header(h) for h in headers]
    while cells and not cells[-1]:
        cells.pop()
    if cells and field_scores(cells[-1], kind).get(REASON):
        cells.pop()
    return hashlib.sha256(("\x1f".join([kind, *cells])).encode("utf-8")).hexdigest()


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int | None:
    if not re.fullmatch(r"[A-Za-z]{1,3}", letters):
        return None
    value = 0
    for ch in letters.upper():
        value = value * 26 + ord(ch) - 64
    return value - 1
