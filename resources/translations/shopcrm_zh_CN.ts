<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust stored value</source>
        <translation>调整储值余额</translation>
    </message>
    <message>
        <source>e.g. 20 or -20</source>
        <translation>例如 20 或 -20</translation>
    </message>
    <message>
        <source>B&amp;onus money (not refundable)</source>
        <translation>赠送金额（不可退）(&amp;O)</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>{total} (of which bonus {bonus})</source>
        <translation>{total}（其中赠送 {bonus}）</translation>
    </message>
    <message>
        <source>&amp;Change (+/-)</source>
        <translation>变动（+/-）(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>Saving settings</source>
        <translation>正在保存设置</translation>
    </message>
    <message>
        <source>ShopCRM</source>
        <translation>ShopCRM</translation>
    </message>
    <message>
        <source>Something went wrong; nothing was changed.
{error}</source>
        <translation>出错了，没有做任何更改。
{error}</translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>Member list exported</source>
        <translation>导出了会员名单</translation>
    </message>
    <message>
        <source>Member list printed</source>
        <translation>打印了会员名单</translation>
    </message>
    <message>
        <source>Member erased</source>
        <translation>彻底删除了会员</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>A member&apos;s data exported</source>
        <translation>导出了会员个人数据</translation>
    </message>
    <message>
        <source>Owner password set</source>
        <translation>设置了店主密码</translation>
    </message>
    <message>
        <source>Owner password removed</source>
        <translation>取消了店主密码</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>修改了设置</translation>
    </message>
    <message>
        <source>member {v}</source>
        <translation>会员 {v}</translation>
    </message>
    <message>
        <source>{v} purchases</source>
        <translation>{v} 笔消费</translation>
    </message>
    <message>
        <source>{v} points entries</source>
        <translation>{v} 条积分记录</translation>
    </message>
    <message>
        <source>saved list {v}</source>
        <translation>名单 {v}</translation>
    </message>
    <message>
        <source>{v} members</source>
        <translation>{v} 位会员</translation>
    </message>
    <message>
        <source>{v} rows</source>
        <translation>{v} 行</translation>
    </message>
    <message>
        <source>to {v}</source>
        <translation>输出到 {v}</translation>
    </message>
    <message>
        <source>file {v}</source>
        <translation>文件 {v}</translation>
    </message>
    <message>
        <source>from {v}</source>
        <translation>来自 {v}</translation>
    </message>
    <message>
        <source>the data before saved as {v}</source>
        <translation>原数据已另存为 {v}</translation>
    </message>
    <message>
        <source>changed: {v}</source>
        <translation>修改了：{v}</translation>
    </message>
    <message>
        <source>phones masked</source>
        <translation>手机号已隐藏</translation>
    </message>
    <message>
        <source>phones shown in full</source>
        <translation>显示完整手机号</translation>
    </message>
    <message>
        <source>members with consent only</source>
        <translation>只含同意接收营销信息的会员</translation>
    </message>
    <message>
        <source>members without consent included</source>
        <translation>包含未同意接收营销信息的会员</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>first set</source>
        <translation>首次设置</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AuditLogPanel</name>
    <message>
        <source>The audit log lists every member list exported or printed, every member&apos;s data exported, every erasure, restore, password and settings change — with ids and counts only, never a name or a phone.</source>
        <translation>审计日志记录每次导出或打印会员名单、导出会员个人数据、彻底删除会员、从备份恢复、修改密码和设置——只记编号和数量，从不记姓名或手机号。</translation>
    </message>
    <message>
        <source>A member&apos;s own data and consent history: Members screen → pick the member → &quot;Export this member&apos;s data…&quot; or &quot;Consent history…&quot;.</source>
        <translation>某位会员自己的数据和营销同意记录：会员界面 → 选中该会员 →“导出该会员的数据…”或“营销同意记录…”。</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;Show the audit log</source>
        <translation>查看审计日志(&amp;S)</translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation>显示(&amp;W)</translation>
    </message>
    <message>
        <source>The audit log needs the owner password.</source>
        <translation>查看审计日志需要店主密码。</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>{n} events, newest first (the latest {max} are shown).</source>
        <translation>共 {n} 条记录，最新的在前（只显示最近 {max} 条）。</translation>
    </message>
    <message>
        <source>{n} events, newest first.</source>
        <translation>共 {n} 条记录，最新的在前。</translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation>还没有记录。</translation>
    </message>
</context>
<context>
    <name>BackupsSection</name>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>default folder</source>
        <translation>默认文件夹</translation>
    </message>
    <message>
        <source>&amp;Choose ...</source>
        <translation>选择……(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>Res&amp;tore from a backup file ...</source>
        <translation>从备份文件恢复……(&amp;T)</translation>
    </message>
    <message>
        <source>Restore the &amp;selected backup ...</source>
        <translation>恢复选中的备份……(&amp;S)</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Keep the newest</source>
        <translation>保留最新的备份数</translation>
    </message>
    <message>
        <source>Backups of this shop</source>
        <translation>本店的备份</translation>
    </message>
    <message>
        <source>This shop uses a PostgreSQL server: back it up on the server (pg_dump).</source>
        <translation>本店使用 PostgreSQL 服务器：请在服务器上备份（pg_dump）。</translation>
    </message>
    <message>
        <source>Backing up ...</source>
        <translation>正在备份……</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>正在备份</translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation>备份已写入 {path}</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>ShopCRM backups (*.db);;All files (*)</source>
        <translation>ShopCRM 备份 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace ALL data of this shop with the backup {file}?

The current data is backed up first, so this can be undone by restoring that copy.</source>
        <translation>用备份 {file} 替换本店的全部数据？

当前数据会先备份，之后可通过恢复那份备份撤销本次操作。</translation>
    </message>
    <message>
        <source>Restoring a backup needs the owner password.</source>
        <translation>从备份恢复需要店主密码。</translation>
    </message>
    <message>
        <source>Restored. The previous data was saved as {path}</source>
        <translation>已恢复。原来的数据已保存为 {path}</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>正在恢复</translation>
    </message>
    <message>
        <source>{file} is a backup of another shop, &quot;{other}&quot;.

Replace ALL data of this shop, &quot;{this}&quot;, with the data of &quot;{other}&quot;?</source>
        <translation>{file} 是另一家店“{other}”的备份。

要用“{other}”的数据替换本店“{this}”的全部数据吗？</translation>
    </message>
</context>
<context>
    <name>Birthday</name>
    <message>
        <source>Birthday today!</source>
        <translation>今天生日！</translation>
    </message>
    <message>
        <source>Birthday this week ({date})</source>
        <translation>本周生日（{date}）</translation>
    </message>
</context>
<context>
    <name>CampaignBuilder</name>
    <message>
        <source>Birthday: any</source>
        <translation>生日：不限</translation>
    </message>
    <message>
        <source>Birthday this week</source>
        <translation>本周生日</translation>
    </message>
    <message>
        <source>Birthday this month</source>
        <translation>本月生日</translation>
    </message>
</context>
<context>
    <name>CampaignColumns</name>
    <message>
        <source>Card no.</source>
        <translation>会员卡号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>金字塔层级</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>价值等级</translation>
    </message>
    <message>
        <source>Visit frequency</source>
        <translation>到店频次</translation>
    </message>
    <message>
        <source>Spend class</source>
        <translation>消费等级</translation>
    </message>
    <message>
        <source>Preference</source>
        <translation>产品偏好</translation>
    </message>
    <message>
        <source>Favourite category</source>
        <translation>最爱品类</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>注册日期</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
</context>
<context>
    <name>CampaignFilter</name>
    <message>
        <source>Women</source>
        <translation>女性</translation>
    </message>
    <message>
        <source>Men</source>
        <translation>男性</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>{title}: {values}</source>
        <translation>{title}：{values}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Area contains &quot;{text}&quot;</source>
        <translation>区域包含“{text}”</translation>
    </message>
    <message>
        <source>Tag &quot;{tag}&quot;</source>
        <translation>标签“{tag}”</translation>
    </message>
    <message>
        <source>Birthday from {first} to {last}</source>
        <translation>生日在 {first} 至 {last}</translation>
    </message>
    <message>
        <source>Birthday in month {month}</source>
        <translation>{month} 月生日</translation>
    </message>
    <message>
        <source>Bought before {festival} (no such festival yet)</source>
        <translation>{festival}前购买（尚无该节日）</translation>
    </message>
    <message>
        <source>Bought {what} from {first} to {last} ({festival})</source>
        <translation>{first} 至 {last} 购买了{what}（{festival}）</translation>
    </message>
    <message>
        <source>anything</source>
        <translation>任意商品</translation>
    </message>
    <message>
        <source>All current members</source>
        <translation>全部在册会员</translation>
    </message>
    <message>
        <source>{people}, {ages}</source>
        <translation>{people}，{ages}</translation>
    </message>
    <message>
        <source>Only members who agreed to receive promotions are listed.</source>
        <translation>只列出同意接收营销信息的会员。</translation>
    </message>
    <message>
        <source>The owner chose to include members who did NOT agree to receive promotions.</source>
        <translation>店主选择包含了未同意接收营销信息的会员。</translation>
    </message>
</context>
<context>
    <name>CampaignPresets</name>
    <message>
        <source>Birthdays this week</source>
        <translation>本周生日</translation>
    </message>
    <message>
        <source>Members whose birthday falls in the next 7 days.</source>
        <translation>未来 7 天内过生日的会员。</translation>
    </message>
    <message>
        <source>Birthdays this month</source>
        <translation>本月生日</translation>
    </message>
    <message>
        <source>Members whose birthday is in the current month.</source>
        <translation>本月过生日的会员。</translation>
    </message>
    <message>
        <source>At-risk members to win back</source>
        <translation>需要挽回的流失风险会员</translation>
    </message>
    <message>
        <source>Members the churn warning marks as at risk: coming less often than they used to.</source>
        <translation>流失预警标记为有风险的会员：来得比以前少了。</translation>
    </message>
    <message>
        <source>Top-pyramid customers slipping away</source>
        <translation>正在流失的铂金和黄金客户</translation>
    </message>
    <message>
        <source>Gold and platinum members of the customer pyramid who are at risk or have stopped coming.</source>
        <translation>客户金字塔中有流失风险或已不再来的黄金和铂金会员。</translation>
    </message>
    <message>
        <source>New-product triers for a launch in {category}</source>
        <translation>{category}新品上市：邀请尝鲜者</translation>
    </message>
    <message>
        <source>Members who like to try new products and buy this category most: invite them to the launch.</source>
        <translation>喜欢尝试新品、且最常买这个品类的会员：邀请他们参加新品上市。</translation>
    </message>
    <message>
        <source>{festival} buyers of {category}</source>
        <translation>{festival}购买{category}的会员</translation>
    </message>
    <message>
        <source>{festival} buyers</source>
        <translation>{festival}节前购买的会员</translation>
    </message>
    <message>
        <source>Members who bought (in the category) in the days before the festival&apos;s latest day, e.g. mooncakes before last Mid-Autumn or 年货 before the Spring Festival: invite them again.</source>
        <translation>在最近一次节日前若干天内（在该品类中）购买过的会员，例如去年中秋前买月饼、春节前买年货的会员：今年再邀请他们。</translation>
    </message>
</context>
<context>
    <name>CampaignResponse</name>
    <message>
        <source>The list was saved on {date}; purchases after that will show here.</source>
        <translation>名单保存于 {date}；此后的消费会显示在这里。</translation>
    </message>
    <message>
        <source>The {days}-day window runs until {date}: these are the figures so far.</source>
        <translation>{days} 天统计期到 {date} 结束：以下是目前的数据。</translation>
    </message>
    <message>
        <source>{buyers} of {members} members on the list ({rate}) bought within {days} days.</source>
        <translation>名单上 {members} 位会员中有 {buyers} 位（{rate}）在 {days} 天内消费。</translation>
    </message>
    <message>
        <source>Nobody on this list is marked as contacted, so there is no campaign effect to measure. Tick the members you reached and the comparison will show here.</source>
        <translation>这份名单上没有会员被标记为已联系，因此没有活动效果可衡量。勾选您联系过的会员，这里就会显示对比。</translation>
    </message>
    <message>
        <source>{buyers} of the {members} contacted members ({rate}) bought in those days.</source>
        <translation>已联系的 {members} 位会员中有 {buyers} 位（{rate}）在这几天内消费。</translation>
    </message>
    <message>
        <source>There is nobody to compare with: everyone the list&apos;s filter matched on its day was contacted (or was reached by another list). Leave a part of the list uncontacted, chosen at random, to see whether contacting makes a difference.</source>
        <translation>没有可比较的会员：名单当天筛选出的会员都已联系（或已被其他名单联系）。随机留出一部分名单不联系，才能看出联系是否有效果。</translation>
    </message>
    <message>
        <source>{n} contacted members have no similar uncontacted member to compare with and are left out of the comparison.</source>
        <translation>有 {n} 位已联系的会员找不到相似的未联系会员可比，未计入比较。</translation>
    </message>
    <message>
        <source>Members the list matched on its day who were not contacted: {rate} of them bought in the same days ({n} members, counted like-for-like).</source>
        <translation>名单当天符合条件但未联系的会员：同期有 {rate} 的人来购买（{n} 位会员，按相似情况对比）。</translation>
    </message>
    <message>
        <source>The contacted members came back more often: about {diff} more of every 100 bought (somewhere from {low} to {high}).</source>
        <translation>已联系的会员回来得更多：每 100 人约多 {diff} 人购买（大约在 {low} 到 {high} 之间）。</translation>
    </message>
    <message>
        <source>The contacted members came back less often: about {diff} fewer of every 100 bought (somewhere from {low} to {high}).</source>
        <translation>已联系的会员回来得更少：每 100 人约少 {diff} 人购买（大约在 {low} 到 {high} 之间）。</translation>
    </message>
    <message>
        <source>No clear difference: {diff} of every 100 members, which could just be luck (anywhere from {low} to {high}).</source>
        <translation>看不出明显差别：每 100 位会员相差 {diff} 位，可能只是碰巧（可能在 {low} 到 {high} 之间）。</translation>
    </message>
    <message>
        <source>Similar customers may have come anyway, so take this as a good guess, not proof.</source>
        <translation>同类客户本来也可能会来，所以这只是一个参考，不是定论。</translation>
    </message>
    <message>
        <source>Too few members to tell (fewer than {min} in a group): a difference of this size can easily be chance.</source>
        <translation>会员太少，无法判断（某组少于 {min} 位）：这样的差异很可能只是偶然。</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>Messages</source>
        <translation>短信与微信</translation>
    </message>
    <message>
        <source>New list</source>
        <translation>新建名单</translation>
    </message>
    <message>
        <source>Saved lists</source>
        <translation>已保存的名单</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Pick members for a promotion, print or export the list, tick who was contacted, and see who came back.</source>
        <translation>为促销挑选会员，打印或导出名单，勾选已联系的会员，并查看谁回来了。</translation>
    </message>
</context>
<context>
    <name>CatalogueView</name>
    <message>
        <source>price guessed from sales</source>
        <translation>单价由销售记录推算</translation>
    </message>
    <message>
        <source>added by a price-list import</source>
        <translation>由价目表导入新增</translation>
    </message>
    <message>
        <source>to check</source>
        <translation>待核对</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Launch date</source>
        <translation>上市日期</translation>
    </message>
    <message>
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>待核对</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>已停售</translation>
    </message>
    <message>
        <source>Name, code or pinyin initials (mmc)</source>
        <translation>名称、编码或拼音首字母（mmc）</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已停售</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>全部商品</translation>
    </message>
    <message>
        <source>Only products to &amp;review</source>
        <translation>只看待核对的商品(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New product…</source>
        <translation>新增商品(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>Re&amp;tire</source>
        <translation>停售(&amp;T)</translation>
    </message>
    <message>
        <source>Price &amp;checked</source>
        <translation>价格已核对(&amp;C)</translation>
    </message>
    <message>
        <source>Take the selected product off the review list as it is</source>
        <translation>按现有信息把所选商品移出待核对列表</translation>
    </message>
    <message>
        <source>C&amp;ategories…</source>
        <translation>品类(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Import price list…</source>
        <translation>导入价目表(&amp;I)…</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>品类：</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <source>Prices here are what the counter charges; a new price never changes a sale already made. Products an import created are marked for review until you check their price.</source>
        <translation>这里的单价就是收银台的售价；改价不会改变已经成交的销售。导入时新建的商品会标为待核对，直到您核对过价格。</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部品类</translation>
    </message>
    <message>
        <source>{shown} of {total} products; {review} to review</source>
        <translation>显示 {shown} / {total} 个商品；{review} 个待核对</translation>
    </message>
    <message>
        <source>Put on &amp;sale</source>
        <translation>恢复在售(&amp;S)</translation>
    </message>
    <message>
        <source>Saving product</source>
        <translation>正在保存商品</translation>
    </message>
</context>
<context>
    <name>CategoriesDialog</name>
    <message>
        <source>Categories</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>category name, e.g. 面包</source>
        <translation>品类名称，例如 面包</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation>改名(&amp;R)</translation>
    </message>
    <message>
        <source>Renaming a category renames it for every product in it.</source>
        <translation>品类改名后，其下所有商品的品类名称随之改变。</translation>
    </message>
    <message>
        <source>{name} ({count} products)</source>
        <translation>{name}（{count} 个商品）</translation>
    </message>
    <message>
        <source>Saving category</source>
        <translation>正在保存品类</translation>
    </message>
</context>
<context>
    <name>ClassesKeeper</name>
    <message>
        <source>Classifying members</source>
        <translation>正在分类会员</translation>
    </message>
    <message>
        <source>Cards brought up to date after sales: {when}</source>
        <translation>销售后已更新会员卡片：{when}</translation>
    </message>
    <message>
        <source>The classes could not be updated: {error}</source>
        <translation>分类未能更新：{error}</translation>
    </message>
    <message>
        <source>Classes: checking…</source>
        <translation>分类：检查中…</translation>
    </message>
    <message>
        <source>Classes: could not be read</source>
        <translation>分类：无法读取</translation>
    </message>
    <message>
        <source>Classes as of {when}</source>
        <translation>分类截至 {when}</translation>
    </message>
    <message>
        <source>{classes} · updating…</source>
        <translation>{classes} · 更新中…</translation>
    </message>
    <message>
        <source>{classes} · out of date</source>
        <translation>{classes} · 已过时</translation>
    </message>
</context>
<context>
    <name>ColumnsDialog</name>
    <message>
        <source>Columns of the list</source>
        <translation>名单的列</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation>默认(&amp;D)</translation>
    </message>
    <message>
        <source>At most {n} columns fit across the page.</source>
        <translation>一页最多放得下 {n} 列。</translation>
    </message>
</context>
<context>
    <name>ConsentHistory</name>
    <message>
        <source>Registered at the counter</source>
        <translation>收银台登记</translation>
    </message>
    <message>
        <source>Member edited</source>
        <translation>编辑会员</translation>
    </message>
    <message>
        <source>Member list import</source>
        <translation>导入会员名单</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>Erasure</source>
        <translation>彻底删除</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>营销推送</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
</context>
<context>
    <name>ConsentHistoryDialog</name>
    <message>
        <source>Consent history — {who}</source>
        <translation>营销同意记录——{who}</translation>
    </message>
    <message>
        <source>Promotions: agreed</source>
        <translation>营销推送：已同意</translation>
    </message>
    <message>
        <source>Promotions: not agreed</source>
        <translation>营销推送：未同意</translation>
    </message>
    <message>
        <source>(since {date})</source>
        <translation>（自 {date} 起）</translation>
    </message>
    <message>
        <source>Consent is changed by editing the member.</source>
        <translation>要修改营销同意，请编辑该会员。</translation>
    </message>
    <message>
        <source>No consent change is recorded for this member.</source>
        <translation>该会员没有营销同意的变更记录。</translation>
    </message>
</context>
<context>
    <name>CounterFeedback</name>
    <message>
        <source>Feedback… ({key})</source>
        <translation>评价…（{key}）</translation>
    </message>
    <message>
        <source>Ratings and a comment from the member on the card, or else from the member of the last sale.</source>
        <translation>记录会员卡上这位会员的评分和评价；卡上没有会员时，记录上一笔消费的会员。</translation>
    </message>
    <message>
        <source>Find the member first: feedback belongs to a member.</source>
        <translation>请先找到会员：评价要记在会员名下。</translation>
    </message>
    <message>
        <source>Feedback from {who}</source>
        <translation>{who} 的评价</translation>
    </message>
    <message>
        <source>Feedback from {who} saved.</source>
        <translation>已保存 {who} 的评价。</translation>
    </message>
</context>
<context>
    <name>CounterView</name>
    <message>
        <source>Phone, last 4 digits, card no. or name</source>
        <translation>手机号、尾号 4 位、卡号或姓名</translation>
    </message>
    <message>
        <source>New member (Ctrl+N)</source>
        <translation>新会员（Ctrl+N）</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Product name (Enter adds it)</source>
        <translation>商品名（回车添加）</translation>
    </message>
    <message>
        <source>Product (Enter adds it; Enter on an empty field goes to the amount)</source>
        <translation>商品（回车添加；空白时回车跳到金额）</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>&amp;Save sale (Enter)</source>
        <translation>保存这笔消费（回车）(&amp;S)</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>本笔消费</translation>
    </message>
    <message>
        <source>&amp;Product</source>
        <translation>商品(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>金额(&amp;A)</translation>
    </message>
    <message>
        <source>Pa&amp;yment</source>
        <translation>支付方式(&amp;Y)</translation>
    </message>
    <message>
        <source>Sales rung up in this session</source>
        <translation>本次登记的消费</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>{name} · {phone} · {level} · 1 point</source>
        <translation>{name} · {phone} · {level} · 1 积分</translation>
    </message>
    <message>
        <source>{name} · {phone} · {level} · {points} points</source>
        <translation>{name} · {phone} · {level} · {points} 积分</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（未填姓名）</translation>
    </message>
    <message>
        <source>Enter picks the highlighted member; Up/Down choose.</source>
        <translation>回车选中高亮的会员；上下键切换。</translation>
    </message>
    <message>
        <source>No member found. Ctrl+N registers a new member.</source>
        <translation>没有找到会员。按 Ctrl+N 登记新会员。</translation>
    </message>
    <message>
        <source>Walk-in sale (no member)</source>
        <translation>散客消费（非会员）</translation>
    </message>
    <message>
        <source>Find a member above to give points.</source>
        <translation>在上方查找会员即可累积积分。</translation>
    </message>
    <message>
        <source>Card {card} · {phone} · member since {since}</source>
        <translation>卡号 {card} · {phone} · {since} 入会</translation>
    </message>
    <message>
        <source>Level: {level}</source>
        <translation>等级：{level}</translation>
    </message>
    <message>
        <source>Points: {points} · spent {spend} in {visits} visits</source>
        <translation>积分：{points} · 共消费 {spend}，到店 {visits} 次</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>共 1 件</translation>
    </message>
    <message>
        <source>{count} items</source>
        <translation>共 {count} 件</translation>
    </message>
    <message>
        <source>Type an amount only to change the total</source>
        <translation>只有要改总额时才输入金额</translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation>渠道(&amp;H)</translation>
    </message>
    <message>
        <source>Vo&amp;id selected sale</source>
        <translation>作废选中的消费(&amp;I)</translation>
    </message>
    <message>
        <source>{name} is no longer a member (erased); this sale is now a walk-in sale.</source>
        <translation>{name} 的会员资料已彻底删除；这笔消费改为散客消费。</translation>
    </message>
    <message>
        <source>New member: no purchase yet. Welcome them and tell them how points work.</source>
        <translation>新会员：还没有消费。欢迎一下，并介绍积分怎么用。</translation>
    </message>
    <message>
        <source>Joined after the last classification: {visits} visits so far. Tier and segment come with the next classification (Tiers &amp; segments → Classify).</source>
        <translation>上次分类之后才加入：目前到店 {visits} 次。层级和分群在下次分类后显示（会员分层 → 分类）。</translation>
    </message>
    <message>
        <source>Tier: {tier}</source>
        <translation>层级：{tier}</translation>
    </message>
    <message>
        <source>Segment: {segment}</source>
        <translation>分群：{segment}</translation>
    </message>
    <message>
        <source>Lifecycle: {stage}</source>
        <translation>生命周期：{stage}</translation>
    </message>
    <message>
        <source>Churn risk {level}: {reason}</source>
        <translation>流失风险{level}：{reason}</translation>
    </message>
    <message>
        <source>Recommend: {products}</source>
        <translation>推荐：{products}</translation>
    </message>
    <message>
        <source>No product called &quot;{name}&quot;.</source>
        <translation>没有名为“{name}”的商品。</translation>
    </message>
    <message>
        <source>{product} has no price: enter the amount instead.</source>
        <translation>{product} 没有价格：请直接输入金额。</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>amount, e.g. 23.5</source>
        <translation>金额，例如 23.5</translation>
    </message>
    <message>
        <source>walk-in</source>
        <translation>散客</translation>
    </message>
    <message>
        <source>Saving sale</source>
        <translation>正在保存消费</translation>
    </message>
    <message>
        <source>Saved {amount} for {who}.</source>
        <translation>已为 {who} 记录 {amount}。</translation>
    </message>
    <message>
        <source>+{earned} points, balance {balance}.</source>
        <translation>积分 +{earned}，余额 {balance}。</translation>
    </message>
    <message>
        <source>Upgraded to {level}!</source>
        <translation>已升级为{level}！</translation>
    </message>
    <message>
        <source>Void sale</source>
        <translation>作废消费</translation>
    </message>
    <message>
        <source>Void sale #{id}? It stops counting and its points are taken back.</source>
        <translation>作废消费 #{id}？它将不再计入统计，赠送的积分会被扣回。</translation>
    </message>
    <message>
        <source>Voiding sale</source>
        <translation>正在作废消费</translation>
    </message>
    <message>
        <source>(voided)</source>
        <translation>（已作废）</translation>
    </message>
    <message>
        <source>Sale voided.</source>
        <translation>消费已作废。</translation>
    </message>
</context>
<context>
    <name>Coupons</name>
    <message>
        <source>Save vouchers</source>
        <translation>保存优惠券凭条</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF（*.pdf）</translation>
    </message>
    <message>
        <source>Vouchers saved: {count}, in {path}.</source>
        <translation>已保存 {count} 张优惠券凭条：{path}。</translation>
    </message>
    <message>
        <source>saved list</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>new member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Gives</source>
        <translation>优惠内容</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <source>Welcome coupon</source>
        <translation>入会优惠券</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>券码</translation>
    </message>
    <message>
        <source>Member card</source>
        <translation>会员卡号</translation>
    </message>
    <message>
        <source>Issued for</source>
        <translation>发放原因</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发放日期</translation>
    </message>
    <message>
        <source>Used on</source>
        <translation>使用日期</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠金额</translation>
    </message>
</context>
<context>
    <name>CouponsView</name>
    <message>
        <source>new members</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>&amp;New coupon…</source>
        <translation>新建优惠券…(&amp;N)</translation>
    </message>
    <message>
        <source>Issue to a saved &amp;list…</source>
        <translation>发给已保存的名单…(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Birthday coupons…</source>
        <translation>生日优惠券…(&amp;B)</translation>
    </message>
    <message>
        <source>80 mm receipt</source>
        <translation>80 mm 小票</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>&amp;Vouchers as PDF…</source>
        <translation>优惠券凭条存为 PDF…(&amp;V)</translation>
    </message>
    <message>
        <source>One voucher with its code and QR code for every unused coupon of the selected kind</source>
        <translation>所选优惠券中每张未使用的券各一张凭条，含券码和二维码</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Define a coupon, then issue it: one per member of a saved list, one per birthday this week (solar or lunar), or one to every new member as the welcome coupon. Each can be used once at the counter, by its code or from the member card; uses count as responses to the list it was issued to.</source>
        <translation>先定义优惠券，再发放：发给已保存名单中的每位会员、本周过生日（公历或农历）的会员各一张，或作为入会优惠券发给每位新会员。每张券可在收银台凭券码或从会员卡片使用一次；使用即计为所发名单的响应。</translation>
    </message>
    <message>
        <source>Stop giving to new &amp;members</source>
        <translation>停止发给新会员(&amp;M)</translation>
    </message>
    <message>
        <source>Give to new &amp;members</source>
        <translation>发给新会员(&amp;M)</translation>
    </message>
    <message>
        <source>No coupon defined yet: press New coupon.</source>
        <translation>还没有优惠券：请点“新建优惠券”。</translation>
    </message>
    <message>
        <source>Issued coupons of {name}</source>
        <translation>{name} 已发放的券</translation>
    </message>
    <message>
        <source>Coupon defined: issue it to members now.</source>
        <translation>优惠券已定义：现在可以发给会员。</translation>
    </message>
    <message>
        <source>Changing the welcome coupon needs the owner password.</source>
        <translation>更改入会优惠券需要店主密码。</translation>
    </message>
    <message>
        <source>Welcome coupon</source>
        <translation>入会优惠券</translation>
    </message>
    <message>
        <source>New members now get no welcome coupon.</source>
        <translation>新会员现在不再获得入会优惠券。</translation>
    </message>
    <message>
        <source>Every new member now gets this coupon.</source>
        <translation>现在每位新会员都会获得这张优惠券。</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Turns</source>
        <translation>将满岁数</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>营销推送</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>&amp;Today</source>
        <translation>今天(&amp;T)</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>经营概览</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>New this month</source>
        <translation>本月新会员</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>有流失风险</translation>
    </message>
    <message>
        <source>Revenue this month</source>
        <translation>本月营业额</translation>
    </message>
    <message>
        <source>Sales this month</source>
        <translation>本月消费笔数</translation>
    </message>
    <message>
        <source>Average ticket</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Repeat rate</source>
        <translation>复购率</translation>
    </message>
    <message>
        <source>Open in &amp;Members</source>
        <translation>在会员界面打开(&amp;M)</translation>
    </message>
    <message>
        <source>Every member at risk in the Members screen, to print or export</source>
        <translation>在会员界面列出所有有流失风险的会员，可打印或导出</translation>
    </message>
    <message>
        <source>Loading charts ...</source>
        <translation>正在加载图表……</translation>
    </message>
    <message>
        <source>Double-click a member to open them</source>
        <translation>双击会员即可打开</translation>
    </message>
    <message>
        <source>Loading ...</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <source>Recent buyers</source>
        <translation>近期消费会员</translation>
    </message>
    <message>
        <source>Birthday &amp;coupon…</source>
        <translation>生日优惠券…(&amp;C)</translation>
    </message>
    <message>
        <source>Issue a coupon to the members in this list</source>
        <translation>给此名单中的会员发放优惠券</translation>
    </message>
    <message>
        <source>current members on {date}</source>
        <translation>{date} 的在册会员</translation>
    </message>
    <message>
        <source>{share} of members bought in the last {days} days</source>
        <translation>{share} 的会员在最近 {days} 天内消费过</translation>
    </message>
    <message>
        <source>{change} on last month by this day</source>
        <translation>较上月同期 {change}</translation>
    </message>
    <message>
        <source>Last month by this day: {n}</source>
        <translation>上月同期：{n}</translation>
    </message>
    <message>
        <source>classify the members to see who is at risk</source>
        <translation>对会员分类后即可看到谁有流失风险</translation>
    </message>
    <message>
        <source>classification as of {date}</source>
        <translation>分类截至 {date}</translation>
    </message>
    <message>
        <source>Last month by this day: {amount}</source>
        <translation>上月同期：{amount}</translation>
    </message>
    <message>
        <source>Receipts, walk-in sales included</source>
        <translation>小票数，含散客</translation>
    </message>
    <message>
        <source>per receipt this month</source>
        <translation>本月每张小票</translation>
    </message>
    <message>
        <source>{repeat} of {buyers} buyers came back</source>
        <translation>{buyers} 位购买者中有 {repeat} 位回头</translation>
    </message>
    <message>
        <source>Members who bought in the last {days} days and came on two or more different days</source>
        <translation>最近 {days} 天有消费、且在两天或以上不同日子到店的会员</translation>
    </message>
    <message>
        <source>Birthdays: {today} today, {week} in the next 7 days</source>
        <translation>生日：今天 {today} 位，未来 7 天 {week} 位</translation>
    </message>
    <message>
        <source>At risk: not classified yet</source>
        <translation>流失风险：尚未分类</translation>
    </message>
    <message>
        <source>At risk: {total} members (the {shown} most urgent shown)</source>
        <translation>流失风险：{total} 位会员（显示最紧急的 {shown} 位）</translation>
    </message>
    <message>
        <source>At risk: {total} members</source>
        <translation>流失风险：{total} 位会员</translation>
    </message>
    <message>
        <source>Show as of the last sale ({date})</source>
        <translation>显示截至最后一笔销售（{date}）</translation>
    </message>
    <message>
        <source>Charts are not available: {error}</source>
        <translation>图表无法显示：{error}</translation>
    </message>
    <message>
        <source>to date</source>
        <translation>截至今日</translation>
    </message>
    <message>
        <source>Days 1–{day} of each month</source>
        <translation>每月 1–{day} 日</translation>
    </message>
    <message>
        <source>Revenue and visits by month</source>
        <translation>每月营业额与到店次数</translation>
    </message>
    <message>
        <source>No sales in these months yet.</source>
        <translation>这几个月还没有销售。</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>营业额</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <source>Revenue ({currency})</source>
        <translation>营业额（{currency}）</translation>
    </message>
    <message>
        <source>New members by month</source>
        <translation>每月新会员</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>新会员</translation>
    </message>
</context>
<context>
    <name>DateTyping</name>
    <message>
        <source>&quot;{typed}&quot; is not a whole date: type the year, month and day, e.g. 20260906 or 2026-9-6.</source>
        <translation>“{typed}”不是完整的日期：请输入年、月、日，例如 20260906 或 2026-9-6。</translation>
    </message>
    <message>
        <source>&quot;{typed}&quot; is not a date: there is no month {month}.</source>
        <translation>“{typed}”不是有效日期：没有 {month} 月。</translation>
    </message>
    <message>
        <source>&quot;{typed}&quot; is not a date: month {month} of {year} has {days} days.</source>
        <translation>“{typed}”不是有效日期：{year} 年 {month} 月只有 {days} 天。</translation>
    </message>
    <message>
        <source>{date} is after {last}, the latest date this field takes.</source>
        <translation>{date} 晚于 {last}，这里最晚只能选到这一天。</translation>
    </message>
    <message>
        <source>{date} is before {first}, the earliest date this field takes.</source>
        <translation>{date} 早于 {first}，这里最早只能选到这一天。</translation>
    </message>
</context>
<context>
    <name>DefineCouponDialog</name>
    <message>
        <source>New coupon</source>
        <translation>新建优惠券</translation>
    </message>
    <message>
        <source>e.g. ¥10 off over ¥50</source>
        <translation>例如 满 ¥50 减 ¥10</translation>
    </message>
    <message>
        <source>Money off</source>
        <translation>减免金额</translation>
    </message>
    <message>
        <source>Percentage off</source>
        <translation>折扣百分比</translation>
    </message>
    <message>
        <source>A free item</source>
        <translation>赠送商品</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Money off</source>
        <translation>减免金额(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Percentage off</source>
        <translation>折扣百分比(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Free item</source>
        <translation>赠送商品(&amp;F)</translation>
    </message>
    <message>
        <source>Minimum &amp;spend</source>
        <translation>最低消费(&amp;S)</translation>
    </message>
    <message>
        <source>Valid f&amp;rom</source>
        <translation>生效日期(&amp;R)</translation>
    </message>
    <message>
        <source>Valid &amp;to</source>
        <translation>截止日期(&amp;T)</translation>
    </message>
    <message>
        <source>Each coupon issued from it can be used once, by the member it was issued to, from the first to the last day.</source>
        <translation>由此发出的每张券只能由领券会员在有效期内使用一次。</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Add feedback</source>
        <translation>添加评价</translation>
    </message>
    <message>
        <source>Product and taste</source>
        <translation>产品与口味</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评价内容</translation>
    </message>
</context>
<context>
    <name>FestivalPreset</name>
    <message>
        <source>Festival buyers</source>
        <translation>节日购买会员</translation>
    </message>
    <message>
        <source>What they bought, e.g. mooncakes or gift boxes (empty: anything)</source>
        <translation>买了什么，例如月饼或礼盒（留空：任意商品）</translation>
    </message>
    <message>
        <source> days before</source>
        <translation> 天内（节前）</translation>
    </message>
    <message>
        <source>Last festival&apos;s buyers</source>
        <translation>上次节日的购买会员</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>bought</source>
        <translation>购买</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Sorting members into classes ...</source>
        <translation>正在为会员分类……</translation>
    </message>
    <message>
        <source>Welcome to ShopCRM</source>
        <translation>欢迎使用 ShopCRM</translation>
    </message>
    <message>
        <source>Members, sales and promotions for your shop. Pick a language and name your shop; you can change both later in Settings.</source>
        <translation>为您的门店管理会员、消费和营销。请选择语言并填写店名，之后都可以在“设置”中修改。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Shop name</source>
        <translation>店名(&amp;S)</translation>
    </message>
    <message>
        <source>e.g. Sunny Bakery</source>
        <translation>例如：阳光烘焙坊</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>How do you want to start?</source>
        <translation>您想怎样开始？</translation>
    </message>
    <message>
        <source>Open the &amp;demo shop</source>
        <translation>打开示例门店(&amp;D)</translation>
    </message>
    <message>
        <source>A made-up bakery with {members} members and {months} months of sales, to try every screen.</source>
        <translation>一家虚构的烘焙店，有 {members} 位会员和 {months} 个月的销售记录，可以试用每个界面。</translation>
    </message>
    <message>
        <source>Start &amp;empty</source>
        <translation>从空白开始(&amp;E)</translation>
    </message>
    <message>
        <source>Register members and ring up sales at the counter from today.</source>
        <translation>从今天起在收银台登记会员、记录消费。</translation>
    </message>
    <message>
        <source>&amp;Import my spreadsheets</source>
        <translation>导入我的表格(&amp;I)</translation>
    </message>
    <message>
        <source>Bring in your member list and past sales from Excel or CSV files.</source>
        <translation>从 Excel 或 CSV 文件导入会员名单和历史销售记录。</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Creating the demo shop ...</source>
        <translation>正在创建示例门店……</translation>
    </message>
    <message>
        <source>Creating the demo shop</source>
        <translation>正在创建示例门店</translation>
    </message>
    <message>
        <source>Cancelling ...</source>
        <translation>正在取消……</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>(reason of an earlier rejection, not imported)</source>
        <translation>（以前未导入的原因，不导入）</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header in the file</source>
        <translation>文件中的表头</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>导入为</translation>
    </message>
    <message>
        <source>A guess: please check it.</source>
        <translation>这是猜测的：请检查。</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Cells</source>
        <translation>单元格</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Past &amp;sales (one row per sale or per sale line)</source>
        <translation>历史销售（每行一笔销售或一条明细）(&amp;S)</translation>
    </message>
    <message>
        <source>A &amp;member list</source>
        <translation>会员名单(&amp;M)</translation>
    </message>
    <message>
        <source>Members&apos; &amp;ratings and comments (feedback)</source>
        <translation>会员评分和评价(&amp;R)</translation>
    </message>
    <message>
        <source>Choose a spreadsheet, or drop it here</source>
        <translation>选择表格文件，或拖到这里</translation>
    </message>
    <message>
        <source>C&amp;hoose file ...</source>
        <translation>选择文件(&amp;H)...</translation>
    </message>
    <message>
        <source>&amp;Next: columns</source>
        <translation>下一步：对应列(&amp;N)</translation>
    </message>
    <message>
        <source>What is in the file</source>
        <translation>文件内容</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>U&amp;ndo the selected import ...</source>
        <translation>撤销所选导入(&amp;N)...</translation>
    </message>
    <message>
        <source>Save its rejected rows as ...</source>
        <translation>另存其未导入的行...</translation>
    </message>
    <message>
        <source>Earlier imports</source>
        <translation>以往导入</translation>
    </message>
    <message>
        <source>Excel (.xlsx, .xlsm, .xls) or CSV (UTF-8 or GBK). Title rows above the header, merged cells, several sheets, blank and total rows are fine. Nothing is written before the last step, and an import can be undone.</source>
        <translation>Excel（.xlsx、.xlsm、.xls）或 CSV（UTF-8 或 GBK）。表头上方的标题行、合并单元格、多个工作表、空行和合计行都没关系。最后一步之前不会写入任何数据，导入之后也可以撤销。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Remove everything import no. {batch} added ({rows} rows of {file})? A backup is taken first.</source>
        <translation>删除第 {batch} 次导入添加的全部内容（{file} 的 {rows} 行）？删除前会先备份。</translation>
    </message>
    <message>
        <source>Undoing the import</source>
        <translation>正在撤销导入</translation>
    </message>
    <message>
        <source>Saving rejected rows</source>
        <translation>正在保存未导入的行</translation>
    </message>
    <message>
        <source>Rejected rows saved to {path}.</source>
        <translation>未导入的行已保存到 {path}。</translation>
    </message>
    <message>
        <source>Import this sheet</source>
        <translation>导入此工作表</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next: check the rows</source>
        <translation>下一步：检查各行(&amp;N)</translation>
    </message>
    <message>
        <source>Rows read</source>
        <translation>读取行数</translation>
    </message>
    <message>
        <source>Rows to import</source>
        <translation>将导入行数</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Undone {when}</source>
        <translation>已于 {when} 撤销</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Already imported (skipped)</source>
        <translation>已导入过（跳过）</translation>
    </message>
    <message>
        <source>Lines repeated in the file (counted once)</source>
        <translation>文件中重复的行（只算一次）</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>Members updated</source>
        <translation>更新的会员</translation>
    </message>
    <message>
        <source>Blank, total and repeated header rows left out</source>
        <translation>略过的空行、合计行和重复表头</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;Save rejected rows as ...</source>
        <translation>另存未导入的行(&amp;S)...</translation>
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation>取消导入(&amp;C)</translation>
    </message>
    <message>
        <source>Cancel leaves the shop exactly as it was: all rows are written in one go at the end.</source>
        <translation>取消后店铺数据保持原样：所有行在最后一次性写入。</translation>
    </message>
    <message>
        <source>&amp;Undo this import</source>
        <translation>撤销本次导入(&amp;U)</translation>
    </message>
    <message>
        <source>See &amp;tiers and segments</source>
        <translation>查看会员分层(&amp;T)</translation>
    </message>
    <message>
        <source>Import &amp;another file</source>
        <translation>导入另一个文件(&amp;A)</translation>
    </message>
    <message>
        <source>Import no. {batch} undone: {feedback} ratings removed.</source>
        <translation>已撤销第 {batch} 次导入：删除了 {feedback} 条评价。</translation>
    </message>
    <message>
        <source>1 File</source>
        <translation>1 文件</translation>
    </message>
    <message>
        <source>2 Columns</source>
        <translation>2 对应列</translation>
    </message>
    <message>
        <source>3 Check</source>
        <translation>3 检查</translation>
    </message>
    <message>
        <source>4 Import</source>
        <translation>4 导入</translation>
    </message>
    <message>
        <source>5 Done</source>
        <translation>5 完成</translation>
    </message>
    <message>
        <source>Choose a spreadsheet</source>
        <translation>选择表格文件</translation>
    </message>
    <message>
        <source>Spreadsheets ({patterns})</source>
        <translation>表格文件（{patterns}）</translation>
    </message>
    <message>
        <source>Reading {file} ...</source>
        <translation>正在读取 {file} ...</translation>
    </message>
    <message>
        <source>(no header found)</source>
        <translation>（未找到表头）</translation>
    </message>
    <message>
        <source>({rows} rows)</source>
        <translation>（{rows} 行）</translation>
    </message>
    <message>
        <source>This file looks like a member list.</source>
        <translation>这个文件看起来是会员名单。</translation>
    </message>
    <message>
        <source>This file looks like past sales.</source>
        <translation>这个文件看起来是历史销售。</translation>
    </message>
    <message>
        <source>This file looks like members&apos; ratings.</source>
        <translation>这个文件看起来是会员评价。</translation>
    </message>
    <message>
        <source>Import as a member list</source>
        <translation>作为会员名单导入</translation>
    </message>
    <message>
        <source>Import as sales</source>
        <translation>作为销售导入</translation>
    </message>
    <message>
        <source>Import as ratings</source>
        <translation>作为评价导入</translation>
    </message>
    <message>
        <source>No header row was recognised in this sheet; it is not imported.</source>
        <translation>此工作表中没有识别出表头行，不会导入。</translation>
    </message>
    <message>
        <source>Header found in row {row}. The columns are set as you set them last time for a file laid out like this.</source>
        <translation>在第 {row} 行找到表头。各列按您上次对同样格式文件的设置对应。</translation>
    </message>
    <message>
        <source>Header found in row {row}. The columns were recognised from their headers: check them, and change any that is wrong.</source>
        <translation>在第 {row} 行找到表头。各列已根据表头识别：请检查，如有不对请修改。</translation>
    </message>
    <message>
        <source>day/month/year</source>
        <translation>日/月/年</translation>
    </message>
    <message>
        <source>month/day/year</source>
        <translation>月/日/年</translation>
    </message>
    <message>
        <source>year/month/day</source>
        <translation>年/月/日</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>{date} ({order})</source>
        <translation>{date}（{order}）</translation>
    </message>
    <message>
        <source>Its dates do not show their order: &quot;{value}&quot; can be {readings}. Choose how this sheet writes dates.</source>
        <translation>日期没有写明顺序：“{value}”可以是 {readings}。请选择此工作表日期的写法。</translation>
    </message>
    <message>
        <source>Choose the date order</source>
        <translation>选择日期顺序</translation>
    </message>
    <message>
        <source>Sheet &quot;{sheet}&quot;: choose the column with {fields}.</source>
        <translation>工作表“{sheet}”：请选择{fields}所在的列。</translation>
    </message>
    <message>
        <source>Sheet &quot;{sheet}&quot;: choose the order of day, month and year of its dates.</source>
        <translation>工作表“{sheet}”：请选择其日期中日、月、年的顺序。</translation>
    </message>
    <message>
        <source>Sheet &quot;{sheet}&quot;: {fields} is chosen for two columns.</source>
        <translation>工作表“{sheet}”：{fields}被选给了两列。</translation>
    </message>
    <message>
        <source>Choose at least one sheet to import.</source>
        <translation>请至少选择一个要导入的工作表。</translation>
    </message>
    <message>
        <source>Checking every row of {file} ...</source>
        <translation>正在检查 {file} 的每一行 ...</translation>
    </message>
    <message>
        <source>Reading the rows</source>
        <translation>正在读取各行</translation>
    </message>
    <message>
        <source>Checking members and duplicates</source>
        <translation>正在核对会员和重复记录</translation>
    </message>
    <message>
        <source>Writing to the shop</source>
        <translation>正在写入店铺数据</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>{file}: checked, nothing written yet</source>
        <translation>{file}：已检查，尚未写入任何数据</translation>
    </message>
    <message>
        <source>&amp;Import {n} rows</source>
        <translation>导入 {n} 行(&amp;I)</translation>
    </message>
    <message>
        <source>This file was imported before (import {batches}); rows already in the shop are skipped.</source>
        <translation>这个文件以前导入过（第 {batches} 次导入）；店里已有的行会跳过。</translation>
    </message>
    <message>
        <source>Rejected rows are not imported. Save them, fix the cells, and import that file again.</source>
        <translation>未通过检查的行不会导入。请另存这些行，改正单元格后再导入该文件。</translation>
    </message>
    <message>
        <source>Importing {file} ...</source>
        <translation>正在导入 {file} ...</translation>
    </message>
    <message>
        <source>Importing {file}</source>
        <translation>导入 {file}</translation>
    </message>
    <message>
        <source>Cancelling ...</source>
        <translation>正在取消 ...</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported.</source>
        <translation>导入已取消，未导入任何数据。</translation>
    </message>
    <message>
        <source>{file} imported (import no. {batch})</source>
        <translation>{file} 已导入（第 {batch} 次导入）</translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <source>{name} rejected.xlsx</source>
        <translation>{name} 未导入.xlsx</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Import no. {batch} undone: {purchases} sales and {members} members removed.</source>
        <translation>第 {batch} 次导入已撤销：删除了 {purchases} 笔销售和 {members} 位会员。</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
</context>
<context>
    <name>InsightCharts</name>
    <message>
        <source>Spend ({currency})</source>
        <translation>消费金额（{currency}）</translation>
    </message>
    <message>
        <source>Click to list these members.</source>
        <translation>点击列出这些会员。</translation>
    </message>
    <message>
        <source>Members by area</source>
        <translation>各区域会员数</translation>
    </message>
    <message>
        <source>No active members yet.</source>
        <translation>还没有活跃会员。</translation>
    </message>
    <message>
        <source>{area}: {members} members</source>
        <translation>{area}：{members} 位会员</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Spend by area in the period</source>
        <translation>期间内各区域消费金额</translation>
    </message>
    <message>
        <source>{area}: {amount} from {buyers} buying members</source>
        <translation>{area}：{buyers} 位消费会员共消费 {amount}</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>Share of sales and spend by channel</source>
        <translation>各渠道销售笔数与消费金额占比</translation>
    </message>
    <message>
        <source>No sales in this period.</source>
        <translation>这段时间没有销售。</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售笔数</translation>
    </message>
    <message>
        <source>Spend per month by channel</source>
        <translation>各渠道每月消费金额</translation>
    </message>
    <message>
        <source>Average ratings per month (1–5)</source>
        <translation>每月平均评分（1–5）</translation>
    </message>
    <message>
        <source>No feedback in this period.</source>
        <translation>这段时间没有评价。</translation>
    </message>
    <message>
        <source>Product and taste</source>
        <translation>产品与口味</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
</context>
<context>
    <name>InsightTables</name>
    <message>
        <source>Other areas ({n})</source>
        <translation>其他区域（{n} 个）</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员数</translation>
    </message>
    <message>
        <source>Share of members</source>
        <translation>会员占比</translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation>消费会员</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售笔数</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>Share of spend</source>
        <translation>消费占比</translation>
    </message>
    <message>
        <source>Spend per member</source>
        <translation>人均消费</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Share of sales</source>
        <translation>笔数占比</translation>
    </message>
    <message>
        <source>Average ticket</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Members who bought</source>
        <translation>消费会员</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>散客</translation>
    </message>
    <message>
        <source>(erased member)</source>
        <translation>（已删除的会员）</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（未填姓名）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评价内容</translation>
    </message>
</context>
<context>
    <name>InsightsView</name>
    <message>
        <source>All time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Last {n} months</source>
        <translation>最近 {n} 个月</translation>
    </message>
    <message>
        <source>Insights</source>
        <translation>数据洞察</translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation>期间(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;List them in the Members screen</source>
        <translation>在会员界面列出(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Areas</source>
        <translation>区域(&amp;A)</translation>
    </message>
    <message>
        <source>C&amp;hannels</source>
        <translation>渠道(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Feedback</source>
        <translation>评价(&amp;F)</translation>
    </message>
    <message>
        <source>Loading ...</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <source>From {since} to {until}. Members are the active ones; double-click a row or click a bar to list its members.</source>
        <translation>从 {since} 到 {until}。会员指活跃会员；双击一行或点击柱条即可列出其中的会员。</translation>
    </message>
    <message>
        <source>the first sale</source>
        <translation>第一笔销售</translation>
    </message>
    <message>
        <source>{members} active members in {areas} areas.</source>
        <translation>{members} 位活跃会员，分布在 {areas} 个区域。</translation>
    </message>
    <message>
        <source>The {top} with the most members have a row each; the others are grouped.</source>
        <translation>会员最多的 {top} 个区域各占一行，其余合并为一行。</translation>
    </message>
    <message>
        <source>Every sale of the period, walk-in sales included (* this month so far). A member&apos;s own channels are in their detail in the Members screen.</source>
        <translation>期间内的全部销售，包括散客（* 本月截至今天）。每位会员自己的渠道见会员界面的会员详情。</translation>
    </message>
    <message>
        <source>Latest low ratings (2 or less), newest first — double-click to open the member:</source>
        <translation>最近的低分评价（2 分及以下），最新的在前——双击打开该会员：</translation>
    </message>
    <message>
        <source>No low ratings (2 or less) yet.</source>
        <translation>还没有低分评价（2 分及以下）。</translation>
    </message>
    <message>
        <source>{n} of {active} active members never gave feedback.</source>
        <translation>{active} 位活跃会员中有 {n} 位从未评价。</translation>
    </message>
    <message>
        <source>Charts are not available: {error}</source>
        <translation>图表无法显示：{error}</translation>
    </message>
    <message>
        <source>Nobody to list.</source>
        <translation>没有可列出的会员。</translation>
    </message>
    <message>
        <source>Too many members for one list there; use the filters of the Members screen.</source>
        <translation>会员太多，无法在此列出；请使用会员界面的筛选。</translation>
    </message>
</context>
<context>
    <name>IssueCouponDialog</name>
    <message>
        <source>Birthday coupons</source>
        <translation>生日优惠券</translation>
    </message>
    <message>
        <source>Coupons for a saved list</source>
        <translation>给名单发放优惠券</translation>
    </message>
    <message>
        <source>{name}: {offer}, until {end}</source>
        <translation>{name}：{offer}，有效至 {end}</translation>
    </message>
    <message>
        <source>&amp;Coupon</source>
        <translation>优惠券(&amp;C)</translation>
    </message>
    <message>
        <source>{name} ({count} members)</source>
        <translation>{name}（{count} 位会员）</translation>
    </message>
    <message>
        <source>Saved &amp;list</source>
        <translation>已保存的名单(&amp;L)</translation>
    </message>
    <message>
        <source>Birthdays &amp;from</source>
        <translation>生日从(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Issue</source>
        <translation>发放(&amp;I)</translation>
    </message>
    <message>
        <source>80 mm receipt</source>
        <translation>80 mm 小票</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>&amp;Vouchers as PDF…</source>
        <translation>优惠券凭条存为 PDF…(&amp;V)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Members whose birthday falls on one of these days get one coupon each; a lunar (农历) birthday counts on this year&apos;s solar date. Nobody gets the same coupon twice for one birthday.</source>
        <translation>生日在这些日子里的会员每人一张；农历生日按今年对应的公历日期计算。同一个生日不会重复获得同一张券。</translation>
    </message>
    <message>
        <source>Define a coupon that is still valid first.</source>
        <translation>请先定义一张仍在有效期内的优惠券。</translation>
    </message>
    <message>
        <source>Every active member of the list gets one coupon.</source>
        <translation>名单中每位在册会员各得一张。</translation>
    </message>
    <message>
        <source>There is no saved list yet: save one in Campaigns first.</source>
        <translation>还没有已保存的名单：请先在“营销活动”中保存一个。</translation>
    </message>
    <message>
        <source>Members with a birthday in these days who get a coupon: {count}.</source>
        <translation>这些日子过生日、将获得优惠券的会员：{count} 位。</translation>
    </message>
    <message>
        <source>Already given this coupon for their birthday: {count}.</source>
        <translation>已因本次生日获得过此券：{count} 位。</translation>
    </message>
    <message>
        <source>Coupons issued: {count}.</source>
        <translation>已发放优惠券：{count} 张。</translation>
    </message>
</context>
<context>
    <name>JobIndicator</name>
    <message>
        <source>Cancel {task}</source>
        <translation>取消：{task}</translation>
    </message>
</context>
<context>
    <name>ListBuilder</name>
    <message>
        <source>Ready-made lists</source>
        <translation>预设名单</translation>
    </message>
    <message>
        <source>Category of the new product</source>
        <translation>新品的品类</translation>
    </message>
    <message>
        <source>New-product triers for …</source>
        <translation>新品尝鲜者：……</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <source>Birthday in month {month}</source>
        <translation>{month} 月生日</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Area contains …</source>
        <translation>区域包含……</translation>
    </message>
    <message>
        <source>Only members who agreed to promotions</source>
        <translation>只含同意营销推送的会员</translation>
    </message>
    <message>
        <source>Members who did not agree will be on the list: the owner password is asked before printing or exporting it.</source>
        <translation>未同意的会员也会列入名单：打印或导出前需要输入店主密码。</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>&amp;Columns …</source>
        <translation>列……(&amp;C)</translation>
    </message>
    <message>
        <source>Print pre&amp;view …</source>
        <translation>打印预览……(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Save as campaign …</source>
        <translation>保存为营销活动……(&amp;S)</translation>
    </message>
    <message>
        <source>Favourite category: any</source>
        <translation>最爱品类：不限</translation>
    </message>
    <message>
        <source>Favourite: {category}</source>
        <translation>最爱：{category}</translation>
    </message>
    <message>
        <source>Counting …</source>
        <translation>正在统计……</translation>
    </message>
    <message>
        <source>1 member</source>
        <translation>1 位会员</translation>
    </message>
    <message>
        <source>{n} members</source>
        <translation>{n} 位会员</translation>
    </message>
    <message>
        <source>Showing the first {shown} of {n} members.</source>
        <translation>显示 {n} 位会员中的前 {shown} 位。</translation>
    </message>
    <message>
        <source>No classification yet: the class filters need one (run the classification first).</source>
        <translation>还没有分类：类别筛选需要先运行分类。</translation>
    </message>
    <message>
        <source>Classes as of {date}.</source>
        <translation>分类截至 {date}。</translation>
    </message>
    <message>
        <source>Member list</source>
        <translation>会员名单</translation>
    </message>
    <message>
        <source>List of {date}</source>
        <translation>{date} 的名单</translation>
    </message>
    <message>
        <source>Save as campaign</source>
        <translation>保存为营销活动</translation>
    </message>
    <message>
        <source>Name of the campaign (the members on the list today are kept):</source>
        <translation>营销活动名称（会保留今天名单上的会员）：</translation>
    </message>
    <message>
        <source>Saving the list</source>
        <translation>正在保存名单</translation>
    </message>
</context>
<context>
    <name>ListOutputs</name>
    <message>
        <source>Phone numbers in full need the owner password.</source>
        <translation>显示完整手机号需要店主密码。</translation>
    </message>
    <message>
        <source>Members who did not agree to promotions need the owner password.</source>
        <translation>包含未同意营销推送的会员需要店主密码。</translation>
    </message>
    <message>
        <source>Owner password</source>
        <translation>店主密码</translation>
    </message>
    <message>
        <source>Print preview: {title}</source>
        <translation>打印预览：{title}</translation>
    </message>
    <message>
        <source>Laying out the pages ...</source>
        <translation>正在排版……</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Printing the list</source>
        <translation>正在打印名单</translation>
    </message>
    <message>
        <source>Save the list as PDF</source>
        <translation>把名单保存为 PDF</translation>
    </message>
    <message>
        <source>Writing the PDF</source>
        <translation>正在写入 PDF</translation>
    </message>
    <message>
        <source>{n} members on {pages} pages saved to {path}</source>
        <translation>{n} 位会员共 {pages} 页，已保存到 {path}</translation>
    </message>
    <message>
        <source>Export the list to Excel</source>
        <translation>把名单导出到 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting the list</source>
        <translation>正在导出名单</translation>
    </message>
    <message>
        <source>{n} members exported to {path}</source>
        <translation>{n} 位会员已导出到 {path}</translation>
    </message>
</context>
<context>
    <name>Lists</name>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation>数据库：{name}</translation>
    </message>
    <message>
        <source>Not classified yet</source>
        <translation>尚未分类</translation>
    </message>
    <message>
        <source>Work in progress</source>
        <translation>任务进行中</translation>
    </message>
    <message>
        <source>{task} is still running. Cancel it and close?</source>
        <translation>“{task}”仍在进行。要取消并关闭吗？</translation>
    </message>
</context>
<context>
    <name>MemberChannelsLabel</name>
    <message>
        <source>{channel} {visits:.0%} of visits, {spend:.0%} of spend</source>
        <translation>{channel}（到店 {visits:.0%}，消费 {spend:.0%}）</translation>
    </message>
    <message>
        <source>Channels: {parts}</source>
        <translation>渠道：{parts}</translation>
    </message>
    <message>
        <source>All the member&apos;s purchases; a visit is a day with a purchase in that channel.</source>
        <translation>该会员的全部消费；在某渠道有消费的一天算一次。</translation>
    </message>
</context>
<context>
    <name>MemberColumns</name>
    <message>
        <source>Card no.</source>
        <translation>会员卡号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>金字塔层级</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>价值等级</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>注册日期</translation>
    </message>
</context>
<context>
    <name>MemberDetail</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评价内容</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>&amp;Redeem points ...</source>
        <translation>兑换积分……(&amp;R)</translation>
    </message>
    <message>
        <source>Ad&amp;just ...</source>
        <translation>调整……(&amp;J)</translation>
    </message>
    <message>
        <source>Add &amp;feedback ...</source>
        <translation>添加评价……(&amp;F)</translation>
    </message>
    <message>
        <source>Overview and classes</source>
        <translation>概况与分类</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>消费记录</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>No member selected</source>
        <translation>未选择会员</translation>
    </message>
    <message>
        <source>Pick a member in the table to see their history and classes.</source>
        <translation>在表格中选择一位会员，查看其消费记录和分类。</translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation>（未填姓名）</translation>
    </message>
    <message>
        <source>Card {card} · {phone} · {level} · {status}</source>
        <translation>卡号 {card} · {phone} · {level} · {status}</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>注册日期</translation>
    </message>
    <message>
        <source>Came from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation>营销推送</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>not agreed</source>
        <translation>未同意</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>{spend} in {visits} visits, last {last}</source>
        <translation>到店 {visits} 次共 {spend}，最近一次 {last}</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>1 point</source>
        <translation>1 积分</translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation>{points} 积分</translation>
    </message>
    <message>
        <source>Not classified yet: run a classification in Tiers &amp; segments.</source>
        <translation>尚未分类：请在“会员分层”中运行分类。</translation>
    </message>
    <message>
        <source>Classification as of {as_of}</source>
        <translation>分类截至 {as_of}</translation>
    </message>
    <message>
        <source>P(alive) {p:.0%}; {visits:.1f} visits expected in 90 days; one-year value {value}</source>
        <translation>仍是活跃顾客的概率 {p:.0%}；预计 90 天内到店 {visits:.1f} 次；一年价值 {value}</translation>
    </message>
    <message>
        <source>Recommended: {products}</source>
        <translation>推荐：{products}</translation>
    </message>
    <message>
        <source>No recommendation yet.</source>
        <translation>暂无推荐。</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Edit member</source>
        <translation>编辑会员</translation>
    </message>
    <message>
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>mobile number, e.g. 138 1234 5678</source>
        <translation>手机号，例如 138 1234 5678</translation>
    </message>
    <message>
        <source>1990-05-03, 05-03 or 5月3日</source>
        <translation>1990-05-03、05-03 或 5月3日</translation>
    </message>
    <message>
        <source>Solar</source>
        <translation>公历</translation>
    </message>
    <message>
        <source>Lunar (农历)</source>
        <translation>农历</translation>
    </message>
    <message>
        <source>A lunar birthday, e.g. 农历四月初八 or 闰四月初八, falls on another solar date each year; lists and the counter use this year&apos;s.</source>
        <translation>农历生日（如“农历四月初八”或“闰四月初八”）每年对应的公历日期不同；名单和收银台使用今年的日期。</translation>
    </message>
    <message>
        <source>office district, residential estate ...</source>
        <translation>写字楼、小区……</translation>
    </message>
    <message>
        <source>separated by commas</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <source>Agrees to receive promotions</source>
        <translation>同意接收营销信息</translation>
    </message>
    <message>
        <source>generated when empty</source>
        <translation>留空则自动生成</translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation>手机号(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Gender</source>
        <translation>性别(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Birthday</source>
        <translation>生日(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Came from</source>
        <translation>来源(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation>区域(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation>标签(&amp;T)</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>Card n&amp;o.</source>
        <translation>会员卡号(&amp;O)</translation>
    </message>
    <message>
        <source>Registering member</source>
        <translation>正在登记会员</translation>
    </message>
    <message>
        <source>Saving member</source>
        <translation>正在保存会员</translation>
    </message>
</context>
<context>
    <name>MemberListDialog</name>
    <message>
        <source>Loading ...</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <source>Show in the &amp;Members screen</source>
        <translation>在会员界面显示(&amp;M)</translation>
    </message>
    <message>
        <source>Double-click a member to open them.</source>
        <translation>双击会员即可打开。</translation>
    </message>
    <message>
        <source>{count} members, classes as of {as_of}</source>
        <translation>{count} 位会员，分类截至 {as_of}</translation>
    </message>
    <message>
        <source>Too many members for one list there; use the filters of the Members screen.</source>
        <translation>会员太多，无法在此列出；请使用会员界面的筛选。</translation>
    </message>
    <message>
        <source>classes as of {as_of}</source>
        <translation>分类截至 {as_of}</translation>
    </message>
</context>
<context>
    <name>MemberPrivacyBar</name>
    <message>
        <source>E&amp;xport this member&apos;s data…</source>
        <translation>导出该会员的数据…(&amp;X)</translation>
    </message>
    <message>
        <source>Everything the shop keeps about this member, as a JSON file (a member&apos;s right to see their data). Needs the owner password.</source>
        <translation>把店里保存的该会员全部数据导出为 JSON 文件（会员有权查看自己的数据）。需要店主密码。</translation>
    </message>
    <message>
        <source>Consent &amp;history…</source>
        <translation>营销同意记录…(&amp;H)</translation>
    </message>
    <message>
        <source>When this member agreed to or withdrew from promotions. Needs the owner password.</source>
        <translation>该会员何时同意或撤回接收营销信息。需要店主密码。</translation>
    </message>
    <message>
        <source>Exporting a member&apos;s personal data needs the owner password.</source>
        <translation>导出会员个人数据需要店主密码。</translation>
    </message>
    <message>
        <source>Export this member&apos;s data</source>
        <translation>导出该会员的数据</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Exporting ...</source>
        <translation>正在导出……</translation>
    </message>
    <message>
        <source>Exporting a member&apos;s data</source>
        <translation>正在导出会员数据</translation>
    </message>
    <message>
        <source>Saved to {path} (recorded in the audit log).</source>
        <translation>已保存到 {path}（已记入审计日志）。</translation>
    </message>
    <message>
        <source>A member&apos;s consent history needs the owner password.</source>
        <translation>查看会员的营销同意记录需要店主密码。</translation>
    </message>
</context>
<context>
    <name>MembersView</name>
    <message>
        <source>Search name, phone, card no., area or tag</source>
        <translation>搜索姓名、手机号、卡号、区域或标签</translation>
    </message>
    <message>
        <source>Agreed to promotions</source>
        <translation>同意营销推送</translation>
    </message>
    <message>
        <source>Clear &amp;filters</source>
        <translation>清除筛选(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New member</source>
        <translation>新会员(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>归档(&amp;A)</translation>
    </message>
    <message>
        <source>E&amp;rase ...</source>
        <translation>彻底删除……(&amp;R)</translation>
    </message>
    <message>
        <source>Ring &amp;up at the counter</source>
        <translation>到收银台记账(&amp;U)</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Member level</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Birthday month</source>
        <translation>生日月份</translation>
    </message>
    <message>
        <source>Any {what}</source>
        <translation>{what}：全部</translation>
    </message>
    <message>
        <source>Birthday in month {month}</source>
        <translation>{month} 月生日</translation>
    </message>
    <message>
        <source>Search: {text}</source>
        <translation>搜索：{text}</translation>
    </message>
    <message>
        <source>members of a chart&apos;s drill-down</source>
        <translation>图表中点选的会员</translation>
    </message>
    <message>
        <source>1 member</source>
        <translation>1 位会员</translation>
    </message>
    <message>
        <source>{count} members</source>
        <translation>{count} 位会员</translation>
    </message>
    <message>
        <source>Classes as of {as_of}</source>
        <translation>分类截至 {as_of}</translation>
    </message>
    <message>
        <source>Not classified yet: classes appear after the first classification.</source>
        <translation>尚未分类：首次分类后显示各项分类。</translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation>恢复为活跃(&amp;A)</translation>
    </message>
    <message>
        <source>Reactivating member</source>
        <translation>正在恢复会员</translation>
    </message>
    <message>
        <source>Archive member</source>
        <translation>归档会员</translation>
    </message>
    <message>
        <source>Archive {name}? The member disappears from the counter and promotion lists; history is kept and you can reactivate them later.</source>
        <translation>归档 {name}？该会员将不再出现在收银台和营销名单中；记录会保留，之后可以恢复。</translation>
    </message>
    <message>
        <source>Archiving member</source>
        <translation>正在归档会员</translation>
    </message>
    <message>
        <source>Erase member</source>
        <translation>彻底删除会员</translation>
    </message>
    <message>
        <source>Erase {name} for good?

Name, phone, birthday, notes and tags are deleted and cannot be recovered in the program; sales stay in the shop&apos;s figures without a name. A backup is taken first.</source>
        <translation>要彻底删除 {name} 吗？

姓名、手机号、生日、备注和标签将被删除，程序内无法恢复；消费记录以匿名方式保留在门店统计中。删除前会先做一次备份。</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>彻底删除</translation>
    </message>
    <message>
        <source>Erasing a member needs the owner password.</source>
        <translation>彻底删除会员需要店主密码。</translation>
    </message>
    <message>
        <source>Erasing member</source>
        <translation>正在删除会员</translation>
    </message>
    <message>
        <source>The member was erased. The database file could not be compacted just now (another program may be using it), so old copies of the data may stay in its free space until the next erasure.</source>
        <translation>会员已彻底删除。但数据库文件暂时无法压缩（可能有其他程序正在使用），因此文件的空闲空间中可能还留有旧数据，直到下次删除会员时清除。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>text</source>
        <translation>短信内容</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值余额</translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation>优惠券码</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>店名</translation>
    </message>
    <message>
        <source>Birthday this year</source>
        <translation>今年生日</translation>
    </message>
    <message>
        <source>Points about to expire</source>
        <translation>即将到期积分</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日祝福</translation>
    </message>
    <message>
        <source>We miss you (at risk)</source>
        <translation>想念您（流失风险）</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>新品上市</translation>
    </message>
    <message>
        <source>Stored value low</source>
        <translation>储值余额不足</translation>
    </message>
</context>
<context>
    <name>MessagesPanel</name>
    <message>
        <source>Save as template …</source>
        <translation>另存为模板…</translation>
    </message>
    <message>
        <source>Export texts for SMS (CSV) …</source>
        <translation>导出短信（CSV）…</translation>
    </message>
    <message>
        <source>Copy this text for WeChat</source>
        <translation>复制此条发微信</translation>
    </message>
    <message>
        <source>Insert field:</source>
        <translation>插入字段：</translation>
    </message>
    <message>
        <source>Template:</source>
        <translation>模板：</translation>
    </message>
    <message>
        <source>Text:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>Preview for:</source>
        <translation>预览会员：</translation>
    </message>
    <message>
        <source>Only members who agreed to promotions get a text, unless the list was made for everyone. Each export or copied text is recorded and ticks the members as contacted. Your SMS platform may add its signature (【shop name】), which counts towards the length too.</source>
        <translation>只有同意接收营销信息的会员会收到短信（除非名单包含所有会员）。每次导出或复制都会记录，并将会员标记为已联系。短信平台可能会加上签名（【店名】），签名也计入字数。</translation>
    </message>
    <message>
        <source>{name} (mine)</source>
        <translation>{name}（自定义）</translation>
    </message>
    <message>
        <source>Save as template</source>
        <translation>另存为模板</translation>
    </message>
    <message>
        <source>Name of the template:</source>
        <translation>模板名称：</translation>
    </message>
    <message>
        <source>Choose a saved campaign to write to its members.</source>
        <translation>请选择一个已保存的活动名单，再给其中的会员写信息。</translation>
    </message>
    <message>
        <source>No member on this list can be sent a message.</source>
        <translation>此名单中没有可以发送信息的会员。</translation>
    </message>
    <message>
        <source>{n} SMS · {units} characters ({encoding}: {per} per SMS)</source>
        <translation>{n} 条短信 · {units} 个字符（{encoding}：每条 {per} 个）</translation>
    </message>
    <message>
        <source>no value yet for {fields}: take them out before sending</source>
        <translation>{fields} 暂无数据：发送前请删去</translation>
    </message>
    <message>
        <source>Export the texts for an SMS platform</source>
        <translation>导出短信供短信平台群发</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exporting the texts</source>
        <translation>正在导出短信</translation>
    </message>
    <message>
        <source>{n} texts ({segments} SMS) saved to {path}</source>
        <translation>{n} 条信息（{segments} 条短信）已保存到 {path}</translation>
    </message>
    <message>
        <source>Copied: paste it into WeChat.</source>
        <translation>已复制：可粘贴到微信发送。</translation>
    </message>
</context>
<context>
    <name>MoneyPanel</name>
    <message>
        <source>Coupon code</source>
        <translation>优惠券码</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Stored value: amount or &quot;all&quot;</source>
        <translation>储值支付：金额或“全部”</translation>
    </message>
    <message>
        <source>&amp;Top up (Ctrl+T)</source>
        <translation>充值(&amp;T)（Ctrl+T）</translation>
    </message>
    <message>
        <source>C&amp;oupon</source>
        <translation>优惠券(&amp;O)</translation>
    </message>
    <message>
        <source>Poi&amp;nts</source>
        <translation>积分(&amp;N)</translation>
    </message>
    <message>
        <source>Stored &amp;value</source>
        <translation>储值(&amp;V)</translation>
    </message>
    <message>
        <source>Takings (F11)</source>
        <translation>日结（F11）</translation>
    </message>
    <message>
        <source>Stored value: {total} (bonus {bonus})</source>
        <translation>储值余额：{total}（其中赠送 {bonus}）</translation>
    </message>
    <message>
        <source>points worth {amount}</source>
        <translation>积分可抵 {amount}</translation>
    </message>
    <message>
        <source>Coupons: {codes}</source>
        <translation>优惠券：{codes}</translation>
    </message>
    <message>
        <source>Find the member first, then top up.</source>
        <translation>请先找到会员，再充值。</translation>
    </message>
    <message>
        <source>Topped up {amount} (+{bonus} bonus); balance {balance}.</source>
        <translation>已充值 {amount}（赠送 {bonus}）；余额 {balance}。</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>coupon −{amount}</source>
        <translation>优惠券 −{amount}</translation>
    </message>
    <message>
        <source>{points} points −{amount}</source>
        <translation>{points} 积分 −{amount}</translation>
    </message>
    <message>
        <source>stored value {amount}, left {balance}</source>
        <translation>储值支付 {amount}，余额 {balance}</translation>
    </message>
</context>
<context>
    <name>MoneySettingsSection</name>
    <message>
        <source> points</source>
        <translation> 积分</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>never</source>
        <translation>永不过期</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Points are earned per</source>
        <translation>积分按每消费多少元计</translation>
    </message>
    <message>
        <source>take off</source>
        <translation>抵扣</translation>
    </message>
    <message>
        <source>Redeeming</source>
        <translation>积分抵现</translation>
    </message>
    <message>
        <source>Least points per sale</source>
        <translation>每笔最少兑换积分</translation>
    </message>
    <message>
        <source>Most points per sale</source>
        <translation>每笔最多兑换积分</translation>
    </message>
    <message>
        <source>Points expire after</source>
        <translation>积分有效期</translation>
    </message>
    <message>
        <source>Stored value: top-up bonus</source>
        <translation>储值：充值赠送</translation>
    </message>
    <message>
        <source>Top up at least</source>
        <translation>充值满</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>赠送</translation>
    </message>
    <message>
        <source>Add &amp;rule</source>
        <translation>添加规则(&amp;R)</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>A top-up gets the bonus of the largest amount it reaches; bonus money is spent last and never refunded.</source>
        <translation>充值按达到的最高档位赠送；赠送金额最后扣用，且不退还。</translation>
    </message>
    <message>
        <source>Coupon for new members</source>
        <translation>新会员优惠券</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>MultiChoice</name>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>{title}: any</source>
        <translation>{title}：不限</translation>
    </message>
    <message>
        <source>{title}: {n} chosen</source>
        <translation>{title}：已选 {n} 项</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Dashboard</source>
        <translation>经营概览</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Tiers &amp; segments</source>
        <translation>会员分层</translation>
    </message>
    <message>
        <source>Insights</source>
        <translation>数据洞察</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>商品目录</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
</context>
<context>
    <name>OutputMenuButton</name>
    <message>
        <source>&amp;Print / export</source>
        <translation>打印 / 导出(&amp;P)</translation>
    </message>
    <message>
        <source>Print, save as PDF or export to Excel the members shown, in this order.</source>
        <translation>按当前顺序打印、保存为 PDF 或导出到 Excel 所显示的会员。</translation>
    </message>
    <message>
        <source>Print pre&amp;view …</source>
        <translation>打印预览……(&amp;V)</translation>
    </message>
    <message>
        <source>Save as P&amp;DF …</source>
        <translation>保存为 PDF……(&amp;D)</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel …</source>
        <translation>导出到 Excel……(&amp;X)</translation>
    </message>
</context>
<context>
    <name>OwnerPasswordDialog</name>
    <message>
        <source>Owner password</source>
        <translation>店主密码</translation>
    </message>
    <message>
        <source>Type the owner password.</source>
        <translation>请输入店主密码。</translation>
    </message>
</context>
<context>
    <name>OwnerPasswordSection</name>
    <message>
        <source>The owner password is asked before saving settings, erasing a member, restoring a backup, printing or exporting phone numbers in full and exporting a member&apos;s personal data. It keeps the counter staff out of these functions; it does not encrypt the database file, so anyone who can copy that file can read it.</source>
        <translation>保存设置、彻底删除会员、从备份恢复、打印或导出完整手机号以及导出会员个人数据之前，都会要求输入店主密码。它能防止收银员使用这些功能，但不会加密数据库文件：任何能复制该文件的人都能读取其中的数据。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>at least 4 characters</source>
        <translation>至少 4 个字符</translation>
    </message>
    <message>
        <source>Re&amp;move password</source>
        <translation>移除密码(&amp;M)</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>An owner password is set.</source>
        <translation>已设置店主密码。</translation>
    </message>
    <message>
        <source>No owner password is set: everyone can use every function.</source>
        <translation>尚未设置店主密码：任何人都可以使用所有功能。</translation>
    </message>
    <message>
        <source>&amp;Change password</source>
        <translation>修改密码(&amp;C)</translation>
    </message>
    <message>
        <source>Set &amp;password</source>
        <translation>设置密码(&amp;P)</translation>
    </message>
    <message>
        <source>Type the current owner password.</source>
        <translation>请输入当前的店主密码。</translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>Setting the owner password</source>
        <translation>正在设置店主密码</translation>
    </message>
    <message>
        <source>The owner password was changed.</source>
        <translation>店主密码已修改。</translation>
    </message>
    <message>
        <source>The owner password is set.</source>
        <translation>店主密码已设置。</translation>
    </message>
    <message>
        <source>Removing the owner password</source>
        <translation>正在移除店主密码</translation>
    </message>
    <message>
        <source>The owner password was removed.</source>
        <translation>店主密码已移除。</translation>
    </message>
</context>
<context>
    <name>PointsDialog</name>
    <message>
        <source>Redeem points</source>
        <translation>兑换积分</translation>
    </message>
    <message>
        <source>Adjust points</source>
        <translation>调整积分</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Points to redeem</source>
        <translation>兑换积分数</translation>
    </message>
    <message>
        <source>Change (+/-)</source>
        <translation>变动（+/-）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PreparedListModel</name>
    <message>
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
</context>
<context>
    <name>PriceListDialog</name>
    <message>
        <source>new product</source>
        <translation>新商品</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>有改动</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>无改动</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>未导入</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{action}: {reason}</source>
        <translation>{action}：{reason}</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>Old price</source>
        <translation>原价</translation>
    </message>
    <message>
        <source>New price</source>
        <translation>新价</translation>
    </message>
    <message>
        <source>Launch date</source>
        <translation>上市日期</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Import a price list</source>
        <translation>导入价目表</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <source>Save &amp;rejected rows…</source>
        <translation>另存未导入的行(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>One row per product with its name and price (code, category, launch date and on sale are optional). Known products get the new price (past sales keep theirs); new products go on the review list.</source>
        <translation>每个商品一行，写明名称和单价（编码、品类、上市日期、是否在售可不填）。已有商品改用新单价（已成交的销售保持原价）；新商品会列入待核对。</translation>
    </message>
    <message>
        <source>Choose a price list</source>
        <translation>选择价目表</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>{rows} rows: new products {new}, changed {changed}, unchanged {unchanged}, rejected {rejected}.
Columns: {columns}</source>
        <translation>共 {rows} 行：新商品 {new}，有改动 {changed}，无改动 {unchanged}，未导入 {rejected}。
列：{columns}</translation>
    </message>
    <message>
        <source>Importing price list</source>
        <translation>正在导入价目表</translation>
    </message>
    <message>
        <source>Imported: new products {new} (on the review list), changed {changed}, rejected {rejected}.</source>
        <translation>已导入：新商品 {new}（已列入待核对），有改动 {changed}，未导入 {rejected}。</translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Rejected rows saved to {path}.</source>
        <translation>未导入的行已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>PrintList</name>
    <message>
        <source>List made on {made} · Printed {printed} · {n} members</source>
        <translation>名单生成于 {made} · 打印于 {printed} · {n} 位会员</translation>
    </message>
    <message>
        <source>Filter: {filter}</source>
        <translation>筛选条件：{filter}</translation>
    </message>
    <message>
        <source>Phone numbers are masked.</source>
        <translation>手机号已部分隐藏。</translation>
    </message>
    <message>
        <source>Phone numbers are shown in full: keep this list safe.</source>
        <translation>手机号完整显示：请妥善保管本名单。</translation>
    </message>
    <message>
        <source>{n} members saved with the list are left out: erased, archived or no longer agreeing to promotions.</source>
        <translation>名单保存时的 {n} 位会员未列出：已删除、已归档或不再同意接收营销信息。</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>No member is on this list.</source>
        <translation>此名单上没有会员。</translation>
    </message>
    <message>
        <source>Member list</source>
        <translation>会员名单</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>About this list</source>
        <translation>关于本名单</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>价值等级</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>List</source>
        <translation>名单</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>生成于</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出于</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>Edit product</source>
        <translation>编辑商品</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>新增商品</translation>
    </message>
    <message>
        <source>optional, e.g. B012</source>
        <translation>可不填，例如 B012</translation>
    </message>
    <message>
        <source>e.g. 12.50 (more than 0, less than 100,000)</source>
        <translation>例如 12.50（大于 0，小于 100,000）</translation>
    </message>
    <message>
        <source>YYYY-MM-DD, optional</source>
        <translation>年-月-日，可不填</translation>
    </message>
    <message>
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>From this day the product counts as new (for the new-product triers)</source>
        <translation>从这天起该商品算作新品（用于识别尝鲜型会员）</translation>
    </message>
    <message>
        <source>An import created this product and guessed its price: saving confirms it.</source>
        <translation>此商品由导入创建，单价是推算的：保存即表示已核对。</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>C&amp;ode</source>
        <translation>编码(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation>品类(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Price</source>
        <translation>单价(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Launch date</source>
        <translation>上市日期(&amp;L)</translation>
    </message>
    <message>
        <source>Price history</source>
        <translation>调价记录</translation>
    </message>
    <message>
        <source>No change yet.</source>
        <translation>尚未调价。</translation>
    </message>
    <message>
        <source>{when}: {old} → {new}</source>
        <translation>{when}：{old} → {new}</translation>
    </message>
    <message>
        <source>Saving product</source>
        <translation>正在保存商品</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund top-up</source>
        <translation>充值退款</translation>
    </message>
    <message>
        <source>{date}: {paid} paid by {method}, {left} refundable</source>
        <translation>{date}：{method}支付 {paid}，可退 {left}</translation>
    </message>
    <message>
        <source>&amp;Top-up</source>
        <translation>充值记录(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Amount to refund</source>
        <translation>退款金额(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <source>Nothing to refund: every top-up of this member is spent or already refunded.</source>
        <translation>没有可退的金额：此会员的充值都已消费或已退款。</translation>
    </message>
    <message>
        <source>Only money paid in and not yet spent can be refunded; the bonus that came with the top-up is taken back in proportion.</source>
        <translation>只能退还已充值且尚未消费的金额；随充值赠送的金额按比例收回。</translation>
    </message>
</context>
<context>
    <name>ResponsePanel</name>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员数</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>已消费</translation>
    </message>
    <message>
        <source>Share bought</source>
        <translation>消费比例</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>Spend per member</source>
        <translation>人均消费</translation>
    </message>
    <message>
        <source>On the list</source>
        <translation>名单上</translation>
    </message>
    <message>
        <source>Comparable members</source>
        <translation>可比较会员</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Comparable</source>
        <translation>可比较</translation>
    </message>
    <message>
        <source>Bought within</source>
        <translation>在此期限内消费</translation>
    </message>
    <message>
        <source>after the list was saved: the contacted members beside members the list matched that day but nobody contacted.</source>
        <translation>（名单保存后），已联系的会员与当天名单筛选出但未被联系的会员对比。</translation>
    </message>
    <message>
        <source>Members the list matched on its day who were not contacted; share and spend weighted to the contacted members&apos; segments and recency.</source>
        <translation>名单当天筛选出但未联系的会员；比例和消费按已联系会员的细分和最近消费间隔加权。</translation>
    </message>
    <message>
        <source>Nobody on the list is marked as contacted.</source>
        <translation>名单上没有会员被标记为已联系。</translation>
    </message>
    <message>
        <source>Choose a saved campaign to see whether its members came back.</source>
        <translation>选择一个已保存的营销活动，查看其会员是否回来了。</translation>
    </message>
    <message>
        <source>(no class)</source>
        <translation>（无类别）</translation>
    </message>
    <message>
        <source>Share who bought</source>
        <translation>消费会员比例</translation>
    </message>
    <message>
        <source>No purchases to compare yet.</source>
        <translation>还没有可比较的消费。</translation>
    </message>
</context>
<context>
    <name>RuleFields</name>
    <message>
        <source>Analysis window</source>
        <translation>分析周期</translation>
    </message>
    <message>
        <source>Visit frequency</source>
        <translation>到店频次</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Customer pyramid</source>
        <translation>客户金字塔</translation>
    </message>
    <message>
        <source>Value class (ABCD)</source>
        <translation>价值等级（ABCD）</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Churn warning</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <source>Product preference</source>
        <translation>产品偏好</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>推荐商品</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>客户终身价值</translation>
    </message>
    <message>
        <source>Other rules</source>
        <translation>其他规则</translation>
    </message>
    <message>
        <source>Look back over the last (days)</source>
        <translation>统计最近多少天（天）</translation>
    </message>
    <message>
        <source>High: at least this many visits a week</source>
        <translation>高：每周至少到店次数</translation>
    </message>
    <message>
        <source>Medium: at least this many visits a month</source>
        <translation>中：每月至少到店次数</translation>
    </message>
    <message>
        <source>Average over at least (days), so a first visit is not &apos;high&apos;</source>
        <translation>至少按多少天平均（天），避免首次到店就算“高”</translation>
    </message>
    <message>
        <source>High: the top share of members by spend</source>
        <translation>高：消费排名前列的会员比例</translation>
    </message>
    <message>
        <source>Medium: the next share</source>
        <translation>中：其后的比例</translation>
    </message>
    <message>
        <source>Platinum: the top share by spend</source>
        <translation>铂金：消费排名最前的比例</translation>
    </message>
    <message>
        <source>Gold: the next share</source>
        <translation>黄金：其后的比例</translation>
    </message>
    <message>
        <source>Iron: the next share (the rest are lead)</source>
        <translation>铁：再往后的比例（其余为铅）</translation>
    </message>
    <message>
        <source>A: members making this first share of spend</source>
        <translation>A：贡献前这部分消费额的会员</translation>
    </message>
    <message>
        <source>B: the next share of spend</source>
        <translation>B：其后这部分消费额</translation>
    </message>
    <message>
        <source>New: first purchase within (days)</source>
        <translation>新客：首次购买在多少天内（天）</translation>
    </message>
    <message>
        <source>Churned: no visit for (days)</source>
        <translation>已流失：多少天未到店（天）</translation>
    </message>
    <message>
        <source>Churned: or chance of still being a customer below</source>
        <translation>已流失：或仍是活跃顾客的概率低于</translation>
    </message>
    <message>
        <source>Won back: for (days) after the return visit</source>
        <translation>已召回：回头后保持多少天（天）</translation>
    </message>
    <message>
        <source>At risk: from this many churn-warning signals</source>
        <translation>流失风险：流失预警信号达到几个</translation>
    </message>
    <message>
        <source>Away longer than this many times the usual interval</source>
        <translation>未到店时间超过平时间隔的倍数</translation>
    </message>
    <message>
        <source>... and away at least (days)</source>
        <translation>……且至少多少天未到店（天）</translation>
    </message>
    <message>
        <source>Visits or spend down by at least</source>
        <translation>到店次数或消费下降至少</translation>
    </message>
    <message>
        <source>A rating at or below</source>
        <translation>评分不高于</translation>
    </message>
    <message>
        <source>Compare periods of (days)</source>
        <translation>对比的时间段长度（天）</translation>
    </message>
    <message>
        <source>A product is new for (days after launch)</source>
        <translation>新品期（上市后多少天）</translation>
    </message>
    <message>
        <source>Trier: share of spend on new products at least</source>
        <translation>尝鲜者：新品消费占比至少</translation>
    </message>
    <message>
        <source>Trier: or this many different new products</source>
        <translation>尝鲜者：或买过几种不同新品</translation>
    </message>
    <message>
        <source>Classic lover: share on new products at most</source>
        <translation>经典款爱好者：新品消费占比至多</translation>
    </message>
    <message>
        <source>Classic lover: at least this many visits</source>
        <translation>经典款爱好者：至少到店次数</translation>
    </message>
    <message>
        <source>Products recommended per member</source>
        <translation>每位会员推荐商品数</translation>
    </message>
    <message>
        <source>Lifetime value: fit the model from this many buyers</source>
        <translation>终身价值：至少多少位购买者才拟合模型</translation>
    </message>
    <message>
        <source>Lifetime value: and this many repeat buyers</source>
        <translation>终身价值：且至少多少位回头客</translation>
    </message>
</context>
<context>
    <name>SavedCampaigns</name>
    <message>
        <source>Campaign</source>
        <translation>营销活动</translation>
    </message>
    <message>
        <source>Made on</source>
        <translation>生成于</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员数</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>已联系</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印于</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出于</translation>
    </message>
    <message>
        <source>Phone numbers in full</source>
        <translation>完整手机号</translation>
    </message>
    <message>
        <source>Printed lists mask phones as 138****5678; in full needs the owner password.</source>
        <translation>打印的名单会把手机号显示为 138****5678；显示完整号码需要店主密码。</translation>
    </message>
    <message>
        <source>Print pre&amp;view …</source>
        <translation>打印预览……(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Print …</source>
        <translation>打印……(&amp;P)</translation>
    </message>
    <message>
        <source>Save as P&amp;DF …</source>
        <translation>保存为 PDF……(&amp;D)</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel …</source>
        <translation>导出到 Excel……(&amp;X)</translation>
    </message>
    <message>
        <source>Columns …</source>
        <translation>列……</translation>
    </message>
    <message>
        <source>Delete …</source>
        <translation>删除……</translation>
    </message>
    <message>
        <source>Members on the list</source>
        <translation>名单上的会员</translation>
    </message>
    <message>
        <source>Did they come back?</source>
        <translation>他们回来了吗？</translation>
    </message>
    <message>
        <source>No saved campaign yet</source>
        <translation>还没有保存的营销活动</translation>
    </message>
    <message>
        <source>Make a list on the &apos;New list&apos; tab and save it: the members on it that day are kept, so you can print it, tick who was contacted and later see whether they came back.</source>
        <translation>在“新建名单”页生成名单并保存：当天名单上的会员会被保留，之后可以打印、勾选已联系的会员，并查看他们是否回来了。</translation>
    </message>
    <message>
        <source>Made {when} · {n} members · {contacted} contacted · {filter}</source>
        <translation>生成于 {when} · {n} 位会员 · 已联系 {contacted} 位 · {filter}</translation>
    </message>
    <message>
        <source>Delete campaign</source>
        <translation>删除营销活动</translation>
    </message>
    <message>
        <source>Delete &quot;{name}&quot;? Its member list and contact marks go, and whether its members came back can no longer be measured. A backup is taken first.</source>
        <translation>删除“{name}”？其会员名单和联系标记会被删除，之后将无法统计这些会员是否回来。删除前会先做一次备份。</translation>
    </message>
    <message>
        <source>Deleting the campaign</source>
        <translation>正在删除营销活动</translation>
    </message>
</context>
<context>
    <name>Seasons</name>
    <message>
        <source>New Year&apos;s Day</source>
        <translation>元旦</translation>
    </message>
    <message>
        <source>Chinese New Year&apos;s Eve</source>
        <translation>除夕</translation>
    </message>
    <message>
        <source>Spring Festival</source>
        <translation>春节</translation>
    </message>
    <message>
        <source>Lantern Festival</source>
        <translation>元宵节</translation>
    </message>
    <message>
        <source>Qingming</source>
        <translation>清明节</translation>
    </message>
    <message>
        <source>Labour Day</source>
        <translation>劳动节</translation>
    </message>
    <message>
        <source>Dragon Boat Festival</source>
        <translation>端午节</translation>
    </message>
    <message>
        <source>Qixi</source>
        <translation>七夕</translation>
    </message>
    <message>
        <source>Mid-Autumn Festival</source>
        <translation>中秋节</translation>
    </message>
    <message>
        <source>National Day</source>
        <translation>国庆节</translation>
    </message>
    <message>
        <source>Double Ninth Festival</source>
        <translation>重阳节</translation>
    </message>
</context>
<context>
    <name>SegmentCharts</name>
    <message>
        <source>Not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Age unknown</source>
        <translation>年龄未知</translation>
    </message>
    <message>
        <source>{n} ({share})</source>
        <translation>{n}（{share}）</translation>
    </message>
    <message>
        <source>Click to list these members.</source>
        <translation>点击列出这些会员。</translation>
    </message>
    <message>
        <source>Customer pyramid (by spend in the window)</source>
        <translation>客户金字塔（按统计期内消费）</translation>
    </message>
    <message>
        <source>Nobody is classified yet.</source>
        <translation>还没有会员被分类。</translation>
    </message>
    <message>
        <source>{members} members ({share}) · {spend} of spend</source>
        <translation>{members} 位会员（{share}）· 消费 {spend}</translation>
    </message>
    <message>
        <source>{name}: {members} members, {amount} spent in the window.</source>
        <translation>{name}：{members} 位会员，统计期内消费 {amount}。</translation>
    </message>
    <message>
        <source>Customer pyramid: {name}</source>
        <translation>客户金字塔：{name}</translation>
    </message>
    <message>
        <source>Value classes A-D: share of members and of spend</source>
        <translation>价值等级 A-D：会员占比与消费占比</translation>
    </message>
    <message>
        <source>Value class {name}</source>
        <translation>价值等级 {name}</translation>
    </message>
    <message>
        <source>{name}: {members} members ({share} of members), {spend_share} of spend ({amount}).</source>
        <translation>{name}：{members} 位会员（占会员 {share}），占消费 {spend_share}（{amount}）。</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>RFM: recency R x frequency F (members)</source>
        <translation>RFM：最近消费 R × 消费频次 F（会员数）</translation>
    </message>
    <message>
        <source>No member bought in the window.</source>
        <translation>统计期内没有会员消费。</translation>
    </message>
    <message>
        <source>RFM cell R {r} · F {f}</source>
        <translation>RFM 格 R {r} · F {f}</translation>
    </message>
    <message>
        <source>R {r}, F {f}: {n} members.</source>
        <translation>R {r}，F {f}：{n} 位会员。</translation>
    </message>
    <message>
        <source>Frequency score (5 = most visits)</source>
        <translation>频次得分（5 = 到店最多）</translation>
    </message>
    <message>
        <source>Recency score (5 = most recent)</source>
        <translation>最近消费得分（5 = 最近）</translation>
    </message>
    <message>
        <source>RFM segments</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Lifecycle: {name}</source>
        <translation>生命周期：{name}</translation>
    </message>
    <message>
        <source>{name}: {members} members.</source>
        <translation>{name}：{members} 位会员。</translation>
    </message>
    <message>
        <source>Churn warning</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <source>Members with {range} visits in the window</source>
        <translation>统计期内到店 {range} 次的会员</translation>
    </message>
    <message>
        <source>Members who spent {range} in the window</source>
        <translation>统计期内消费 {range} 的会员</translation>
    </message>
    <message>
        <source>Visit frequency: visits in the window</source>
        <translation>到店频次：统计期内到店次数</translation>
    </message>
    <message>
        <source>Visits in the last {days} days</source>
        <translation>最近 {days} 天到店次数</translation>
    </message>
    <message>
        <source>Spend in the window</source>
        <translation>统计期内消费</translation>
    </message>
    <message>
        <source>Spend in the last {days} days ({currency})</source>
        <translation>最近 {days} 天消费（{currency}）</translation>
    </message>
    <message>
        <source>Visit frequency classes</source>
        <translation>到店频次等级</translation>
    </message>
    <message>
        <source>Spend classes</source>
        <translation>消费等级</translation>
    </message>
    <message>
        <source>Product preference</source>
        <translation>产品偏好</translation>
    </message>
    <message>
        <source>Favourite category</source>
        <translation>最爱品类</translation>
    </message>
    <message>
        <source>Where members came from</source>
        <translation>会员来源</translation>
    </message>
    <message>
        <source>Age bands</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <source>{what}: {name}</source>
        <translation>{what}：{name}</translation>
    </message>
    <message>
        <source>{what}: {earlier} → {later}</source>
        <translation>{what}：{earlier} → {later}</translation>
    </message>
    <message>
        <source>Nobody is in the later classification.</source>
        <translation>较晚的分类中没有会员。</translation>
    </message>
    <message>
        <source>Not classified then</source>
        <translation>当时未分类</translation>
    </message>
    <message>
        <source>{what}: {before} → {after}</source>
        <translation>{what}：{before} → {after}</translation>
    </message>
    <message>
        <source>{heading}: {n} members.</source>
        <translation>{heading}：{n} 位会员。</translation>
    </message>
    <message>
        <source>Classified as of {date}</source>
        <translation>分类截至 {date}</translation>
    </message>
    <message>
        <source>As of {date}</source>
        <translation>截至 {date}</translation>
    </message>
</context>
<context>
    <name>SegmentsView</name>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>&amp;Classify</source>
        <translation>分类(&amp;C)</translation>
    </message>
    <message>
        <source>Classify every member as of this day over this window and keep the result as a new snapshot</source>
        <translation>按这一天和这个统计期对所有会员分类，并保存为新的分类快照</translation>
    </message>
    <message>
        <source>Last sale day</source>
        <translation>最后销售日</translation>
    </message>
    <message>
        <source>Set the day to the last recorded sale (for an imported history)</source>
        <translation>把日期设为最后一笔销售的日子（适用于导入的历史数据）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Tiers &amp; segments</source>
        <translation>会员分层</translation>
    </message>
    <message>
        <source>Showing</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Classify as of</source>
        <translation>分类截至</translation>
    </message>
    <message>
        <source>over</source>
        <translation>统计期</translation>
    </message>
    <message>
        <source>Tiers and value</source>
        <translation>层级与价值</translation>
    </message>
    <message>
        <source>RFM</source>
        <translation>RFM</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Frequency and spend</source>
        <translation>频次与消费</translation>
    </message>
    <message>
        <source>Preferences and sources</source>
        <translation>偏好与来源</translation>
    </message>
    <message>
        <source>Movements</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>by</source>
        <translation>按</translation>
    </message>
    <message>
        <source>{as_of} · {days} days · {members} members</source>
        <translation>{as_of} · {days} 天 · {members} 位会员</translation>
    </message>
    <message>
        <source>Classified as of {as_of} over the {days} days before; run on {run}</source>
        <translation>分类截至 {as_of}，统计此前 {days} 天；运行于 {run}</translation>
    </message>
    <message>
        <source>Not classified yet: choose the day and window above and press Classify.</source>
        <translation>尚未分类：请在上方选择日期和统计期，然后点击“分类”。</translation>
    </message>
    <message>
        <source>Loading ...</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <source>(an older classification)</source>
        <translation>（较早的分类）</translation>
    </message>
    <message>
        <source>{members} active members classified as of {as_of} over {days} days; click a bar or cell to list its members.</source>
        <translation>已对 {members} 位活跃会员分类（截至 {as_of}，统计 {days} 天）；点击柱形或格子即可列出其中的会员。</translation>
    </message>
    <message>
        <source>Movements need two classifications: classify again on a later day (or an earlier one) to compare.</source>
        <translation>查看变动需要两次分类：请在更晚（或更早）的日期再分类一次以便比较。</translation>
    </message>
    <message>
        <source>{up} moved up, {down} moved down, {same} stayed, {new} were not classified then.</source>
        <translation>{up} 位上升，{down} 位下降，{same} 位不变，{new} 位当时未分类。</translation>
    </message>
    <message>
        <source>{changed} changed class, {same} stayed, {new} were not classified then.</source>
        <translation>{changed} 位类别变化，{same} 位不变，{new} 位当时未分类。</translation>
    </message>
    <message>
        <source>Click a cell to list its members.</source>
        <translation>点击格子即可列出其中的会员。</translation>
    </message>
    <message>
        <source>Charts are not available: {error}</source>
        <translation>图表无法显示：{error}</translation>
    </message>
    <message>
        <source>Classifying members</source>
        <translation>正在对会员分类</translation>
    </message>
    <message>
        <source>Classification cancelled; nothing was stored.</source>
        <translation>分类已取消；没有保存任何内容。</translation>
    </message>
    <message>
        <source>Classifying as of {as_of} over {days} days ...</source>
        <translation>正在分类（截至 {as_of}，统计 {days} 天）……</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Shop</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Points and levels</source>
        <translation>积分与等级</translation>
    </message>
    <message>
        <source>Classification rules</source>
        <translation>分类规则</translation>
    </message>
    <message>
        <source>Database and backups</source>
        <translation>数据库与备份</translation>
    </message>
    <message>
        <source>Owner password</source>
        <translation>店主密码</translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation>隐私</translation>
    </message>
    <message>
        <source>Money at the counter</source>
        <translation>收银与储值</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>保存设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Mask phone numbers on printed lists (138****5678)</source>
        <translation>打印名单时隐藏部分手机号（138****5678）</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>店名</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>货币</translation>
    </message>
    <message>
        <source> points per 1 spent</source>
        <translation> 积分 / 每消费 1 元</translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation>积分规则</translation>
    </message>
    <message>
        <source>Member levels (by cumulative spend, upgraded automatically)</source>
        <translation>会员等级（按累计消费自动升级）</translation>
    </message>
    <message>
        <source>Level name</source>
        <translation>等级名称</translation>
    </message>
    <message>
        <source>From cumulative spend</source>
        <translation>累计消费起点</translation>
    </message>
    <message>
        <source>&amp;Add level</source>
        <translation>添加等级(&amp;A)</translation>
    </message>
    <message>
        <source>Re&amp;move level</source>
        <translation>删除等级(&amp;M)</translation>
    </message>
    <message>
        <source>The first level starts at 0. A member moves up as soon as their spend reaches the next level&apos;s threshold.</source>
        <translation>第一个等级从 0 开始。会员累计消费达到下一等级门槛时自动升级。</translation>
    </message>
    <message>
        <source>Thresholds of every classification. Changes apply at the next classification run.</source>
        <translation>各项分类的阈值。修改在下次分类时生效。</translation>
    </message>
    <message>
        <source>Default: {value}</source>
        <translation>默认值：{value}</translation>
    </message>
    <message>
        <source>Reset rules to &amp;defaults</source>
        <translation>恢复默认规则(&amp;D)</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Saving the settings needs the owner password.</source>
        <translation>保存设置需要店主密码。</translation>
    </message>
    <message>
        <source>Saving settings</source>
        <translation>正在保存设置</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>StoredValue</name>
    <message>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Returned (void)</source>
        <translation>退回（作废）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>of which bonus</source>
        <translation>其中赠送</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>StoredValuePage</name>
    <message>
        <source>Re&amp;fund top-up …</source>
        <translation>充值退款…(&amp;F)</translation>
    </message>
    <message>
        <source>Adjust &amp;balance …</source>
        <translation>调整余额…(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Statement as PDF …</source>
        <translation>对账单存为 PDF…(&amp;S)</translation>
    </message>
    <message>
        <source>80 mm receipt</source>
        <translation>80 mm 小票</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>Balance {amount}</source>
        <translation>余额 {amount}</translation>
    </message>
    <message>
        <source>of which bonus money {bonus} (spent last, never refunded)</source>
        <translation>其中赠送金额 {bonus}（最后消费，不可退）</translation>
    </message>
    <message>
        <source>Refunding stored value needs the owner password.</source>
        <translation>储值退款需要店主密码。</translation>
    </message>
    <message>
        <source>Refund recorded.</source>
        <translation>退款已记录。</translation>
    </message>
    <message>
        <source>Adjusting stored value needs the owner password.</source>
        <translation>调整储值余额需要店主密码。</translation>
    </message>
    <message>
        <source>Adjustment recorded.</source>
        <translation>调整已记录。</translation>
    </message>
    <message>
        <source>Save statement</source>
        <translation>保存对账单</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF（*.pdf）</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>TakingsDialog</name>
    <message>
        <source>Takings</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>80 mm receipt</source>
        <translation>80 mm 小票</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <source>Save takings</source>
        <translation>保存日结</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF（*.pdf）</translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation>已保存到 {path}。</translation>
    </message>
</context>
<context>
    <name>TopupDialog</name>
    <message>
        <source>Top up stored value</source>
        <translation>储值充值</translation>
    </message>
    <message>
        <source>e.g. 200</source>
        <translation>例如 200</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>金额(&amp;A)</translation>
    </message>
    <message>
        <source>Paid &amp;by</source>
        <translation>支付方式(&amp;B)</translation>
    </message>
    <message>
        <source>Bonus {bonus}</source>
        <translation>赠送 {bonus}</translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>Today&apos;s automatic backup failed: {reason}</source>
        <translation>今天的自动备份失败：{reason}</translation>
    </message>
    <message>
        <source>unnamed shop {id}</source>
        <translation>未命名的店（{id}）</translation>
    </message>
    <message>
        <source>unnamed shop</source>
        <translation>未命名的店</translation>
    </message>
</context>
<context>
    <name>classification</name>
    <message>
        <source>Reading members and sales ...</source>
        <translation>正在读取会员和销售记录……</translation>
    </message>
    <message>
        <source>Computing visits and spend ...</source>
        <translation>正在计算到店和消费……</translation>
    </message>
    <message>
        <source>Sorting members into classes ...</source>
        <translation>正在为会员分类……</translation>
    </message>
    <message>
        <source>Fitting the lifetime value model ...</source>
        <translation>正在拟合终身价值模型……</translation>
    </message>
    <message>
        <source>Choosing recommendations ...</source>
        <translation>正在挑选推荐商品……</translation>
    </message>
    <message>
        <source>Saving the snapshot ...</source>
        <translation>正在保存分类快照……</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>{value} is too large</source>
        <translation>{value} 过大</translation>
    </message>
    <message>
        <source>ShopCRM: members, sales and promotions for one shop.</source>
        <translation>ShopCRM：为一家门店管理会员、销售和营销。</translation>
    </message>
    <message>
        <source>database file or URL (default: SHOPCRM_DATABASE_URL or the per-user data folder)</source>
        <translation>数据库文件或地址（默认：SHOPCRM_DATABASE_URL 或用户数据文件夹）</translation>
    </message>
    <message>
        <source>language of messages</source>
        <translation>提示信息的语言</translation>
    </message>
    <message>
        <source>The database could not be read or written: {reason}</source>
        <translation>无法读取或写入数据库：{reason}</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>details in {path}</source>
        <translation>详情见 {path}</translation>
    </message>
    <message>
        <source>no log could be written</source>
        <translation>无法写入日志</translation>
    </message>
    <message>
        <source>unexpected error ({error}); the command stopped; {where}</source>
        <translation>意外错误（{error}），命令已停止；{where}</translation>
    </message>
    <message>
        <source>copy the database to DEST or the backup folder</source>
        <translation>把数据库复制到 DEST 或备份文件夹</translation>
    </message>
    <message>
        <source>replace the database with a backup (the current one is backed up first)</source>
        <translation>用备份替换数据库（会先备份当前数据库）</translation>
    </message>
    <message>
        <source>the backup is of another shop: confirm by naming that shop (its data replaces this shop&apos;s)</source>
        <translation>备份属于另一家店时：写出那家店的名称以确认（它的数据将替换本店的数据）</translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation>备份已写入 {path}</translation>
    </message>
    <message>
        <source>Restored {file}; the previous database was saved as {path}</source>
        <translation>已恢复 {file}；原来的数据库已保存为 {path}</translation>
    </message>
    <message>
        <source>register, list, find and show members</source>
        <translation>登记、列出、查找和查看会员</translation>
    </message>
    <message>
        <source>register a member</source>
        <translation>登记会员</translation>
    </message>
    <message>
        <source>the member agrees to marketing</source>
        <translation>会员同意接收营销信息</translation>
    </message>
    <message>
        <source>list members</source>
        <translation>列出会员</translation>
    </message>
    <message>
        <source>find by phone, last 4 digits, name or card no.</source>
        <translation>按手机号、尾号 4 位、姓名或卡号查找</translation>
    </message>
    <message>
        <source>one member with history, points and classes</source>
        <translation>查看一位会员的消费记录、积分和分类</translation>
    </message>
    <message>
        <source>Registered member {card} (id {id}).</source>
        <translation>已登记会员 {card}（编号 {id}）。</translation>
    </message>
    <message>
        <source>No member found.</source>
        <translation>没有找到会员。</translation>
    </message>
    <message>
        <source>Level: {level}  Points: {points}  Spend: {spend}</source>
        <translation>等级：{level}  积分：{points}  消费：{spend}</translation>
    </message>
    <message>
        <source>record or void a purchase</source>
        <translation>记录或作废消费</translation>
    </message>
    <message>
        <source>record a purchase</source>
        <translation>记录一笔消费</translation>
    </message>
    <message>
        <source>member id</source>
        <translation>会员编号</translation>
    </message>
    <message>
        <source>member phone</source>
        <translation>会员手机号</translation>
    </message>
    <message>
        <source>member card no.</source>
        <translation>会员卡号</translation>
    </message>
    <message>
        <source>define, issue, redeem and list coupons</source>
        <translation>定义、发放、核销和列出优惠券</translation>
    </message>
    <message>
        <source>define a coupon</source>
        <translation>定义一种优惠券</translation>
    </message>
    <message>
        <source>money off</source>
        <translation>减免金额</translation>
    </message>
    <message>
        <source>percentage off</source>
        <translation>折扣百分比</translation>
    </message>
    <message>
        <source>a free item</source>
        <translation>赠送商品</translation>
    </message>
    <message>
        <source>minimum spend</source>
        <translation>最低消费</translation>
    </message>
    <message>
        <source>issue a coupon to members</source>
        <translation>向会员发放优惠券</translation>
    </message>
    <message>
        <source>every member of a saved list</source>
        <translation>已保存名单中的每位会员</translation>
    </message>
    <message>
        <source>members with a birthday this week</source>
        <translation>本周过生日的会员</translation>
    </message>
    <message>
        <source>a day of the birthday week (YYYY-MM-DD; default today)</source>
        <translation>生日周中的某一天（YYYY-MM-DD；默认今天）</translation>
    </message>
    <message>
        <source>redeem a coupon on a sale</source>
        <translation>在一笔销售中核销优惠券</translation>
    </message>
    <message>
        <source>total before the coupon (omit when giving --item)</source>
        <translation>用券前的金额（给出 --item 时省略）</translation>
    </message>
    <message>
        <source>voucher slips with code and QR code, as a PDF</source>
        <translation>打印优惠券凭条（券码和二维码），输出 PDF</translation>
    </message>
    <message>
        <source>list coupons</source>
        <translation>列出优惠券</translation>
    </message>
    <message>
        <source>only coupons that can be used today</source>
        <translation>只列今天可用的优惠券</translation>
    </message>
    <message>
        <source>Coupon {id} defined.</source>
        <translation>优惠券 {id} 已定义。</translation>
    </message>
    <message>
        <source>{count} coupons issued.</source>
        <translation>已发放 {count} 张优惠券。</translation>
    </message>
    <message>
        <source>Purchase {id} recorded: {total:.2f} after {off:.2f} off.</source>
        <translation>消费 {id} 已记录：优惠 {off:.2f} 后实收 {total:.2f}。</translation>
    </message>
    <message>
        <source>used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <source>No coupons.</source>
        <translation>没有优惠券。</translation>
    </message>
    <message>
        <source>total paid (omit when giving --item)</source>
        <translation>实付金额（使用 --item 时省略）</translation>
    </message>
    <message>
        <source>a product by name, e.g. 菠萝包x2</source>
        <translation>按名称指定商品，例如 菠萝包x2</translation>
    </message>
    <message>
        <source>a coupon code to redeem on this sale</source>
        <translation>本单核销的优惠券码</translation>
    </message>
    <message>
        <source>points to take as money off</source>
        <translation>抵扣现金的积分数</translation>
    </message>
    <message>
        <source>part of the total paid from the member&apos;s stored value (--payment stored_value: all of it)</source>
        <translation>用会员储值支付的部分（--payment stored_value：全部）</translation>
    </message>
    <message>
        <source>a reference of your own for this sale: sending the same one again records nothing twice</source>
        <translation>这笔消费的自定义单号：再次发送相同单号不会重复记录</translation>
    </message>
    <message>
        <source>void a purchase</source>
        <translation>作废一笔消费</translation>
    </message>
    <message>
        <source>Purchase {id} recorded: {total:.2f}, {points} points earned.</source>
        <translation>消费 {id} 已记录：{total:.2f}，获得 {points} 积分。</translation>
    </message>
    <message>
        <source>Purchase {id} voided.</source>
        <translation>消费 {id} 已作废。</translation>
    </message>
    <message>
        <source>members, purchases and revenue</source>
        <translation>会员数、消费笔数和营业额</translation>
    </message>
    <message>
        <source>Members: {n}</source>
        <translation>会员：{n}</translation>
    </message>
    <message>
        <source>Purchases: {n}</source>
        <translation>消费笔数：{n}</translation>
    </message>
    <message>
        <source>Revenue: {amount:.2f}</source>
        <translation>营业额：{amount:.2f}</translation>
    </message>
    <message>
        <source>First purchase: {when}</source>
        <translation>首笔消费：{when}</translation>
    </message>
    <message>
        <source>Last purchase: {when}</source>
        <translation>最近消费：{when}</translation>
    </message>
    <message>
        <source>fill an empty database with a demo bakery</source>
        <translation>用示例烘焙店填充空数据库</translation>
    </message>
    <message>
        <source>number of members (default 2000; 50000 with --large)</source>
        <translation>会员数（默认 2000；使用 --large 时为 50000）</translation>
    </message>
    <message>
        <source>months of sales history ending today (default 24)</source>
        <translation>截至今天的销售历史月数（默认 24）</translation>
    </message>
    <message>
        <source>random seed: the same seed gives the same shop (default 1)</source>
        <translation>随机种子：相同种子生成相同门店（默认 1）</translation>
    </message>
    <message>
        <source>benchmark size: 50,000 members and about a million purchases</source>
        <translation>基准测试规模：5 万会员、约一百万笔消费</translation>
    </message>
    <message>
        <source>Demo shop &quot;{name}&quot;: {members} members, {purchases} purchases ({walk_ins} without a member card), revenue {revenue}, from {first} to {last}; {seconds:.1f} s.</source>
        <translation>示例门店“{name}”：{members} 位会员，{purchases} 笔消费（其中 {walk_ins} 笔无会员卡），营业额 {revenue}，从 {first} 到 {last}；用时 {seconds:.1f} 秒。</translation>
    </message>
    <message>
        <source>the owner password, if one is set; without a terminal, rather use --password-file or the environment variable SHOPCRM_OWNER_PASSWORD (a typed prompt is used on a terminal)</source>
        <translation>店主密码（如已设置）；没有终端时，请改用 --password-file 或环境变量 SHOPCRM_OWNER_PASSWORD（在终端上会提示输入）</translation>
    </message>
    <message>
        <source>read the owner password from the first line of FILE (- for standard input)</source>
        <translation>从 FILE 的第一行读取店主密码（- 表示标准输入）</translation>
    </message>
    <message>
        <source>Owner password: </source>
        <translation>店主密码：</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} 不是数字</translation>
    </message>
    <message>
        <source>{value} is not a valid id</source>
        <translation>{value} 不是有效的编号</translation>
    </message>
    <message>
        <source>a member&apos;s personal data: export, consent, erase</source>
        <translation>会员个人信息：导出、营销同意、删除</translation>
    </message>
    <message>
        <source>write everything kept about one member to a JSON file</source>
        <translation>把一位会员的全部记录写入 JSON 文件</translation>
    </message>
    <message>
        <source>show or change a member&apos;s marketing consent</source>
        <translation>查看或修改会员的营销同意</translation>
    </message>
    <message>
        <source>the member withdraws consent</source>
        <translation>会员撤回同意</translation>
    </message>
    <message>
        <source>erase a member&apos;s personal data for good (sales stay anonymously)</source>
        <translation>彻底删除会员个人信息（消费记录匿名保留）</translation>
    </message>
    <message>
        <source>confirm: this cannot be undone</source>
        <translation>确认：此操作无法撤销</translation>
    </message>
    <message>
        <source>set, change or remove the owner password</source>
        <translation>设置、修改或移除店主密码</translation>
    </message>
    <message>
        <source>set or change the owner password</source>
        <translation>设置或修改店主密码</translation>
    </message>
    <message>
        <source>the new password (or set SHOPCRM_NEW_OWNER_PASSWORD)</source>
        <translation>新密码（也可设置 SHOPCRM_NEW_OWNER_PASSWORD）</translation>
    </message>
    <message>
        <source>remove the owner password</source>
        <translation>移除店主密码</translation>
    </message>
    <message>
        <source>is an owner password set?</source>
        <translation>是否已设置店主密码？</translation>
    </message>
    <message>
        <source>the audit log: exports, prints, erasures, restores</source>
        <translation>审计日志：导出、打印、删除、恢复</translation>
    </message>
    <message>
        <source>Personal data of member {id} written to {path}</source>
        <translation>会员 {id} 的个人信息已写入 {path}</translation>
    </message>
    <message>
        <source>consents</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>withdrew consent</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>No consent recorded.</source>
        <translation>没有同意记录。</translation>
    </message>
    <message>
        <source>Member {id} erased; their sales remain without personal data.</source>
        <translation>会员 {id} 已删除；其消费记录保留但不含个人信息。</translation>
    </message>
    <message>
        <source>New owner password: </source>
        <translation>新的店主密码：</translation>
    </message>
    <message>
        <source>Repeat it: </source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <source>The owner password is set.</source>
        <translation>店主密码已设置。</translation>
    </message>
    <message>
        <source>The owner password was removed.</source>
        <translation>店主密码已移除。</translation>
    </message>
    <message>
        <source>No owner password was set.</source>
        <translation>未设置过店主密码。</translation>
    </message>
    <message>
        <source>An owner password is set.</source>
        <translation>已设置店主密码。</translation>
    </message>
    <message>
        <source>No owner password is set.</source>
        <translation>未设置店主密码。</translation>
    </message>
    <message>
        <source>The audit log is empty.</source>
        <translation>审计日志为空。</translation>
    </message>
    <message>
        <source>check this copy of ShopCRM on a temporary demo shop (window offscreen, chart, PDF)</source>
        <translation>在临时示例门店上检查本 ShopCRM（离屏窗口、图表、PDF）</translation>
    </message>
    <message>
        <source>keep the screenshot, chart and PDF the test makes in DIR</source>
        <translation>把检查生成的截图、图表和 PDF 保存在 DIR 中</translation>
    </message>
    <message>
        <source>import past sales, a member list or member ratings from a spreadsheet</source>
        <translation>从表格导入历史销售、会员名单或会员评价</translation>
    </message>
    <message>
        <source>sales from .xlsx/.xls/.ods/.csv (one row per sale or per receipt line)</source>
        <translation>从 .xlsx/.xls/.ods/.csv 导入销售（每行一笔消费或一行小票明细）</translation>
    </message>
    <message>
        <source>a member list from .xlsx/.xls/.ods/.csv</source>
        <translation>从 .xlsx/.xls/.ods/.csv 导入会员名单</translation>
    </message>
    <message>
        <source>member feedback (phone or card no., date, ratings 1-5, product, comment)</source>
        <translation>会员评价（手机号或卡号、日期、1-5 分评分、商品、评价内容）</translation>
    </message>
    <message>
        <source>only this sheet (name or number); repeatable</source>
        <translation>只导入这个工作表（名称或序号）；可重复指定</translation>
    </message>
    <message>
        <source>check every row, write nothing</source>
        <translation>检查每一行，不写入任何数据</translation>
    </message>
    <message>
        <source>write the rejected rows with reasons here</source>
        <translation>把被拒绝的行及原因写到这里</translation>
    </message>
    <message>
        <source>JSON object {&quot;header or column letter&quot;: &quot;field&quot;}; remembered for this header layout</source>
        <translation>JSON 对象 {&quot;表头或列字母&quot;: &quot;字段&quot;}；会按此表头布局记住</translation>
    </message>
    <message>
        <source>order of day, month and year in text dates like 03/04/25, when the file leaves it open</source>
        <translation>文件无法确定时，03/04/25 这类文本日期中日、月、年的顺序</translation>
    </message>
    <message>
        <source>replace filled-in fields of known members</source>
        <translation>覆盖已有会员已填写的字段</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>读取中</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>检查中</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>写入中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>试运行：没有写入任何数据。</translation>
    </message>
    <message>
        <source>No row could be imported: nothing was written.</source>
        <translation>没有可导入的行：未写入任何内容。</translation>
    </message>
    <message>
        <source>Import batch {batch} ({file}).</source>
        <translation>导入批次 {batch}（{file}）。</translation>
    </message>
    <message>
        <source>Rows: {rows}; imported: {imported}; already there: {duplicates}; rejected: {rejected}.</source>
        <translation>行数：{rows}；已导入：{imported}；已存在：{duplicates}；被拒绝：{rejected}。</translation>
    </message>
    <message>
        <source>Purchases: {purchases}; new members: {members}.</source>
        <translation>消费：{purchases}；新会员：{members}。</translation>
    </message>
    <message>
        <source>New members: {created}; members completed: {updated}.</source>
        <translation>新会员：{created}；补充资料的会员：{updated}。</translation>
    </message>
    <message>
        <source>Left out {n} total, blank or repeated header rows.</source>
        <translation>跳过了 {n} 行合计、空白或重复表头行。</translation>
    </message>
    <message>
        <source>This same file was imported before (batch {batches}).</source>
        <translation>同一个文件之前已导入过（批次 {batches}）。</translation>
    </message>
    <message>
        <source>Rejected rows with reasons: {path}</source>
        <translation>被拒绝的行及原因：{path}</translation>
    </message>
    <message>
        <source>Use --errors OUT.xlsx to get the rejected rows with reasons.</source>
        <translation>使用 --errors OUT.xlsx 可获得被拒绝的行及原因。</translation>
    </message>
    <message>
        <source>no row could be imported; see the reasons with --errors OUT.xlsx</source>
        <translation>没有任何行可以导入；请用 --errors OUT.xlsx 查看原因</translation>
    </message>
    <message>
        <source>undo an import batch (its purchases, points and new members)</source>
        <translation>撤销一个导入批次（其消费、积分和新会员）</translation>
    </message>
    <message>
        <source>Import batch {batch} undone: {purchases} purchases and {members} members removed, {restored} members restored.</source>
        <translation>导入批次 {batch} 已撤销：删除了 {purchases} 笔消费和 {members} 位会员，恢复了 {restored} 位会员。</translation>
    </message>
    <message>
        <source>Feedback removed: {n}.</source>
        <translation>删除的评价：{n} 条。</translation>
    </message>
    <message>
        <source>export member lists, the classification report or rejected rows</source>
        <translation>导出会员名单、分类报告或被拒绝的行</translation>
    </message>
    <message>
        <source>a member list as a styled .xlsx</source>
        <translation>把会员名单导出为带格式的 .xlsx</translation>
    </message>
    <message>
        <source>customer pyramid tier (platinum, gold, iron, lead)</source>
        <translation>客户金字塔层级（platinum、gold、iron、lead）</translation>
    </message>
    <message>
        <source>member level name or number</source>
        <translation>会员等级名称或序号</translation>
    </message>
    <message>
        <source>gender as recorded: F or M</source>
        <translation>登记的性别：F（女）或 M（男）</translation>
    </message>
    <message>
        <source>age band: &lt;18, 18-24, 25-34, 35-44, 45-59, 60+</source>
        <translation>年龄段：&lt;18、18-24、25-34、35-44、45-59、60+</translation>
    </message>
    <message>
        <source>comma-separated, from: {columns}</source>
        <translation>用逗号分隔，可选：{columns}</translation>
    </message>
    <message>
        <source>write phones as 138****5678 (the default)</source>
        <translation>手机号写成 138****5678（默认）</translation>
    </message>
    <message>
        <source>counts per class of the latest classification, with charts</source>
        <translation>最新分类中各类别的人数，附图表</translation>
    </message>
    <message>
        <source>add a chart image</source>
        <translation>添加一张图表图片</translation>
    </message>
    <message>
        <source>the rejected rows of an import batch, with reasons</source>
        <translation>某个导入批次被拒绝的行及原因</translation>
    </message>
    <message>
        <source>{n} members written to {path}.</source>
        <translation>{n} 位会员已写入 {path}。</translation>
    </message>
    <message>
        <source>Report written to {path}.</source>
        <translation>报告已写入 {path}。</translation>
    </message>
    <message>
        <source>{n} rejected rows written to {path}.</source>
        <translation>{n} 行被拒绝的数据已写入 {path}。</translation>
    </message>
    <message>
        <source>member level by name or number (0 = lowest)</source>
        <translation>按名称或序号指定会员等级（0 = 最低）</translation>
    </message>
    <message>
        <source>birthday in this month</source>
        <translation>在这个月过生日</translation>
    </message>
    <message>
        <source>birthday in the coming 7 days or in the current month</source>
        <translation>未来 7 天内或本月过生日</translation>
    </message>
    <message>
        <source>members with this tag</source>
        <translation>带有此标签的会员</translation>
    </message>
    <message>
        <source>members whose area contains this text</source>
        <translation>区域包含此文字的会员</translation>
    </message>
    <message>
        <source>members whose favourite category is this</source>
        <translation>最爱品类为此的会员</translation>
    </message>
    <message>
        <source>only members who agreed to promotions (the default for lists)</source>
        <translation>只含同意营销推送的会员（名单的默认设置）</translation>
    </message>
    <message>
        <source>also members who did not agree to promotions (owner only)</source>
        <translation>也包括未同意营销推送的会员（仅限店主）</translation>
    </message>
    <message>
        <source>print a member list for a promotion to PDF</source>
        <translation>把促销用的会员名单打印为 PDF</translation>
    </message>
    <message>
        <source>members chosen by the filters, as an A4 PDF</source>
        <translation>按筛选条件挑选的会员，生成 A4 PDF</translation>
    </message>
    <message>
        <source>print this saved campaign instead</source>
        <translation>改为打印这个已保存的营销活动</translation>
    </message>
    <message>
        <source>the list&apos;s title on the page</source>
        <translation>页面上的名单标题</translation>
    </message>
    <message>
        <source>columns, e.g. card_no,name,phone,level,birthday,contacted</source>
        <translation>列，例如 card_no,name,phone,level,birthday,contacted</translation>
    </message>
    <message>
        <source>print phone numbers in full (owner only)</source>
        <translation>打印完整手机号（仅限店主）</translation>
    </message>
    <message>
        <source>{n} members on {pages} pages written to {path}</source>
        <translation>{n} 位会员共 {pages} 页，已写入 {path}</translation>
    </message>
    <message>
        <source>recompute every classification and store a snapshot</source>
        <translation>重新计算所有分类并保存快照</translation>
    </message>
    <message>
        <source>classify as of this day (YYYY-MM-DD, default today)</source>
        <translation>按这一天分类（YYYY-MM-DD，默认今天）</translation>
    </message>
    <message>
        <source>only when the classes are out of date (another day, changed rules, an import or undo); else update the cards of new sales</source>
        <translation>仅在分类已过时（已过一天、规则已改、导入或撤销导入）时重新分类；否则只更新有新销售的会员卡片</translation>
    </message>
    <message>
        <source>Lifetime value: each member&apos;s own visit rate ({reason})</source>
        <translation>生命周期价值：按每位会员自己的到店频率（{reason}）</translation>
    </message>
    <message>
        <source>Lifetime value: Pareto/NBD r={r:.3f} alpha={alpha:.3f} s={s:.3f} beta={beta:.3f} on {customers} customers</source>
        <translation>生命周期价值：Pareto/NBD r={r:.3f} alpha={alpha:.3f} s={s:.3f} beta={beta:.3f}，基于 {customers} 位顾客</translation>
    </message>
    <message>
        <source>The classes are current (snapshot {id} of {when}); {n} cards brought up to date.</source>
        <translation>分类是最新的（快照 {id}，{when}）；已更新 {n} 张会员卡片。</translation>
    </message>
    <message>
        <source>Snapshot {id} as of {date}: {members} members</source>
        <translation>快照 {id}（截至 {date}）：{members} 位会员</translation>
    </message>
    <message>
        <source>Took {seconds:.1f} s</source>
        <translation>用时 {seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>customer lifetime value models</source>
        <translation>顾客生命周期价值模型</translation>
    </message>
    <message>
        <source>fit BG/NBD, Pareto/NBD and Gamma-Gamma on the sales history (time unit: weeks)</source>
        <translation>用销售历史拟合 BG/NBD、Pareto/NBD 和 Gamma-Gamma 模型（时间单位：周）</translation>
    </message>
    <message>
        <source>use the history up to this day (YYYY-MM-DD, default today)</source>
        <translation>使用截至这一天的历史（YYYY-MM-DD，默认今天）</translation>
    </message>
    <message>
        <source>History up to {date}, time unit weeks</source>
        <translation>截至 {date} 的历史，时间单位：周</translation>
    </message>
    <message>
        <source>BG/NBD: r={r:.4f} alpha={alpha:.4f} a={a:.4f} b={b:.4f} log-likelihood={loglik:.1f} ({customers} customers)</source>
        <translation>BG/NBD：r={r:.4f} alpha={alpha:.4f} a={a:.4f} b={b:.4f} 对数似然={loglik:.1f}（{customers} 位顾客）</translation>
    </message>
    <message>
        <source>Pareto/NBD: r={r:.4f} alpha={alpha:.4f} s={s:.4f} beta={beta:.4f} log-likelihood={loglik:.1f} ({customers} customers)</source>
        <translation>Pareto/NBD：r={r:.4f} alpha={alpha:.4f} s={s:.4f} beta={beta:.4f} 对数似然={loglik:.1f}（{customers} 位顾客）</translation>
    </message>
    <message>
        <source>Pareto/NBD: not fitted ({reason})</source>
        <translation>Pareto/NBD：未拟合（{reason}）</translation>
    </message>
    <message>
        <source>Gamma-Gamma: p={p:.4f} q={q:.4f} gamma={gamma:.4f} ({customers} repeat customers)</source>
        <translation>Gamma-Gamma：p={p:.4f} q={q:.4f} gamma={gamma:.4f}（{customers} 位回头客）</translation>
    </message>
    <message>
        <source>Gamma-Gamma: not fitted ({reason})</source>
        <translation>Gamma-Gamma：未拟合（{reason}）</translation>
    </message>
    <message>
        <source>the catalogue: list, add, edit and import products</source>
        <translation>商品目录：列出、新增、编辑和导入商品</translation>
    </message>
    <message>
        <source>list products</source>
        <translation>列出商品</translation>
    </message>
    <message>
        <source>only this category</source>
        <translation>只看此品类</translation>
    </message>
    <message>
        <source>only products an import created that need a look</source>
        <translation>只看导入时新建、待核对的商品</translation>
    </message>
    <message>
        <source>add a product</source>
        <translation>新增商品</translation>
    </message>
    <message>
        <source>list price, more than 0 and less than 100,000 (e.g. 12.50)</source>
        <translation>单价，大于 0 且小于 100,000（例如 12.50）</translation>
    </message>
    <message>
        <source>the shop&apos;s product code</source>
        <translation>本店的商品编码</translation>
    </message>
    <message>
        <source>launch date (what makes a product new)</source>
        <translation>上市日期（据此判断是否新品）</translation>
    </message>
    <message>
        <source>change a product (by id, code or name)</source>
        <translation>修改商品（按编号、编码或名称）</translation>
    </message>
    <message>
        <source>new list price; past sales keep theirs</source>
        <translation>新单价；已成交的销售保持原价</translation>
    </message>
    <message>
        <source>new code (&quot;&quot; removes it)</source>
        <translation>新编码（&quot;&quot; 表示删除）</translation>
    </message>
    <message>
        <source>new category (&quot;&quot; removes it)</source>
        <translation>新品类（&quot;&quot; 表示删除）</translation>
    </message>
    <message>
        <source>launch date (&quot;&quot; removes it)</source>
        <translation>上市日期（&quot;&quot; 表示删除）</translation>
    </message>
    <message>
        <source>take it off sale</source>
        <translation>停售</translation>
    </message>
    <message>
        <source>put it on sale again</source>
        <translation>恢复在售</translation>
    </message>
    <message>
        <source>take it off the review list</source>
        <translation>移出待核对列表</translation>
    </message>
    <message>
        <source>import a price list (.xlsx/.xls/.ods/.csv)</source>
        <translation>导入价目表（.xlsx/.xls/.ods/.csv）</translation>
    </message>
    <message>
        <source>only this sheet (name); repeatable</source>
        <translation>只导入此工作表（名称）；可重复指定</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>已停售</translation>
    </message>
    <message>
        <source>to review</source>
        <translation>待核对</translation>
    </message>
    <message>
        <source>No products.</source>
        <translation>没有商品。</translation>
    </message>
    <message>
        <source>Product {id} added: {name}.</source>
        <translation>已新增商品 {id}：{name}。</translation>
    </message>
    <message>
        <source>Product {id} saved: {name}.</source>
        <translation>已保存商品 {id}：{name}。</translation>
    </message>
    <message>
        <source>Sheet {sheet}: {columns}</source>
        <translation>工作表 {sheet}：{columns}</translation>
    </message>
    <message>
        <source>Rows: {rows}; new products: {created}; changed: {updated}; unchanged: {unchanged}; rejected: {rejected}.</source>
        <translation>行数：{rows}；新商品：{created}；有改动：{updated}；无改动：{unchanged}；被拒绝：{rejected}。</translation>
    </message>
    <message>
        <source>New products are on the review list: shopcrm product list --review</source>
        <translation>新商品已列入待核对：shopcrm product list --review</translation>
    </message>
    <message>
        <source>Row {row}: {reason}</source>
        <translation>第 {row} 行：{reason}</translation>
    </message>
    <message>
        <source>message texts for SMS or WeChat</source>
        <translation>短信或微信的信息内容</translation>
    </message>
    <message>
        <source>a list&apos;s message texts as a CSV for an SMS platform</source>
        <translation>把名单的信息内容导出为 CSV，供短信平台群发</translation>
    </message>
    <message>
        <source>a ready-made template (birthday, win_back, new_product, points_expiring, stored_value_low) or a saved one by name</source>
        <translation>现成模板（birthday、win_back、new_product、points_expiring、stored_value_low）或已保存模板的名称</translation>
    </message>
    <message>
        <source>export this saved campaign instead</source>
        <translation>改为导出这个已保存的活动名单</translation>
    </message>
    <message>
        <source>the name the list is saved under (filters only)</source>
        <translation>名单保存时使用的名称（仅用于筛选条件）</translation>
    </message>
    <message>
        <source>text: phone and text; variables: phone and one column per field</source>
        <translation>text：手机号和内容；variables：手机号和每个字段一列</translation>
    </message>
    <message>
        <source>write phone numbers in full (owner only)</source>
        <translation>写出完整手机号（仅限店主）</translation>
    </message>
    <message>
        <source>list the message templates</source>
        <translation>列出信息模板</translation>
    </message>
    <message>
        <source>Messages: {template} {date}</source>
        <translation>信息：{template} {date}</translation>
    </message>
    <message>
        <source>{n} messages ({segments} SMS) written to {path}; list saved as campaign {id}.</source>
        <translation>已将 {n} 条信息（{segments} 条短信）写入 {path}；名单已保存为活动 {id}。</translation>
    </message>
    <message>
        <source>Give it with --password-file FILE, SHOPCRM_OWNER_PASSWORD or --password.</source>
        <translation>请用 --password-file 文件、SHOPCRM_OWNER_PASSWORD 或 --password 提供。</translation>
    </message>
    <message>
        <source>end-of-day takings</source>
        <translation>日结</translation>
    </message>
    <message>
        <source>the day (YYYY-MM-DD; default today)</source>
        <translation>日期（YYYY-MM-DD；默认今天）</translation>
    </message>
    <message>
        <source>also write it as a PDF to print</source>
        <translation>同时输出可打印的 PDF</translation>
    </message>
    <message>
        <source>80mm receipt printer (default) or a4</source>
        <translation>80mm 小票打印机（默认）或 a4</translation>
    </message>
    <message>
        <source>{pages} pages written to {path}.</source>
        <translation>已写入 {pages} 页到 {path}。</translation>
    </message>
    <message>
        <source>top up a member&apos;s stored value (bonus rules apply)</source>
        <translation>为会员储值充值（按充值赠送规则）</translation>
    </message>
    <message>
        <source>the money paid in</source>
        <translation>充值金额</translation>
    </message>
    <message>
        <source>how it was paid</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>give back an unspent top-up (all of it, or --amount); needs the owner password</source>
        <translation>退还未消费的充值（全部或 --amount）；需要店主密码</translation>
    </message>
    <message>
        <source>correct the member&apos;s balance by this amount (+ or -); needs --reason and the owner password</source>
        <translation>按此金额修正会员储值余额（+ 或 -）；需要 --reason 和店主密码</translation>
    </message>
    <message>
        <source>why the balance is adjusted</source>
        <translation>调整余额的原因</translation>
    </message>
    <message>
        <source>show the member&apos;s stored-value statement instead (--pdf to print it)</source>
        <translation>改为显示会员储值对账单（--pdf 可打印）</translation>
    </message>
    <message>
        <source>No movements.</source>
        <translation>没有变动记录。</translation>
    </message>
    <message>
        <source>Refunded {amount:.2f} of top-up {id}; balance {balance:.2f}.</source>
        <translation>已退还充值 {id} 中的 {amount:.2f}；余额 {balance:.2f}。</translation>
    </message>
    <message>
        <source>Balance adjusted; now {balance:.2f}.</source>
        <translation>余额已调整；现在为 {balance:.2f}。</translation>
    </message>
    <message>
        <source>Topped up {amount:.2f} (+{bonus:.2f} bonus); balance {balance:.2f}.</source>
        <translation>已充值 {amount:.2f}（赠送 {bonus:.2f}）；余额 {balance:.2f}。</translation>
    </message>
</context>
<context>
    <name>coupons</name>
    <message>
        <source>{amount} off</source>
        <translation>立减 {amount}</translation>
    </message>
    <message>
        <source>{percent}% off</source>
        <translation>立减 {percent}%</translation>
    </message>
    <message>
        <source>A free {product}</source>
        <translation>赠送 {product}</translation>
    </message>
    <message>
        <source>{offer} on a purchase of {minimum} or more</source>
        <translation>满 {minimum} 可用，{offer}</translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <source>Inventing members ...</source>
        <translation>正在生成会员……</translation>
    </message>
    <message>
        <source>Ringing up the sales ...</source>
        <translation>正在生成销售记录……</translation>
    </message>
    <message>
        <source>Preparing the rows ...</source>
        <translation>正在准备数据……</translation>
    </message>
    <message>
        <source>Writing the demo shop ...</source>
        <translation>正在写入示例门店……</translation>
    </message>
    <message>
        <source>Building indexes ...</source>
        <translation>正在建立索引……</translation>
    </message>
    <message>
        <source>Saving ...</source>
        <translation>正在保存……</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>--limit must be between 1 and 10000.</source>
        <translation>--limit 必须在 1 到 10000 之间。</translation>
    </message>
    <message>
        <source>No single member matches {query}.</source>
        <translation>没有唯一与 {query} 匹配的会员。</translation>
    </message>
    <message>
        <source>No single product matches {query}.</source>
        <translation>没有唯一与 {query} 匹配的商品。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date and time (YYYY-MM-DD HH:MM).</source>
        <translation>“{value}”不是日期时间（YYYY-MM-DD HH:MM）。</translation>
    </message>
    <message>
        <source>A sale reference has 1 to 100 characters.</source>
        <translation>销售单号为 1 到 100 个字符。</translation>
    </message>
    <message>
        <source>Enter products or an amount.</source>
        <translation>请输入商品或金额。</translation>
    </message>
    <message>
        <source>Backups of a PostgreSQL database are made on the server (pg_dump), not by ShopCRM.</source>
        <translation>PostgreSQL 数据库的备份在服务器上完成（pg_dump），而不是由 ShopCRM 完成。</translation>
    </message>
    <message>
        <source>There is not enough free space in {folder}: {need} MB are needed, {free} MB are free.</source>
        <translation>{folder} 所在磁盘空间不足：需要 {need} MB，可用 {free} MB。</translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>A backup cannot overwrite the database itself.</source>
        <translation>备份不能覆盖数据库本身。</translation>
    </message>
    <message>
        <source>The backup could not be written to {path}: {reason}</source>
        <translation>无法把备份写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>File not found: {path}</source>
        <translation>找不到文件：{path}</translation>
    </message>
    <message>
        <source>{path} cannot be read.</source>
        <translation>无法读取 {path}。</translation>
    </message>
    <message>
        <source>{path} is not a ShopCRM backup.</source>
        <translation>{path} 不是 ShopCRM 备份。</translation>
    </message>
    <message>
        <source>{path} is damaged (integrity check failed).</source>
        <translation>{path} 已损坏（完整性检查未通过）。</translation>
    </message>
    <message>
        <source>{path} has changed since the backup was made (its checksum does not match); it is not restored.</source>
        <translation>{path} 在备份之后被改动过（校验和不符），因此不予恢复。</translation>
    </message>
    <message>
        <source>{file} is a backup of the shop &quot;{other}&quot;, not of this shop &quot;{this}&quot;. To replace the data of &quot;{this}&quot; with &quot;{other}&quot;, confirm with the other shop&apos;s name (restore --other-shop &quot;{other}&quot;).</source>
        <translation>{file} 是店铺“{other}”的备份，不是本店“{this}”的。若要用“{other}”的数据替换“{this}”的数据，请写出那家店的名称确认（restore --other-shop &quot;{other}&quot;）。</translation>
    </message>
    <message>
        <source>The backup could not be restored, nothing was changed: {reason}</source>
        <translation>无法恢复备份，数据未作任何改动：{reason}</translation>
    </message>
    <message>
        <source>The backup could not be restored: {reason}. The data as it was before is saved in {path}.</source>
        <translation>无法恢复备份：{reason}。恢复前的数据已保存在 {path}。</translation>
    </message>
    <message>
        <source>The copy of the backup failed its check.</source>
        <translation>备份的副本未通过检查。</translation>
    </message>
    <message>
        <source>The restored database failed its check.</source>
        <translation>恢复后的数据库未通过检查。</translation>
    </message>
    <message>
        <source>table {table} is missing</source>
        <translation>缺少数据表 {table}</translation>
    </message>
    <message>
        <source>column {column} is missing</source>
        <translation>缺少字段 {column}</translation>
    </message>
    <message>
        <source>column {column} is not as ShopCRM made it</source>
        <translation>字段 {column} 与 ShopCRM 建立的不一致</translation>
    </message>
    <message>
        <source>it has a table ShopCRM does not make: {table}</source>
        <translation>含有 ShopCRM 不会建立的数据表：{table}</translation>
    </message>
    <message>
        <source>{path} is not a ShopCRM database ({reason}).</source>
        <translation>{path} 不是 ShopCRM 数据库（{reason}）。</translation>
    </message>
    <message>
        <source>{path} is not a ShopCRM database (it holds other data).</source>
        <translation>{path} 不是 ShopCRM 数据库（里面是其他数据）。</translation>
    </message>
    <message>
        <source>{path} was made by a newer ShopCRM (schema {revision}); please update the program first.</source>
        <translation>{path} 由更新版本的 ShopCRM 创建（结构版本 {revision}）；请先升级程序。</translation>
    </message>
    <message>
        <source>{path} is not a complete ShopCRM database ({problem}).</source>
        <translation>{path} 不是完整的 ShopCRM 数据库（{problem}）。</translation>
    </message>
    <message>
        <source>A database cannot be restored from itself.</source>
        <translation>不能用数据库自身来恢复。</translation>
    </message>
    <message>
        <source>The database is in use by another program; close it and try again ({reason}).</source>
        <translation>数据库正被其他程序使用；请关闭后重试（{reason}）。</translation>
    </message>
    <message>
        <source>Not a database address: {target}</source>
        <translation>不是有效的数据库地址：{target}</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file.</source>
        <translation>{path} 是文件夹，不是数据库文件。</translation>
    </message>
    <message>
        <source>{path} is not a ShopCRM database (it is not an SQLite file).</source>
        <translation>{path} 不是 ShopCRM 数据库（它不是 SQLite 文件）。</translation>
    </message>
    <message>
        <source>Cannot open the database {target}: {reason}</source>
        <translation>无法打开数据库 {target}：{reason}</translation>
    </message>
    <message>
        <source>{target} holds other data and is not a ShopCRM database.</source>
        <translation>{target} 包含其他数据，不是 ShopCRM 数据库。</translation>
    </message>
    <message>
        <source>This database was made by a newer ShopCRM (schema {revision}); please update the program.</source>
        <translation>此数据库由更新版本的 ShopCRM 创建（结构版本 {revision}）；请升级程序。</translation>
    </message>
    <message>
        <source>A phone number is required.</source>
        <translation>请填写手机号。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a phone number.</source>
        <translation>“{value}”不是电话号码。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a valid phone number.</source>
        <translation>“{value}”不是有效的电话号码。</translation>
    </message>
    <message>
        <source>Name the member: --phone, --card or --member.</source>
        <translation>请指定会员：--phone、--card 或 --member。</translation>
    </message>
    <message>
        <source>An amount is required.</source>
        <translation>请填写金额。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not an amount.</source>
        <translation>“{value}”不是金额。</translation>
    </message>
    <message>
        <source>Nothing to change: give --price, --name or another option.</source>
        <translation>没有要修改的内容：请给出 --price、--name 或其他选项。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; depends on the decimal mark, and the file uses both a decimal comma and a decimal point.</source>
        <translation>“{value}”的数值取决于小数点符号，而此文件同时使用了小数逗号和小数点。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not an amount: its separators do not fit this file (a thousands group has exactly 3 digits).</source>
        <translation>“{value}”不是金额：分隔符与此文件不符（千位分组必须正好 3 位数字）。</translation>
    </message>
    <message>
        <source>The amount {value} is too large.</source>
        <translation>金额 {value} 过大。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; has more than 2 decimals.</source>
        <translation>“{value}”的小数超过 2 位。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date.</source>
        <translation>“{value}”不是日期。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; can be read as {dates}; choose the order of day, month and year for this column.</source>
        <translation>“{value}”可以读作 {dates}；请为这一列选择日、月、年的顺序。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot;: the dates of this column mix day/month orders, so none of them can be trusted.</source>
        <translation>“{value}”：这一列的日期混用了不同的日/月顺序，因此无法确定任何一个。</translation>
    </message>
    <message>
        <source>The date {value} is too early.</source>
        <translation>日期 {value} 太早了。</translation>
    </message>
    <message>
        <source>The date {value} is in the future.</source>
        <translation>日期 {value} 在未来。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a time of day.</source>
        <translation>“{value}”不是时间。</translation>
    </message>
    <message>
        <source>The amount cannot be negative.</source>
        <translation>金额不能为负数。</translation>
    </message>
    <message>
        <source>The quantity {value} has more than 3 decimals.</source>
        <translation>数量 {value} 的小数超过 3 位。</translation>
    </message>
    <message>
        <source>The quantity cannot be 0.</source>
        <translation>数量不能为 0。</translation>
    </message>
    <message>
        <source>The quantity {value} is too large.</source>
        <translation>数量 {value} 过大。</translation>
    </message>
    <message>
        <source>&quot;{value}…&quot; is longer than {limit} characters.</source>
        <translation>“{value}…”超过 {limit} 个字符。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; was stored as a number and lost digits; format the column as text.</source>
        <translation>“{value}”以数字形式保存，丢失了位数；请把该列设置为文本格式。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is too long.</source>
        <translation>“{value}”太长。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a number of points.</source>
        <translation>“{value}”不是积分数。</translation>
    </message>
    <message>
        <source>A points balance cannot be negative.</source>
        <translation>积分余额不能为负数。</translation>
    </message>
    <message>
        <source>Ratings go from 1 to 5.</source>
        <translation>评分为 1 到 5 分。</translation>
    </message>
    <message>
        <source>Feedback needs the member&apos;s phone or card number.</source>
        <translation>评价需要会员的手机号或卡号。</translation>
    </message>
    <message>
        <source>The date is missing.</source>
        <translation>缺少日期。</translation>
    </message>
    <message>
        <source>Give at least one rating or a comment.</source>
        <translation>请至少给出一项评分或一条评价。</translation>
    </message>
    <message>
        <source>Feedback cannot be dated in the future.</source>
        <translation>评价日期不能在未来。</translation>
    </message>
    <message>
        <source>Member {id} does not exist.</source>
        <translation>会员 {id} 不存在。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a gender (female/male/女/男).</source>
        <translation>“{value}”不是性别（女/男/female/male）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a birthday (e.g. 1990-05-03 or 05-03).</source>
        <translation>“{value}”不是生日（例如 1990-05-03 或 05-03）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a real date.</source>
        <translation>“{value}”不是真实存在的日期。</translation>
    </message>
    <message>
        <source>The birth year {year} is not plausible.</source>
        <translation>出生年份 {year} 不合理。</translation>
    </message>
    <message>
        <source>A birthday cannot be in the future.</source>
        <translation>生日不能在未来。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a card number (letters and digits, 32 at most).</source>
        <translation>“{value}”不是会员卡号（字母和数字，最多 32 位）。</translation>
    </message>
    <message>
        <source>Unknown member status {status}.</source>
        <translation>未知的会员状态 {status}。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a known class; use one of: {choices}.</source>
        <translation>“{value}”不是已知类别；请使用以下之一：{choices}。</translation>
    </message>
    <message>
        <source>Birthday must be &quot;week&quot; or &quot;month&quot;.</source>
        <translation>生日筛选必须是“week”或“month”。</translation>
    </message>
    <message>
        <source>A month goes from 1 to 12.</source>
        <translation>月份为 1 到 12。</translation>
    </message>
    <message>
        <source>Unknown festival {key}.</source>
        <translation>未知的节日 {key}。</translation>
    </message>
    <message>
        <source>The days before a festival go from 1 to 90.</source>
        <translation>节前天数应为 1 至 90。</translation>
    </message>
    <message>
        <source>Unknown member level.</source>
        <translation>未知的会员等级。</translation>
    </message>
    <message>
        <source>The filter text is too long.</source>
        <translation>筛选文字太长。</translation>
    </message>
    <message>
        <source>The phone {phone} already belongs to member {card} ({name}).</source>
        <translation>手机号 {phone} 已属于会员 {card}（{name}）。</translation>
    </message>
    <message>
        <source>The card number {card} is already in use.</source>
        <translation>会员卡号 {card} 已被使用。</translation>
    </message>
    <message>
        <source>The name is too long (100 characters at most).</source>
        <translation>姓名太长（最多 100 个字符）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a member level ({levels}).</source>
        <translation>“{value}”不是会员等级（{levels}）。</translation>
    </message>
    <message>
        <source>A member needs a phone number or a card number.</source>
        <translation>会员需要手机号或会员卡号。</translation>
    </message>
    <message>
        <source>The registration date cannot be in the future.</source>
        <translation>注册日期不能在未来。</translation>
    </message>
    <message>
        <source>An erased member cannot be edited.</source>
        <translation>已删除的会员不能编辑。</translation>
    </message>
    <message>
        <source>This member has already been erased.</source>
        <translation>该会员已被删除。</translation>
    </message>
    <message>
        <source>No member has the card number {card}.</source>
        <translation>没有会员使用卡号 {card}。</translation>
    </message>
    <message>
        <source>Not enough points: the balance is {balance}, {needed} needed.</source>
        <translation>积分不足：余额 {balance}，需要 {needed}。</translation>
    </message>
    <message>
        <source>Points must be a whole number.</source>
        <translation>积分必须是整数。</translation>
    </message>
    <message>
        <source>That many points cannot be moved at once.</source>
        <translation>一次不能变动这么多积分。</translation>
    </message>
    <message>
        <source>Redeem a positive number of points.</source>
        <translation>兑换的积分必须大于 0。</translation>
    </message>
    <message>
        <source>An adjustment of zero points changes nothing.</source>
        <translation>调整 0 积分不会有任何变化。</translation>
    </message>
    <message>
        <source>There is no member level {level}.</source>
        <translation>没有会员等级 {level}。</translation>
    </message>
    <message>
        <source>No product has the id, code or name {key}.</source>
        <translation>没有编号、编码或名称为 {key} 的商品。</translation>
    </message>
    <message>
        <source>Product {id} does not exist.</source>
        <translation>商品 {id} 不存在。</translation>
    </message>
    <message>
        <source>The code {code} is already used by {name}.</source>
        <translation>编码 {code} 已被 {name} 使用。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date (e.g. 2025-03-05).</source>
        <translation>“{value}”不是日期（例如 2025-03-05）。</translation>
    </message>
    <message>
        <source>A category needs a name.</source>
        <translation>品类需要名称。</translation>
    </message>
    <message>
        <source>A category called {name} already exists.</source>
        <translation>已有名为 {name} 的品类。</translation>
    </message>
    <message>
        <source>Category {id} does not exist.</source>
        <translation>品类 {id} 不存在。</translation>
    </message>
    <message>
        <source>A product needs a name.</source>
        <translation>商品需要名称。</translation>
    </message>
    <message>
        <source>The product name is too long (100 characters at most).</source>
        <translation>商品名称太长（最多 100 个字符）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a product code: use up to 32 letters, digits, - _ . or /.</source>
        <translation>“{value}”不是有效的商品编码：最多 32 个字母、数字或 - _ . /。</translation>
    </message>
    <message>
        <source>The category name is too long (50 characters at most).</source>
        <translation>品类名称太长（最多 50 个字）。</translation>
    </message>
    <message>
        <source>A price must be more than ¥0.</source>
        <translation>价格必须大于 ¥0。</translation>
    </message>
    <message>
        <source>A price must be less than ¥100,000 ({value} was given).</source>
        <translation>价格必须小于 ¥100,000（填写的是 {value}）。</translation>
    </message>
    <message>
        <source>The price {value} has more than 2 decimals.</source>
        <translation>价格 {value} 的小数超过 2 位。</translation>
    </message>
    <message>
        <source>The price cannot be negative.</source>
        <translation>价格不能为负数。</translation>
    </message>
    <message>
        <source>A product called {name} already exists.</source>
        <translation>已有名为 {name} 的商品。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a quantity.</source>
        <translation>“{value}”不是数量。</translation>
    </message>
    <message>
        <source>The quantity must be more than 0.</source>
        <translation>数量必须大于 0。</translation>
    </message>
    <message>
        <source>A purchase can have at most 200 lines.</source>
        <translation>一笔消费最多 200 行。</translation>
    </message>
    <message>
        <source>{product} has no price: enter the price.</source>
        <translation>{product} 没有价格：请输入价格。</translation>
    </message>
    <message>
        <source>The sale reference {ref} belongs to another purchase.</source>
        <translation>销售单号 {ref} 属于另一笔消费。</translation>
    </message>
    <message>
        <source>A sale reference has 1 to 128 characters.</source>
        <translation>销售单号为 1 到 128 个字符。</translation>
    </message>
    <message>
        <source>Points, stored value and member coupons need a member: find the member first.</source>
        <translation>积分、储值和会员优惠券需要会员：请先查找会员。</translation>
    </message>
    <message>
        <source>At least {min} points must be redeemed at once.</source>
        <translation>每次至少兑换 {min} 积分。</translation>
    </message>
    <message>
        <source>At most {max} points can be redeemed on one sale.</source>
        <translation>每笔销售最多兑换 {max} 积分。</translation>
    </message>
    <message>
        <source>{points} points are worth less than 0.01 off.</source>
        <translation>{points} 积分抵扣不足 0.01 元。</translation>
    </message>
    <message>
        <source>The points are worth more than what is left to pay.</source>
        <translation>积分抵扣额超过了待付金额。</translation>
    </message>
    <message>
        <source>A purchase cannot be in the future.</source>
        <translation>消费时间不能在未来。</translation>
    </message>
    <message>
        <source>Unknown payment method {value}.</source>
        <translation>未知的支付方式 {value}。</translation>
    </message>
    <message>
        <source>Unknown sales channel {value}.</source>
        <translation>未知的销售渠道 {value}。</translation>
    </message>
    <message>
        <source>The discount cannot be negative.</source>
        <translation>折扣不能为负数。</translation>
    </message>
    <message>
        <source>Member {card} is archived; make the member active again first.</source>
        <translation>会员 {card} 已归档；请先恢复为活跃。</translation>
    </message>
    <message>
        <source>The discount is larger than the purchase.</source>
        <translation>折扣大于消费金额。</translation>
    </message>
    <message>
        <source>The stored value paid is more than the sale.</source>
        <translation>储值支付额超过了本单金额。</translation>
    </message>
    <message>
        <source>Part of the sale is paid from stored value: choose how the rest is paid.</source>
        <translation>本单部分用储值支付：请选择其余金额的支付方式。</translation>
    </message>
    <message>
        <source>Not enough stored value: the balance is {balance}, {needed} needed.</source>
        <translation>储值余额不足：余额 {balance}，需要 {needed}。</translation>
    </message>
    <message>
        <source>The amount must be more than 0.</source>
        <translation>金额必须大于 0。</translation>
    </message>
    <message>
        <source>Purchase {id} does not exist.</source>
        <translation>消费 {id} 不存在。</translation>
    </message>
    <message>
        <source>Purchase {id} has already been voided.</source>
        <translation>消费 {id} 已经作废。</translation>
    </message>
    <message>
        <source>The shop name is too long (100 characters at most).</source>
        <translation>店名太长（最多 100 个字符）。</translation>
    </message>
    <message>
        <source>Points per unit must be between 0 and 1000.</source>
        <translation>每元积分必须在 0 到 1000 之间。</translation>
    </message>
    <message>
        <source>Points are earned per amount between 0.01 and 10000.</source>
        <translation>积分的计算金额单位须在 0.01 到 10000 之间。</translation>
    </message>
    <message>
        <source>The points redemption rate is out of range.</source>
        <translation>积分兑换比例超出范围。</translation>
    </message>
    <message>
        <source>The most points per sale cannot be below the least (0 means no limit).</source>
        <translation>每笔最多兑换积分不能低于最少兑换积分（0 表示不限）。</translation>
    </message>
    <message>
        <source>Points expire after 0 to 120 months (0: never).</source>
        <translation>积分有效期须为 0 到 120 个月（0：永不过期）。</translation>
    </message>
    <message>
        <source>A top-up bonus rule needs an amount above 0 and a bonus no larger than it, once per amount.</source>
        <translation>充值赠送规则需要大于 0 的充值额和不超过它的赠送额，每个充值额只能有一条。</translation>
    </message>
    <message>
        <source>At least one member level is needed.</source>
        <translation>至少需要一个会员等级。</translation>
    </message>
    <message>
        <source>The first member level must start at 0.</source>
        <translation>第一个会员等级必须从 0 开始。</translation>
    </message>
    <message>
        <source>Every member level needs a name.</source>
        <translation>每个会员等级都需要名称。</translation>
    </message>
    <message>
        <source>Member level thresholds must increase from one level to the next.</source>
        <translation>会员等级的门槛必须逐级递增。</translation>
    </message>
    <message>
        <source>Keep between 1 and 1000 backups.</source>
        <translation>保留的备份数必须在 1 到 1000 之间。</translation>
    </message>
    <message>
        <source>Shares and probabilities must be between 0 and 1.</source>
        <translation>比例和概率必须在 0 到 1 之间。</translation>
    </message>
    <message>
        <source>The class shares add up to more than 100 %.</source>
        <translation>各类别的比例加起来超过了 100%。</translation>
    </message>
    <message>
        <source>Day counts must be between 1 and 3660.</source>
        <translation>天数必须在 1 到 3660 之间。</translation>
    </message>
    <message>
        <source>Visit rates and factors must be more than 0.</source>
        <translation>到店频率和倍数必须大于 0。</translation>
    </message>
    <message>
        <source>At risk needs between 1 and 4 warning signals.</source>
        <translation>流失风险需要 1 到 4 个预警信号。</translation>
    </message>
    <message>
        <source>Counts of visits and products cannot be negative.</source>
        <translation>到店次数和商品数不能为负数。</translation>
    </message>
    <message>
        <source>The lifetime-value model needs at least 2 customers and 1 repeat customer.</source>
        <translation>终身价值模型至少需要 2 位顾客和 1 位回头客。</translation>
    </message>
    <message>
        <source>Recommendations must be between 0 and 10.</source>
        <translation>推荐数必须在 0 到 10 之间。</translation>
    </message>
    <message>
        <source>Cannot read the password file {path}: {reason}</source>
        <translation>无法读取密码文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>Erasing a member cannot be undone: add --yes to confirm.</source>
        <translation>删除会员无法撤销：请加上 --yes 确认。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Give the new password with --new or SHOPCRM_NEW_OWNER_PASSWORD.</source>
        <translation>请用 --new 或 SHOPCRM_NEW_OWNER_PASSWORD 提供新密码。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date (YYYY-MM-DD).</source>
        <translation>“{value}”不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
    <message>
        <source>The file name must end in .pdf.</source>
        <translation>文件名必须以 .pdf 结尾。</translation>
    </message>
    <message>
        <source>Cannot write the file {path}.</source>
        <translation>无法写入文件 {path}。</translation>
    </message>
    <message>
        <source>Cannot write the file {path}: {reason}</source>
        <translation>无法写入文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <source>a picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>a RAR archive</source>
        <translation>RAR 压缩包</translation>
    </message>
    <message>
        <source>a 7-Zip archive</source>
        <translation>7-Zip 压缩包</translation>
    </message>
    <message>
        <source>a compressed (gzip) file</source>
        <translation>gzip 压缩文件</translation>
    </message>
    <message>
        <source>a database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <source>a program</source>
        <translation>程序</translation>
    </message>
    <message>
        <source>{file} is not a spreadsheet (it is {what}). Choose an .xlsx, .xls or .csv file.</source>
        <translation>{file} 不是表格文件（它是{what}）。请选择 .xlsx、.xls 或 .csv 文件。</translation>
    </message>
    <message>
        <source>{file} is not a spreadsheet. Choose an .xlsx, .xls or .csv file.</source>
        <translation>{file} 不是表格文件。请选择 .xlsx、.xls 或 .csv 文件。</translation>
    </message>
    <message>
        <source>{file} is damaged or incomplete (perhaps not fully copied or downloaded). Open it in Excel and save it again.</source>
        <translation>{file} 已损坏或不完整（可能没有完整复制或下载）。请用 Excel 打开并重新保存。</translation>
    </message>
    <message>
        <source>{file} is protected by a password. Open it in Excel, remove the password and save it again.</source>
        <translation>{file} 有密码保护。请用 Excel 打开，去掉密码后重新保存。</translation>
    </message>
    <message>
        <source>{file} is too large to import at once (or is built to exhaust memory). Split it into smaller files, e.g. one per year.</source>
        <translation>{file} 太大，无法一次导入（或是恶意构造以耗尽内存的文件）。请拆分成较小的文件，例如每年一个。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file.</source>
        <translation>{path} 是文件夹，不是文件。</translation>
    </message>
    <message>
        <source>{file} is empty.</source>
        <translation>{file} 是空文件。</translation>
    </message>
    <message>
        <source>{file} is {size} MB; at most {limit} MB can be imported at once. Split it into smaller files.</source>
        <translation>{file} 有 {size} MB；一次最多导入 {limit} MB。请拆分成较小的文件。</translation>
    </message>
    <message>
        <source>{file} is not UTF-8 and not in any text encoding ShopCRM knows. Save it in Excel as &quot;CSV UTF-8&quot; and import that file.</source>
        <translation>{file} 不是 UTF-8，也不是 ShopCRM 认识的任何文本编码。请在 Excel 中另存为“CSV UTF-8”，再导入该文件。</translation>
    </message>
    <message>
        <source>{file} is not UTF-8, and its text could be {encoding} or {others}; importing it in the wrong one would store other characters. Save it in Excel as &quot;CSV UTF-8&quot; and import that file.</source>
        <translation>{file} 不是 UTF-8，其文本可能是 {encoding}，也可能是 {others}；按错误的编码导入会存入别的字符。请在 Excel 中另存为“CSV UTF-8”，再导入该文件。</translation>
    </message>
    <message>
        <source>Give a chart as TITLE=FILE.png.</source>
        <translation>请以 标题=文件.png 的形式给出图表。</translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <source>{path} is not valid JSON: {reason}</source>
        <translation>{path} 不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <source>{path} must hold a JSON object of column names to field names.</source>
        <translation>{path} 必须是列名到字段名的 JSON 对象。</translation>
    </message>
    <message>
        <source>a Word document</source>
        <translation>Word 文档</translation>
    </message>
    <message>
        <source>a PowerPoint presentation</source>
        <translation>PowerPoint 演示文稿</translation>
    </message>
    <message>
        <source>{file} is an Excel binary workbook (.xlsb), which cannot be imported. Open it in Excel and save it as .xlsx.</source>
        <translation>{file} 是 Excel 二进制工作簿（.xlsb），无法导入。请用 Excel 打开并另存为 .xlsx。</translation>
    </message>
    <message>
        <source>an OpenDocument text or presentation</source>
        <translation>OpenDocument 文本或演示文稿</translation>
    </message>
    <message>
        <source>a zip archive</source>
        <translation>zip 压缩包</translation>
    </message>
    <message>
        <source>{file} contains XML entity declarations, which spreadsheets never need; it is refused for safety.</source>
        <translation>{file} 含有 XML 实体声明，正常表格不需要这些；为安全起见拒绝导入。</translation>
    </message>
    <message>
        <source>{file} has more than {limit} rows in one sheet. Split it into smaller files.</source>
        <translation>{file} 的一个工作表超过 {limit} 行。请拆分成较小的文件。</translation>
    </message>
    <message>
        <source>A sheet in {file} has cells spread over {cols} columns and {rows} rows. Delete the stray cells far from the table, or copy the table into a new file.</source>
        <translation>{file} 中有一个工作表的单元格分布在 {cols} 列、{rows} 行的范围内。请删除远离表格的零散单元格，或把表格复制到新文件中。</translation>
    </message>
    <message>
        <source>{file} is a web page (HTML), not a spreadsheet, although it may open in Excel. Open it in Excel and save it as .xlsx.</source>
        <translation>{file} 是网页（HTML），不是表格，尽管可以用 Excel 打开。请用 Excel 打开并另存为 .xlsx。</translation>
    </message>
    <message>
        <source>{file} is an XML file (perhaps an old Excel 2003 XML sheet). Open it in Excel and save it as .xlsx.</source>
        <translation>{file} 是 XML 文件（可能是旧的 Excel 2003 XML 表格）。请用 Excel 打开并另存为 .xlsx。</translation>
    </message>
    <message>
        <source>{file} mixes text encodings, so some characters cannot be read. Save it again as UTF-8 CSV or .xlsx.</source>
        <translation>{file} 混用了多种文字编码，部分字符无法读取。请重新保存为 UTF-8 CSV 或 .xlsx。</translation>
    </message>
    <message>
        <source>{file} is not a readable CSV file ({reason}).</source>
        <translation>{file} 不是可读取的 CSV 文件（{reason}）。</translation>
    </message>
    <message>
        <source>Cannot write {path}: is it open in Excel? Close it and try again.</source>
        <translation>无法写入 {path}：是否正在 Excel 中打开？请关闭后重试。</translation>
    </message>
    <message>
        <source>{path}: the file name must end in {suffix}.</source>
        <translation>{path}：文件名必须以 {suffix} 结尾。</translation>
    </message>
    <message>
        <source>{folder} is not a folder.</source>
        <translation>{folder} 不是文件夹。</translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>ShopCRM may not write in {folder} (read-only or no permission)</source>
        <translation>ShopCRM 无法写入 {folder}（只读或没有权限）</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>the drive is read-only</source>
        <translation>磁盘为只读</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>文件夹 {folder} 不存在</translation>
    </message>
    <message>
        <source>a write error ({detail})</source>
        <translation>写入出错（{detail}）</translation>
    </message>
    <message>
        <source>The chart &quot;{name}&quot; is not a PNG image.</source>
        <translation>图表“{name}”不是 PNG 图片。</translation>
    </message>
    <message>
        <source>Unknown audit action {action}.</source>
        <translation>未知的审计操作 {action}。</translation>
    </message>
    <message>
        <source>Unknown column &quot;{column}&quot;; use some of: {choices}.</source>
        <translation>未知的列“{column}”；请从以下选择：{choices}。</translation>
    </message>
    <message>
        <source>Choose at most {n} columns: more do not fit on the page.</source>
        <translation>最多选择 {n} 列：更多列页面放不下。</translation>
    </message>
    <message>
        <source>The response window must be 1 to 365 days.</source>
        <translation>回访统计期必须为 1 到 365 天。</translation>
    </message>
    <message>
        <source>Choose the category of the new product.</source>
        <translation>请选择新品的品类。</translation>
    </message>
    <message>
        <source>Unknown ready-made list {key}.</source>
        <translation>未知的预设名单 {key}。</translation>
    </message>
    <message>
        <source>Give the list a name.</source>
        <translation>请为名单命名。</translation>
    </message>
    <message>
        <source>The name is too long (200 characters at most).</source>
        <translation>名称太长（最多 200 个字符）。</translation>
    </message>
    <message>
        <source>No member matches these filters; nothing was saved.</source>
        <translation>没有会员符合这些筛选条件；未保存任何内容。</translation>
    </message>
    <message>
        <source>There is no campaign {id}.</source>
        <translation>不存在营销活动 {id}。</translation>
    </message>
    <message>
        <source>{date} is not a sensible date.</source>
        <translation>{date} 不是合理的日期。</translation>
    </message>
    <message>
        <source>Choose between 1 and {max} months.</source>
        <translation>请选择 1 到 {max} 个月。</translation>
    </message>
    <message>
        <source>Choose between 1 and {max} days.</source>
        <translation>请选择 1 到 {max} 天。</translation>
    </message>
    <message>
        <source>The demo shop can have between 1 and {most} members.</source>
        <translation>示例门店的会员数必须在 1 到 {most} 之间。</translation>
    </message>
    <message>
        <source>The demo history can cover between 1 and {most} months.</source>
        <translation>示例历史可覆盖 1 到 {most} 个月。</translation>
    </message>
    <message>
        <source>The seed must be a whole number of 0 or more.</source>
        <translation>随机种子必须是大于等于 0 的整数。</translation>
    </message>
    <message>
        <source>The demo history cannot end in the future.</source>
        <translation>示例历史不能结束于未来。</translation>
    </message>
    <message>
        <source>This database already holds members or sales; the demo shop needs an empty database.</source>
        <translation>此数据库已有会员或销售记录；示例门店需要空数据库。</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation>导入已取消；没有导入任何数据。</translation>
    </message>
    <message>
        <source>&quot;{field}&quot; is not a field of a {kind} sheet. Known fields: {known}.</source>
        <translation>“{field}”不是{kind}表格的字段。已知字段：{known}。</translation>
    </message>
    <message>
        <source>Column {column} is outside the sheet.</source>
        <translation>第 {column} 列超出了工作表范围。</translation>
    </message>
    <message>
        <source>Two columns are mapped to {field}.</source>
        <translation>有两列都对应到了 {field}。</translation>
    </message>
    <message>
        <source>There is no sheet &quot;{sheet}&quot; in the file. Its sheets are: {sheets}.</source>
        <translation>文件中没有工作表“{sheet}”。其工作表有：{sheets}。</translation>
    </message>
    <message>
        <source>Unknown import kind {kind}.</source>
        <translation>未知的导入类型 {kind}。</translation>
    </message>
    <message>
        <source>No sheet of {file} looks like a list of {what}. {problems}</source>
        <translation>{file} 中没有哪个工作表像{what}列表。{problems}</translation>
    </message>
    <message>
        <source>{problems}</source>
        <translation>{problems}</translation>
    </message>
    <message>
        <source>The rejected-rows file {path} must end in .xlsx.</source>
        <translation>被拒绝行文件 {path} 必须以 .xlsx 结尾。</translation>
    </message>
    <message>
        <source>The folder {path} does not exist; the rejected rows cannot be written there.</source>
        <translation>文件夹 {path} 不存在，无法在那里写入被拒绝的行。</translation>
    </message>
    <message>
        <source>{path} cannot be written (no permission).</source>
        <translation>无法写入 {path}（没有权限）。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date order; use one of {orders}.</source>
        <translation>“{value}”不是日期顺序；请使用 {orders} 之一。</translation>
    </message>
    <message>
        <source>{file} has a header but no rows of data.</source>
        <translation>{file} 只有表头，没有数据行。</translation>
    </message>
    <message>
        <source>This needs the owner password.</source>
        <translation>此操作需要店主密码。</translation>
    </message>
    <message>
        <source>The owner password is wrong.</source>
        <translation>店主密码错误。</translation>
    </message>
    <message>
        <source>The new password is empty.</source>
        <translation>新密码为空。</translation>
    </message>
    <message>
        <source>The password needs at least 4 characters.</source>
        <translation>密码至少需要 4 个字符。</translation>
    </message>
    <message>
        <source>The password is too long.</source>
        <translation>密码太长。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file name.</source>
        <translation>{path} 是文件夹，不是文件名。</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>Classification {id} does not exist.</source>
        <translation>分类 {id} 不存在。</translation>
    </message>
    <message>
        <source>Movements cannot be shown for {name}.</source>
        <translation>无法显示 {name} 的变动。</translation>
    </message>
    <message>
        <source>Unknown classification {name}.</source>
        <translation>未知的分类 {name}。</translation>
    </message>
    <message>
        <source>Snapshot {id} does not exist.</source>
        <translation>快照 {id} 不存在。</translation>
    </message>
    <message>
        <source>A movement needs a classification.</source>
        <translation>变动需要指定一个分类。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date (use YYYY-MM-DD).</source>
        <translation>“{value}”不是日期（请使用 YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>The date {date} is in the future.</source>
        <translation>日期 {date} 在未来。</translation>
    </message>
    <message>
        <source>The date {date} is too early.</source>
        <translation>日期 {date} 太早了。</translation>
    </message>
    <message>
        <source>The classification was cancelled; nothing was saved.</source>
        <translation>分类已取消；没有保存任何内容。</translation>
    </message>
    <message>
        <source>No lifetime model: {reason}</source>
        <translation>没有生命周期价值模型：{reason}</translation>
    </message>
    <message>
        <source>Unknown column {column}. Columns: {known}.</source>
        <translation>未知的列 {column}。可用的列：{known}。</translation>
    </message>
    <message>
        <source>Choose at least one column.</source>
        <translation>请至少选择一列。</translation>
    </message>
    <message>
        <source>An export cannot overwrite the database itself.</source>
        <translation>导出不能覆盖数据库文件本身。</translation>
    </message>
    <message>
        <source>Import batch {id} does not exist.</source>
        <translation>导入批次 {id} 不存在。</translation>
    </message>
    <message>
        <source>Import batch {id} has already been undone.</source>
        <translation>导入批次 {id} 已经撤销。</translation>
    </message>
    <message>
        <source>No member is in {option} &quot;{value}&quot; in the latest classification. Classes there: {codes}.</source>
        <translation>在最新分类中没有会员属于{option}“{value}”。现有类别：{codes}。</translation>
    </message>
    <message>
        <source>{option} &quot;{value}&quot; is not known; use one of: {codes}.</source>
        <translation>{option} 的值“{value}”无法识别，可选：{codes}。</translation>
    </message>
    <message>
        <source>There is no classification yet: run the classification first (shopcrm classify).</source>
        <translation>还没有分类：请先运行分类（shopcrm classify）。</translation>
    </message>
    <message>
        <source>The file name must end in .xlsx.</source>
        <translation>文件名必须以 .xlsx 结尾。</translation>
    </message>
    <message>
        <source>Give either --campaign or filters, not both.</source>
        <translation>请只给出 --campaign 或筛选条件之一，不要同时给出。</translation>
    </message>
    <message>
        <source>Unknown member level &quot;{value}&quot;; use one of: {choices}.</source>
        <translation>未知的会员等级“{value}”；请使用以下之一：{choices}。</translation>
    </message>
    <message>
        <source>Bulk writing needs an SQLite or PostgreSQL database.</source>
        <translation>批量写入需要 SQLite 或 PostgreSQL 数据库。</translation>
    </message>
    <message>
        <source>Cancelled; nothing was saved.</source>
        <translation>已取消，未保存任何内容。</translation>
    </message>
    <message>
        <source>Show at least one area.</source>
        <translation>至少要显示一个区域。</translation>
    </message>
    <message>
        <source>The period starts after it ends.</source>
        <translation>期间的开始日期晚于结束日期。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not yes or no (on sale: 是/否, 在售/停售, yes/no).</source>
        <translation>“{value}”不是“是”或“否”（是否在售：是/否、在售/停售、yes/no）。</translation>
    </message>
    <message>
        <source>The price is missing.</source>
        <translation>缺少价格。</translation>
    </message>
    <message>
        <source>{name} is in the file twice (first in row {row}).</source>
        <translation>{name} 在文件中出现了两次（第一次在第 {row} 行）。</translation>
    </message>
    <message>
        <source>The code {code} is in the file twice (first in row {row}).</source>
        <translation>编码 {code} 在文件中出现了两次（第一次在第 {row} 行）。</translation>
    </message>
    <message>
        <source>{name} has the code {old} in the shop, not {new}.</source>
        <translation>{name} 在本店的编码是 {old}，不是 {new}。</translation>
    </message>
    <message>
        <source>No sheet of {file} looks like a price list (a product column and a price column). {problems}</source>
        <translation>{file} 中没有像价目表的工作表（需要商品列和单价列）。{problems}</translation>
    </message>
    <message>
        <source>{file} has more than {limit} rows; a price list has one row per product.</source>
        <translation>{file} 超过 {limit} 行；价目表应每个商品一行。</translation>
    </message>
    <message>
        <source>{file} has a header but no products under it.</source>
        <translation>{file} 有表头，但下面没有商品。</translation>
    </message>
    <message>
        <source>{token} is not a message field; use one of: {choices}.</source>
        <translation>{token} 不是信息字段；可用字段：{choices}。</translation>
    </message>
    <message>
        <source>The message text is empty.</source>
        <translation>信息内容为空。</translation>
    </message>
    <message>
        <source>The message text is too long ({max} characters at most).</source>
        <translation>信息内容太长（最多 {max} 个字符）。</translation>
    </message>
    <message>
        <source>Give the template a name.</source>
        <translation>请给模板起个名字。</translation>
    </message>
    <message>
        <source>The template name is too long (50 characters at most).</source>
        <translation>模板名称太长（最多 50 个字符）。</translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is a ready-made template; choose another name.</source>
        <translation>“{name}”是现成模板的名称，请换一个名字。</translation>
    </message>
    <message>
        <source>There is no message template &quot;{name}&quot;.</source>
        <translation>没有名为“{name}”的信息模板。</translation>
    </message>
    <message>
        <source>There is no message template &quot;{name}&quot;; ready-made ones: {choices}.</source>
        <translation>没有名为“{name}”的信息模板；现成模板：{choices}。</translation>
    </message>
    <message>
        <source>There is no member {id}.</source>
        <translation>没有会员 {id}。</translation>
    </message>
    <message>
        <source>The file name must end in .csv.</source>
        <translation>文件名必须以 .csv 结尾。</translation>
    </message>
    <message>
        <source>The CSV shape must be &quot;text&quot; or &quot;variables&quot;.</source>
        <translation>CSV 格式必须是“text”或“variables”。</translation>
    </message>
    <message>
        <source>The template uses {fields}, which this shop has no values for yet; take them out of the text.</source>
        <translation>模板用到了 {fields}，本店暂时没有这些数据；请从内容中删去。</translation>
    </message>
    <message>
        <source>No member on this list can be sent a message.</source>
        <translation>此名单中没有可以发送信息的会员。</translation>
    </message>
    <message>
        <source>This member is not on the list or cannot be sent promotions.</source>
        <translation>该会员不在名单中，或不能接收营销信息。</translation>
    </message>
    <message>
        <source>A lunar month goes from 1 to 12.</source>
        <translation>农历月份应为 1 至 12。</translation>
    </message>
    <message>
        <source>A lunar day goes from 1 to 30.</source>
        <translation>农历日期应为 1 至 30。</translation>
    </message>
    <message>
        <source>There is no leap first month in 1900-2099.</source>
        <translation>1900—2099 年间没有闰正月。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a lunar birthday (e.g. 农历四月初八 or 04-08).</source>
        <translation>“{value}”不是农历生日（例如：农历四月初八 或 04-08）。</translation>
    </message>
    <message>
        <source>The paper is 80mm or a4.</source>
        <translation>纸张须为 80mm 或 a4。</translation>
    </message>
    <message>
        <source>There is nothing to print.</source>
        <translation>没有可打印的内容。</translation>
    </message>
    <message>
        <source>&quot;{code}&quot; is not a valid coupon code: check it for a typo.</source>
        <translation>“{code}”不是有效的优惠券码：请检查是否输错。</translation>
    </message>
    <message>
        <source>A coupon needs a name of 1 to 100 characters.</source>
        <translation>优惠券名称须为 1 到 100 个字符。</translation>
    </message>
    <message>
        <source>Unknown coupon kind {value}.</source>
        <translation>未知的优惠券类型 {value}。</translation>
    </message>
    <message>
        <source>The money off must be more than 0.</source>
        <translation>减免金额必须大于 0。</translation>
    </message>
    <message>
        <source>The percentage off must be between 1 and 100.</source>
        <translation>折扣百分比必须在 1 到 100 之间。</translation>
    </message>
    <message>
        <source>The minimum spend cannot be negative.</source>
        <translation>最低消费不能为负数。</translation>
    </message>
    <message>
        <source>The money off is larger than the minimum spend.</source>
        <translation>减免金额大于最低消费。</translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation>开始日期晚于结束日期。</translation>
    </message>
    <message>
        <source>A free-item coupon needs a product.</source>
        <translation>赠品券需要指定商品。</translation>
    </message>
    <message>
        <source>Coupon {id} does not exist.</source>
        <translation>优惠券 {id} 不存在。</translation>
    </message>
    <message>
        <source>At most 100000 coupons can be issued at once.</source>
        <translation>一次最多发放 100000 张优惠券。</translation>
    </message>
    <message>
        <source>This coupon expired on {date}.</source>
        <translation>此优惠券已于 {date} 过期。</translation>
    </message>
    <message>
        <source>Birthday coupons are issued for at most {days} days at a time.</source>
        <translation>生日优惠券一次最多按 {days} 天发放。</translation>
    </message>
    <message>
        <source>There is no coupon {code}.</source>
        <translation>没有优惠券 {code}。</translation>
    </message>
    <message>
        <source>Coupon {code} was already used on {date}.</source>
        <translation>优惠券 {code} 已于 {date} 使用过。</translation>
    </message>
    <message>
        <source>Coupon {code} belongs to another member.</source>
        <translation>优惠券 {code} 属于其他会员。</translation>
    </message>
    <message>
        <source>Coupon {code} expired on {date}.</source>
        <translation>优惠券 {code} 已于 {date} 过期。</translation>
    </message>
    <message>
        <source>Coupon {code} is valid from {date}.</source>
        <translation>优惠券 {code} 自 {date} 起才可使用。</translation>
    </message>
    <message>
        <source>Coupon {code} needs a purchase of at least {amount}.</source>
        <translation>优惠券 {code} 需要消费满 {amount}。</translation>
    </message>
    <message>
        <source>Coupon {code} gives a free {product}: add it to the sale.</source>
        <translation>优惠券 {code} 赠送{product}：请把它加入本单。</translation>
    </message>
    <message>
        <source>Member {card} still has {amount} of stored value. Refund or adjust the balance to zero first (member details, Stored value tab), then erase.</source>
        <translation>会员 {card} 还有 {amount} 储值余额。请先退款或把余额调整为零（会员详情的“储值”页），再彻底删除。</translation>
    </message>
    <message>
        <source>Top-up {id} does not exist.</source>
        <translation>充值记录 {id} 不存在。</translation>
    </message>
    <message>
        <source>Only {refundable} of this top-up is unspent and can be refunded.</source>
        <translation>此笔充值只有 {refundable} 未消费，可以退还。</translation>
    </message>
    <message>
        <source>An adjustment of zero changes nothing.</source>
        <translation>调整额为零，没有改变。</translation>
    </message>
    <message>
        <source>Say why the balance is adjusted.</source>
        <translation>请说明调整余额的原因。</translation>
    </message>
    <message>
        <source>The balance cannot go below zero: {held} is there, the adjustment takes {taken}.</source>
        <translation>余额不能低于零：现有 {held}，本次调整要减去 {taken}。</translation>
    </message>
    <message>
        <source>--if-due classifies as of today; leave out --as-of.</source>
        <translation>--if-due 按今天分类；请去掉 --as-of。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a rating from 1 to 5.</source>
        <translation>“{value}”不是 1 到 5 分的评分。</translation>
    </message>
    <message>
        <source>&quot;{value}&quot;: a rating is a whole number from 1 to 5.</source>
        <translation>“{value}”：评分是 1 到 5 的整数。</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>Card no.</source>
        <translation>会员卡号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>注册日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Marketing consent</source>
        <translation>营销同意</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>同意日期</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>金字塔层级</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>最近消费</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>会员数</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>ABCD class</source>
        <translation>ABCD 价值等级</translation>
    </message>
    <message>
        <source>Visit frequency</source>
        <translation>到店频次</translation>
    </message>
    <message>
        <source>Spend class</source>
        <translation>消费等级</translation>
    </message>
    <message>
        <source>Churn warning</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <source>Product preference</source>
        <translation>产品偏好</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>小票号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Card no.</source>
        <translation>会员卡号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>品类</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>实收金额</translation>
    </message>
    <message>
        <source>Amount before discount</source>
        <translation>折前金额</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Receipt total</source>
        <translation>小票合计</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>Sales channel</source>
        <translation>销售渠道</translation>
    </message>
    <message>
        <source>Sale or refund</source>
        <translation>销售/退款</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <source>Lunar birthday (农历)</source>
        <translation>农历生日</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>注册日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Marketing consent</source>
        <translation>营销同意</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Product code</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Launch date</source>
        <translation>上市日期</translation>
    </message>
    <message>
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>Rating (product, taste)</source>
        <translation>评分（产品、口味）</translation>
    </message>
    <message>
        <source>Service rating</source>
        <translation>服务评分</translation>
    </message>
    <message>
        <source>Environment rating</source>
        <translation>环境评分</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评价内容</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Sheet &quot;{sheet}&quot;: no column found for {fields}.</source>
        <translation>工作表“{sheet}”：找不到 {fields} 对应的列。</translation>
    </message>
    <message>
        <source>Its headers are: {headers}.</source>
        <translation>其表头为：{headers}。</translation>
    </message>
    <message>
        <source>sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>members</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>ratings</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Sheet &quot;{sheet}&quot; is hidden and was not imported; choose it by name to import it.</source>
        <translation>工作表“{sheet}”是隐藏的，未导入；如需导入，请按名称选择它。</translation>
    </message>
    <message>
        <source>{column}: the date is missing.</source>
        <translation>{column}：缺少日期。</translation>
    </message>
    <message>
        <source>{column}: the amount is missing.</source>
        <translation>{column}：缺少金额。</translation>
    </message>
    <message>
        <source>{column}: the discount {discount} is larger than the amount before it ({gross}).</source>
        <translation>{column}：优惠 {discount} 大于优惠前的金额（{gross}）。</translation>
    </message>
    <message>
        <source>The amount is missing.</source>
        <translation>缺少金额。</translation>
    </message>
    <message>
        <source>Another line of receipt {receipt} was rejected; fix it and import the whole receipt again.</source>
        <translation>小票 {receipt} 的另一行被拒绝；请修正后重新导入整张小票。</translation>
    </message>
    <message>
        <source>The lines of receipt {receipt} name different members.</source>
        <translation>小票 {receipt} 的各行对应了不同的会员。</translation>
    </message>
    <message>
        <source>The lines of receipt {receipt} give different receipt totals.</source>
        <translation>小票 {receipt} 的各行给出的小票合计不一致。</translation>
    </message>
    <message>
        <source>Receipt {receipt} was imported before for another member.</source>
        <translation>小票 {receipt} 以前已作为另一位会员的消费导入。</translation>
    </message>
    <message>
        <source>A line of receipt {receipt} has no amount.</source>
        <translation>小票 {receipt} 有一行没有金额。</translation>
    </message>
    <message>
        <source>The card no. {card} belongs to a member with another phone.</source>
        <translation>会员卡号 {card} 属于另一个手机号的会员。</translation>
    </message>
    <message>
        <source>opening balance from import</source>
        <translation>导入的期初余额</translation>
    </message>
    <message>
        <source>The phone and the card no. {card} belong to different members.</source>
        <translation>手机号和会员卡号 {card} 属于不同的会员。</translation>
    </message>
    <message>
        <source>{column}: {message}</source>
        <translation>{column}：{message}</translation>
    </message>
    <message>
        <source>{column}: {reason}</source>
        <translation>{column}：{reason}</translation>
    </message>
    <message>
        <source>No member has the phone {phone} or the card no. {card}.</source>
        <translation>没有会员的手机号是 {phone}，也没有会员的卡号是 {card}。</translation>
    </message>
    <message>
        <source>No member has the phone {phone}.</source>
        <translation>没有会员的手机号是 {phone}。</translation>
    </message>
    <message>
        <source>No member has the card no. {card}.</source>
        <translation>没有会员的卡号是 {card}。</translation>
    </message>
    <message>
        <source>No product is called &quot;{product}&quot;; correct the name, or empty the cell to import the rating without a product.</source>
        <translation>没有名为“{product}”的商品；请改正名称，或清空这一格，不带商品导入这条评价。</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Walk-in</source>
        <translation>到店</translation>
    </message>
    <message>
        <source>Delivery platform</source>
        <translation>外卖平台</translation>
    </message>
    <message>
        <source>WeChat / mini program</source>
        <translation>微信 / 小程序</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>朋友推荐</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <source>In store</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>外卖</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>线上</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>在册</translation>
    </message>
    <message>
        <source>Erased</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>获得</translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation>兑换</translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <source>Reversed (voided sale)</source>
        <translation>扣回（消费作废）</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>收银台</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Champions</source>
        <translation>冠军客户</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>忠诚客户</translation>
    </message>
    <message>
        <source>Potential loyalist</source>
        <translation>潜力忠诚客户</translation>
    </message>
    <message>
        <source>New customers</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Promising</source>
        <translation>有潜力客户</translation>
    </message>
    <message>
        <source>Need attention</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <source>About to sleep</source>
        <translation>即将沉睡</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>有流失风险</translation>
    </message>
    <message>
        <source>Can&apos;t lose them</source>
        <translation>不能失去的客户</translation>
    </message>
    <message>
        <source>Under 18</source>
        <translation>18岁以下</translation>
    </message>
    <message>
        <source>18–24</source>
        <translation>18–24岁</translation>
    </message>
    <message>
        <source>25–34</source>
        <translation>25–34岁</translation>
    </message>
    <message>
        <source>35–44</source>
        <translation>35–44岁</translation>
    </message>
    <message>
        <source>45–59</source>
        <translation>45–59岁</translation>
    </message>
    <message>
        <source>60 and over</source>
        <translation>60岁及以上</translation>
    </message>
    <message>
        <source>Age unknown</source>
        <translation>年龄未知</translation>
    </message>
    <message>
        <source>Given back (redeemed on a voided sale)</source>
        <translation>退回（作废消费上兑换的积分）</translation>
    </message>
    <message>
        <source>Covered (the points it drew on were undone)</source>
        <translation>补足（所扣积分的来源已撤销）</translation>
    </message>
    <message>
        <source>Slipping away</source>
        <translation>渐行渐远</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>休眠客户</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>已流失客户</translation>
    </message>
    <message>
        <source>Never bought</source>
        <translation>从未购买</translation>
    </message>
    <message>
        <source>Platinum</source>
        <translation>铂金</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>黄金</translation>
    </message>
    <message>
        <source>Iron</source>
        <translation>铁</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>铅</translation>
    </message>
    <message>
        <source>Potential</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新客</translation>
    </message>
    <message>
        <source>Churned</source>
        <translation>已流失</translation>
    </message>
    <message>
        <source>Won back</source>
        <translation>已召回</translation>
    </message>
    <message>
        <source>No warning</source>
        <translation>无预警</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>A (top 70 % of spend)</source>
        <translation>A（贡献前 70% 消费）</translation>
    </message>
    <message>
        <source>B (next 20 %)</source>
        <translation>B（其后 20%）</translation>
    </message>
    <message>
        <source>C (the rest)</source>
        <translation>C（其余）</translation>
    </message>
    <message>
        <source>D (no purchase)</source>
        <translation>D（无消费）</translation>
    </message>
    <message>
        <source>Classic lover</source>
        <translation>经典款爱好者</translation>
    </message>
    <message>
        <source>New-product trier</source>
        <translation>新品尝鲜者</translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation>混合型</translation>
    </message>
    <message>
        <source>No purchases</source>
        <translation>无消费</translation>
    </message>
    <message>
        <source>Visit frequency</source>
        <translation>到店频次</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>RFM</source>
        <translation>RFM</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>Customer pyramid</source>
        <translation>客户金字塔</translation>
    </message>
    <message>
        <source>Value class</source>
        <translation>价值等级</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Churn warning</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <source>Product preference</source>
        <translation>产品偏好</translation>
    </message>
    <message>
        <source>Favourite category</source>
        <translation>最爱品类</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>年龄段</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Member level</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>客户终身价值</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>推荐商品</translation>
    </message>
    <message>
        <source>Groups members by R (how recently), F (how often) and M (how much) they bought, each scored 1 = least to 5 = most.</source>
        <translation>按 R（最近一次消费多近）、F（消费多频繁）、M（消费多少）给会员分群，每项 1 分最低、5 分最高。</translation>
    </message>
    <message>
        <source>Members ranked by what they spent: platinum are the few biggest spenders, then gold, iron, and lead for most members.</source>
        <translation>按消费金额给会员排序：铂金是少数消费最多的客户，其次是黄金、铁，大多数会员是铅。</translation>
    </message>
    <message>
        <source>A, B, C, D by share of the shop&apos;s takings: A members bring the most, D the least.</source>
        <translation>按对门店营业额的贡献分 A、B、C、D：A 类会员贡献最多，D 类最少。</translation>
    </message>
    <message>
        <source>Where the member is: new, active, at risk of leaving, lost, or won back.</source>
        <translation>会员所处阶段：新客、活跃、流失风险、已流失或已召回。</translation>
    </message>
    <message>
        <source>How strongly the member&apos;s visits are dropping off compared with their own habit.</source>
        <translation>与会员自己的习惯相比，到店次数下降得有多明显。</translation>
    </message>
    <message>
        <source>How often the member comes, compared with the shop&apos;s other members.</source>
        <translation>与门店其他会员相比，这位会员来得有多勤。</translation>
    </message>
    <message>
        <source>How much the member spends, compared with the shop&apos;s other members.</source>
        <translation>与门店其他会员相比，这位会员花得有多少。</translation>
    </message>
    <message>
        <source>What the member likes to buy: new products, the classics, or a mix.</source>
        <translation>会员喜欢买什么：新品、经典款，还是都买。</translation>
    </message>
    <message>
        <source>The member level the shop gives by total spend (set in Settings).</source>
        <translation>门店按累计消费给的会员等级（在设置中调整）。</translation>
    </message>
    <message>
        <source>What the member is likely to spend in the coming year, from their visits so far.</source>
        <translation>根据到目前为止的到店情况，估计这位会员未来一年可能消费的金额。</translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>Daily, automatic</source>
        <translation>每日自动备份</translation>
    </message>
    <message>
        <source>Before a program update</source>
        <translation>程序升级前</translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <source>Before undoing an import</source>
        <translation>撤销导入前</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Before erasing a member</source>
        <translation>删除会员前</translation>
    </message>
    <message>
        <source>Before deleting a campaign</source>
        <translation>删除营销活动前</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>launch</name>
    <message>
        <source>shopcrm: no display found (DISPLAY and WAYLAND_DISPLAY are not set); to run the window without a screen use: xvfb-run -a shopcrm</source>
        <translation>shopcrm：找不到显示器（未设置 DISPLAY 和 WAYLAND_DISPLAY）；无屏幕时请用以下命令运行窗口：xvfb-run -a shopcrm</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>出错了：{error}</translation>
    </message>
</context>
<context>
    <name>levels</name>
    <message>
        <source>Regular</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>银卡</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>金卡</translation>
    </message>
    <message>
        <source>Diamond</source>
        <translation>钻石</translation>
    </message>
</context>
<context>
    <name>points</name>
    <message>
        <source>Expired points could not be written off: {reason}</source>
        <translation>过期积分未能清除：{reason}</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <source>visits in {days} days: {visits}, {rate:.1f} a week (high from {limit:g} a week)</source>
        <translation>{days} 天内到店 {visits} 次，每周 {rate:.1f} 次（每周 {limit:g} 次起为高）</translation>
    </message>
    <message>
        <source>visits in {days} days: {visits}, {rate:.1f} a month (medium from {limit:g} a month)</source>
        <translation>{days} 天内到店 {visits} 次，每月 {rate:.1f} 次（每月 {limit:g} 次起为中）</translation>
    </message>
    <message>
        <source>visits in {days} days: {visits}, {rate:.1f} a month (below {limit:g} a month)</source>
        <translation>{days} 天内到店 {visits} 次，每月 {rate:.1f} 次（低于每月 {limit:g} 次）</translation>
    </message>
    <message>
        <source>no visit in {window} days</source>
        <translation>{window} 天内没有到店</translation>
    </message>
    <message>
        <source>has not bought anything yet</source>
        <translation>还没有买过东西</translation>
    </message>
    <message>
        <source>bought recently and often</source>
        <translation>最近买过，且经常购买</translation>
    </message>
    <message>
        <source>buys often</source>
        <translation>经常购买</translation>
    </message>
    <message>
        <source>recent, with a few visits</source>
        <translation>最近来过，到店几次</translation>
    </message>
    <message>
        <source>first visits very recently</source>
        <translation>最近刚开始到店</translation>
    </message>
    <message>
        <source>recent, but few visits</source>
        <translation>最近来过，但到店较少</translation>
    </message>
    <message>
        <source>average recency and visits</source>
        <translation>到店时间和次数都一般</translation>
    </message>
    <message>
        <source>below-average recency and visits</source>
        <translation>到店时间和次数都低于平均</translation>
    </message>
    <message>
        <source>used to visit often, not lately</source>
        <translation>以前常来，最近没来</translation>
    </message>
    <message>
        <source>among the most frequent, but not lately</source>
        <translation>曾是最常来的顾客之一，但最近没来</translation>
    </message>
    <message>
        <source>visited rarely and long ago</source>
        <translation>很少来，且很久没来</translation>
    </message>
    <message>
        <source>{meaning}: R{r} F{f} M{m}</source>
        <translation>{meaning}：R{r} F{f} M{m}</translation>
    </message>
    <message>
        <source>no purchase in {window} days; last visit {days} days ago</source>
        <translation>{window} 天内没有消费；上次到店在 {days} 天前</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>{days} days ago</source>
        <translation>{days} 天前</translation>
    </message>
    <message>
        <source>last visit {days} days ago; usually every {interval:g} days</source>
        <translation>最近到店在 {days} 天前；平时每 {interval:g} 天来一次</translation>
    </message>
    <message>
        <source>visits down {share} % ({last} vs {prev} in {days} days)</source>
        <translation>到店次数下降 {share}%（{days} 天内 {last} 次，之前 {prev} 次）</translation>
    </message>
    <message>
        <source>spend down {share} % ({last} vs {prev} in {days} days)</source>
        <translation>消费下降 {share}%（{days} 天内 {last}，之前 {prev}）</translation>
    </message>
    <message>
        <source>rated {limit} or lower in the last {days} days</source>
        <translation>最近 {days} 天内打过 {limit} 分或更低</translation>
    </message>
    <message>
        <source>no warning signs</source>
        <translation>没有预警信号</translation>
    </message>
    <message>
        <source>{age} years old</source>
        <translation>{age} 岁</translation>
    </message>
    <message>
        <source>no birth year recorded</source>
        <translation>未记录出生年份</translation>
    </message>
    <message>
        <source>cumulative spend {spend}; {next} from {limit}</source>
        <translation>累计消费 {spend}；{limit} 起为{next}</translation>
    </message>
    <message>
        <source>cumulative spend {spend} (top level from {limit})</source>
        <translation>累计消费 {spend}（{limit} 起为最高等级）</translation>
    </message>
    <message>
        <source>level kept from earlier (cumulative spend {spend})</source>
        <translation>保留原有等级（累计消费 {spend}）</translation>
    </message>
    <message>
        <source>registered, has not bought anything yet</source>
        <translation>已注册，还没有买过东西</translation>
    </message>
    <message>
        <source>no visit for {days} days (churned from {limit} days)</source>
        <translation>{days} 天未到店（{limit} 天起算流失）</translation>
    </message>
    <message>
        <source>last visit {ago}; chance of still being a customer {share} % by the Pareto/NBD model (churned below {limit} %)</source>
        <translation>上次到店 {ago}；按 Pareto/NBD 模型仍是顾客的概率为 {share} %（低于 {limit} % 算已流失）</translation>
    </message>
    <message>
        <source>first purchase {ago}</source>
        <translation>首次购买在{ago}</translation>
    </message>
    <message>
        <source>came back {ago} after {gap} days away</source>
        <translation>离开 {gap} 天后于{ago}回来</translation>
    </message>
    <message>
        <source>churn warning: {why}</source>
        <translation>流失预警：{why}</translation>
    </message>
    <message>
        <source>last visit {ago}</source>
        <translation>最近到店 {ago}</translation>
    </message>
    <message>
        <source>too little history for the lifetime model ({customers} customers, {repeat} came back; needs {need} and {need_repeat})</source>
        <translation>历史数据太少，无法建立终身价值模型（{customers} 位顾客，{repeat} 位回头；需要 {need} 位和 {need_repeat} 位）</translation>
    </message>
    <message>
        <source>the lifetime model could not be fitted to this history</source>
        <translation>无法根据这些历史数据拟合终身价值模型</translation>
    </message>
    <message>
        <source>the spend model could not be fitted; using each member&apos;s own average</source>
        <translation>无法拟合消费模型；改用每位会员自己的平均值</translation>
    </message>
    <message>
        <source>the lifetime model gave no usable predictions for this history</source>
        <translation>终身价值模型没有为这些历史数据给出可用的预测</translation>
    </message>
    <message>
        <source>Pareto/NBD model estimate from the shop&apos;s visit history, not a certainty: {alive} % likely still a customer; {v90:.1f} visits expected in 90 days, {v365:.1f} in a year, worth {value}</source>
        <translation>Pareto/NBD 模型根据本店到店记录的估计，并非定论：仍是顾客的可能性 {alive} %；预计 90 天内到店 {v90:.1f} 次，一年 {v365:.1f} 次，价值 {value}</translation>
    </message>
    <message>
        <source>{v365:.1f} visits expected in a year at the member&apos;s own rate, worth {value} ({why})</source>
        <translation>按会员自己的频率，预计一年到店 {v365:.1f} 次，价值 {value}（{why}）</translation>
    </message>
    <message>
        <source>{share} % of spend on new products, {count} tried (trier from {limit} % or {distinct})</source>
        <translation>{share}% 的消费用于新品，尝试过 {count} 款（{limit}% 或 {distinct} 款起为尝鲜型）</translation>
    </message>
    <message>
        <source>{share} % of spend on new products over {visits} visits (classic up to {limit} %)</source>
        <translation>{visits} 次到店中新品消费占 {share}%（{limit}% 以内为经典款爱好者）</translation>
    </message>
    <message>
        <source>{share} % of spend on new products, {count} tried, {visits} visits</source>
        <translation>{share}% 的消费用于新品，尝试过 {count} 款，到店 {visits} 次</translation>
    </message>
    <message>
        <source>no product details for the purchases in {window} days</source>
        <translation>{window} 天内的消费没有商品明细</translation>
    </message>
    <message>
        <source>no purchase in {window} days</source>
        <translation>{window} 天内没有消费</translation>
    </message>
    <message>
        <source>{category}: {share} % of product spend in {window} days</source>
        <translation>{category}：占 {window} 天内商品消费的 {share}%</translation>
    </message>
    <message>
        <source>no product purchases in {window} days</source>
        <translation>{window} 天内没有购买商品</translation>
    </message>
    <message>
        <source>often bought together with {product}</source>
        <translation>常与 {product} 一起购买</translation>
    </message>
    <message>
        <source>{new} is new in {category}</source>
        <translation>{new} 是{category}的新品</translation>
    </message>
    <message>
        <source>{favourite} is a favourite not bought lately</source>
        <translation>{favourite}是常买的心头好，最近没有再买</translation>
    </message>
    <message>
        <source>nothing new to suggest yet</source>
        <translation>暂时没有新的推荐</translation>
    </message>
    <message>
        <source>{spend} in {window} days: within the first {share} % of spend (from {limit})</source>
        <translation>{window} 天内消费 {spend}：在前 {share}% 的消费之内（{limit} 起）</translation>
    </message>
    <message>
        <source>{spend} in {window} days: within {low}-{high} % of spend (from {limit})</source>
        <translation>{window} 天内消费 {spend}：在 {low}-{high}% 的消费之内（{limit} 起）</translation>
    </message>
    <message>
        <source>{spend} in {window} days: after the first {share} % of spend</source>
        <translation>{window} 天内消费 {spend}：在前 {share}% 的消费之后</translation>
    </message>
    <message>
        <source>no spend in {window} days</source>
        <translation>{window} 天内没有消费</translation>
    </message>
    <message>
        <source>{spend} in {window} days: top {share} % (from {limit})</source>
        <translation>{window} 天内消费 {spend}：前 {share}%（{limit} 起）</translation>
    </message>
    <message>
        <source>{spend} in {window} days (iron from {limit})</source>
        <translation>{window} 天内消费 {spend}（{limit} 起为铁）</translation>
    </message>
    <message>
        <source>{spend} in {window} days (medium from {limit}, high from {high})</source>
        <translation>{window} 天内消费 {spend}（{limit} 起为中，{high} 起为高）</translation>
    </message>
    <message>
        <source>{spend} in {window} days (medium from {limit})</source>
        <translation>{window} 天内消费 {spend}（{limit} 起为中）</translation>
    </message>
</context>
<context>
    <name>slips</name>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Stored value spent</source>
        <translation>储值消费</translation>
    </message>
    <message>
        <source>Top-ups</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Top-up bonus given</source>
        <translation>充值赠送</translation>
    </message>
    <message>
        <source>Top-ups refunded</source>
        <translation>充值退款</translation>
    </message>
    <message>
        <source>Coupon discounts</source>
        <translation>优惠券抵扣</translation>
    </message>
    <message>
        <source>Points discounts</source>
        <translation>积分抵扣</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Voids</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>新会员</translation>
    </message>
    <message>
        <source>Money taken</source>
        <translation>实收款</translation>
    </message>
    <message>
        <source>Stored value owed to members</source>
        <translation>储值余额（对会员的负债）</translation>
    </message>
    <message>
        <source>Takings of {day}</source>
        <translation>{day} 日结</translation>
    </message>
    <message>
        <source>Printed {at}</source>
        <translation>打印于 {at}</translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <source>Spent</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Returned (void)</source>
        <translation>退回（作废）</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation>期初余额</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>of which bonus</source>
        <translation>其中赠送</translation>
    </message>
    <message>
        <source>Stored value statement</source>
        <translation>储值对账单</translation>
    </message>
    <message>
        <source>Valid {start} to {end}</source>
        <translation>有效期 {start} 至 {end}</translation>
    </message>
    <message>
        <source>One use; show this code at the counter.</source>
        <translation>限用一次；请在收银台出示此码。</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
</context>
<context>
    <name>sources</name>
    <message>
        <source>Walk-in</source>
        <translation>到店</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>外卖平台</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>朋友推荐</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>活动</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>takings</name>
    <message>
        <source>Takings of {day}</source>
        <translation>{day} 日结</translation>
    </message>
    <message>
        <source>Sales: {count}, {amount}</source>
        <translation>销售：{count} 笔，{amount}</translation>
    </message>
    <message>
        <source>  {method}: {count}, {amount}</source>
        <translation>  {method}：{count} 笔，{amount}</translation>
    </message>
    <message>
        <source>Stored value spent: {amount}</source>
        <translation>储值消费：{amount}</translation>
    </message>
    <message>
        <source>Top-ups: {count}, {amount} (bonus {bonus})</source>
        <translation>充值：{count} 笔，{amount}（赠送 {bonus}）</translation>
    </message>
    <message>
        <source>Top-ups refunded: {amount}</source>
        <translation>充值退款：{amount}</translation>
    </message>
    <message>
        <source>Coupon discounts: {count}, {amount}</source>
        <translation>优惠券抵扣：{count} 张，{amount}</translation>
    </message>
    <message>
        <source>Points discounts: {amount}</source>
        <translation>积分抵扣：{amount}</translation>
    </message>
    <message>
        <source>Refunds: {count}, {amount}</source>
        <translation>退货：{count} 笔，{amount}</translation>
    </message>
    <message>
        <source>Voids: {count}, {amount}</source>
        <translation>作废：{count} 笔，{amount}</translation>
    </message>
    <message>
        <source>New members: {count}</source>
        <translation>新会员：{count} 位</translation>
    </message>
    <message>
        <source>Money taken: {amount}</source>
        <translation>实收款：{amount}</translation>
    </message>
    <message>
        <source>Stored value owed to members: {amount}</source>
        <translation>储值余额（对会员的负债）：{amount}</translation>
    </message>
</context>
</TS>
