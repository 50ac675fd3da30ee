import type { Stage, StageCounts } from "../../ipc/bindings";

export const STAGES: Stage[] = ["observer", "landing", "empathy", "involvement", "circulation"];

export interface StageRow {
  stage: Stage;
  count: number;
  /** Share of all customers; null when there are none. */
  share: number | null;
  /** Conversion to the next stage (undefined for 循環, null when nobody reached this stage). */
  conversion: number | null | undefined;
}

/** The funnel as table rows, lowest stage first. */
export function stageRows(counts: StageCounts, conversions: (number | null)[]): StageRow[] {
  const total = STAGES.reduce((sum, s) => sum + counts[s], 0);
  return STAGES.map((stage, k) => ({
    stage,
    count: counts[stage],
    share: total > 0 ? counts[stage] / total : null,
    conversion: k < STAGES.length - 1 ? (conversions[k] ?? null) : undefined,
  }));
}
