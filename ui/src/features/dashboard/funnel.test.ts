import { describe, expect, it } from "vitest";
import { stageRows } from "./funnel";

describe("stageRows", () => {
  it("lists the five stages lowest first with shares and conversions", () => {
    const rows = stageRows(
      { observer: 100, landing: 60, empathy: 30, involvement: 8, circulation: 2 },
      [0.5, 0.4, 0.25, 0.2],
    );
    expect(rows.map((r) => r.stage)).toEqual(["observer", "landing", "empathy", "involvement", "circulation"]);
    expect(rows[0]!.share).toBeCloseTo(0.5);
    expect(rows[4]!.share).toBeCloseTo(0.01);
    expect(rows[0]!.conversion).toBe(0.5);
    expect(rows[4]!.conversion).toBeUndefined();
  });
  it("has no shares for an empty workspace", () => {
    const rows = stageRows({ observer: 0, landing: 0, empathy: 0, involvement: 0, circulation: 0 }, [null, null, null, null]);
    expect(rows.every((r) => r.share === null)).toBe(true);
    expect(rows[0]!.conversion).toBeNull();
  });
});
