import type { Dashboard, FunnelStep, Stage } from "../../ipc/bindings";

export const STAGES: Stage[] = ["observer", "landing", "empathy", "involvement", "circulation"];

export interface StageRow {
  stage: Stage;
  count: number;
  revenue: number;
  /** Share of all customers; null when there are none. */
  share: number | null;
  /** Conversion to the next stage (undefined for 循環, null when nobody reached this stage). */
  conversion: number | null | undefined;
}

/** The funnel as table rows, lowest stage first. */
export function stageRows(funnel: FunnelStep[]): StageRow[] {
  const total = funnel.reduce((sum, s) => sum + s.customers, 0);
  return funnel.map((step, k) => ({
    stage: step.stage,
    count: step.customers,
    revenue: step.revenue,
    share: total > 0 ? step.customers / total : null,
    conversion: k < funnel.length - 1 ? step.conversion : undefined,
  }));
}

/** Where a KPI stands against its target. */
export type Standing = "met" | "below" | "unknown";

export function standing(value: number | null | undefined, target: number): Standing {
  if (value === null || value === undefined || !Number.isFinite(value)) return "unknown";
  return value >= target ? "met" : "below";
}

/** One step of はじめにやること. */
export interface FirstStep {
  key: "orders" | "members" | "events" | "nps" | "plan";
  done: boolean;
}

/** はじめにやること, in order: orders, a member list with referrers, engagement
 *  events, NPS answers, then reading the plan (done once the data is in). */
export function firstSteps(r: Dashboard["report"]): FirstStep[] {
  const orders = r.orders > 0;
  const members = r.referrals.referred_customers > 0;
  const events = r.points.referral_points + r.points.support_points > 0;
  const nps = r.nps.overall.responses > 0;
  return [
    { key: "orders", done: orders },
    { key: "members", done: members },
    { key: "events", done: events },
    { key: "nps", done: nps },
    { key: "plan", done: orders && members && events && nps },
  ];
}

/** 前月比: how a figure moved since a month before. `kind` says how to
 *  word it: a count (+12), yen (+¥3,400), a share in percentage points
 *  (+1.2pt) or a score (NPS, +3.0). Null when either side is unknown. */
export interface Delta {
  text: string;
  direction: "up" | "down" | "flat";
}

export function delta(now: number | null | undefined, before: number | null | undefined, kind: "count" | "yen" | "share" | "score"): Delta | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  if (!Number.isFinite(now) || !Number.isFinite(before)) return null;
  const d = now - before;
  let text: string;
  let zero: boolean;
  switch (kind) {
    case "count":
      zero = Math.round(d) === 0;
      text = `${Math.abs(Math.round(d)).toLocaleString("ja-JP")}`;
      break;
    case "yen":
      zero = Math.round(d) === 0;
      text = `¥${Math.abs(Math.round(d)).toLocaleString("ja-JP")}`;
      break;
    case "share":
      zero = Math.abs(d * 100) < 0.05;
      text = `${Math.abs(d * 100).toFixed(1)}pt`;
      break;
    case "score":
      zero = Math.abs(d) < 0.05;
      text = Math.abs(d).toFixed(1);
      break;
  }
  if (zero) return { text: "±0", direction: "flat" };
  return { text: `${d > 0 ? "+" : "−"}${text}`, direction: d > 0 ? "up" : "down" };
}
