"""What the demo shop sells and how its customers are described.

Plain data for the demo generator, kept apart so the generator reads as behaviour.  Every label
comes as a (Chinese, English) pair: the demo shop is filled in the language the owner picked, and
the generated numbers do not depend on that choice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Categories; the index is used by the generator's tables.
BREAD, CAKE, PASTRY, CHINESE, DRINK, TEA, GIFT = range(7)
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("面包", "Bread"),
    ("蛋糕", "Cake"),
    ("西点", "Pastry"),
    ("中式糕点", "Chinese pastry"),
    ("奶茶饮品", "Drinks"),
    ("茶", "Tea"),
    ("礼盒", "Gift box"),
)

# Day parts x weekend: how strongly each category sells in that slot (relative weights).
# Slots: 0-2 weekday morning/afternoon/evening, 3-5 the same at the weekend.
SLOTS = 6
CATEGORY_SLOT_AFFINITY: tuple[tuple[float, ...], ...] = (
    (5.0, 1.5, 3.0, 3.0, 1.5, 2.5),  # bread: breakfast, and the evening discount
    (0.2, 1.0, 0.8, 0.6, 2.5, 1.2),  # cake: weekend afternoons
    (1.0, 2.0, 1.0, 1.2, 2.5, 1.0),  # pastry: afternoon tea
    (0.8, 1.0, 0.8, 1.0, 1.2, 0.8),  # chinese pastry
    (2.5, 3.5, 1.0, 2.0, 3.0, 1.0),  # drinks: morning coffee, afternoon milk tea
    (0.5, 1.2, 0.4, 0.6, 1.2, 0.4),  # tea
    (0.05, 0.2, 0.15, 0.1, 0.4, 0.2),  # gift boxes
)

# Quantity patterns: (quantities, probabilities).
QTY_FEW = ((1, 2, 3, 4), (0.65, 0.27, 0.06, 0.02))
QTY_ONE = ((1, 2), (0.93, 0.07))
QTY_MANY = ((1, 2, 4, 6, 8), (0.30, 0.30, 0.20, 0.15, 0.05))
QTY_GIFT = ((1, 2, 5, 10), (0.84, 0.11, 0.04, 0.01))
QUANTITY_PATTERNS = (QTY_FEW, QTY_ONE, QTY_MANY, QTY_GIFT)
FEW, ONE, MANY, GIFTQ = range(4)

# Seasons: which festival a seasonal product belongs to, and its selling window in days
# relative to the festival day (inclusive).
NONE, MOONCAKE, ZONGZI, QINGMING, CHRISTMAS, SPRING = range(6)
SEASON_WINDOWS: dict[int, tuple[int, int]] = {
    MOONCAKE: (-40, 0),
    ZONGZI: (-21, 0),
    QINGMING: (-20, 6),
    CHRISTMAS: (-14, 0),
    SPRING: (-25, -1),
}
# Climate: drinks that sell better in summer (Jun-Sep) or winter (Nov-Feb).
NO_CLIMATE, SUMMER, WINTER = range(3)


@dataclass(frozen=True)
class DemoProduct:
    zh: str
    en: str
    category: int
    price_cents: int
    popularity: float
    quantity: int = FEW
    season: int = NONE
    climate: int = NO_CLIMATE
    # Days before the end of the history it was launched (None: a classic from before the history).
    launched_days_ago: int | None = None
    # Days before the end of the history it was taken off the menu (None: still sold).
    retired_days_ago: int | None = None
    birthday_cake: bool = False


P = DemoProduct
PRODUCTS: tuple[DemoProduct, ...] = (
    # bread
    P("原味吐司", "Plain toast loaf", BREAD, 1200, 3.0),
    P("全麦吐司", "Whole-wheat toast loaf", BREAD, 1400, 2.0),
    P("牛角可颂", "Butter croissant", BREAD, 900, 3.5),
    P("红豆面包", "Red bean bun", BREAD, 700, 2.5),
    P("肉松面包", "Pork floss bun", BREAD, 950, 3.0),
    P("菠萝包", "Pineapple bun", BREAD, 750, 2.5),
    P("法棍", "Baguette", BREAD, 1200, 1.5),
    P("椰蓉面包", "Coconut bun", BREAD, 700, 1.5, retired_days_ago=300),
    P("奶酪包", "Cream cheese bun", BREAD, 1000, 2.5),
    P("火腿芝士面包", "Ham and cheese bun", BREAD, 1100, 2.0),
    P("黑麦面包", "Rye bread", BREAD, 1600, 0.8),
    P("毛毛虫面包", "Caterpillar cream bread", BREAD, 800, 1.5),
    P("贝果", "Bagel", BREAD, 1000, 1.0),
    # cake
    P("生日蛋糕(6寸)", "Birthday cake 6-inch", CAKE, 16800, 0.02, ONE, birthday_cake=True),
    P("生日蛋糕(8寸)", "Birthday cake 8-inch", CAKE, 23800, 0.015, ONE, birthday_cake=True),
    P("生日蛋糕(10寸)", "Birthday cake 10-inch", CAKE, 32800, 0.005, ONE, birthday_cake=True),
    P("提拉米苏", "Tiramisu slice", CAKE, 2800, 1.5, ONE),
    P("重芝士蛋糕", "Baked cheesecake slice", CAKE, 2600, 1.5, ONE),
    P("抹茶千层", "Matcha mille crêpe", CAKE, 3200, 1.2, ONE),
    P("芒果慕斯", "Mango mousse", CAKE, 2900, 1.0, ONE),
    P("红丝绒蛋糕", "Red velvet slice", CAKE, 2700, 0.8, ONE, retired_days_ago=150),
    P("戚风蛋糕", "Chiffon cake", CAKE, 3800, 0.8, ONE),
    P("圣诞树桩蛋糕", "Yule log cake", CAKE, 12800, 1.5, ONE, season=CHRISTMAS),
    # pastry
    P("葡式蛋挞", "Portuguese egg tart", PASTRY, 600, 3.0, MANY),
    P("奶油泡芙", "Cream puff", PASTRY, 800, 1.5, MANY),
    P("马卡龙", "Macaron", PASTRY, 1200, 1.0, MANY),
    P("英式司康", "Scone", PASTRY, 900, 1.0),
    P("瑞士卷", "Swiss roll", PASTRY, 1800, 1.2, ONE),
    P("焦糖布丁", "Caramel pudding", PASTRY, 1200, 1.0),
    P("肉松小贝", "Pork floss sponge bites", PASTRY, 800, 1.8, MANY),
    # chinese pastry
    P("蛋黄酥", "Salted egg-yolk pastry", CHINESE, 900, 1.8, MANY),
    P("绿豆糕", "Mung bean cake", CHINESE, 600, 1.0, MANY),
    P("老婆饼", "Wife cake", CHINESE, 650, 1.0, MANY),
    P("莲蓉月饼", "Lotus paste mooncake", CHINESE, 1800, 3.0, MANY, season=MOONCAKE),
    P("五仁月饼", "Five-nut mooncake", CHINESE, 1600, 1.5, MANY, season=MOONCAKE),
    P("冰皮月饼", "Snow-skin mooncake", CHINESE, 2000, 2.0, MANY, season=MOONCAKE),
    P("鲜肉粽", "Pork zongzi", CHINESE, 1200, 3.0, MANY, season=ZONGZI),
    P("豆沙粽", "Red bean zongzi", CHINESE, 900, 2.0, MANY, season=ZONGZI),
    P("艾草青团", "Mugwort qingtuan", CHINESE, 800, 3.0, MANY, season=QINGMING),
    # drinks
    P("珍珠奶茶", "Bubble milk tea", DRINK, 1500, 3.5),
    P("芋泥波波奶茶", "Taro boba milk tea", DRINK, 1800, 2.5),
    P("杨枝甘露", "Mango pomelo sago", DRINK, 1900, 1.5, climate=SUMMER),
    P("芝士奶盖绿茶", "Cheese-foam green tea", DRINK, 1700, 2.0),
    P("美式咖啡", "Americano", DRINK, 1600, 2.5),
    P("拿铁", "Latte", DRINK, 2000, 2.5),
    P("现磨豆浆", "Fresh soy milk", DRINK, 500, 2.5),
    P("港式柠檬茶", "Hong Kong lemon tea", DRINK, 1400, 1.8, climate=SUMMER),
    P("热可可", "Hot cocoa", DRINK, 1800, 1.0, climate=WINTER),
    # tea
    P("茉莉花茶", "Jasmine tea", TEA, 1200, 1.5),
    P("铁观音", "Tieguanyin oolong", TEA, 1800, 0.8),
    P("桂花乌龙", "Osmanthus oolong", TEA, 1600, 1.0),
    P("英式红茶", "English breakfast tea", TEA, 1400, 0.6, retired_days_ago=400),
    # gift boxes
    P("月饼礼盒", "Mooncake gift box", GIFT, 26800, 10.0, GIFTQ, season=MOONCAKE),
    P("粽子礼盒", "Zongzi gift box", GIFT, 16800, 8.0, GIFTQ, season=ZONGZI),
    P("新春糕点礼盒", "New Year pastry box", GIFT, 19800, 8.0, GIFTQ, season=SPRING),
    P("曲奇礼盒", "Cookie gift box", GIFT, 12800, 1.0, GIFTQ),
    P("下午茶礼盒", "Afternoon tea box", GIFT, 8800, 1.5, GIFTQ),
    # launched during the history: the "new products"
    P("海盐奶盖可颂", "Sea-salt cream croissant", BREAD, 1200, 2.5, launched_days_ago=12),
    P("生椰拿铁", "Coconut latte", DRINK, 2200, 2.5, launched_days_ago=26),
    P("开心果千层", "Pistachio mille crêpe", CAKE, 3600, 1.5, ONE, launched_days_ago=41),
    P("桂花酒酿奶茶", "Osmanthus rice-wine milk tea", DRINK, 1900, 2.0, launched_days_ago=57),
    P("黑芝麻麻薯包", "Black sesame mochi bun", BREAD, 1000, 2.0, launched_days_ago=105),
    P("草莓大福", "Strawberry daifuku", PASTRY, 1200, 1.5, MANY, launched_days_ago=175),
    P("柚子冷泡茶", "Yuzu cold-brew tea", TEA, 1600, 1.2, launched_days_ago=260),
    P("伯爵茶戚风", "Earl Grey chiffon", CAKE, 3400, 0.9, ONE, launched_days_ago=380),
    P("流心芝士挞", "Molten cheese tart", PASTRY, 1000, 2.0, MANY, launched_days_ago=500),
    P("多肉葡萄", "Grape cheese-foam tea", DRINK, 2200, 1.8, climate=SUMMER, launched_days_ago=640),
)
del P

SHOP_NAME = ("示例烘焙坊", "Demo Bakery")


def label(pair: tuple[str, str], language: str) -> str:
    return pair[0] if language.startswith("zh") else pair[1]


# Lunar festivals move every year; outside this table an approximate date is used.
MID_AUTUMN = {
    2018: (9, 24), 2019: (9, 13), 2020: (10, 1), 2021: (9, 21), 2022: (9, 10), 2023: (9, 29),
    2024: (9, 17), 2025: (10, 6), 2026: (9, 25), 2027: (9, 15), 2028: (10, 3), 2029: (9, 22),
    2030: (9, 12),
}
DRAGON_BOAT = {
    2018: (6, 18), 2019: (6, 7), 2020: (6, 25), 2021: (6, 14), 2022: (6, 3), 2023: (6, 22),
    2024: (6, 10), 2025: (5, 31), 2026: (6, 19), 2027: (6, 9), 2028: (5, 28), 2029: (6, 16),
    2030: (6, 5),
}
SPRING_FESTIVAL = {
    2018: (2, 16), 2019: (2, 5), 2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22),
    2024: (2, 10), 2025: (1, 29), 2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13),
    2030: (2, 3),
}


def festival_day(season: int, year: int) -> dt.date:
    if season == MOONCAKE:
        month, day = MID_AUTUMN.get(year, (9, 20))
    elif season == ZONGZI:
        month, day = DRAGON_BOAT.get(year, (6, 10))
    elif season == SPRING:
        month, day = SPRING_FESTIVAL.get(year, (2, 1))
    elif season == QINGMING:
        month, day = 4, 4
    elif season == CHRISTMAS:
        month, day = 12, 25
    else:
        raise ValueError(season)
    return dt.date(year, month, day)


# ---- people -------------------------------------------------------------------------------

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
# Rough frequency weights, most common first.
SURNAME_WEIGHTS = tuple(max(0.6, 7.5 - 0.3 * i) for i in range(len(SURNAMES)))
GIVEN_FEMALE = "婷敏静丽娟艳芳娜秀玲颖雪琳欣怡佳慧晶洁倩梅萍莉蕾雯悦彤瑶妍"
GIVEN_MALE = "伟强磊军勇杰涛明超辉鹏浩俊宇飞斌峰刚波凯晨阳健博然帆鑫"
GIVEN_NEUTRAL = "文华宁子思嘉一安晓雨清诗梓可心言乐家"

# Member source channels (keys of SOURCES in the model) and their weights.
SOURCE_WEIGHTS = (("walk_in", 0.45), ("wechat", 0.25), ("delivery", 0.12), ("referral", 0.08), ("event", 0.07), ("other", 0.03))

AREAS: tuple[tuple[str, str, float], ...] = (
    ("科技园写字楼", "Tech Park offices", 0.20),
    ("阳光花园小区", "Sunshine Garden estate", 0.16),
    ("滨江苑", "Riverside Court", 0.10),
    ("中心商务区", "Central business district", 0.12),
    ("大学城", "University Town", 0.10),
    ("锦绣家园", "Jinxiu Homes", 0.09),
    ("地铁站周边", "Around the metro station", 0.09),
    ("老城区", "Old town", 0.06),
    ("实验小学附近", "Near the primary school", 0.05),
    ("万达广场", "Wanda Plaza", 0.03),
)

# Tags hold no spaces or slashes: the member form splits tags on them.
TAG_OFFICE = ("上班族", "office-worker")
TAG_MUM = ("宝妈", "young-parent")
TAG_STUDENT = ("学生", "student")
TAG_SWEET = ("爱吃甜", "sweet-tooth")
TAG_LESS_SUGAR = ("少糖", "less-sugar")
TAG_FITNESS = ("健身", "fitness")
TAG_CORPORATE = ("企业团购", "corporate-orders")
TAG_NUTS = ("坚果过敏", "nut-allergy")
TAG_COFFEE = ("咖啡控", "coffee-lover")
TAG_CAKE_ORDERS = ("蛋糕预订", "cake-pre-orders")
TAGS = (TAG_OFFICE, TAG_MUM, TAG_STUDENT, TAG_SWEET, TAG_LESS_SUGAR, TAG_FITNESS, TAG_CORPORATE, TAG_NUTS, TAG_COFFEE, TAG_CAKE_ORDERS)

NOTES: tuple[tuple[str, str], ...] = (
    ("对坚果过敏，推荐时请注意", "Allergic to nuts: mind it when recommending"),
    ("每周六预订全麦吐司", "Pre-orders whole-wheat toast every Saturday"),
    ("公司下午茶团购联系人", "Contact for office afternoon-tea orders"),
    ("喜欢少糖少冰", "Likes less sugar, less ice"),
    ("孩子生日常订8寸蛋糕", "Orders an 8-inch cake for the children's birthdays"),
    ("喜欢刚出炉的面包，常在7点半来", "Likes bread fresh from the oven, comes at 7:30"),
)

REDEEM_NOTE = ("积分兑换蛋糕券", "Points redeemed for a cake voucher")

# Feedback comments by rating.
COMMENTS: dict[int, tuple[tuple[str, str], ...]] = {
    5: (
        ("面包很新鲜，每天早上都来买", "The bread is always fresh, I come every morning"),
        ("店员很热情", "Very friendly staff"),
        ("生日蛋糕做得很漂亮，孩子很喜欢", "The birthday cake was beautiful, the kids loved it"),
        ("新品很好喝，会再来", "The new drink is great, will come again"),
        ("月饼礼盒送人很有面子", "The mooncake gift box made a great present"),
    ),
    4: (
        ("味道不错，就是排队有点久", "Tasty, but the queue was a bit long"),
        ("奶茶甜度刚好", "Milk tea sweetness just right"),
        ("价格稍贵但品质好", "A bit pricey but good quality"),
        ("希望早上多几种全麦面包", "Would like more whole-grain bread in the morning"),
    ),
    3: (
        ("一般般，和以前差不多", "Average, same as before"),
        ("外卖送得有点慢", "The delivery was a bit slow"),
        ("座位太少", "Not enough seats"),
    ),
    2: (
        ("面包有点干", "The bread was a bit dry"),
        ("奶茶太甜了", "The milk tea was far too sweet"),
        ("等了二十分钟才拿到", "Waited twenty minutes for the order"),
    ),
    1: (
        ("蛋糕奶油不新鲜", "The cream on the cake was not fresh"),
        ("店员态度不好", "The staff were rude"),
        ("外卖洒了，也没人处理", "The delivery spilled and nobody dealt with it"),
    ),
}
