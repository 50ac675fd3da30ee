import { describe, expect, it } from "vitest";
import { chunkQuery, chunksFor, emptyFilters, filtersKey, nextSort, sendTarget, togglePick, visibleRange, pAliveText } from "./model";
import { translate, type Key } from "../../i18n";

describe("customers table logic", () => {
  it("renders only the rows in view, plus a margin", () => {
    expect(visibleRange(0, 340, 100_000, 34, 10)).toEqual({ first: 0, last: 20 });
    // Scrolled to row 50,000 of 100,000.
    expect(visibleRange(50_000 * 34, 340, 100_000, 34, 10)).toEqual({ first: 49_990, last: 50_020 });
    // At the end, never past the last row.
    expect(visibleRange(99_995 * 34, 340, 100_000, 34, 10).last).toBe(99_999);
    expect(visibleRange(0, 340, 0)).toEqual({ first: 0, last: -1 });
  });

  it("asks only for the chunks a range needs", () => {
    expect(chunksFor(0, 20, 200)).toEqual([0]);
    expect(chunksFor(190, 230, 200)).toEqual([0, 1]);
    expect(chunksFor(49_990, 50_020, 200)).toEqual([249, 250]);
    expect(chunksFor(5, 4)).toEqual([]);
  });

  it("sorts a new numeric column largest first and flips on a second click", () => {
    expect(nextSort({ sort: "customer_key", descending: false }, "monetary", true)).toEqual({ sort: "monetary", descending: true });
    expect(nextSort({ sort: "monetary", descending: true }, "monetary", true)).toEqual({ sort: "monetary", descending: false });
    expect(nextSort({ sort: "monetary", descending: true }, "name", false)).toEqual({ sort: "name", descending: false });
  });

  it("builds chunk queries and a key that changes with the filters", () => {
    const f = emptyFilters();
    const q = chunkQuery({ ...f, stages: ["landing"] }, 3, true);
    expect(q.offset).toBe(600);
    expect(q.limit).toBe(200);
    expect(q.stages).toEqual(["landing"]);
    expect(q.mask_pii).toBe(true);
    expect(filtersKey(f, false, "")).not.toBe(filtersKey({ ...f, search: "x" }, false, ""));
    expect(filtersKey(f, false, "")).not.toBe(filtersKey(f, true, ""));
    // Rows kept from an earlier visit are not shown once the workspace's figures changed.
    expect(filtersKey(f, false, "", 3)).not.toBe(filtersKey(f, false, "", 4));
    expect(filtersKey(f, false, "", 3)).toBe(filtersKey(emptyFilters(), false, "", 3));
  });
});

describe("a sending list from the customers table", () => {
  it("goes to the picked customers when some are picked, whatever the filters", () => {
    const f = { ...emptyFilters(), stages: ["landing" as const], search: "山田" };
    const t = sendTarget(f, ["a@example.jp", "b@example.jp", "a@example.jp"]);
    expect(t).toEqual({ stages: [], segments: [], quadrants: [], temperatures: [], badges: [], referred: null, keys: ["a@example.jp", "b@example.jp"] });
  });
  it("goes to the filtered customers when none are picked", () => {
    const f = { ...emptyFilters(), stages: ["empathy" as const], temperatures: ["cooling" as const], referred: true };
    expect(sendTarget(f, [])).toEqual({ stages: ["empathy"], segments: [], quadrants: [], temperatures: ["cooling"], badges: [], referred: true, keys: [] });
  });
  it("refuses a search with nothing picked: a search is not a target", () => {
    expect(sendTarget({ ...emptyFilters(), search: "山田" }, [])).toBeNull();
  });
  it("ticks and unticks a row without changing the old set", () => {
    const a = new Set(["x"]);
    const b = togglePick(a, "y");
    expect([...b].sort()).toEqual(["x", "y"]);
    expect([...togglePick(b, "x")]).toEqual(["y"]);
    expect([...a]).toEqual(["x"]);
  });
});

describe("継続見込み as shown", () => {
  const t = (k: Key) => translate("ja", k);
  it("is a percentage where the model judged it", () => {
    expect(pAliveText(0.734, 0.8, t)).toEqual({ text: "73%", hint: null });
  });
  it("says 判定不可(購入1回) with the reason for a one-time buyer, never 100 %", () => {
    const shown = pAliveText(null, 0.23, t);
    expect(shown.text).toBe("判定不可(購入1回)");
    expect(shown.hint).toContain("BG/NBD");
    // The table's narrow column: the short word, the whole reason on hover.
    const cell = pAliveText(null, 0.23, t, true);
    expect(cell.text).toBe("判定不可");
    expect(cell.hint).toContain("判定不可(購入1回)");
  });
  it("is a dash when nothing could be predicted", () => {
    expect(pAliveText(null, null, t)).toEqual({ text: "–", hint: null });
  });
});
