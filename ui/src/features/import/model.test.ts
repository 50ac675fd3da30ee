import { describe, expect, it } from "vitest";
import type { Rejection } from "../../ipc/bindings";
import { defaultOptions, filterRejections, isImportable, rejectionCodes, rejectionsAsTsv, withChoice } from "./model";

const rej = (row: number, column: string, value: string, code: string, reason_ja = "空欄です"): Rejection => ({
  file: "a.xlsx", sheet: "Sheet1", row, column, value, reason: "empty cell", reason_ja, code,
});

describe("import model", () => {
  it("accepts the formats the importer reads, whatever the case", () => {
    expect(isImportable("注文.XLSX")).toBe(true);
    expect(isImportable("orders.csv")).toBe(true);
    expect(isImportable("report.pdf")).toBe(false);
    expect(isImportable("noext")).toBe(false);
  });

  it("replaces an earlier choice of the same field", () => {
    let o = defaultOptions("orders");
    o = withChoice(o, "amount", "C");
    o = withChoice(o, "amount", "D");
    o = withChoice(o, "order_no", "A");
    expect(o.choices).toEqual([{ field: "amount", column: "D" }, { field: "order_no", column: "A" }]);
  });

  it("filters rejected rows by text and by reason code", () => {
    const rows = [rej(3, "注文日 (B)", "2023/02/29", "no_such_date"), rej(7, "金額 (C)", "abc", "not_an_amount"), rej(9, "金額 (C)", "", "empty")];
    expect(filterRejections(rows, "金額", null).map((r) => r.row)).toEqual([7, 9]);
    expect(filterRejections(rows, "", "no_such_date").map((r) => r.row)).toEqual([3]);
    expect(filterRejections(rows, "2023", null).map((r) => r.row)).toEqual([3]);
    expect(rejectionCodes([...rows, rej(10, "x", "", "empty")])[0]).toEqual(["empty", 2]);
  });

  it("copies rejected rows as tab-separated text without breaking lines", () => {
    const tsv = rejectionsAsTsv([rej(3, "メモ", "a\tb\nc", "empty")], "ja");
    const lines = tsv.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]!.split("\t")).toEqual(["a.xlsx", "Sheet1", "3", "メモ", "a b c", "空欄です"]);
  });
});
