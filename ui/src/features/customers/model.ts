// View logic of the customers screen, kept pure for tests.
import type { CustomerQuery, CustomerSort } from "../../ipc/bindings";

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
