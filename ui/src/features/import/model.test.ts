import { describe, expect, it } from "vitest";
import type { Rejection } from "../../ipc/bindings";
import { defaultOptions, filterRejections, isImportable, nothingNew, previewCell, rejectionCodes, rejectionsAsTsv, warningText, withChoice } from "./model";

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

  it("says the importer's warnings in Japanese, with their file and sheet", () => {
    const field = (id: string) => ({ amount: "金額(明細)" })[id] ?? id;
    expect(warningText('orders.xlsx / 注文: two columns are named "金額" (D, E): using column D for amount', "ja", field)).toBe(
      "orders.xlsx / 注文: 「金額」という列が複数あります(D, E)。金額(明細)には D 列を使います",
    );
    expect(warningText('book.xlsx: sheet "メモ" skipped: no header row', "ja", field)).toBe("book.xlsx: シート「メモ」には見出しの行がないため読み飛ばしました");
    expect(warningText("a.txt / a.txt: no customer column (顧客ID, メールアドレス or 電話番号): every order …", "ja", field)).toMatch(/^a\.txt \/ a\.txt: 顧客の列/);
    // English stays as written, and an unknown note is shown as it is.
    expect(warningText('x: sheet "s" skipped: no header row', "en", field)).toBe('x: sheet "s" skipped: no header row');
    expect(warningText("something new", "ja", field)).toBe("something new");
  });
});

describe("previewCell", () => {
  it("shows the stored value first and the file's own text when it differs", () => {
    expect(previewCell({ value: "2023-11-01 12:01", problem: null }, "45231.50105324074", "あり", "なし")).toEqual({
      main: "2023-11-01 12:01",
      raw: "45231.50105324074",
      problem: null,
    });
    expect(previewCell({ value: "M000002", problem: null }, "M000002", "あり", "なし")).toEqual({ main: "M000002", raw: null, problem: null });
  });
  it("words yes/no and marks a cell that would reject its row", () => {
    expect(previewCell({ value: "true", problem: null }, "○", "あり", "なし").main).toBe("あり");
    expect(previewCell({ value: "", problem: "no_such_date" }, "2024-13-01", "あり", "なし")).toEqual({
      main: "2024-13-01",
      raw: null,
      problem: "no_such_date",
    });
  });
  it("shows an unmapped column as it is", () => {
    expect(previewCell(null, "メモ", "あり", "なし")).toEqual({ main: "メモ", raw: null, problem: null });
  });
});

describe("an import that added nothing", () => {
  it("is 'already imported', not 'imported'", () => {
    expect(nothingNew({ rows_imported: 0, rows_duplicate: 13, rejected: [] })).toBe(true);
    expect(nothingNew({ rows_imported: 2, rows_duplicate: 11, rejected: [] })).toBe(false);
    // Rows that were all rejected are not "already imported".
    expect(nothingNew({ rows_imported: 0, rows_duplicate: 0, rejected: [{}] })).toBe(false);
    expect(nothingNew({ rows_imported: 0, rows_duplicate: 3, rejected: [{}] })).toBe(false);
  });
});
