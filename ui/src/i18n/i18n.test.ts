import { describe, expect, it } from "vitest";
import { asLang, formatCount, formatPercent, formatYen } from "./index";
import { labelOf } from "./words";

describe("i18n", () => {
  it("uses the exact Japanese stage names of domain.md", () => {
    expect(["observer", "landing", "empathy", "involvement", "circulation"].map((s) =>
      labelOf("ja", "stage", s),
    )).toEqual(["観測", "着地", "共感", "関与", "循環"]);
  });
  it("falls back to Japanese for unknown language codes", () => {
    expect(asLang("en")).toBe("en");
    expect(asLang("fr")).toBe("ja");
    expect(asLang(undefined)).toBe("ja");
  });
  it("formats figures the way a Japanese shop reads them", () => {
    expect(formatYen(1234567.4)).toBe("¥1,234,567");
    expect(formatYen(-1200)).toBe("-¥1,200");
    expect(formatCount(3000)).toBe("3,000");
    expect(formatPercent(0.2)).toBe("20.0%");
    expect(formatPercent(null)).toBe("–");
  });
});
