// View logic of the import screen: pure functions, tested with Vitest.
import type { ColumnMap, Field, FieldChoice, ImportKind, ImportOptions, Preview, Rejection, StoredValue } from "../../ipc/bindings";

export const IMPORT_KINDS: ImportKind[] = ["orders", "customers", "events", "nps", "contacts"];

export const FILE_EXTENSIONS = ["xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt"];

export function defaultOptions(kind: ImportKind): ImportOptions {
  return { kind, preset: null, sheet: { mode: "first" }, choices: [], encoding: null, date_order: "year_first" };
}

/** True for files the importer can read, by extension. */
export function isImportable(path: string): boolean {
  const ext = path.split(".").pop()?.toLowerCase() ?? "";
  return FILE_EXTENSIONS.includes(ext);
}

/** The column currently mapped to each field (first one wins), by column letter. */
export function columnOfField(columns: ColumnMap[]): Map<Field, ColumnMap> {
  const out = new Map<Field, ColumnMap>();
  for (const c of columns) {
    if (c.field && !out.has(c.field)) out.set(c.field, c);
  }
  return out;
}

/** Options with one field's column chosen by the user (letter, or "" to leave it unmapped). */
export function withChoice(options: ImportOptions, field: Field, letter: string): ImportOptions {
  const choices: FieldChoice[] = options.choices.filter((c) => c.field !== field);
  choices.push({ field, column: letter });
  return { ...options, choices };
}

/** The distinct columns of a preview (a column may appear twice when it fills two fields). */
export function distinctColumns(preview: Preview): ColumnMap[] {
  const seen = new Set<number>();
  return preview.columns.filter((c) => (seen.has(c.index) ? false : (seen.add(c.index), true)));
}

/** Rejected rows matching a free-text query (file, column, value or reason) and an optional code. */
export function filterRejections(rows: Rejection[], query: string, code: string | null): Rejection[] {
  const q = query.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (code === null || r.code === code) &&
      (q === "" ||
        [r.file, r.sheet, r.column, r.value, r.reason, r.reason_ja, String(r.row)].some((t) => t.toLowerCase().includes(q))),
  );
}

/** The reason codes present, with their counts, most frequent first. */
export function rejectionCodes(rows: Rejection[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Tab-separated text of rejected rows, for pasting into a spreadsheet. */
export function rejectionsAsTsv(rows: Rejection[], lang: "ja" | "en"): string {
  const clean = (t: string) => t.replace(/[\t\r\n]+/g, " ");
  const head = lang === "ja" ? ["ファイル", "シート", "行", "列", "値", "理由"] : ["file", "sheet", "row", "column", "value", "reason"];
  const lines = rows.map((r) =>
    [r.file, r.sheet, String(r.row), r.column, r.value, lang === "ja" ? r.reason_ja : r.reason].map(clean).join("\t"),
  );
  return [head.join("\t"), ...lines].join("\n");
}

/**
 * An import warning in the UI's language. The importer writes its notes in
 * English (the CLI prints them), optionally after "file / sheet: "; the known
 * ones are said in Japanese here, anything else is shown as written.
 */
export function warningText(w: string, lang: "ja" | "en", field: (id: string) => string): string {
  if (lang === "en") return w;
  let m = /^(.*?)no customer column \(/.exec(w);
  if (m) {
    return `${m[1]}顧客の列(顧客ID・メールアドレス・電話番号)がありません。どの注文も顧客不明の売上として数え、顧客は作りません(Amazonの全注文レポートには購入者の列がありません。顧客を分析するには buyer-email のある注文レポートを取り込んでください)`;
  }
  m = /^(.*?)two columns are named "(.*)" \((.*)\): using column (\S+) for (\S+)$/.exec(w);
  if (m) return `${m[1]}「${m[2]}」という列が複数あります(${m[3]})。${field(m[5])}には ${m[4]} 列を使います`;
  m = /^(.*): sheet "(.*)" skipped: no header row$/.exec(w);
  if (m) return `${m[1]}: シート「${m[2]}」には見出しの行がないため読み飛ばしました`;
  m = /^(.*): sheet "(.*)" skipped: its columns differ from the first sheet's$/.exec(w);
  if (m) return `${m[1]}: シート「${m[2]}」は最初のシートと列が違うため読み飛ばしました`;
  return w;
}

/** What a preview cell shows: the value as it will be stored first, the
 *  file's own text beside it when it differs (an Excel date is a serial
 *  number in the file), or that the cell would reject its row. */
export interface PreviewCell {
  main: string;
  raw: string | null;
  problem: string | null;
}

export function previewCell(stored: StoredValue | null | undefined, raw: string | undefined, yes: string, no: string): PreviewCell {
  const text = raw ?? "";
  if (!stored) return { main: text, raw: null, problem: null };
  if (stored.problem) return { main: text, raw: null, problem: stored.problem };
  const main = stored.value === "true" ? yes : stored.value === "false" ? no : stored.value;
  return { main, raw: main === text ? null : text, problem: null };
}

/** An import that added nothing: every row was already in the workspace. */
export function nothingNew(r: { rows_imported: number | bigint; rows_duplicate: number | bigint; rejected: unknown[] }): boolean {
  return Number(r.rows_imported) === 0 && Number(r.rows_duplicate) > 0 && r.rejected.length === 0;
}
