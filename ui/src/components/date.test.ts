import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  clampDate,
  daysInMonth,
  formatDate,
  isLeapYear,
  keyStep,
  parseDate,
  parseIso,
  rangeCheck,
  readEntry,
  stepDate,
  todayIso,
} from "./date";

describe("parseDate", () => {
  it("reads the ways a Japanese shop writes a date", () => {
    expect(parseDate("2024-07-01")).toBe("2024-07-01");
    expect(parseDate("2024/7/1")).toBe("2024-07-01");
    expect(parseDate("2024/07/01")).toBe("2024-07-01");
    expect(parseDate("2024.7.1")).toBe("2024-07-01");
    expect(parseDate("2024年7月1日")).toBe("2024-07-01");
    expect(parseDate("2024年7月1")).toBe("2024-07-01");
    expect(parseDate("2024 年 12 月 31 日")).toBe("2024-12-31");
    expect(parseDate("20240701")).toBe("2024-07-01");
    expect(parseDate("  2024/7/1  ")).toBe("2024-07-01");
  });
  it("reads full-width digits and signs (NFKC) and the dashes of a Japanese keyboard", () => {
    expect(parseDate("２０２４年７月１日")).toBe("2024-07-01");
    expect(parseDate("２０２４／０７／０１")).toBe("2024-07-01");
    expect(parseDate("２０２４－７－１")).toBe("2024-07-01");
    expect(parseDate("2024ー7ー1")).toBe("2024-07-01");
    expect(parseDate("2024−7−1")).toBe("2024-07-01");
    expect(parseDate("\u30002024/7/1\u3000")).toBe("2024-07-01");
  });
  it("accepts 29 February only in leap years", () => {
    expect(parseDate("2024-02-29")).toBe("2024-02-29");
    expect(parseDate("2000/2/29")).toBe("2000-02-29");
    expect(parseDate("2023-02-29")).toBeNull();
    expect(parseDate("1900/2/29")).toBeNull();
  });
  it("rejects what is not a real day or is ambiguous", () => {
    for (const bad of ["", "2024", "2024-13-01", "2024-00-10", "2024-04-31", "2024/7/0", "7/1/2024", "01/07/2024", "24/7/1", "2024-07-01x", "abc", "2024/7/1/2", "2024年7月1日日"]) {
      expect(parseDate(bad), bad).toBeNull();
    }
  });
});

describe("parseIso", () => {
  it("is strict: four-digit year, two-digit month and day", () => {
    expect(parseIso("2024-07-01")).toEqual({ y: 2024, m: 7, d: 1 });
    expect(parseIso("2024-7-1")).toBeNull();
    expect(parseIso("2024/07/01")).toBeNull();
    expect(parseIso("2023-02-29")).toBeNull();
    expect(parseIso(undefined)).toBeNull();
  });
});

describe("formatDate", () => {
  it("shows YYYY/MM/DD in Japanese and ISO in English", () => {
    expect(formatDate("2026-12-01", "ja")).toBe("2026/12/01");
    expect(formatDate("2026-12-01", "en")).toBe("2026-12-01");
  });
  it("leaves an empty or non-ISO value as it is", () => {
    expect(formatDate("", "ja")).toBe("");
    expect(formatDate("oops", "en")).toBe("oops");
  });
});

describe("calendar", () => {
  it("knows leap years and month lengths", () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2024-01-01", 366)).toBe("2025-01-01");
    expect(addDays("1970-01-01", 0)).toBe("1970-01-01");
    expect(addDays("0001-01-01", -1)).toBe("0001-01-01");
    expect(addDays("9999-12-31", 1)).toBe("9999-12-31");
  });
  it("adds months, clamping the day to the month's end", () => {
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2023-01-31", 1)).toBe("2023-02-28");
    expect(addMonths("2024-03-31", -1)).toBe("2024-02-29");
    expect(addMonths("2024-05-31", 1)).toBe("2024-06-30");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2024-02-29", 48)).toBe("2028-02-29");
    expect(addMonths("2024-12-15", 1)).toBe("2025-01-15");
    expect(addMonths("2025-01-15", -1)).toBe("2024-12-15");
    expect(addMonths("2024-07-01", -19)).toBe("2022-12-01");
  });
  it("refuses to step from a value that is not a date", () => {
    expect(() => addDays("2023-02-29", 1)).toThrow(RangeError);
    expect(() => addMonths("", 1)).toThrow(RangeError);
  });
  it("reads today in the local calendar", () => {
    expect(todayIso(new Date(2024, 1, 29, 23, 59))).toBe("2024-02-29");
  });
});

describe("range", () => {
  const min = "2024-01-15";
  const max = "2024-03-10";
  it("clamps to min and max", () => {
    expect(clampDate("2024-01-01", min, max)).toBe(min);
    expect(clampDate("2024-04-01", min, max)).toBe(max);
    expect(clampDate("2024-02-29", min, max)).toBe("2024-02-29");
    expect(clampDate("1999-01-01", null, max)).toBe("1999-01-01");
    expect(clampDate("2030-01-01", min)).toBe("2030-01-01");
  });
  it("ignores a bound that is not a date", () => {
    expect(rangeCheck("2024-01-01", "", "")).toBeNull();
    expect(rangeCheck("2024-01-01", "soon", undefined)).toBeNull();
    expect(rangeCheck("2024-01-01", min, max)).toBe("below");
    expect(rangeCheck("2024-03-11", min, max)).toBe("above");
    expect(rangeCheck(max, min, max)).toBeNull();
  });
});

describe("keys", () => {
  it("map arrows to a day, Shift+arrows and PageUp/PageDown to a month", () => {
    expect(keyStep("ArrowUp", false)).toEqual({ days: 1 });
    expect(keyStep("ArrowDown", false)).toEqual({ days: -1 });
    expect(keyStep("ArrowUp", true)).toEqual({ months: 1 });
    expect(keyStep("ArrowDown", true)).toEqual({ months: -1 });
    expect(keyStep("PageUp", false)).toEqual({ months: 1 });
    expect(keyStep("PageDown", true)).toEqual({ months: -1 });
    expect(keyStep("ArrowLeft", false)).toBeNull();
    expect(keyStep("Enter", false)).toBeNull();
  });
  it("step and stay within the bounds", () => {
    expect(stepDate("2024-02-29", { days: 1 })).toBe("2024-03-01");
    expect(stepDate("2024-01-31", { months: 1 })).toBe("2024-02-29");
    expect(stepDate("2024-03-10", { days: 1 }, null, "2024-03-10")).toBe("2024-03-10");
    expect(stepDate("2024-03-01", { months: 1 }, null, "2024-03-10")).toBe("2024-03-10");
    expect(stepDate("2024-01-20", { months: -1 }, "2024-01-15")).toBe("2024-01-15");
  });
});

describe("readEntry", () => {
  it("gives the ISO day to commit, or why not", () => {
    expect(readEntry("２０２４年７月１日")).toEqual({ iso: "2024-07-01" });
    expect(readEntry("2023-02-29")).toEqual({ error: "format" });
    expect(readEntry("2024/7/1", "2024-07-02")).toEqual({ error: "below" });
    expect(readEntry("2024/7/1", null, "2024-06-30")).toEqual({ error: "above" });
    expect(readEntry("2024/6/30", null, "2024-06-30")).toEqual({ iso: "2024-06-30" });
  });
  it("lets an optional field be emptied and a required one not", () => {
    expect(readEntry("  ", null, null, true)).toEqual({ iso: "" });
    expect(readEntry("\u3000")).toEqual({ error: "required" });
  });
});
