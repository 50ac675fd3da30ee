import { describe, expect, it } from "vitest";
import { fileName, withExtension } from "./saveFile";

describe("withExtension", () => {
  it("keeps the dialog's name, which the dialog already asked about replacing", () => {
    expect(withExtension("/home/a/plan.xlsx", "xlsx")).toEqual({ path: "/home/a/plan.xlsx", replace: true });
    expect(withExtension("C:\\Users\\a\\PLAN.XLSX", "xlsx")).toEqual({ path: "C:\\Users\\a\\PLAN.XLSX", replace: true });
  });
  it("adds a missing extension, and then has no consent for the new name", () => {
    expect(withExtension("/home/a/plan", "xlsx")).toEqual({ path: "/home/a/plan.xlsx", replace: false });
    expect(withExtension("/home/a/keys.txt", "csv")).toEqual({ path: "/home/a/keys.txt.csv", replace: false });
  });
});

describe("fileName", () => {
  it("takes the last part of either kind of path", () => {
    expect(fileName("/home/a/plan.xlsx")).toBe("plan.xlsx");
    expect(fileName("C:\\Users\\a\\顧客.csv")).toBe("顧客.csv");
  });
});
