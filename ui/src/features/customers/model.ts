// View logic of the customers screen, kept pure for tests.
import type { CampaignTarget, CustomerQuery, CustomerSort } from "../../ipc/bindings";
import type { Key } from "../../i18n";

export const ROW_HEIGHT = 34;
export const CHUNK = 200;

/** Rows to render for a scroll position: the visible ones plus `overscan` either side. */
export function visibleRange(scrollTop: number, viewport: number, total: number, rowHeight = ROW_HEIGHT, overscan = 10): { first: number; last: number } {
  if (total <= 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(total - 1, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last };
}

/** The chunks (of `CHUNK` rows) a row range needs. */
export function chunksFor(first: number, last: number, size = CHUNK): number[] {
  if (last < first) return [];
  const out: number[] = [];
  for (let c = Math.floor(first / size); c <= Math.floor(last / size); c++) out.push(c);
  return out;
}

/** Clicking a column: a new column sorts ascending (numbers largest first), the same column flips. */
export function nextSort(current: { sort: CustomerSort; descending: boolean }, column: CustomerSort, numeric: boolean): { sort: CustomerSort; descending: boolean } {
  if (current.sort === column) return { sort: column, descending: !current.descending };
  return { sort: column, descending: numeric };
}

export interface Filters {
  search: string;
  stages: CustomerQuery["stages"];
  segments: CustomerQuery["segments"];
  temperatures: CustomerQuery["temperatures"];
  quadrants: CustomerQuery["quadrants"];
  badges: CustomerQuery["badges"];
  referred: boolean | null;
  sort: CustomerSort;
  descending: boolean;
}

export function emptyFilters(): Filters {
  return { search: "", stages: [], segments: [], temperatures: [], quadrants: [], badges: [], referred: null, sort: "customer_key", descending: false };
}

/** The query for one chunk. */
export function chunkQuery(f: Filters, chunk: number, maskPii: boolean): CustomerQuery {
  return {
    search: f.search,
    stages: f.stages,
    segments: f.segments,
    temperatures: f.temperatures,
    quadrants: f.quadrants,
    badges: f.badges,
    referred: f.referred,
    sort: f.sort,
    descending: f.descending,
    mask_pii: maskPii,
    offset: chunk * CHUNK,
    limit: CHUNK,
  };
}

/** A stable text key of the filters and what the rows were read for (the
 *  workspace generation among them), to reset loaded chunks when any changes. */
export function filtersKey(f: Filters, maskPii: boolean, asOf: string, generation = 0): string {
  return JSON.stringify([f, maskPii, asOf, generation]);
}

/** Who a 送付リスト from the table goes to: the customers picked, else the
 *  filters (a search is not a target: with one and nothing picked, null —
 *  the user picks the rows instead). */
export function sendTarget(f: Filters, picked: string[]): CampaignTarget | null {
  const none: CampaignTarget = { stages: [], segments: [], quadrants: [], temperatures: [], badges: [], referred: null, keys: [] };
  if (picked.length > 0) return { ...none, keys: [...new Set(picked)] };
  if (f.search.trim() !== "") return null;
  return { ...none, stages: f.stages, segments: f.segments, quadrants: f.quadrants, temperatures: f.temperatures, badges: f.badges, referred: f.referred };
}

/** A row's box ticked or unticked: a new set (the old one is state). */
export function togglePick(picked: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(picked);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

/** 継続見込み as shown: a percentage; 判定不可(購入1回) with its reason when the
 *  model was fitted but cannot judge a customer without a repeat purchase
 *  (BG/NBD would say 100 % by construction); – when nothing was predicted. */
export function pAliveText(pAlive: number | null, expectedOrders: number | null, t: (k: Key) => string, short = false): { text: string; hint: string | null } {
  if (pAlive !== null) return { text: `${(pAlive * 100).toFixed(0)}%`, hint: null };
  if (expectedOrders !== null) {
    const hint = `${t("p_alive_not_judged")}: ${t("p_alive_not_judged_hint")}`;
    return { text: t(short ? "p_alive_not_judged_short" : "p_alive_not_judged"), hint };
  }
  return { text: "–", hint: null };
}
