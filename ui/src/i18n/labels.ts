// Labels of the domain's stable ids, [日本語, English]. The Rust side sends ids;
// the words follow domain.md and the seeds.
import type { ActionStatus, Badge, CampaignType, Quadrant, Segment, Stage, Temperature } from "../ipc/bindings";
import type { Lang } from ".";

type Pairs<T extends string> = Record<T, [string, string]>;

export const STAGES: Stage[] = ["observer", "landing", "empathy", "involvement", "circulation"];
export const STAGE_LABELS: Pairs<Stage> = {
  observer: ["観測", "Observer"],
  landing: ["着地", "Landing"],
  empathy: ["共感", "Empathy"],
  involvement: ["関与", "Involvement"],
  circulation: ["循環", "Circulation"],
};

export const SEGMENTS: Segment[] = [
  "champions", "loyal", "potential_loyalist", "new", "promising", "need_attention",
  "about_to_sleep", "at_risk", "cant_lose_them", "hibernating", "lost",
];
export const SEGMENT_LABELS: Pairs<Segment> = {
  champions: ["優良顧客", "Champions"],
  loyal: ["ロイヤル", "Loyal"],
  potential_loyalist: ["育成候補", "Potential loyalists"],
  new: ["新規", "New"],
  promising: ["有望", "Promising"],
  need_attention: ["要注意", "Need attention"],
  about_to_sleep: ["休眠予備", "About to sleep"],
  at_risk: ["離反危険", "At risk"],
  cant_lose_them: ["失いたくない", "Can't lose them"],
  hibernating: ["休眠", "Hibernating"],
  lost: ["離脱", "Lost"],
};

export const TEMPERATURES: Temperature[] = ["warm", "steady", "cooling", "cold"];
export const TEMPERATURE_LABELS: Pairs<Temperature> = {
  warm: ["温かい", "Warm"],
  steady: ["安定", "Steady"],
  cooling: ["冷めかけ", "Cooling"],
  cold: ["冷えた", "Cold"],
};

export const QUADRANTS: Quadrant[] = ["co_creator", "spreader", "deep_supporter", "quiet"];
export const QUADRANT_LABELS: Pairs<Quadrant> = {
  co_creator: ["共創型ファン", "Co-creators"],
  spreader: ["広める人", "Spreaders"],
  deep_supporter: ["深く関わる人", "Deep supporters"],
  quiet: ["静かなお客さま", "Quiet customers"],
};

export const BADGES: Badge[] = ["first_referral", "evangelist", "reviewer", "regular", "settled_90", "co_creator"];
export const BADGE_LABELS: Pairs<Badge> = {
  first_referral: ["初紹介", "First referral"],
  evangelist: ["伝道師", "Evangelist"],
  reviewer: ["レビュアー", "Reviewer"],
  regular: ["常連参加", "Regular"],
  settled_90: ["90日完走", "Settled 90 days"],
  co_creator: ["共創型ファン", "Co-creator"],
};

export const CAMPAIGNS: CampaignType[] = [
  "discount", "upsell", "subscription_vip_invite", "mass_newsletter", "long_mail_series",
  "review_request", "referral_ask", "event_invite", "thank_you_note", "personal_message",
];
export const CAMPAIGN_LABELS: Pairs<CampaignType> = {
  discount: ["割引・クーポン", "Discount or coupon"],
  upsell: ["アップセル", "Upsell"],
  subscription_vip_invite: ["定期便・VIPのご案内", "Subscription or VIP invite"],
  mass_newsletter: ["一斉メルマガ", "Mass newsletter"],
  long_mail_series: ["長文ステップメール", "Long mail series"],
  review_request: ["レビューのお願い", "Review request"],
  referral_ask: ["紹介のお願い", "Referral ask"],
  event_invite: ["イベントへの招待", "Event invite"],
  thank_you_note: ["お礼状", "Thank-you note"],
  personal_message: ["個別のメッセージ", "Personal message"],
};

export const STATUSES: ActionStatus[] = ["todo", "done", "skipped"];
export const STATUS_LABELS: Pairs<ActionStatus> = {
  todo: ["未対応", "To do"],
  done: ["済", "Done"],
  skipped: ["見送り", "Skipped"],
};

/** The label of an id in a language. */
export function label<T extends string>(pairs: Pairs<T>, id: T, lang: Lang): string {
  const pair = pairs[id];
  return pair ? (lang === "ja" ? pair[0] : pair[1]) : id;
}
