<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 20 or -20</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B&amp;onus money (not refundable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{total} (of which bonus {bonus})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change (+/-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>Saving settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ShopCRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong; nothing was changed.
{error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLog</name>
    <message>
        <source>Member list exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member list printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member erased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A member&apos;s data exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner password set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner password removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v} purchases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v} points entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved list {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v} members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v} rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data before saved as {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phones masked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phones shown in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members with consent only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members without consent included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditLogPanel</name>
    <message>
        <source>The audit log lists every member list exported or printed, every member&apos;s data exported, every erasure, restore, password and settings change — with ids and counts only, never a name or a phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A member&apos;s own data and consent history: Members screen → pick the member → &quot;Export this member&apos;s data…&quot; or &quot;Consent history…&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sho&amp;w</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} events, newest first (the latest {max} are shown).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} events, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupsSection</name>
    <message>
        <source>Taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;tore from a backup file ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the &amp;selected backup ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups of this shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This shop uses a PostgreSQL server: back it up on the server (pg_dump).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ShopCRM backups (*.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace ALL data of this shop with the backup {file}?

The current data is backed up first, so this can be undone by restoring that copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring a backup needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored. The previous data was saved as {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is a backup of another shop, &quot;{other}&quot;.

Replace ALL data of this shop, &quot;{this}&quot;, with the data of &quot;{other}&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Birthday</name>
    <message>
        <source>Birthday today!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday this week ({date})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignBuilder</name>
    <message>
        <source>Birthday: any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday this month</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignColumns</name>
    <message>
        <source>Card no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Churn risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit frequency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignFilter</name>
    <message>
        <source>Women</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Men</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: {values}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area contains &quot;{text}&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag &quot;{tag}&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday from {first} to {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday in month {month}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bought before {festival} (no such festival yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bought {what} from {first} to {last} ({festival})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All current members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{people}, {ages}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only members who agreed to receive promotions are listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The owner chose to include members who did NOT agree to receive promotions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignPresets</name>
    <message>
        <source>Birthdays this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members whose birthday falls in the next 7 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthdays this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members whose birthday is in the current month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At-risk members to win back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members the churn warning marks as at risk: coming less often than they used to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-pyramid customers slipping away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gold and platinum members of the customer pyramid who are at risk or have stopped coming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New-product triers for a launch in {category}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members who like to try new products and buy this category most: invite them to the launch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{festival} buyers of {category}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{festival} buyers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members who bought (in the category) in the days before the festival&apos;s latest day, e.g. mooncakes before last Mid-Autumn or 年货 before the Spring Festival: invite them again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignResponse</name>
    <message>
        <source>The list was saved on {date}; purchases after that will show here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {days}-day window runs until {date}: these are the figures so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{buyers} of {members} members on the list ({rate}) bought within {days} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody on this list is marked as contacted, so there is no campaign effect to measure. Tick the members you reached and the comparison will show here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{buyers} of the {members} contacted members ({rate}) bought in those days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nobody to compare with: everyone the list&apos;s filter matched on its day was contacted (or was reached by another list). Leave a part of the list uncontacted, chosen at random, to see whether contacting makes a difference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} contacted members have no similar uncontacted member to compare with and are left out of the comparison.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members the list matched on its day who were not contacted: {rate} of them bought in the same days ({n} members, counted like-for-like).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contacted members came back more often: about {diff} more of every 100 bought (somewhere from {low} to {high}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contacted members came back less often: about {diff} fewer of every 100 bought (somewhere from {low} to {high}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No clear difference: {diff} of every 100 members, which could just be luck (anywhere from {low} to {high}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Similar customers may have come anyway, so take this as a good guess, not proof.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too few members to tell (fewer than {min} in a group): a difference of this size can easily be chance.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick members for a promotion, print or export the list, tick who was contacted, and see who came back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogueView</name>
    <message>
        <source>price guessed from sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added by a price-list import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launch date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, code or pinyin initials (mmc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only products to &amp;review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New product…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;tire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price &amp;checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the selected product off the review list as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ategories…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import price list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prices here are what the counter charges; a new price never changes a sale already made. Products an import created are marked for review until you check their price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {total} products; {review} to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put on &amp;sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving product</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CategoriesDialog</name>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>category name, e.g. 面包</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renaming a category renames it for every product in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({count} products)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving category</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClassesKeeper</name>
    <message>
        <source>Classifying members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cards brought up to date after sales: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The classes could not be updated: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes: checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes: could not be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes as of {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{classes} · updating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{classes} · out of date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ColumnsDialog</name>
    <message>
        <source>Columns of the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {n} columns fit across the page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentHistory</name>
    <message>
        <source>Registered at the counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member list import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentHistoryDialog</name>
    <message>
        <source>Consent history — {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promotions: agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promotions: not agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(since {date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent is changed by editing the member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent change is recorded for this member.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterFeedback</name>
    <message>
        <source>Feedback… ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratings and a comment from the member on the card, or else from the member of the last sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the member first: feedback belongs to a member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback from {who}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback from {who} saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CounterView</name>
    <message>
        <source>Phone, last 4 digits, card no. or name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New member (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product name (Enter adds it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product (Enter adds it; Enter on an empty field goes to the amount)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save sale (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;yment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales rung up in this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} · {phone} · {level} · 1 point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} · {phone} · {level} · {points} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter picks the highlighted member; Up/Down choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member found. Ctrl+N registers a new member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in sale (no member)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a member above to give points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card {card} · {phone} · member since {since}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level: {level}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points: {points} · spent {spend} in {visits} visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type an amount only to change the total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hannel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vo&amp;id selected sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is no longer a member (erased); this sale is now a walk-in sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New member: no purchase yet. Welcome them and tell them how points work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined after the last classification: {visits} visits so far. Tier and segment come with the next classification (Tiers &amp; segments → Classify).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier: {tier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment: {segment}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle: {stage}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Churn risk {level}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommend: {products}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No product called &quot;{name}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{product} has no price: enter the amount instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amount, e.g. 23.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {amount} for {who}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+{earned} points, balance {balance}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgraded to {level}!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void sale #{id}? It stops counting and its points are taken back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voiding sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(voided)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale voided.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Coupons</name>
    <message>
        <source>Save vouchers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vouchers saved: {count}, in {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saved list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CouponsView</name>
    <message>
        <source>new members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New coupon…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue to a saved &amp;list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Birthday coupons…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>80 mm receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Vouchers as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One voucher with its code and QR code for every unused coupon of the selected kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Define a coupon, then issue it: one per member of a saved list, one per birthday this week (solar or lunar), or one to every new member as the welcome coupon. Each can be used once at the counter, by its code or from the member card; uses count as responses to the list it was issued to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop giving to new &amp;members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give to new &amp;members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No coupon defined yet: press New coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued coupons of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon defined: issue it to members now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the welcome coupon needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New members now get no welcome coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every new member now gets this coupon.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>&amp;Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in &amp;Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every member at risk in the Members screen, to print or export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading charts ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a member to open them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent buyers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday &amp;coupon…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue a coupon to the members in this list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current members on {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{share} of members bought in the last {days} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{change} on last month by this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last month by this day: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classify the members to see who is at risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classification as of {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last month by this day: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipts, walk-in sales included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per receipt this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{repeat} of {buyers} buyers came back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members who bought in the last {days} days and came on two or more different days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthdays: {today} today, {week} in the next 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk: not classified yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk: {total} members (the {shown} most urgent shown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk: {total} members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show as of the last sale ({date})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts are not available: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days 1–{day} of each month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue and visits by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sales in these months yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue ({currency})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New members by month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New members</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateTyping</name>
    <message>
        <source>&quot;{typed}&quot; is not a whole date: type the year, month and day, e.g. 20260906 or 2026-9-6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{typed}&quot; is not a date: there is no month {month}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{typed}&quot; is not a date: month {month} of {year} has {days} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date} is after {last}, the latest date this field takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date} is before {first}, the earliest date this field takes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DefineCouponDialog</name>
    <message>
        <source>New coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. ¥10 off over ¥50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Money off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Percentage off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A free item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Money off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Percentage off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Free item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minimum &amp;spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid f&amp;rom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid &amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each coupon issued from it can be used once, by the member it was issued to, from the first to the last day.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <source>Add feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product and taste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FestivalPreset</name>
    <message>
        <source>Festival buyers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What they bought, e.g. mooncakes or gift boxes (empty: anything)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last festival&apos;s buyers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bought</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Sorting members into classes ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to ShopCRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members, sales and promotions for your shop. Pick a language and name your shop; you can change both later in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Shop name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Sunny Bakery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How do you want to start?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the &amp;demo shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A made-up bakery with {members} members and {months} months of sales, to try every screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register members and ring up sales at the counter from today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import my spreadsheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring in your member list and past sales from Excel or CSV files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the demo shop ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the demo shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling ...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>(reason of an earlier rejection, not imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A guess: please check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Past &amp;sales (one row per sale or per sale line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A &amp;member list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members&apos; &amp;ratings and comments (feedback)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a spreadsheet, or drop it here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hoose file ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next: columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>U&amp;ndo the selected import ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save its rejected rows as ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel (.xlsx, .xlsm, .xls) or CSV (UTF-8 or GBK). Title rows above the header, merged cells, several sheets, blank and total rows are fine. Nothing is written before the last step, and an import can be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove everything import no. {batch} added ({rows} rows of {file})? A backup is taken first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected rows saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import this sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next: check the rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already imported (skipped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lines repeated in the file (counted once)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blank, total and repeated header rows left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save rejected rows as ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel leaves the shop exactly as it was: all rows are written in one go at the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo this import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See &amp;tiers and segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;another file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import no. {batch} undone: {feedback} ratings removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2 Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3 Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5 Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a spreadsheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheets ({patterns})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {file} ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no header found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>({rows} rows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file looks like a member list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file looks like past sales.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file looks like members&apos; ratings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import as a member list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import as sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import as ratings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No header row was recognised in this sheet; it is not imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header found in row {row}. The columns are set as you set them last time for a file laid out like this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header found in row {row}. The columns were recognised from their headers: check them, and change any that is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day/month/year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>month/day/year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>year/month/day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date} ({order})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its dates do not show their order: &quot;{value}&quot; can be {readings}. Choose how this sheet writes dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the date order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet &quot;{sheet}&quot;: choose the column with {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet &quot;{sheet}&quot;: choose the order of day, month and year of its dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet &quot;{sheet}&quot;: {fields} is chosen for two columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one sheet to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking every row of {file} ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking members and duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing to the shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: checked, nothing written yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import {n} rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file was imported before (import {batches}); rows already in the shop are skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected rows are not imported. Save them, fix the cells, and import that file again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {file} ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {file}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} imported (import no. {batch})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} rejected.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import no. {batch} undone: {purchases} sales and {members} members removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsightCharts</name>
    <message>
        <source>Spend ({currency})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to list these members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members by area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No active members yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{area}: {members} members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend by area in the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{area}: {amount} from {buyers} buying members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of sales and spend by channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sales in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend per month by channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average ratings per month (1–5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No feedback in this period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product and taste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsightTables</name>
    <message>
        <source>Other areas ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buyers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend per member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members who bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(erased member)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InsightsView</name>
    <message>
        <source>All time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last {n} months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;List them in the Members screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;hannels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {since} to {until}. Members are the active ones; double-click a row or click a bar to list its members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{members} active members in {areas} areas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {top} with the most members have a row each; the others are grouped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every sale of the period, walk-in sales included (* this month so far). A member&apos;s own channels are in their detail in the Members screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest low ratings (2 or less), newest first — double-click to open the member:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No low ratings (2 or less) yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of {active} active members never gave feedback.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts are not available: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody to list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many members for one list there; use the filters of the Members screen.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IssueCouponDialog</name>
    <message>
        <source>Birthday coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons for a saved list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {offer}, until {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} ({count} members)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved &amp;list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthdays &amp;from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>80 mm receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Vouchers as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members whose birthday falls on one of these days get one coupon each; a lunar (农历) birthday counts on this year&apos;s solar date. Nobody gets the same coupon twice for one birthday.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Define a coupon that is still valid first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every active member of the list gets one coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no saved list yet: save one in Campaigns first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members with a birthday in these days who get a coupon: {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already given this coupon for their birthday: {count}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons issued: {count}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JobIndicator</name>
    <message>
        <source>Cancel {task}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListBuilder</name>
    <message>
        <source>Ready-made lists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category of the new product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New-product triers for …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday in month {month}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area contains …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only members who agreed to promotions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members who did not agree will be on the list: the owner password is asked before printing or exporting it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Columns …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print pre&amp;view …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as campaign …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite category: any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite: {category}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first {shown} of {n} members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No classification yet: the class filters need one (run the classification first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes as of {date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List of {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the campaign (the members on the list today are kept):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ListOutputs</name>
    <message>
        <source>Phone numbers in full need the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members who did not agree to promotions need the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print preview: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laying out the pages ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the list as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} members on {pages} pages saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the list to Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} members exported to {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Lists</name>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not classified yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{task} is still running. Cancel it and close?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberChannelsLabel</name>
    <message>
        <source>{channel} {visits:.0%} of visits, {spend:.0%} of spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels: {parts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All the member&apos;s purchases; a visit is a day with a purchase in that channel.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberColumns</name>
    <message>
        <source>Card no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Churn risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberDetail</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redeem points ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ad&amp;just ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;feedback ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview and classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a member in the table to see their history and classes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card {card} · {phone} · {level} · {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Came from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promotions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{spend} in {visits} visits, last {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not classified yet: run a classification in Tiers &amp; segments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classification as of {as_of}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P(alive) {p:.0%}; {visits:.1f} visits expected in 90 days; one-year value {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommended: {products}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recommendation yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Edit member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mobile number, e.g. 138 1234 5678</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1990-05-03, 05-03 or 5月3日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Solar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lunar (农历)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lunar birthday, e.g. 农历四月初八 or 闰四月初八, falls on another solar date each year; lists and the counter use this year&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>office district, residential estate ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agrees to receive promotions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generated when empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Came from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card n&amp;o.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registering member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving member</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberListDialog</name>
    <message>
        <source>Loading ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in the &amp;Members screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a member to open them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} members, classes as of {as_of}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many members for one list there; use the filters of the Members screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classes as of {as_of}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MemberPrivacyBar</name>
    <message>
        <source>E&amp;xport this member&apos;s data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything the shop keeps about this member, as a JSON file (a member&apos;s right to see their data). Needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent &amp;history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When this member agreed to or withdrew from promotions. Needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting a member&apos;s personal data needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export this member&apos;s data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting a member&apos;s data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path} (recorded in the audit log).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A member&apos;s consent history needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MembersView</name>
    <message>
        <source>Search name, phone, card no., area or tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed to promotions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp;filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;rase ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ring &amp;up at the counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday in month {month}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members of a chart&apos;s drill-down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes as of {as_of}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not classified yet: classes appear after the first classification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;activate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reactivating member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive {name}? The member disappears from the counter and promotion lists; history is kept and you can reactivate them later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archiving member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase {name} for good?

Name, phone, birthday, notes and tags are deleted and cannot be recovered in the program; sales stay in the shop&apos;s figures without a name. A backup is taken first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasing a member needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasing member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member was erased. The database file could not be compacted just now (another program may be using it), so old copies of the data may stay in its free space until the next erasure.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday this year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points about to expire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>We miss you (at risk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value low</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessagesPanel</name>
    <message>
        <source>Save as template …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export texts for SMS (CSV) …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this text for WeChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert field:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only members who agreed to promotions get a text, unless the list was made for everyone. Each export or copied text is recorded and ticks the members as contacted. Your SMS platform may add its signature (【shop name】), which counts towards the length too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (mine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the template:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a saved campaign to write to its members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member on this list can be sent a message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} SMS · {units} characters ({encoding}: {per} per SMS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no value yet for {fields}: take them out before sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the texts for an SMS platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} texts ({segments} SMS) saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied: paste it into WeChat.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MoneyPanel</name>
    <message>
        <source>Coupon code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value: amount or &quot;all&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Top up (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;oupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poi&amp;nts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored &amp;value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takings (F11)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value: {total} (bonus {bonus})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>points worth {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons: {codes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the member first, then top up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topped up {amount} (+{bonus} bonus); balance {balance}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>coupon −{amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{points} points −{amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored value {amount}, left {balance}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MoneySettingsSection</name>
    <message>
        <source> points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points are earned per</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>take off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redeeming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Least points per sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most points per sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points expire after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value: top-up bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top up at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A top-up gets the bonus of the largest amount it reaches; bonus money is spent last and never refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon for new members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MultiChoice</name>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: {n} chosen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiers &amp; segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutputMenuButton</name>
    <message>
        <source>&amp;Print / export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print, save as PDF or export to Excel the members shown, in this order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print pre&amp;view …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as P&amp;DF …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport to Excel …</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnerPasswordDialog</name>
    <message>
        <source>Owner password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OwnerPasswordSection</name>
    <message>
        <source>The owner password is asked before saving settings, erasing a member, restoring a backup, printing or exporting phone numbers in full and exporting a member&apos;s personal data. It keeps the counter staff out of these functions; it does not encrypt the database file, so anyone who can copy that file can read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least 4 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the new password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An owner password is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No owner password is set: everyone can use every function.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the current owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two new passwords are not the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting the owner password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The owner password was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The owner password is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing the owner password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The owner password was removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PointsDialog</name>
    <message>
        <source>Redeem points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjust points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points to redeem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change (+/-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreparedListModel</name>
    <message>
        <source>Contacted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PriceListDialog</name>
    <message>
        <source>new product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{action}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launch date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a price list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;rejected rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One row per product with its name and price (code, category, launch date and on sale are optional). Known products get the new price (past sales keep theirs); new products go on the review list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a price list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rows} rows: new products {new}, changed {changed}, unchanged {unchanged}, rejected {rejected}.
Columns: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing price list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: new products {new} (on the review list), changed {changed}, rejected {rejected}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected rows saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintList</name>
    <message>
        <source>List made on {made} · Printed {printed} · {n} members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: {filter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone numbers are masked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone numbers are shown in full: keep this list safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} members saved with the list are left out: erased, archived or no longer agreeing to promotions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member is on this list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About this list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProductDialog</name>
    <message>
        <source>Edit product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional, e.g. B012</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 12.50 (more than 0, less than 100,000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YYYY-MM-DD, optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From this day the product counts as new (for the new-product triers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An import created this product and guessed its price: saving confirms it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Launch date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No change yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{when}: {old} → {new}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving product</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <source>Refund top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date}: {paid} paid by {method}, {left} refundable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amount to refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to refund: every top-up of this member is spent or already refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only money paid in and not yet spent can be refunded; the bonus that came with the top-up is taken back in proportion.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResponsePanel</name>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend per member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparable members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bought within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after the list was saved: the contacted members beside members the list matched that day but nobody contacted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members the list matched on its day who were not contacted; share and spend weighted to the contacted members&apos; segments and recency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody on the list is marked as contacted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a saved campaign to see whether its members came back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no class)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share who bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No purchases to compare yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RuleFields</name>
    <message>
        <source>Analysis window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit frequency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer pyramid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value class (ABCD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Churn warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product preference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look back over the last (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High: at least this many visits a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium: at least this many visits a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average over at least (days), so a first visit is not &apos;high&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High: the top share of members by spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium: the next share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platinum: the top share by spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gold: the next share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iron: the next share (the rest are lead)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A: members making this first share of spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B: the next share of spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New: first purchase within (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Churned: no visit for (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Churned: or chance of still being a customer below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Won back: for (days) after the return visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk: from this many churn-warning signals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away longer than this many times the usual interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>... and away at least (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits or spend down by at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A rating at or below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare periods of (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A product is new for (days after launch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trier: share of spend on new products at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trier: or this many different new products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classic lover: share on new products at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classic lover: at least this many visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products recommended per member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime value: fit the model from this many buyers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime value: and this many repeat buyers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SavedCampaigns</name>
    <message>
        <source>Campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone numbers in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed lists mask phones as 138****5678; in full needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print pre&amp;view …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as P&amp;DF …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport to Excel …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members on the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did they come back?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved campaign yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a list on the &apos;New list&apos; tab and save it: the members on it that day are kept, so you can print it, tick who was contacted and later see whether they came back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made {when} · {n} members · {contacted} contacted · {filter}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete &quot;{name}&quot;? Its member list and contact marks go, and whether its members came back can no longer be measured. A backup is taken first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting the campaign</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Seasons</name>
    <message>
        <source>New Year&apos;s Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese New Year&apos;s Eve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spring Festival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lantern Festival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qingming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labour Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dragon Boat Festival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qixi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mid-Autumn Festival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>National Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double Ninth Festival</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentCharts</name>
    <message>
        <source>Not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} ({share})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to list these members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer pyramid (by spend in the window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is classified yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{members} members ({share}) · {spend} of spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {members} members, {amount} spent in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer pyramid: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value classes A-D: share of members and of spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value class {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {members} members ({share} of members), {spend_share} of spend ({amount}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFM: recency R x frequency F (members)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member bought in the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFM cell R {r} · F {f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R {r}, F {f}: {n} members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequency score (5 = most visits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recency score (5 = most recent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFM segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {members} members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Churn warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members with {range} visits in the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members who spent {range} in the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit frequency: visits in the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits in the last {days} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend in the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend in the last {days} days ({currency})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit frequency classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product preference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where members came from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age bands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: {earlier} → {later}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody is in the later classification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not classified then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: {before} → {after}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{heading}: {n} members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classified as of {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As of {date}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SegmentsView</name>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Classify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify every member as of this day over this window and keep the result as a new snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sale day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the day to the last recorded sale (for an imported history)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiers &amp; segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classify as of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiers and value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequency and spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferences and sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Movements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{as_of} · {days} days · {members} members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classified as of {as_of} over the {days} days before; run on {run}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not classified yet: choose the day and window above and press Classify.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(an older classification)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{members} active members classified as of {as_of} over {days} days; click a bar or cell to list its members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Movements need two classifications: classify again on a later day (or an earlier one) to compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{up} moved up, {down} moved down, {same} stayed, {new} were not classified then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{changed} changed class, {same} stayed, {new} were not classified then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a cell to list its members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts are not available: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifying members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classification cancelled; nothing was stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classifying as of {as_of} over {days} days ...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Shop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points and levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classification rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database and backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Privacy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Money at the counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mask phone numbers on printed lists (138****5678)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> points per 1 spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member levels (by cumulative spend, upgraded automatically)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From cumulative spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first level starts at 0. A member moves up as soon as their spend reaches the next level&apos;s threshold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thresholds of every classification. Changes apply at the next classification run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset rules to &amp;defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the settings needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoredValue</name>
    <message>
        <source>Top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned (void)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Movement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of which bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoredValuePage</name>
    <message>
        <source>Re&amp;fund top-up …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjust &amp;balance …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Statement as PDF …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>80 mm receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of which bonus money {bonus} (spent last, never refunded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunding stored value needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjusting stored value needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjustment recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TakingsDialog</name>
    <message>
        <source>Takings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>80 mm receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save takings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopupDialog</name>
    <message>
        <source>Top up stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 200</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid &amp;by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bonus {bonus}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>Today&apos;s automatic backup failed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unnamed shop {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unnamed shop</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>classification</name>
    <message>
        <source>Reading members and sales ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing visits and spend ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorting members into classes ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fitting the lifetime value model ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choosing recommendations ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the snapshot ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>{value} is too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ShopCRM: members, sales and promotions for one shop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database file or URL (default: SHOPCRM_DATABASE_URL or the per-user data folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language of messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be read or written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>details in {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no log could be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected error ({error}); the command stopped; {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copy the database to DEST or the backup folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replace the database with a backup (the current one is backed up first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the backup is of another shop: confirm by naming that shop (its data replaces this shop&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored {file}; the previous database was saved as {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>register, list, find and show members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>register a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the member agrees to marketing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>find by phone, last 4 digits, name or card no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one member with history, points and classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered member {card} (id {id}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level: {level}  Points: {points}  Spend: {spend}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record or void a purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>record a purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member card no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>define, issue, redeem and list coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>define a coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>money off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>percentage off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a free item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minimum spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issue a coupon to members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every member of a saved list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members with a birthday this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a day of the birthday week (YYYY-MM-DD; default today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redeem a coupon on a sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total before the coupon (omit when giving --item)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voucher slips with code and QR code, as a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list coupons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only coupons that can be used today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {id} defined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} coupons issued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase {id} recorded: {total:.2f} after {off:.2f} off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No coupons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total paid (omit when giving --item)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a product by name, e.g. 菠萝包x2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a coupon code to redeem on this sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>points to take as money off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>part of the total paid from the member&apos;s stored value (--payment stored_value: all of it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a reference of your own for this sale: sending the same one again records nothing twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>void a purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase {id} recorded: {total:.2f}, {points} points earned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase {id} voided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members, purchases and revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchases: {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue: {amount:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First purchase: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last purchase: {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fill an empty database with a demo bakery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>number of members (default 2000; 50000 with --large)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>months of sales history ending today (default 24)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random seed: the same seed gives the same shop (default 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>benchmark size: 50,000 members and about a million purchases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo shop &quot;{name}&quot;: {members} members, {purchases} purchases ({walk_ins} without a member card), revenue {revenue}, from {first} to {last}; {seconds:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the owner password, if one is set; without a terminal, rather use --password-file or the environment variable SHOPCRM_OWNER_PASSWORD (a typed prompt is used on a terminal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read the owner password from the first line of FILE (- for standard input)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is not a valid id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a member&apos;s personal data: export, consent, erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write everything kept about one member to a JSON file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show or change a member&apos;s marketing consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the member withdraws consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>erase a member&apos;s personal data for good (sales stay anonymously)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>confirm: this cannot be undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set, change or remove the owner password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set or change the owner password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new password (or set SHOPCRM_NEW_OWNER_PASSWORD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remove the owner password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is an owner password set?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the audit log: exports, prints, erasures, restores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal data of member {id} written to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>consents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdrew consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No consent recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member {id} erased; their sales remain without personal data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New owner password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat it: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The owner password is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The owner password was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No owner password was set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An owner password is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No owner password is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check this copy of ShopCRM on a temporary demo shop (window offscreen, chart, PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep the screenshot, chart and PDF the test makes in DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import past sales, a member list or member ratings from a spreadsheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sales from .xlsx/.xls/.ods/.csv (one row per sale or per receipt line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a member list from .xlsx/.xls/.ods/.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member feedback (phone or card no., date, ratings 1-5, product, comment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this sheet (name or number); repeatable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check every row, write nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write the rejected rows with reasons here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON object {&quot;header or column letter&quot;: &quot;field&quot;}; remembered for this header layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order of day, month and year in text dates like 03/04/25, when the file leaves it open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>replace filled-in fields of known members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No row could be imported: nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import batch {batch} ({file}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows: {rows}; imported: {imported}; already there: {duplicates}; rejected: {rejected}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchases: {purchases}; new members: {members}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New members: {created}; members completed: {updated}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out {n} total, blank or repeated header rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This same file was imported before (batch {batches}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected rows with reasons: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use --errors OUT.xlsx to get the rejected rows with reasons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no row could be imported; see the reasons with --errors OUT.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undo an import batch (its purchases, points and new members)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import batch {batch} undone: {purchases} purchases and {members} members removed, {restored} members restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback removed: {n}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export member lists, the classification report or rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a member list as a styled .xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer pyramid tier (platinum, gold, iron, lead)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member level name or number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gender as recorded: F or M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>age band: &lt;18, 18-24, 25-34, 35-44, 45-59, 60+</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>comma-separated, from: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write phones as 138****5678 (the default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>counts per class of the latest classification, with charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add a chart image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the rejected rows of an import batch, with reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} members written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} rejected rows written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member level by name or number (0 = lowest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>birthday in this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>birthday in the coming 7 days or in the current month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members with this tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members whose area contains this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members whose favourite category is this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only members who agreed to promotions (the default for lists)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>also members who did not agree to promotions (owner only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print a member list for a promotion to PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members chosen by the filters, as an A4 PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print this saved campaign instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the list&apos;s title on the page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>columns, e.g. card_no,name,phone,level,birthday,contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print phone numbers in full (owner only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} members on {pages} pages written to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recompute every classification and store a snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>classify as of this day (YYYY-MM-DD, default today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only when the classes are out of date (another day, changed rules, an import or undo); else update the cards of new sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime value: each member&apos;s own visit rate ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime value: Pareto/NBD r={r:.3f} alpha={alpha:.3f} s={s:.3f} beta={beta:.3f} on {customers} customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The classes are current (snapshot {id} of {when}); {n} cards brought up to date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot {id} as of {date}: {members} members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took {seconds:.1f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer lifetime value models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fit BG/NBD, Pareto/NBD and Gamma-Gamma on the sales history (time unit: weeks)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>use the history up to this day (YYYY-MM-DD, default today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History up to {date}, time unit weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BG/NBD: r={r:.4f} alpha={alpha:.4f} a={a:.4f} b={b:.4f} log-likelihood={loglik:.1f} ({customers} customers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pareto/NBD: r={r:.4f} alpha={alpha:.4f} s={s:.4f} beta={beta:.4f} log-likelihood={loglik:.1f} ({customers} customers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pareto/NBD: not fitted ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gamma-Gamma: p={p:.4f} q={q:.4f} gamma={gamma:.4f} ({customers} repeat customers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gamma-Gamma: not fitted ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the catalogue: list, add, edit and import products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only products an import created that need a look</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add a product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list price, more than 0 and less than 100,000 (e.g. 12.50)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the shop&apos;s product code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>launch date (what makes a product new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change a product (by id, code or name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new list price; past sales keep theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new code (&quot;&quot; removes it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new category (&quot;&quot; removes it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>launch date (&quot;&quot; removes it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>take it off sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>put it on sale again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>take it off the review list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import a price list (.xlsx/.xls/.ods/.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this sheet (name); repeatable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No products.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product {id} added: {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product {id} saved: {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet {sheet}: {columns}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows: {rows}; new products: {created}; changed: {updated}; unchanged: {unchanged}; rejected: {rejected}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New products are on the review list: shopcrm product list --review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row {row}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>message texts for SMS or WeChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list&apos;s message texts as a CSV for an SMS platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a ready-made template (birthday, win_back, new_product, points_expiring, stored_value_low) or a saved one by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export this saved campaign instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name the list is saved under (filters only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text: phone and text; variables: phone and one column per field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write phone numbers in full (owner only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list the message templates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages: {template} {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} messages ({segments} SMS) written to {path}; list saved as campaign {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give it with --password-file FILE, SHOPCRM_OWNER_PASSWORD or --password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>end-of-day takings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the day (YYYY-MM-DD; default today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>also write it as a PDF to print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>80mm receipt printer (default) or a4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pages} pages written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top up a member&apos;s stored value (bonus rules apply)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the money paid in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how it was paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give back an unspent top-up (all of it, or --amount); needs the owner password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>correct the member&apos;s balance by this amount (+ or -); needs --reason and the owner password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>why the balance is adjusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show the member&apos;s stored-value statement instead (--pdf to print it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No movements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded {amount:.2f} of top-up {id}; balance {balance:.2f}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance adjusted; now {balance:.2f}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Topped up {amount:.2f} (+{bonus:.2f} bonus); balance {balance:.2f}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>coupons</name>
    <message>
        <source>{amount} off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{percent}% off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A free {product}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{offer} on a purchase of {minimum} or more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>demo</name>
    <message>
        <source>Inventing members ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringing up the sales ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the rows ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the demo shop ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building indexes ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>--limit must be between 1 and 10000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No single member matches {query}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No single product matches {query}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date and time (YYYY-MM-DD HH:MM).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sale reference has 1 to 100 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter products or an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups of a PostgreSQL database are made on the server (pg_dump), not by ShopCRM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is not enough free space in {folder}: {need} MB are needed, {free} MB are free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {folder} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A backup cannot overwrite the database itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup could not be written to {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File not found: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a ShopCRM backup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is damaged (integrity check failed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} has changed since the backup was made (its checksum does not match); it is not restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is a backup of the shop &quot;{other}&quot;, not of this shop &quot;{this}&quot;. To replace the data of &quot;{this}&quot; with &quot;{other}&quot;, confirm with the other shop&apos;s name (restore --other-shop &quot;{other}&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup could not be restored, nothing was changed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup could not be restored: {reason}. The data as it was before is saved in {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy of the backup failed its check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restored database failed its check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>table {table} is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column {column} is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>column {column} is not as ShopCRM made it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has a table ShopCRM does not make: {table}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a ShopCRM database ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a ShopCRM database (it holds other data).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} was made by a newer ShopCRM (schema {revision}); please update the program first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a complete ShopCRM database ({problem}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A database cannot be restored from itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is in use by another program; close it and try again ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a database address: {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not a ShopCRM database (it is not an SQLite file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database {target}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{target} holds other data and is not a ShopCRM database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database was made by a newer ShopCRM (schema {revision}); please update the program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A phone number is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a valid phone number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the member: --phone, --card or --member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An amount is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not an amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: give --price, --name or another option.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; depends on the decimal mark, and the file uses both a decimal comma and a decimal point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not an amount: its separators do not fit this file (a thousands group has exactly 3 digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount {value} is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; has more than 2 decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; can be read as {dates}; choose the order of day, month and year for this column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot;: the dates of this column mix day/month orders, so none of them can be trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date {value} is too early.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date {value} is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a time of day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity {value} has more than 3 decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity cannot be 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity {value} is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}…&quot; is longer than {limit} characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; was stored as a number and lost digits; format the column as text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a number of points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A points balance cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratings go from 1 to 5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback needs the member&apos;s phone or card number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give at least one rating or a comment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feedback cannot be dated in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member {id} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a gender (female/male/女/男).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a birthday (e.g. 1990-05-03 or 05-03).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a real date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The birth year {year} is not plausible.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A birthday cannot be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a card number (letters and digits, 32 at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown member status {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a known class; use one of: {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday must be &quot;week&quot; or &quot;month&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A month goes from 1 to 12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown festival {key}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The days before a festival go from 1 to 90.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown member level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The filter text is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The phone {phone} already belongs to member {card} ({name}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card number {card} is already in use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name is too long (100 characters at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a member level ({levels}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A member needs a phone number or a card number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registration date cannot be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An erased member cannot be edited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This member has already been erased.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has the card number {card}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough points: the balance is {balance}, {needed} needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points must be a whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That many points cannot be moved at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redeem a positive number of points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adjustment of zero points changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no member level {level}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No product has the id, code or name {key}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product {id} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code {code} is already used by {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date (e.g. 2025-03-05).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A category needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A category called {name} already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category {id} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A product needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The product name is too long (100 characters at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a product code: use up to 32 letters, digits, - _ . or /.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The category name is too long (50 characters at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A price must be more than ¥0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A price must be less than ¥100,000 ({value} was given).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The price {value} has more than 2 decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The price cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A product called {name} already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quantity must be more than 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A purchase can have at most 200 lines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{product} has no price: enter the price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sale reference {ref} belongs to another purchase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sale reference has 1 to 128 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points, stored value and member coupons need a member: find the member first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least {min} points must be redeemed at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most {max} points can be redeemed on one sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{points} points are worth less than 0.01 off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The points are worth more than what is left to pay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A purchase cannot be in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown payment method {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown sales channel {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The discount cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member {card} is archived; make the member active again first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The discount is larger than the purchase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored value paid is more than the sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the sale is paid from stored value: choose how the rest is paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enough stored value: the balance is {balance}, {needed} needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount must be more than 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase {id} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purchase {id} has already been voided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shop name is too long (100 characters at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points per unit must be between 0 and 1000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points are earned per amount between 0.01 and 10000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The points redemption rate is out of range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most points per sale cannot be below the least (0 means no limit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points expire after 0 to 120 months (0: never).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A top-up bonus rule needs an amount above 0 and a bonus no larger than it, once per amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least one member level is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first member level must start at 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every member level needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member level thresholds must increase from one level to the next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep between 1 and 1000 backups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shares and probabilities must be between 0 and 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The class shares add up to more than 100 %.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day counts must be between 1 and 3660.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit rates and factors must be more than 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk needs between 1 and 4 warning signals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counts of visits and products cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lifetime-value model needs at least 2 customers and 1 repeat customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendations must be between 0 and 10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the password file {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erasing a member cannot be undone: add --yes to confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the new password with --new or SHOPCRM_NEW_OWNER_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date (YYYY-MM-DD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name must end in .pdf.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the file {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the file {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a RAR archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a 7-Zip archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a compressed (gzip) file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not a spreadsheet (it is {what}). Choose an .xlsx, .xls or .csv file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not a spreadsheet. Choose an .xlsx, .xls or .csv file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is damaged or incomplete (perhaps not fully copied or downloaded). Open it in Excel and save it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is protected by a password. Open it in Excel, remove the password and save it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is too large to import at once (or is built to exhaust memory). Split it into smaller files, e.g. one per year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a folder, not a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is {size} MB; at most {limit} MB can be imported at once. Split it into smaller files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not UTF-8 and not in any text encoding ShopCRM knows. Save it in Excel as &quot;CSV UTF-8&quot; and import that file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not UTF-8, and its text could be {encoding} or {others}; importing it in the wrong one would store other characters. Save it in Excel as &quot;CSV UTF-8&quot; and import that file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a chart as TITLE=FILE.png.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is not valid JSON: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} must hold a JSON object of column names to field names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Word document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a PowerPoint presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is an Excel binary workbook (.xlsb), which cannot be imported. Open it in Excel and save it as .xlsx.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an OpenDocument text or presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a zip archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} contains XML entity declarations, which spreadsheets never need; it is refused for safety.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has more than {limit} rows in one sheet. Split it into smaller files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A sheet in {file} has cells spread over {cols} columns and {rows} rows. Delete the stray cells far from the table, or copy the table into a new file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is a web page (HTML), not a spreadsheet, although it may open in Excel. Open it in Excel and save it as .xlsx.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is an XML file (perhaps an old Excel 2003 XML sheet). Open it in Excel and save it as .xlsx.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} mixes text encodings, so some characters cannot be read. Save it again as UTF-8 CSV or .xlsx.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} is not a readable CSV file ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: is it open in Excel? Close it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path}: the file name must end in {suffix}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{folder} is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ShopCRM may not write in {folder} (read-only or no permission)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the drive is read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a write error ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chart &quot;{name}&quot; is not a PNG image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown audit action {action}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown column &quot;{column}&quot;; use some of: {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at most {n} columns: more do not fit on the page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The response window must be 1 to 365 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the category of the new product.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown ready-made list {key}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the list a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name is too long (200 characters at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member matches these filters; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no campaign {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date} is not a sensible date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose between 1 and {max} months.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose between 1 and {max} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo shop can have between 1 and {most} members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo history can cover between 1 and {most} months.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The seed must be a whole number of 0 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo history cannot end in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database already holds members or sales; the demo shop needs an empty database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{field}&quot; is not a field of a {kind} sheet. Known fields: {known}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column {column} is outside the sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two columns are mapped to {field}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no sheet &quot;{sheet}&quot; in the file. Its sheets are: {sheets}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown import kind {kind}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sheet of {file} looks like a list of {what}. {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rejected-rows file {path} must end in .xlsx.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {path} does not exist; the rejected rows cannot be written there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} cannot be written (no permission).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date order; use one of {orders}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has a header but no rows of data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This needs the owner password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The owner password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new password is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password needs at least 4 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{path} is a folder, not a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classification {id} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Movements cannot be shown for {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown classification {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot {id} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A movement needs a classification.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date (use YYYY-MM-DD).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date {date} is in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date {date} is too early.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The classification was cancelled; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No lifetime model: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown column {column}. Columns: {known}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at least one column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export cannot overwrite the database itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import batch {id} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import batch {id} has already been undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member is in {option} &quot;{value}&quot; in the latest classification. Classes there: {codes}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{option} &quot;{value}&quot; is not known; use one of: {codes}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no classification yet: run the classification first (shopcrm classify).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name must end in .xlsx.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either --campaign or filters, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown member level &quot;{value}&quot;; use one of: {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk writing needs an SQLite or PostgreSQL database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show at least one area.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period starts after it ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not yes or no (on sale: 是/否, 在售/停售, yes/no).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The price is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is in the file twice (first in row {row}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code {code} is in the file twice (first in row {row}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} has the code {old} in the shop, not {new}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sheet of {file} looks like a price list (a product column and a price column). {problems}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has more than {limit} rows; a price list has one row per product.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file} has a header but no products under it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{token} is not a message field; use one of: {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message text is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message text is too long ({max} characters at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the template a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template name is too long (50 characters at most).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{name}&quot; is a ready-made template; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no message template &quot;{name}&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no message template &quot;{name}&quot;; ready-made ones: {choices}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no member {id}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file name must end in .csv.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSV shape must be &quot;text&quot; or &quot;variables&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template uses {fields}, which this shop has no values for yet; take them out of the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member on this list can be sent a message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This member is not on the list or cannot be sent promotions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lunar month goes from 1 to 12.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lunar day goes from 1 to 30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no leap first month in 1900-2099.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a lunar birthday (e.g. 农历四月初八 or 04-08).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper is 80mm or a4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{code}&quot; is not a valid coupon code: check it for a typo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A coupon needs a name of 1 to 100 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown coupon kind {value}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The money off must be more than 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The percentage off must be between 1 and 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minimum spend cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The money off is larger than the minimum spend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start date is after the end date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A free-item coupon needs a product.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {id} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At most 100000 coupons can be issued at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This coupon expired on {date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday coupons are issued for at most {days} days at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no coupon {code}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} was already used on {date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} belongs to another member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} expired on {date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} is valid from {date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} needs a purchase of at least {amount}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon {code} gives a free {product}: add it to the sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member {card} still has {amount} of stored value. Refund or adjust the balance to zero first (member details, Stored value tab), then erase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-up {id} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only {refundable} of this top-up is unspent and can be refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An adjustment of zero changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the balance is adjusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The balance cannot go below zero: {held} is there, the adjustment takes {taken}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--if-due classifies as of today; leave out --as-of.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a rating from 1 to 5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;{value}&quot;: a rating is a whole number from 1 to 5.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>Card no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABCD class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit frequency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Churn warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product preference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card no.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount before discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sale or refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lunar birthday (农历)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marketing consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launch date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rating (product, taste)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>import</name>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet &quot;{sheet}&quot;: no column found for {fields}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its headers are: {headers}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ratings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet &quot;{sheet}&quot; is hidden and was not imported; choose it by name to import it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{column}: the date is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{column}: the amount is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{column}: the discount {discount} is larger than the amount before it ({gross}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The amount is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another line of receipt {receipt} was rejected; fix it and import the whole receipt again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lines of receipt {receipt} name different members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lines of receipt {receipt} give different receipt totals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt {receipt} was imported before for another member.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A line of receipt {receipt} has no amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The card no. {card} belongs to a member with another phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening balance from import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The phone and the card no. {card} belong to different members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{column}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{column}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has the phone {phone} or the card no. {card}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has the phone {phone}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No member has the card no. {card}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No product is called &quot;{product}&quot;; correct the name, or empty the cell to import the rating without a product.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat / mini program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Female</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Male</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Erased</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reversed (voided sale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Champions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Potential loyalist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Need attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About to sleep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t lose them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Under 18</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18–24</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>25–34</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>35–44</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>45–59</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>60 and over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given back (redeemed on a voided sale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Covered (the points it drew on were undone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slipping away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platinum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Iron</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Potential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Churned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Won back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A (top 70 % of spend)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B (next 20 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C (the rest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D (no purchase)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classic lover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New-product trier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No purchases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit frequency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer pyramid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Churn warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product preference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourite category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups members by R (how recently), F (how often) and M (how much) they bought, each scored 1 = least to 5 = most.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members ranked by what they spent: platinum are the few biggest spenders, then gold, iron, and lead for most members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A, B, C, D by share of the shop&apos;s takings: A members bring the most, D the least.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the member is: new, active, at risk of leaving, lost, or won back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How strongly the member&apos;s visits are dropping off compared with their own habit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often the member comes, compared with the shop&apos;s other members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much the member spends, compared with the shop&apos;s other members.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the member likes to buy: new products, the classics, or a mix.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The member level the shop gives by total spend (set in Settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the member is likely to spend in the coming year, from their visits so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Daily, automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before a program update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before an import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before undoing an import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before erasing a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before deleting a campaign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>launch</name>
    <message>
        <source>shopcrm: no display found (DISPLAY and WAYLAND_DISPLAY are not set); to run the window without a screen use: xvfb-run -a shopcrm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>levels</name>
    <message>
        <source>Regular</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Silver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diamond</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>points</name>
    <message>
        <source>Expired points could not be written off: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <source>visits in {days} days: {visits}, {rate:.1f} a week (high from {limit:g} a week)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>visits in {days} days: {visits}, {rate:.1f} a month (medium from {limit:g} a month)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>visits in {days} days: {visits}, {rate:.1f} a month (below {limit:g} a month)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no visit in {window} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>has not bought anything yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bought recently and often</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buys often</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recent, with a few visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first visits very recently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recent, but few visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>average recency and visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>below-average recency and visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>used to visit often, not lately</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>among the most frequent, but not lately</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>visited rarely and long ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{meaning}: R{r} F{f} M{m}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no purchase in {window} days; last visit {days} days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{days} days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last visit {days} days ago; usually every {interval:g} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>visits down {share} % ({last} vs {prev} in {days} days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spend down {share} % ({last} vs {prev} in {days} days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rated {limit} or lower in the last {days} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no warning signs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{age} years old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no birth year recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cumulative spend {spend}; {next} from {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cumulative spend {spend} (top level from {limit})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level kept from earlier (cumulative spend {spend})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registered, has not bought anything yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no visit for {days} days (churned from {limit} days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last visit {ago}; chance of still being a customer {share} % by the Pareto/NBD model (churned below {limit} %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first purchase {ago}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>came back {ago} after {gap} days away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>churn warning: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last visit {ago}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too little history for the lifetime model ({customers} customers, {repeat} came back; needs {need} and {need_repeat})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lifetime model could not be fitted to this history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the spend model could not be fitted; using each member&apos;s own average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lifetime model gave no usable predictions for this history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pareto/NBD model estimate from the shop&apos;s visit history, not a certainty: {alive} % likely still a customer; {v90:.1f} visits expected in 90 days, {v365:.1f} in a year, worth {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v365:.1f} visits expected in a year at the member&apos;s own rate, worth {value} ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{share} % of spend on new products, {count} tried (trier from {limit} % or {distinct})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{share} % of spend on new products over {visits} visits (classic up to {limit} %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{share} % of spend on new products, {count} tried, {visits} visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no product details for the purchases in {window} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no purchase in {window} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{category}: {share} % of product spend in {window} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no product purchases in {window} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>often bought together with {product}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{new} is new in {category}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{favourite} is a favourite not bought lately</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing new to suggest yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{spend} in {window} days: within the first {share} % of spend (from {limit})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{spend} in {window} days: within {low}-{high} % of spend (from {limit})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{spend} in {window} days: after the first {share} % of spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no spend in {window} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{spend} in {window} days: top {share} % (from {limit})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{spend} in {window} days (iron from {limit})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{spend} in {window} days (medium from {limit}, high from {high})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{spend} in {window} days (medium from {limit})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>slips</name>
    <message>
        <source>Sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-up bonus given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-ups refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Money taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value owed to members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takings of {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printed {at}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned (void)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of which bonus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid {start} to {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One use; show this code at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sources</name>
    <message>
        <source>Walk-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>takings</name>
    <message>
        <source>Takings of {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales: {count}, {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  {method}: {count}, {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value spent: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-ups: {count}, {amount} (bonus {bonus})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-ups refunded: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coupon discounts: {count}, {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points discounts: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunds: {count}, {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voids: {count}, {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New members: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Money taken: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored value owed to members: {amount}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
