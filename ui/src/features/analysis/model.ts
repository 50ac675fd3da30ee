// View logic of the analysis screens, kept pure for tests.
import type { Segment, Stage, StageSegmentCell } from "../../ipc/bindings";

const STAGE_ORDER: Stage[] = ["observer", "landing", "empathy", "involvement", "circulation"];

/** The stage × segment cells as rows (one per segment, then "no purchase"), cells in stage order; empty rows dropped. */
export function matrixRows(cells: StageSegmentCell[]): { segment: Segment | null; cells: { customers: number; revenue: number }[] }[] {
  const bySegment = new Map<string, { segment: Segment | null; cells: { customers: number; revenue: number }[] }>();
  for (const c of cells) {
    const key = c.segment ?? "none";
    if (!bySegment.has(key)) bySegment.set(key, { segment: c.segment, cells: STAGE_ORDER.map(() => ({ customers: 0, revenue: 0 })) });
    const row = bySegment.get(key)!;
    const i = STAGE_ORDER.indexOf(c.stage);
    row.cells[i] = { customers: row.cells[i].customers + c.customers, revenue: row.cells[i].revenue + c.revenue };
  }
  return [...bySegment.values()].filter((r) => r.cells.some((c) => c.customers > 0));
}

/** 推奨者 / 中立者 / 批判者 of a score (domain.md §2). */
export function npsGroupOf(score: number): "promoter" | "passive" | "detractor" {
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}

/** A ratio like "3.2×", or an en dash when unknown. */
export function ratioText(r: number | null): string {
  return r === null || !Number.isFinite(r) ? "–" : `${r.toFixed(1)}×`;
}
