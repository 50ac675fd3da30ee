// Generated from the Rust types by ts-rs (src-tauri/core/src/bindings.rs). Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p horetsu-core bindings

export type StageCounts = { observer: number, landing: number, empathy: number, involvement: number, circulation: number, };

export type Report = { as_of: string, customers: number, orders: number, revenue: number, anonymous_revenue: number, stages: StageCounts, 
/**
 * Customers with a purchase (the RFM population).
 */
buyers: number, funnel: Array<FunnelStep>, temperatures: TemperatureCounts, segments: Array<SegmentCount>, rfm_heatmap: Array<HeatCell>, 
/**
 * Stage flows month by month (the last 12 months).
 */
stage_flows: Array<StageFlow>, points: PointsReport, referrals: ReferralReport, nps: NpsReport, ltv: LtvReport, community: Community, clv: ClvReport, 
/**
 * F2転換率 (domain.md §2).
 */
f2: F2Report, 
/**
 * The newcomer funnel 居場所 → 役割 → 変化 (domain.md §5).
 */
milestones: MilestoneReport, };

export type FunnelStep = { stage: Stage, customers: number, 
/**
 * The customers' LTV to date.
 */
revenue: number, 
/**
 * Of those who reached this stage or higher, the share who reached the next
 * stage or higher (none for 循環, or when nobody reached this stage).
 */
conversion: number | null, };

export type SegmentCount = { segment: Segment, customers: number, revenue: number, };

export type TemperatureCounts = { warm: number, steady: number, cooling: number, cold: number, 
/**
 * Members without a purchase or a 登録日.
 */
unknown: number, };

export type RankEntry = { customer_key: string, 
/**
 * Who, as the screens show them (filled by the app's views; absent in
 * the report): the key to show (masked when asked) and the name.
 */
display_key?: string, name?: string, referral_points: number, support_points: number, heat: number, quadrant: Quadrant, stage: Stage, };

export type PointsReport = { referral_points: number, support_points: number, thresholds: QuadrantThresholds, 
/**
 * Customers per quadrant: co_creator, spreader, deep_supporter, quiet.
 */
quadrants: Array<[Quadrant, number]>, 
/**
 * Customers holding each badge.
 */
badges: Array<[Badge, number]>, 
/**
 * The top customers by heat.
 */
ranking: Array<RankEntry>, };

export type ReferralReport = { 
/**
 * Customers with a referrer.
 */
referred_customers: number, 
/**
 * Customers who referred someone.
 */
referrers: number, 
/**
 * Referral trees (roots: referrers without a referrer of their own).
 */
trees: number, 
/**
 * The deepest generation (1 = referred by a root).
 */
max_generation: number, 
/**
 * Referral rate over the whole history.
 */
rate: number | null, 
/**
 * Referral rate of the last complete quarter.
 */
rate_last_quarter: number | null, rate_target: number, monthly: Array<PeriodRate>, quarterly: Array<PeriodRate>, active: ActiveRate, retention: RetentionSplit, phase: PhaseReport, };

export type NpsReport = { overall: NpsPeriod, 
/**
 * The latest quarter with answers (what the dashboard shows).
 */
latest_quarter: NpsPeriod | null, monthly: Array<NpsPeriod>, quarterly: Array<NpsPeriod>, 
/**
 * Answers per score 0–10.
 */
distribution: Array<number>, ltv: NpsLtv, 
/**
 * Comments per category (a comment may speak of several things).
 */
comment_categories: Array<[CommentCategory, number]>, };

export type ChurnRisk = { customer_key: string, 
/**
 * Who, as the screens show them (filled by the app's views; absent in
 * the report): the key to show (masked when asked) and the name.
 */
display_key?: string, name?: string, monetary: number, p_alive: number, expected_orders_365: number, stage: Stage, };

export type ClvReport = { unit: PeriodUnit, 
/**
 * Customers the BG/NBD model was fitted on.
 */
customers: number, 
/**
 * Customers the Gamma-Gamma model was fitted on.
 */
repeat_buyers: number, 
/**
 * BG/NBD fitted.
 */
fitted: boolean, 
/**
 * Why a model could not be fitted (plain words), if one could not.
 */
message: string | null, bgnbd: BgNbdSummary | null, gamma_gamma: GammaGammaSummary | null, expected_orders_90: number | null, expected_orders_365: number | null, predicted_clv_365: number | null, 
/**
 * Customers with LTV in the top 20 % and P(alive) below 0.5, most at stake first.
 */
churn_risk: Array<ChurnRisk>, churn_risk_count: number, };

export type BgNbdSummary = { r: number, alpha: number, a: number, b: number, log_likelihood: number, };

export type GammaGammaSummary = { p: number, q: number, v: number, };

export type PeriodRate = { 
/**
 * `YYYY-MM` or `YYYY-Qn`.
 */
period: string, 
/**
 * New customers (first purchase in the period).
 */
new_customers: number, 
/**
 * Of them, referred by an existing customer.
 */
referred: number, 
/**
 * referred ÷ new customers.
 */
rate: number | null, };

export type ActiveRate = { active: number, customers: number, rate: number | null, window_days: number, target: number, 
/**
 * Customers with a referrer.
 */
referred: ActiveGroup, 
/**
 * Customers without one.
 */
organic: ActiveGroup, };

export type Retention = { 
/**
 * Customers whose first order is at least 90 days before the analysis date.
 */
eligible: number, 
/**
 * Of them, those with a second order or an engagement event within 90 days of the first order.
 */
retained: number, rate: number | null, };

export type RetentionSplit = { referred: Retention, organic: Retention, window_days: number, };

export type Phase = "initial" | "mid";

export type PhaseReport = { phase: Phase, 
/**
 * Referrals in the trailing year (referee's first purchase within 365 days).
 */
referrals: number, 
/**
 * Of them, made by members more than 90 days after their own first purchase.
 */
by_settled_members: number, 
/**
 * by_settled_members ÷ referrals.
 */
share: number | null, 
/**
 * The share from which the shop is in the mid phase.
 */
mid_from: number, };

export type NpsPeriod = { 
/**
 * `YYYY-MM`, `YYYY-Qn`, or `all`.
 */
period: string, responses: number, promoters: number, passives: number, detractors: number, 
/**
 * 100 × (P − D) / N.
 */
nps: number | null, 
/**
 * 95 % margin of error: 1.96 × 100 × √((p + d − (p − d)²) / N).
 */
margin: number | null, };

export type NpsLtv = { promoters: number, promoter_mean_ltv: number | null, detractors: number, detractor_mean_ltv: number | null, 
/**
 * Mean LTV of customers whose latest answer is a promoter ÷ that of detractors.
 */
ratio: number | null, };

export type LtvReport = { 
/**
 * Customers with a purchase.
 */
customers: number, 
/**
 * Of them, LTV ≥ the amount bar and purchases ≥ the count bar.
 */
meeting_bar: number, share: number | null, 
/**
 * Mean LTV (M) of customers with a purchase.
 */
average: number | null, bar_amount: number, bar_purchases: number, 
/**
 * Cohorts by first-purchase month.
 */
cohorts: Array<Cohort>, };

export type Cohort = { 
/**
 * `YYYY-MM` of the first purchase.
 */
month: string, customers: number, 
/**
 * curve[k]: mean cumulative amount of orders within 30 × (k + 1) days
 * of each member's first purchase; only steps every member has lived through.
 */
curve: Array<number>, };

export type Community = { 
/**
 * 数: fans — customers who referred someone who bought, or posted a review or SNS post.
 */
fans: number, 
/**
 * 質: share of fans whose latest NPS answer is a promoter (of fans who answered).
 */
fans_promoter_share: number | null, 
/**
 * 質: the fans who answered NPS (the share's n).
 */
fans_answered: number, 
/**
 * 質: 90-day retention of the customers fans referred.
 */
referred_by_fans_retention: number | null, 
/**
 * 深さ: share of customers in 関与 or 循環.
 */
depth_share: number | null, 
/**
 * 深さ: engagement events in the active window per active customer.
 */
events_per_active: number | null, };

export type ActiveGroup = { active: number, customers: number, rate: number | null, };

export type F2Group = { 
/**
 * Customers whose first purchase is at least the window before the analysis date.
 */
eligible: number, 
/**
 * Of them, with a purchase on a later calendar day within the window.
 */
converted: number, rate: number | null, };

export type F2Cohort = { 
/**
 * `YYYY-MM` of the first purchase.
 */
month: string, eligible: number, converted: number, rate: number | null, };

export type F2Report = { window_days: number, eligible: number, converted: number, rate: number | null, referred: F2Group, organic: F2Group, 
/**
 * By first-purchase month, oldest first (months with an eligible customer).
 */
cohorts: Array<F2Cohort>, };

export type MilestoneGroup = { 
/**
 * Newcomers whose first purchase is at least the window before the analysis date.
 */
cohort: number, 
/**
 * Of them, reached at least 居場所 within the window.
 */
place: number, 
/**
 * … at least 役割.
 */
role: number, 
/**
 * … 変化.
 */
change: number, };

export type MilestoneReport = { window_days: number, cohort: number, place: number, role: number, change: number, referred: MilestoneGroup, organic: MilestoneGroup, 
/**
 * Newcomers still inside the window, by the milestone reached so far
 * (none, 居場所, 役割, 変化).
 */
in_progress: [number, number, number, number], };

export type Milestone = "place" | "role" | "change";

export type HeatCell = { 
/**
 * R score 1–5.
 */
r: number, 
/**
 * F score 1–5.
 */
f: number, 
/**
 * Customers in the cell.
 */
customers: number, 
/**
 * Their M (revenue).
 */
revenue: number, };

export type Migration = { 
/**
 * The earlier date.
 */
from: string, 
/**
 * The later date.
 */
to: string, 
/**
 * Segment ids in matrix order (the 11 segments, then `none`).
 */
segments: Array<string>, 
/**
 * `matrix[i][j]`: customers in segment i at `from` and segment j at `to`.
 */
matrix: Array<Array<number>>, };

export type StageFlow = { 
/**
 * `YYYY-MM` of the later snapshot.
 */
month: string, 
/**
 * The later snapshot's date.
 */
date: string, 
/**
 * Customers in a higher stage than a month before.
 */
moved_up: number, 
/**
 * Customers in the same stage.
 */
stalled: number, 
/**
 * Customers in a lower stage (their feelings cooled).
 */
cooled: number, 
/**
 * New customers since the previous snapshot.
 */
entered: number, 
/**
 * `matrix[from][to]`: customers from each stage to each stage (観測 = 0 … 循環 = 4).
 */
matrix: Array<Array<number>>, 
/**
 * Customers per stage at the later snapshot.
 */
counts: Array<number>, };

export type Quadrant = "co_creator" | "spreader" | "deep_supporter" | "quiet";

export type QuadrantThresholds = { 
/**
 * 紹介ポイント at or above this are high (never below 1).
 */
referral: number, 
/**
 * 応援ポイント at or above this are high (never below 1).
 */
support: number, };

export type Badge = "first_referral" | "evangelist" | "reviewer" | "regular" | "settled_90" | "co_creator";

export type PeriodUnit = "day" | "week";

export type CommentCategory = "quality" | "delivery" | "packaging" | "price" | "service" | "subscription" | "communication" | "recommendation" | "experience" | "other";

export type NpsGroup = "promoter" | "passive" | "detractor";

export type NpsComment = { answered_on: string, score: number, group: NpsGroup, 
/**
 * The customer, when the answer is not anonymous.
 */
customer_key: string | null, 
/**
 * Who, as the screens show them (filled by the app's views; absent in
 * the report): the key to show (masked when asked) and the name.
 */
display_key?: string, name?: string, comment: string, categories: Array<CommentCategory>, };

export type CustomerFigures = { customer_key: string, first_purchase: string | null, last_purchase: string | null, recency_days: number | null, frequency: number, monetary: number, r: number | null, f: number | null, m: number | null, segment: Segment | null, stage: Stage, 
/**
 * Why the customer is in their stage.
 */
reason: StageReason, temperature: Temperature, referral_points: number, support_points: number, heat: number, quadrant: Quadrant, badges: Array<Badge>, referrer_key: string | null, referred_count: number, nps_latest: number | null, p_alive: number | null, expected_orders_365: number | null, predicted_clv_365: number | null, };

export type CustomerSort = "customer_key" | "name" | "first_purchase" | "last_purchase" | "recency_days" | "frequency" | "monetary" | "r" | "f" | "m" | "stage" | "segment" | "temperature" | "referral_points" | "support_points" | "heat" | "referred_count" | "nps_latest" | "p_alive" | "expected_orders365" | "predicted_clv365";

export type TimelineKind = "order" | "return" | "event" | "nps" | "contact";

export type Channel = "phone_or_mail" | "insert_or_mail" | "letter" | "mail_or_line" | "none";

export type Texts = { ja: string, en: string, };

export type ActionReason = { "reason": "detractor", on: string, score: number, } | { "reason": "onboarding", age_days: number, milestone: Texts, action: Texts, } | { "reason": "promoter", on: string, score: number, ask: Texts, } | { "reason": "passive", on: string, score: number, ask: Texts, } | { "reason": "cold", days: number, } | { "reason": "registered_only" } | { "reason": "trial_only", purchases: number, } | { "reason": "delivery_follow_up", on: string, days: number, } | { "reason": "thanks", purchases: number, amount: number, } | { "reason": "review_reply", on: string, } | { "reason": "connection", stage_reason: StageReason, } | { "reason": "involvement", stage_reason: StageReason, } | { "reason": "guardian", referred_buyers: number, } | { "reason": "circulation", stage_reason: StageReason, } | { "reason": "referred_onboarding", age_days: number, milestone: Texts, action: Texts, } | { "reason": "newcomer_joined", age_days: number, newcomers: number, } | { "reason": "newcomer_joined_later", age_days: number, newcomers: number, asked_on: string, } | { "reason": "core_member", heat: number, rank: number, cap: number, } | { "reason": "promoter_voice", on: string, score: number, } | { "reason": "member_voice", days: number, } | { "reason": "voice_given", on: string, } | { "reason": "contacted", on: string, } | { "reason": "no_contact" };

export type Lang = "ja" | "en";

export type ErrorCode = "workspace_open" | "workspace_exists" | "not_a_workspace" | "workspace_too_new" | "workspace_damaged" | "workspace_untrusted" | "workspace_locked" | "file_read" | "file_write" | "file_exists" | "would_replace_workspace" | "would_replace_other" | "read_only" | "disk_full" | "invalid_input" | "import_failed" | "import_encrypted" | "import_unknown_type" | "import_no_extension" | "import_not_a_workbook" | "import_damaged" | "import_empty" | "import_no_header" | "import_missing_columns" | "import_no_sheet" | "import_no_rows" | "import_too_large" | "cancelled" | "no_data" | "database" | "xlsx" | "chart" | "internal";

export type ClvFit = { 
/**
 * `day` or `week`.
 */
unit: PeriodUnit, 
/**
 * Customers fitted (with a purchase).
 */
customers: number, 
/**
 * Customers with a repeat period and a positive mean repeat value (Gamma-Gamma).
 */
repeat_buyers: number, 
/**
 * BG/NBD parameters (`alpha` in the period unit), or null with `message`.
 */
bgnbd: BgNbdSummary | null, 
/**
 * Gamma-Gamma parameters, or null with `message`.
 */
gamma_gamma: GammaGammaSummary | null, 
/**
 * Why a model could not be fitted.
 */
message: string | null, };

export type StageReason = { "rule": "referred_buyers", referred_buyers: number, days_since_activity: number, } | { "rule": "promoter_who_posts", latest_nps: number, posts: number, days_since_activity: number, } | { "rule": "participation", participations: number, window_days: number, } | { "rule": "support_points", support_points: number, window_days: number, } | { "rule": "two_way", interactions: number, } | { "rule": "repeat_purchases", purchases: number, } | { "rule": "above_trial", purchases_above_trial: number, threshold: number, } | { "rule": "trial_only", purchases: number, threshold: number, } | { "rule": "registered_only" };

export type StageHold = { "note": "inactive_circulation", days_since_activity: number, limit_days: number, };

export type Stage = "observer" | "landing" | "empathy" | "involvement" | "circulation";

export type Segment = "champions" | "loyal" | "potential_loyalist" | "new" | "promising" | "need_attention" | "about_to_sleep" | "at_risk" | "cant_lose_them" | "hibernating" | "lost";

export type Temperature = "warm" | "steady" | "cooling" | "cold" | "unknown";

export type Axis = "referral" | "support";

export type PointRule = { 
/**
 * Stable kind id (`review`, `sns_post`, …).
 */
kind: string, 
/**
 * Which axis the points go to.
 */
axis: Axis, 
/**
 * Base points.
 */
points: number, 
/**
 * Extra points when the post carries the brand tag.
 */
brand_tag_bonus: number, 
/**
 * Extra points when the post carries an image.
 */
image_bonus: number, 
/**
 * Counts as taking part (関与: events, roundtables, surveys).
 */
participation: boolean, 
/**
 * Counts as a two-way interaction (共感: reviews, surveys, LINE actions).
 */
two_way: boolean, 
/**
 * Japanese label.
 */
label_ja: string, 
/**
 * English label.
 */
label_en: string, 
/**
 * What the points mean, in Japanese.
 */
meaning_ja: string, 
/**
 * What the points mean, in English.
 */
meaning_en: string, 
/**
 * The newcomer milestone an event of this kind reaches (居場所 → 役割 → 変化).
 */
milestone: Milestone | null, 
/**
 * The milestone it reaches instead when it carries the brand tag or an
 * image (a review with a photo, a tagged SNS post: 役割).
 */
milestone_marked: Milestone | null, };

export type Settings = { 
/**
 * Orders at or below this amount are trial purchases (お試し), in the shop's currency.
 */
trial_threshold: number, 
/**
 * Half-life of the heat score, in days.
 */
heat_half_life_days: number, 
/**
 * KPI targets.
 */
targets: Targets, 
/**
 * Stage rules (domain.md §4).
 */
stages: StageRules, 
/**
 * Temperature thresholds.
 */
temperature: TemperatureRules, 
/**
 * How R, F and M become scores 1–5.
 */
rfm: RfmScoring, 
/**
 * Share of customers counted as "high" on each points axis for the quadrant (0.2 = top 20 %).
 */
quadrant_top_share: number, 
/**
 * Trailing window for the active rate, in days.
 */
active_window_days: number, 
/**
 * Window after the first order for 90-day retention, in days.
 */
retention_window_days: number, 
/**
 * The shop is in the mid referral phase when at least this share of referrals
 * in the trailing year came from members past their first 90 days.
 */
mid_phase_share: number, 
/**
 * F2転換率: a second purchase on a later day within this many days of the first.
 */
f2_window_days: number, 
/**
 * 効果測定: the share of customers held out (対照) of each kind of plan
 * step, drawn with the workspace's seed (0 = none).
 */
holdout_share: number, };

export type Targets = { 
/**
 * 紹介率 target (0.20 = 20 %).
 */
referral_rate: number, 
/**
 * アクティブ率 target (0.50 = 50 %).
 */
active_rate: number, 
/**
 * LTV bar: amount (¥18,000).
 */
ltv_amount: number, 
/**
 * LTV bar: number of purchases (3).
 */
ltv_purchases: number, };

export type StageRules = { 
/**
 * 循環 needs activity (an order or an event) within this many days.
 */
circulation_active_days: number, 
/**
 * 循環 via NPS: latest answer at least this score, plus a review or SNS post.
 */
circulation_min_nps: number, 
/**
 * 関与 looks back this many days.
 */
involvement_window_days: number, 
/**
 * 関与: at least this many participation events in the window …
 */
involvement_min_participations: number, 
/**
 * … or at least this many support points in the window.
 */
involvement_min_support_points: number, 
/**
 * 共感: an NPS answer at least this score counts as a two-way interaction.
 */
empathy_min_nps: number, 
/**
 * 共感: or at least this many purchases.
 */
empathy_min_frequency: number, };

export type TemperatureRules = { 
/**
 * Repeat buyers are warm while recency ≤ this × their median interval.
 */
warm_ratio: number, 
/**
 * … cooling when recency > this × their median interval …
 */
cooling_ratio: number, 
/**
 * … and cold when recency > this × their median interval.
 */
cold_ratio: number, 
/**
 * One-time buyers (and registered members) are warm within this many days …
 */
single_warm_days: number, 
/**
 * … cooling after this many days …
 */
single_cooling_days: number, 
/**
 * … and cold after this many days.
 */
single_cold_days: number, };

export type RfmScoring = { "method": "quintiles" } | { "method": "fixed", recency_days: Array<number>, frequency: Array<number>, monetary: Array<number>, };

export type WorkspaceInfo = { 
/**
 * Shop name shown in the title bar.
 */
name: string, 
/**
 * True for the generated demo shop; the UI marks it clearly.
 */
is_demo: boolean, 
/**
 * When the workspace was created (local time, ISO).
 */
created_at: string, };

export type Profile = { 
/**
 * Recently opened workspaces, most recent first.
 */
recent: Array<string>, 
/**
 * UI language: `ja` or `en`.
 */
language: string, 
/**
 * Mask names, e-mails and phones by default.
 */
mask_pii: boolean, };

export type DemoReport = { customers: number, orders: number, order_lines: number, referrals: number, events: number, nps_responses: number, };

export type Dashboard = { 
/**
 * The workspace's name and demo flag.
 */
info: WorkspaceInfo, 
/**
 * The workspace generation the figures are of: every committed write
 * changes it, and the UI keeps what it read for one generation only.
 */
generation: number, 
/**
 * The workspace file.
 */
path: string, 
/**
 * Every KPI at the analysis date.
 */
report: Report, 
/**
 * The funnel chart (SVG).
 */
funnel_svg: string, };

export type IpcError = { code: ErrorCode, 
/**
 * The file the error is about (its name), for the message's `{file}`.
 */
file: string | null, 
/**
 * The full sentence in English (a detail; never the message itself).
 */
message: string, };

export type ImportKind = "orders" | "customers" | "events" | "nps" | "contacts";

export type Field = "order_no" | "order_date" | "order_time" | "customer_key" | "name" | "family_name" | "given_name" | "email" | "phone" | "amount" | "total" | "quantity" | "unit_price" | "shipping" | "refunded" | "product" | "sku" | "status" | "cancelled_at" | "channel" | "coupon" | "referral_code" | "registered_on" | "referred_by" | "date" | "event_kind" | "note" | "brand_tag" | "has_image" | "points" | "score" | "comment" | "response_id" | "campaign" | "group" | "consent" | "postal_code" | "postal_code2" | "prefecture" | "city" | "street" | "building";

export type FieldChoice = { 
/**
 * The field.
 */
field: Field, 
/**
 * A header text as it appears in the file, or an Excel column letter; empty to unmap.
 */
column: string, };

export type ColumnMap = { 
/**
 * 0-based column index.
 */
index: number, 
/**
 * Excel column letter (A, B, …, AA).
 */
letter: string, 
/**
 * The header text.
 */
header: string, 
/**
 * The field it fills, if any.
 */
field: Field | null, };

export type Preset = { 
/**
 * Name (`shopify`, `rakuten`, … or a user's own).
 */
name: string, 
/**
 * What it imports.
 */
kind: ImportKind, 
/**
 * Field → header text.
 */
columns: Array<[Field, string]>, 
/**
 * Built in (cannot be deleted).
 */
builtin: boolean, };

export type SheetChoice = { "mode": "first" } | { "mode": "named", "name": string } | { "mode": "all" };

export type DateOrderChoice = "year_first" | "month_first" | "day_first";

export type Encoding = "utf8" | "shift_jis" | "utf16_le" | "utf16_be";

export type ImportOptions = { 
/**
 * What the file holds.
 */
kind: ImportKind, 
/**
 * A built-in or saved preset by name; `None` to detect.
 */
preset: string | null, 
/**
 * Which sheets.
 */
sheet: SheetChoice, 
/**
 * Columns chosen by the user (they win over presets and detection).
 */
choices: Array<FieldChoice>, 
/**
 * CSV encoding; `None` to detect.
 */
encoding: Encoding | null, 
/**
 * How to read ambiguous dates such as 03/04/2024.
 */
date_order: DateOrderChoice, };

export type Rejection = { 
/**
 * File name.
 */
file: string, 
/**
 * Sheet name (the file name for CSV).
 */
sheet: string, 
/**
 * Row number as the spreadsheet shows it (1-based, header included).
 */
row: number, 
/**
 * The column's header (and letter), e.g. `注文日 (B)`.
 */
column: string, 
/**
 * The cell as it was written.
 */
value: string, 
/**
 * Why, in English.
 */
reason: string, 
/**
 * Why, in Japanese.
 */
reason_ja: string, 
/**
 * A stable code for the reason.
 */
code: string, };

export type ImportReport = { 
/**
 * What was imported.
 */
kind: ImportKind, 
/**
 * The import batches written (one per file that added something).
 */
batch_ids: Array<number>, 
/**
 * Files read.
 */
files: Array<string>, 
/**
 * Sheets read, as `file: sheet`.
 */
sheets: Array<string>, 
/**
 * Data rows read (blank rows not counted).
 */
rows_read: number, 
/**
 * Rows written.
 */
rows_imported: number, 
/**
 * Rows already in the workspace (same order, event or answer).
 */
rows_duplicate: number, 
/**
 * New orders.
 */
orders: number, 
/**
 * The first and last day of the new orders (`YYYY-MM-DD`).
 */
first_day: string | null, last_day: string | null, 
/**
 * The amount of the new counted orders (cancelled ones left out,
 * returns negative), in the shop's currency.
 */
amount: number, 
/**
 * New customer keys.
 */
customers: number, 
/**
 * Rows without a customer key (anonymous revenue or answers).
 */
anonymous_rows: number, 
/**
 * New orders that are returns or credit notes (amount ≤ 0 … < 0).
 */
returns: number, 
/**
 * New orders marked cancelled or returned by a status column.
 */
cancelled: number, 
/**
 * New referrals.
 */
referrals: number, 
/**
 * New engagement events.
 */
events: number, 
/**
 * New NPS answers.
 */
nps_responses: number, 
/**
 * New lines of a contact log.
 */
contacts: number, 
/**
 * Postal addresses kept (new ones; the latest per customer counts).
 */
addresses: number, 
/**
 * Marketing consents kept (new ones; the latest per customer counts).
 */
consents: number, 
/**
 * Rows not imported, each with its reason.
 */
rejected: Array<Rejection>, 
/**
 * Notes (duplicate columns, sheets skipped …).
 */
warnings: Array<string>, 
/**
 * The encoding a CSV was read with.
 */
encoding: Encoding | null, 
/**
 * The preset used, if any.
 */
preset: string | null, 
/**
 * The columns used: field → header.
 */
mapping: Array<ColumnMap>, };

export type ImportProgress = { 
/**
 * 0-based index of the file being read.
 */
file_index: number, 
/**
 * Number of files.
 */
files: number, 
/**
 * Rows read so far in this file.
 */
rows: number, };

export type Preview = { 
/**
 * File name.
 */
file: string, 
/**
 * Every sheet of the workbook.
 */
sheets: Array<string>, 
/**
 * The hidden ones among them (read only when chosen by name).
 */
hidden_sheets: Array<string>, 
/**
 * The sheet shown.
 */
sheet: string, 
/**
 * The detected (or chosen) CSV encoding.
 */
encoding: Encoding | null, 
/**
 * Row number of the header row (rows above it are titles).
 */
header_row: number, 
/**
 * The preset that matched or was chosen.
 */
preset: string | null, 
/**
 * Every column with its field.
 */
columns: Array<ColumnMap>, 
/**
 * The fields of this kind of import, in the editor's order.
 */
fields: Array<Field>, 
/**
 * Required fields no column fills.
 */
missing: Array<Field>, 
/**
 * The first data rows, as text, with their row numbers.
 */
rows: Array<PreviewRow>, 
/**
 * Notes.
 */
warnings: Array<string>, };

export type PreviewRow = { 
/**
 * Row number.
 */
row: number, 
/**
 * Cells as text, as the file holds them (an Excel date is its serial).
 */
cells: Array<string>, 
/**
 * Each mapped cell as the import will store it (`None` for a column
 * no field reads, and for empty cells).
 */
stored: Array<StoredValue | null>, 
/**
 * The rejection code when the whole row would be rejected before its
 * cells are read (`extra_cells`: a CSV row with more cells than its
 * header, its values shifted).
 */
problem: string | null, };

export type StoredValue = { 
/**
 * The value as stored: a date as `YYYY-MM-DD` (with `HH:MM` for an
 * order time), an amount or count as a plain number, a customer key
 * normalised, `true`/`false` for a yes/no, text cleaned. Empty when the
 * cell cannot be read.
 */
value: string, 
/**
 * The rejection code when the cell would reject its row.
 */
problem: string | null, };

export type Batch = { id: number, kind: string, source_name: string, sheets: string | null, imported_at: string, rows_read: number, rows_imported: number, rows_rejected: number, rows_duplicate: number, anonymous_rows: number, orders_added: number, customers_added: number, 
/**
 * When it was undone; `None` while its rows are in the workspace.
 */
undone_at: string | null, };

export type UndoReport = { orders: number, customers: number, events: number, nps_responses: number, referrals: number, values_restored: number, 
/**
 * Lines of an imported contact log.
 */
contacts: number, };

export type CampaignType = "discount" | "upsell" | "subscription_vip_invite" | "mass_newsletter" | "long_mail_series" | "review_request" | "referral_ask" | "event_invite" | "thank_you_note" | "personal_message" | "feature_push" | "score_ranking" | "stacked_asks";

export type Never = { 
/**
 * As the seeds word it.
 */
text_ja: string, text_en: string, 
/**
 * Campaign types this rules out at the stage.
 */
campaigns: Array<CampaignType>, };

export type StagePlay = { stage: Stage, 
/**
 * The stage's meaning.
 */
meaning_ja: string, meaning_en: string, 
/**
 * Right temperature and distance.
 */
do_ja: Array<string>, do_en: Array<string>, 
/**
 * 禁止施策.
 */
never: Array<Never>, 
/**
 * The お礼状 postcard's message at this stage (editable; the defaults
 * thank without selling, in the stage's temperature).
 */
thank_you_ja: string, thank_you_en: string, };

export type NpsOverlays = { promoter_ja: string, promoter_en: string, passive_ja: string, passive_en: string, detractor_ja: string, detractor_en: string, };

export type PhaseGuidance = { initial_ja: string, initial_en: string, mid_ja: string, mid_en: string, };

export type OnboardingStep = { 
/**
 * 居場所 / 役割 / 変化.
 */
name_ja: string, name_en: string, 
/**
 * Days after the first purchase when it applies (inclusive).
 */
from_day: number, to_day: number, 
/**
 * What to do.
 */
action_ja: string, action_en: string, };

export type Playbook = { stages: Array<StagePlay>, nps: NpsOverlays, phases: PhaseGuidance, onboarding: Array<OnboardingStep>, 
/**
 * No more than one ask per customer in this many days (負荷の集中).
 */
ask_cooldown_days: number, 
/**
 * The same non-ask action is not repeated within this many days.
 */
repeat_cooldown_days: number, 
/**
 * 初期: the owner's personal referral asks a month, at most.
 */
initial_asks_per_month: number, };

export type ActionKind = "recovery_contact" | "onboarding_place" | "onboarding_role" | "onboarding_change" | "referral_testimonial_ask" | "missing_ask" | "reconnect" | "brand_story" | "delivery_follow_up" | "thank_you_note" | "personal_reply" | "co_creation_invite" | "gratitude" | "watch" | "referral_ask" | "testimonial_invite" | "roundtable_invite" | "guardian";

export type ActionStatus = "todo" | "done" | "skipped" | "control";

export type PlannedAction = { kind: ActionKind, is_ask: boolean, channel: Channel, 
/**
 * Due date `YYYY-MM-DD` (never before the analysis date).
 */
due_on: string, 
/**
 * Why this action, from the customer's own signals.
 */
reason: ActionReason, status: ActionStatus, 
/**
 * The kind of step (the documented vocabulary).
 */
step: StepKind, };

export type Contact = { contacted_on: string, action: string, is_ask: boolean, channel: string | null, note: string | null, };

export type CampaignTarget = { 
/**
 * Stages (empty: any).
 */
stages: Array<Stage>, 
/**
 * Segments (empty: any).
 */
segments: Array<Segment>, 
/**
 * Quadrants (empty: any).
 */
quadrants: Array<Quadrant>, 
/**
 * Temperatures (empty: any).
 */
temperatures: Array<Temperature>, 
/**
 * Customers holding any of these badges (empty: any).
 */
badges: Array<Badge>, 
/**
 * Only referred (true) or only organic (false) customers.
 */
referred: boolean | null, 
/**
 * An explicit list of customer keys (e.g. read from a file); empty: no list.
 */
keys: Array<string>, };

export type Excluded = { customer_key: string, 
/**
 * Who, as the screens show them (filled by the app's views; absent in
 * the report): the key to show (masked when asked) and the name.
 */
display_key?: string, name?: string, stage: Stage, 
/**
 * The playbook's words (禁止施策), or 負荷の集中 for a recent ask.
 */
reason_ja: string, reason_en: string, };

export type StageCheck = { stage: Stage, recipients: number, forbidden: number, 
/**
 * The never-items that forbid the campaign at this stage.
 */
never_ja: Array<string>, never_en: Array<string>, };

export type CampaignCheck = { campaign: CampaignType, recipients: number, 
/**
 * Recipients in a stage where the type is forbidden.
 */
forbidden: number, 
/**
 * Recipients asked within the ask cool-down (asks only).
 */
recently_asked: number, by_stage: Array<StageCheck>, 
/**
 * Everyone to leave out, with the reason.
 */
excluded: Array<Excluded>, 
/**
 * The recipients that remain.
 */
allowed_keys: Array<string>, 
/**
 * Keys of the target list that are not customers of the workspace.
 */
unknown_keys: Array<string>, };

export type ExportSummary = { path: string, as_of: string, customers: number, sheets: Array<string>, mask_pii: boolean, };

export type PlanRow = { 
/**
 * The key commands take (never shown while masking is on).
 */
customer_key: string, 
/**
 * The key to show (masked when asked).
 */
display_key: string, name: string | null, stage: Stage, temperature: Temperature, segment: Segment | null, heat: number, action: PlannedAction, 
/**
 * The customer the step is about besides this one (後見人 and newcomer).
 */
related: RelatedCustomer | null, };

export type Relation = "referrer" | "newcomer";

export type RelatedCustomer = { 
/**
 * The key commands take (a handle while masking is on).
 */
customer_key: string, 
/**
 * The key to show (masked when asked).
 */
display_key: string, name: string | null, relation: Relation, };

export type StepKind = "recovery" | "onboarding" | "referral_ask" | "testimonial_invite" | "roundtable_invite" | "guardian" | "thanks" | "question" | "reconnect" | "welcome" | "follow_up" | "personal_reply" | "co_creation" | "watch";

export type PlanQuery = { 
/**
 * Only this stage.
 */
stage: Stage | null, 
/**
 * Only this status.
 */
status: ActionStatus | null, 
/**
 * Only actions due on or before this day (`YYYY-MM-DD`).
 */
due_by: string | null, 
/**
 * Only asks (referral, testimonial, review), or only other actions.
 */
asks: boolean | null, 
/**
 * Text in the key, the name or the action (case-insensitive).
 */
search: string, 
/**
 * Mask names and keys in the rows returned.
 */
mask_pii: boolean, offset: number, limit: number, };

export type PlanPage = { 
/**
 * Rows that match the filter.
 */
total: number, 
/**
 * Matching rows per status: todo, done, skipped, held out (対照).
 */
todo: number, done: number, skipped: number, control: number, offset: number, rows: Array<PlanRow>, 
/**
 * The playbook's do and never per stage (the 禁止施策 of each row's stage).
 */
plays: Array<StagePlay>, };

export type StatusChange = { customer_key: string, kind: ActionKind, 
/**
 * The planned action's due date, `YYYY-MM-DD` (it names the action with the kind).
 */
due_on: string, status: ActionStatus, };

export type SendRecord = { 
/**
 * The campaign (施策) the 効果 screen names it by.
 */
campaign: string, 
/**
 * The share held out (対照), 0 … 0.5.
 */
holdout_share: number, 
/**
 * The sending date `YYYY-MM-DD` (today when absent).
 */
date: string | null, };

export type SavedList = { 
/**
 * Customers in the saved file.
 */
included: number, 
/**
 * Customers held out (対照): not in the file, recorded as the control group.
 */
held_out: number, 
/**
 * Contacts newly recorded (0 when the list was not recorded, or was
 * recorded before under the same name and date).
 */
recorded: number, 
/**
 * The campaign it was recorded as.
 */
campaign: string | null, };

export type PeopleList = { "kind": "churn" } | { "kind": "ranking" } | { "kind": "nps_comments", group: NpsGroup | null, } | { "kind": "effect", campaign: string, window_days: number, } | { "kind": "campaign_excluded", campaign: CampaignType, target: CampaignTarget, 
/**
 * A customer list file whose keys make the target's keys (as the
 * check was made with).
 */
keys_path: string | null, };

export type SavedPeople = { 
/**
 * Rows written (customers or comments).
 */
rows: number, };

export type PreviousMonth = { 
/**
 * The earlier analysis date: the same day a calendar month before
 * (the month's last day when it has no such day).
 */
as_of: string, 
/**
 * Every KPI at that date, from the same data (nothing after it counts).
 */
report: Report, };

export type ReportSummary = { path: string, pages: number, as_of: string, masked: boolean, };

export type CsvEncoding = "utf8" | "shift_jis";

export type ListFormat = "mail" | "address" | "shopify" | "labels" | "postcards";

export type ListRequest = { format: ListFormat, 
/**
 * Who: stages, segments, quadrants, temperatures, badges, keys.
 */
target: CampaignTarget, 
/**
 * Only customers whose planned step is of this kind (a held-out one,
 * 対照, is left out).
 */
step: StepKind | null, 
/**
 * The share kept out at random (0 … 0.5).
 */
holdout: number, 
/**
 * Record the list as sent, as this campaign.
 */
record: string | null, 
/**
 * The sending date of the record `YYYY-MM-DD` (today when absent).
 */
date: string | null, encoding: CsvEncoding, };

export type ListExcluded = { 
/**
 * They declined marketing (配信停止).
 */
declined: number, 
/**
 * No e-mail (mail and Shopify lists).
 */
no_email: number, 
/**
 * No postal address with a postal code (address lists and labels).
 */
no_address: number, 
/**
 * Only an Amazon buyer's relay address (`…@marketplace.amazon.co.jp`):
 * Amazon lets a seller send order messages through it, never marketing
 * (mail and Shopify lists).
 */
marketplace: number, };

export type ListReport = { format: ListFormat, 
/**
 * Customers the request selected.
 */
selected: number, 
/**
 * Rows in the file.
 */
included: number, excluded: ListExcluded, 
/**
 * Kept out at random (対照).
 */
held_out: number, 
/**
 * Contacts recorded (0 unless recorded).
 */
recorded: number, campaign: string | null, 
/**
 * A caution to show with the file (Shopify's tag import).
 */
warning: string | null, };

export type ListedCustomer = { row: CustomerFigures, 
/**
 * The key to show (masked when asked).
 */
display_key: string, name: string | null, };

export type CustomerQuery = { 
/**
 * Text in the key, the name, the e-mail or the phone (case, width and
 * katakana/hiragana do not matter; a phone number matches with or
 * without hyphens).
 */
search: string, stages: Array<Stage>, segments: Array<Segment>, temperatures: Array<Temperature>, quadrants: Array<Quadrant>, 
/**
 * Customers holding any of these badges.
 */
badges: Array<Badge>, 
/**
 * Only referred (true) or only organic (false) customers.
 */
referred: boolean | null, 
/**
 * The column to sort by; `None`: by key.
 */
sort: CustomerSort | null, descending: boolean, mask_pii: boolean, offset: number, limit: number, };

export type CustomerPage = { total: number, offset: number, rows: Array<ListedCustomer>, };

export type TimelineItem = { 
/**
 * `YYYY-MM-DD`.
 */
day: string, kind: TimelineKind, 
/**
 * An event's kind (a point rule), or a contact's action (a plan action id
 * or what an imported log names).
 */
what: string | null, 
/**
 * An event's rule name, from the shop's point rules.
 */
rule_label: Texts | null, amount: number | null, score: number | null, points: number | null, 
/**
 * An NPS comment or a contact note.
 */
text: string | null, };

export type Relative = { customer_key: string, display_key: string, name: string | null, stage: Stage | null, monetary: number, first_purchase: string | null, 
/**
 * Days since the first purchase, while inside the newcomer window (90 days).
 */
newcomer_day: number | null, 
/**
 * The newcomer milestone reached within the window (居場所 → 役割 → 変化).
 */
milestone: Milestone | null, };

export type StageAt = { month: string, stage: Stage | null, };

export type CustomerDetail = { row: CustomerFigures, 
/**
 * Why not a higher stage, when close.
 */
hold: StageHold | null, display_key: string, name: string | null, email: string | null, phone: string | null, 
/**
 * The latest postal address on one line (only the prefecture while
 * masking is on).
 */
address: string | null, 
/**
 * The latest marketing consent: `Some(false)` declined; `None` unknown.
 */
marketing: boolean | null, 
/**
 * Newest first.
 */
timeline: Array<TimelineItem>, 
/**
 * The last 12 month ends, oldest first.
 */
stage_history: Array<StageAt>, ledger: Array<LedgerEntry>, referrer: Relative | null, referred: Array<Relative>, 
/**
 * Days since this customer's first purchase, while inside the newcomer
 * window: the referrer is then their 後見人.
 */
newcomer_day: number | null, 
/**
 * The newcomer milestone this customer reached within the window.
 */
milestone: Milestone | null, action: PlannedAction, 
/**
 * The customer the planned step is about besides this one (the referrer
 * of an onboarding step, the newcomer of a 後見人 step).
 */
related: Relative | null, 
/**
 * The playbook's do and never for the customer's stage.
 */
play: StagePlay | null, };

export type LedgerEntry = { 
/**
 * `YYYY-MM-DD`.
 */
day: string, 
/**
 * The rule's kind id.
 */
kind: string, label_ja: string, label_en: string, axis: Axis, points: number, 
/**
 * For referral points: the referred customer whose purchase earned them.
 */
from_key: string | null, };

export type ChartSet = { funnel: string, heatmap: string, stage_trend: string, referral_trend_monthly: string, referral_trend_quarterly: string, nps_trend_monthly: string, nps_trend_quarterly: string, nps_distribution: string, quadrant: string, cohorts: string, 
/**
 * F2 by first-purchase month (the last 24), the overall rate dotted.
 */
f2_cohorts: string, 
/**
 * アクティブ率 at each month end (the snapshot's months), the target dotted.
 */
active_trend: string, };

export type StageSegmentCell = { stage: Stage, 
/**
 * `None`: no purchase yet.
 */
segment: Segment | null, customers: number, revenue: number, };

export type AnalysisView = { report: Report, charts: ChartSet, stage_segment: Array<StageSegmentCell>, 
/**
 * RFM segments at `migration_from` against the analysis date.
 */
migration: Migration | null, 
/**
 * The editable playbook's guidance for the shop's referral phase.
 */
phase_guidance: Texts, 
/**
 * 後見人 pairs in progress: referred newcomers in their first 90 days
 * with their referrer, newest first (at most [`GUARDIANS_SHOWN`]; the
 * plan holds every referrer's guardian step).
 */
guardians: Array<GuardianPair>, 
/**
 * How many pairs there are in all.
 */
guardians_total: number, };

export type GuardianPair = { 
/**
 * The keys commands take (handles while masking is on).
 */
referrer_key: string, referrer_display: string, referrer_name: string | null, newcomer_key: string, newcomer_display: string, newcomer_name: string | null, 
/**
 * Days since the newcomer's first purchase.
 */
age_days: number, 
/**
 * The newcomer's milestone so far.
 */
milestone: Milestone | null, 
/**
 * The referrer's planned step now.
 */
referrer_step: ActionKind, 
/**
 * Its due date.
 */
referrer_due: string, };

export type EffectView = { report: EffectReport, 
/**
 * SVG per campaign, drawn by our own chart code: the first
 * [`EAGER_CHARTS`]; the others empty (ask [`effect_chart`]).
 */
charts: Array<string>, };

export type EffectReport = { as_of: string, window_days: number, 
/**
 * Latest first.
 */
campaigns: Array<CampaignEffect>, };

export type CampaignEffect = { 
/**
 * The campaign (施策) as the log names it, or `plan:<action id>` for a
 * kind of plan step marked done.
 */
campaign: string, 
/**
 * `randomised` with a recorded holdout, else `observational` (a matched
 * comparison: same stage, temperature and segment, not contacted).
 */
method: Method, 
/**
 * Customers reached (each counted once, at their first contact).
 */
treated: number, 
/**
 * Customers in the control group.
 */
control: number, window_days: number, 
/**
 * The first and the last contact date.
 */
first_contact: string, last_contact: string, outcomes: Outcomes, };

export type EffectCustomer = { 
/**
 * The key commands take (a handle while masking is on).
 */
customer_key: string, 
/**
 * The key to show (masked when asked).
 */
display_key: string, name: string | null, 
/**
 * Held out (対照).
 */
control: boolean, 
/**
 * The contact date.
 */
contacted_on: string, purchased: boolean, revenue: number, stage_up: boolean, referred: boolean, promoter: boolean, };

export type KpiNote = { 
/**
 * `YYYY-MM-DD`.
 */
day: string, text: string, };

export type Method = "randomised" | "observational";

export type Verdict = "effective" | "inconclusive" | "too_early";

export type OutcomeEffect = { 
/**
 * A rate (or, for revenue, the mean per customer) among the treated.
 */
treated_rate: number | null, control_rate: number | null, 
/**
 * treated − control.
 */
uplift: number | null, ci_low: number | null, ci_high: number | null, verdict: Verdict, 
/**
 * The smallest uplift the group sizes could detect (80 % power).
 */
detectable: number | null, };

export type Outcomes = { 
/**
 * A purchase in the window.
 */
purchase: OutcomeEffect, 
/**
 * Revenue per customer in the window (means, not rates).
 */
revenue: OutcomeEffect, 
/**
 * The stage at D + W above the stage at D.
 */
stage_up: OutcomeEffect, 
/**
 * Referred someone whose first purchase falls in the window.
 */
referral: OutcomeEffect, 
/**
 * An NPS answer ≥ 9 in the window.
 */
promoter: OutcomeEffect, };

export type TreeNode = { 
/**
 * The key commands take (never shown while masking is on).
 */
customer_key: string, display_key: string, name: string | null, 
/**
 * Index of the parent node (the referrer), `None` for a root.
 */
parent: number | null, 
/**
 * 0 for a root (a referrer nobody referred).
 */
generation: number, 
/**
 * `None` when not yet a customer at the analysis date.
 */
stage: Stage | null, ltv: number, children: number, 
/**
 * Everyone below this node.
 */
descendants: number, };

export type ReferralForest = { nodes: Array<TreeNode>, trees: number, max_generation: number, };

export type NpsCommentPage = { total: number, comments: Array<NpsComment>, };
