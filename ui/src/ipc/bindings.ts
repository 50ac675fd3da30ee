// Generated from the Rust types by ts-rs (src-tauri/core/src/bindings.rs). Do not edit.
// Regenerate: UPDATE_BINDINGS=1 cargo test -p horetsu-core bindings

export type StageCounts = { observer: number, landing: number, empathy: number, involvement: number, circulation: number, };

export type Summary = { 
/**
 * The analysis date (YYYY-MM-DD).
 */
as_of: string, 
/**
 * Customers at the analysis date: keys with a purchase, or registered members.
 */
customers: number, 
/**
 * Counted orders (purchases and returns; cancelled excluded; anonymous included).
 */
orders: number, 
/**
 * Sum of their amounts.
 */
revenue: number, 
/**
 * Revenue from orders without a customer key.
 */
anonymous_revenue: number, 
/**
 * Customers per stage; the counts sum to `customers`.
 */
stages: StageCounts, };

export type StageReason = { "rule": "referred_buyers", referred_buyers: number, days_since_activity: number, } | { "rule": "promoter_who_posts", latest_nps: number, posts: number, days_since_activity: number, } | { "rule": "participation", participations: number, window_days: number, } | { "rule": "support_points", support_points: number, window_days: number, } | { "rule": "two_way", interactions: number, } | { "rule": "repeat_purchases", purchases: number, } | { "rule": "above_trial", purchases_above_trial: number, threshold: number, } | { "rule": "trial_only", purchases: number, threshold: number, } | { "rule": "registered_only" };

export type StageHold = { "note": "inactive_circulation", days_since_activity: number, limit_days: number, };

export type Stage = "observer" | "landing" | "empathy" | "involvement" | "circulation";

export type Segment = "champions" | "loyal" | "potential_loyalist" | "new" | "promising" | "need_attention" | "about_to_sleep" | "at_risk" | "cant_lose_them" | "hibernating" | "lost";

export type Temperature = "warm" | "steady" | "cooling" | "cold";

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
meaning_en: string, };

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
mid_phase_share: number, };

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
 * The workspace file.
 */
path: string, 
/**
 * Headline figures.
 */
summary: Summary, 
/**
 * Conversion between neighbouring stages (観測→着地 …); null when nobody reached the stage.
 */
conversions: Array<number | null>, 
/**
 * The funnel chart (SVG).
 */
funnel_svg: string, };

export type IpcError = { 
/**
 * Stable code (see [`Error::code`]).
 */
code: string, 
/**
 * A sentence a shop owner can act on.
 */
message: string, };
