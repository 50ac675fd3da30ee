// View logic of the action-plan screen, kept pure for tests.
import type { ActionStatus, CampaignTarget, PlanQuery, PlanRow, Playbook, StatusChange } from "../../ipc/bindings";
import { formatCount } from "../../i18n";

export const PAGE_SIZE = 100;

/** `from–to / total` for a page, 1-based. */
export function pageLabel(offset: number, shown: number, total: number): string {
  if (total === 0) return "0 / 0";
  return `${formatCount(offset + 1)}–${formatCount(offset + shown)} / ${formatCount(total)}`;
}

/** The offset of the next or previous page, kept inside [0, total). */
export function turnPage(offset: number, direction: 1 | -1, total: number, size = PAGE_SIZE): number {
  const next = offset + direction * size;
  if (next < 0) return 0;
  if (next >= total) return offset;
  return next;
}

/** `YYYY-MM-DD` plus days (UTC, no time-zone drift). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const t = Date.UTC(y, m - 1, d) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export type DueWindow = "all" | "7" | "30";

/** The query for the filters on screen. */
export function planQuery(f: {
  stage: string;
  status: string;
  due: DueWindow;
  asOf: string;
  asks: string;
  search: string;
  maskPii: boolean;
  offset: number;
}): PlanQuery {
  return {
    stage: f.stage === "" ? null : (f.stage as PlanQuery["stage"]),
    status: f.status === "" ? null : (f.status as PlanQuery["status"]),
    due_by: f.due === "all" || !f.asOf ? null : addDays(f.asOf, Number(f.due)),
    asks: f.asks === "" ? null : f.asks === "yes",
    search: f.search,
    mask_pii: f.maskPii,
    offset: f.offset,
    limit: PAGE_SIZE,
  };
}

/** An empty campaign target (everyone). */
export function emptyTarget(): CampaignTarget {
  return { stages: [], segments: [], quadrants: [], temperatures: [], badges: [], referred: null, keys: [] };
}

/** Lines of a text area as a list (blank lines dropped, spaces trimmed). */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Whether a playbook can be saved: every stage has a meaning, cool-downs are whole days ≥ 0. */
export function playbookProblems(p: Playbook): string[] {
  const out: string[] = [];
  for (const s of p.stages) {
    if (!s.meaning_ja.trim()) out.push(`${s.stage}: meaning`);
    for (const n of s.never) if (!n.text_ja.trim()) out.push(`${s.stage}: never`);
  }
  for (const [name, v] of [["ask_cooldown_days", p.ask_cooldown_days], ["repeat_cooldown_days", p.repeat_cooldown_days], ["initial_asks_per_month", p.initial_asks_per_month]] as const) {
    if (!Number.isInteger(v) || v < 0) out.push(name);
  }
  return out;
}

/** A plan row's identity: the customer and the step (kind and due date). */
export function rowId(r: PlanRow): string {
  return `${r.customer_key}|${r.action.kind}|${r.action.due_on}`;
}

/** The status changes that mark `rows` with `status`; without one, the
 *  changes that put each row back to the status it was shown with (undo). */
export function statusChanges(rows: PlanRow[], status?: ActionStatus): StatusChange[] {
  return rows.map((r) => ({ customer_key: r.customer_key, kind: r.action.kind, due_on: r.action.due_on, status: status ?? r.action.status }));
}

/** The page's select-all box: selects every row on it, or, when all are
 *  already selected, none of them (rows selected elsewhere stay). */
export function selectAll(selected: ReadonlySet<string>, ids: string[]): Set<string> {
  const next = new Set(selected);
  const all = ids.length > 0 && ids.every((id) => next.has(id));
  for (const id of ids) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return next;
}

/** One row's box. */
export function selectOne(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (!next.delete(id)) next.add(id);
  return next;
}
