import { describe, expect, it } from "vitest";
import { matrixRows, npsGroupOf, ratioText } from "./model";

describe("analysis screens logic", () => {
  it("lays stage × segment cells out as rows in stage order and drops empty rows", () => {
    const rows = matrixRows([
      { stage: "landing", segment: "new", customers: 3, revenue: 300 },
      { stage: "observer", segment: "new", customers: 1, revenue: 10 },
      { stage: "circulation", segment: "champions", customers: 2, revenue: 900 },
      { stage: "empathy", segment: "lost", customers: 0, revenue: 0 },
      { stage: "observer", segment: null, customers: 5, revenue: 0 },
    ]);
    expect(rows.map((r) => r.segment)).toEqual(["new", "champions", null]);
    expect(rows[0].cells.map((c) => c.customers)).toEqual([1, 3, 0, 0, 0]);
    expect(rows[1].cells[4]).toEqual({ customers: 2, revenue: 900 });
  });

  it("groups NPS scores as domain.md does", () => {
    expect([10, 9, 8, 7, 6, 0].map(npsGroupOf)).toEqual(["promoter", "promoter", "passive", "passive", "detractor", "detractor"]);
  });

  it("writes ratios", () => {
    expect(ratioText(3.24)).toBe("3.2×");
    expect(ratioText(null)).toBe("–");
  });
});
