// Labels of the domain's stable ids, [日本語, English], from the one label
// table (domain.ts, generated from src-tauri/core/src/labels.rs). The Rust
// side sends ids; the words follow domain.md and the seeds.
import type { ActionStatus, Badge, CampaignType, Quadrant, Segment, Stage, Temperature } from "../ipc/bindings";
import { DOMAIN_LABELS } from "./domain";
import type { Lang } from ".";

export type Pairs<T extends string> = Record<T, readonly [string, string]>;

function pairs<T extends string>(group: string, ids: readonly T[]): Pairs<T> {
  const out = {} as Record<T, readonly [string, string]>;
  for (const id of ids) out[id] = DOMAIN_LABELS[`${group}.${id}`] ?? [id, id];
  return out;
}

export const STAGES: Stage[] = ["observer", "landing", "empathy", "involvement", "circulation"];
export const STAGE_LABELS: Pairs<Stage> = pairs("stage", STAGES);

export const SEGMENTS: Segment[] = [
  "champions", "loyal", "potential_loyalist", "new", "promising", "need_attention",
  "about_to_sleep", "at_risk", "cant_lose_them", "hibernating", "lost",
];
export const SEGMENT_LABELS: Pairs<Segment> = pairs("segment", SEGMENTS);

export const TEMPERATURES: Temperature[] = ["warm", "steady", "cooling", "cold", "unknown"];
export const TEMPERATURE_LABELS: Pairs<Temperature> = pairs("temperature", TEMPERATURES);

export const QUADRANTS: Quadrant[] = ["co_creator", "spreader", "deep_supporter", "quiet"];
export const QUADRANT_LABELS: Pairs<Quadrant> = pairs("quadrant", QUADRANTS);

export const BADGES: Badge[] = ["first_referral", "evangelist", "reviewer", "regular", "settled_90", "co_creator"];
export const BADGE_LABELS: Pairs<Badge> = pairs("badge", BADGES);

export const CAMPAIGNS: CampaignType[] = [
  "discount", "upsell", "subscription_vip_invite", "mass_newsletter", "long_mail_series",
  "review_request", "referral_ask", "event_invite", "thank_you_note", "personal_message",
  "feature_push", "score_ranking", "stacked_asks",
];
export const CAMPAIGN_LABELS: Pairs<CampaignType> = pairs("campaign", CAMPAIGNS);

/** The statuses a user can give a step (対照 is the plan's, never the user's). */
export const STATUSES: ActionStatus[] = ["todo", "done", "skipped"];
export const STATUS_LABELS: Pairs<ActionStatus> = pairs("status", [...STATUSES, "control"]);

/** The label of an id in a language. */
export function label<T extends string>(table: Pairs<T>, id: T, lang: Lang): string {
  const pair = table[id];
  return pair ? (lang === "ja" ? pair[0] : pair[1]) : id;
}
