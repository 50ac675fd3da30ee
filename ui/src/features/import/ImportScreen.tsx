import { SavedNote } from "../../components/Saved";
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { open } from "@tauri-apps/plugin-dialog";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import { chooseSavePath, writeAsking } from "../../components/saveFile";
import { ipc, type IpcError } from "../../ipc";
import type { Batch, Encoding, ImportKind, ImportOptions, ImportProgress, ImportReport, Preset, Preview } from "../../ipc/bindings";

/** The text encodings a CSV can be read in, by their usual names. */
const ENCODING_NAMES: Record<Encoding, string> = {
  utf8: "UTF-8",
  shift_jis: "Shift_JIS (CP932)",
  utf16_le: "UTF-16LE (Unicode テキスト)",
  utf16_be: "UTF-16BE",
};
import { fieldLabel, formatCount, formatYen, type Key, type Lang } from "../../i18n";
import { formatDate } from "../../components/date";
import { useDismiss } from "../../components/dismiss";
import {
  columnOfField,
  defaultOptions,
  distinctColumns,
  FILE_EXTENSIONS,
  filterRejections,
  previewCell,
  IMPORT_KINDS,
  isImportable,
  nothingNew,
  rejectionCodes,
  rejectionsAsTsv,
  warningText,
  withChoice,
} from "./model";

interface Props {
  t: (k: Key) => string;
  lang: Lang;
  /** Called after an import or an undo changed the workspace. */
  onChanged: () => void;
  onError: (e: unknown) => void;
}

type Phase =
  | { step: "pick" }
  | { step: "preview"; paths: string[]; preview: Preview }
  | { step: "running"; paths: string[]; progress: ImportProgress | null }
  | { step: "done"; report: ImportReport };

export function ImportScreen({ t, lang, onChanged, onError }: Props) {
  const [kind, setKind] = useState<ImportKind>("orders");
  const [options, setOptions] = useState<ImportOptions>(defaultOptions("orders"));
  const [phase, setPhase] = useState<Phase>({ step: "pick" });
  const [history, setHistory] = useState<Batch[]>([]);
  const [presets, setPresets] = useState<Preset[]>([]);
  const [dragging, setDragging] = useState(false);
  const kindRef = useRef(kind);
  kindRef.current = kind;

  const refreshHistory = useCallback(async () => {
    try {
      setHistory(await ipc.importBatches());
      setPresets(await ipc.importPresets());
    } catch (e) {
      onError(e);
    }
  }, [onError]);

  useEffect(() => {
    void refreshHistory();
  }, [refreshHistory]);

  const showPreview = useCallback(
    async (paths: string[], opts: ImportOptions) => {
      const first = paths[0];
      if (!first) return;
      try {
        const preview = await ipc.previewImport(first, opts);
        setPhase({ step: "preview", paths, preview });
      } catch (e) {
        onError(e);
        setPhase({ step: "pick" });
      }
    },
    [onError],
  );

  const choose = useCallback(
    (paths: string[]) => {
      const usable = paths.filter(isImportable);
      if (usable.length === 0) {
        // Worded like the Rust side's refusal of such a file (error.import_unknown_type).
        const file = paths[0]?.split(/[\\/]/).pop();
        if (file) onError({ code: "import_unknown_type", file, message: `${file}: not a kind of file Horetsu imports` } satisfies IpcError);
        return;
      }
      const opts = defaultOptions(kindRef.current);
      setOptions(opts);
      void showPreview(usable, opts);
    },
    [showPreview],
  );

  // Files dropped anywhere on the window while this screen is open.
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let live = true;
    getCurrentWebview()
      .onDragDropEvent((event) => {
        const p = event.payload;
        if (p.type === "enter" || p.type === "over") setDragging(true);
        else if (p.type === "leave") setDragging(false);
        else if (p.type === "drop") {
          setDragging(false);
          choose(p.paths);
        }
      })
      .then((f) => (live ? (unlisten = f) : f()))
      .catch(() => undefined);
    return () => {
      live = false;
      unlisten?.();
    };
  }, [choose]);

  const pick = async () => {
    const picked = await open({ multiple: true, directory: false, filters: [{ name: "Excel / CSV", extensions: FILE_EXTENSIONS }] });
    if (Array.isArray(picked)) choose(picked);
    else if (typeof picked === "string") choose([picked]);
  };

  const update = (next: ImportOptions) => {
    setOptions(next);
    if (phase.step === "preview") void showPreview(phase.paths, next);
  };

  const run = async (paths: string[]) => {
    setPhase({ step: "running", paths, progress: null });
    try {
      const report = await ipc.startImport(paths, options, (progress) => setPhase({ step: "running", paths, progress }));
      setPhase({ step: "done", report });
      onChanged();
      await refreshHistory();
    } catch (e) {
      onError(e);
      setPhase({ step: "pick" });
    }
  };

  const undo = async (batch: Batch) => {
    try {
      await ipc.undoImport(batch.id);
      onChanged();
      await refreshHistory();
    } catch (e) {
      onError(e);
    }
  };

  return (
    <section class="import-screen" data-testid="import-screen">
      <h1>{t("import_title")}</h1>
      {phase.step === "pick" && (
        <div class="panel">
          <KindPicker t={t} kind={kind} onKind={(k) => { setKind(k); setOptions(defaultOptions(k)); }} />
          <div class={`drop-zone${dragging ? " over" : ""}`} data-testid="drop-zone">
            <div class="drop-title">{t("import_drop")}</div>
            <p class="hint">{t("import_drop_hint")}</p>
            <button type="button" class="primary" onClick={pick} data-testid="pick-files">
              {t("import_pick")}
            </button>
            <PathInput t={t} onPaths={choose} />
          </div>
          <details class="export-help" data-testid="export-help">
            <summary>{t("export_help_title")}</summary>
            <dl>
              {(["shopify", "rakuten", "base", "stores", "amazon", "sheet"] as const).map((k) => (
                <div key={k}>
                  <dt>{t(`export_help_${k}_name` as Key)}</dt>
                  <dd>{t(`export_help_${k}` as Key)}</dd>
                </div>
              ))}
            </dl>
            <p class="hint">{t("export_help_note")}</p>
          </details>
        </div>
      )}
      {phase.step === "preview" && (
        <PreviewPanel
          t={t}
          lang={lang}
          paths={phase.paths}
          preview={phase.preview}
          options={options}
          presets={presets.filter((p) => p.kind === options.kind)}
          onOptions={update}
          onStart={() => run(phase.paths)}
          onBack={() => setPhase({ step: "pick" })}
          onPresetSaved={refreshHistory}
          onError={onError}
        />
      )}
      {phase.step === "running" && (
        <div class="panel running" data-testid="import-running">
          <h2>{t("import_running")}</h2>
          <p>
            {phase.paths.map((p) => p.split(/[\\/]/).pop()).join(", ")}
            {phase.progress && ` — ${formatCount(Number(phase.progress.rows))} ${t("import_rows")}`}
          </p>
          <div class="progress" role="progressbar" aria-busy="true">
            <div class="bar" />
          </div>
          <button type="button" onClick={() => void ipc.cancelImport()} data-testid="cancel-import">
            {t("import_cancel")}
          </button>
        </div>
      )}
      {phase.step === "done" && (
        <ReportPanel t={t} lang={lang} report={phase.report} onAgain={() => setPhase({ step: "pick" })} onError={onError} />
      )}
      <HistoryPanel t={t} history={history} onUndo={undo} />
    </section>
  );
}

/** A path pasted from the file manager ("copy as path"), for keyboard users. */
function PathInput(p: { t: (k: Key) => string; onPaths: (paths: string[]) => void }) {
  const [text, setText] = useState("");
  const submit = (e: Event) => {
    e.preventDefault();
    const paths = text
      .split(/\r?\n/)
      .map((s) => s.trim().replace(/^"(.*)"$/, "$1"))
      .filter((s) => s.length > 0);
    if (paths.length > 0) p.onPaths(paths);
  };
  return (
    <form class="path-input" onSubmit={submit}>
      <input
        type="text"
        value={text}
        placeholder={p.t("import_path_placeholder")}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
        data-testid="path-input"
      />
      <button type="submit" data-testid="path-open">{p.t("openWorkspace")}</button>
    </form>
  );
}

function KindPicker(p: { t: (k: Key) => string; kind: ImportKind; onKind: (k: ImportKind) => void }) {
  return (
    <div class="segmented" role="radiogroup" aria-label={p.t("import_kind")}>
      <span class="label">{p.t("import_kind")}</span>
      {IMPORT_KINDS.map((k) => (
        <button
          type="button"
          key={k}
          role="radio"
          aria-checked={p.kind === k}
          class={p.kind === k ? "on" : ""}
          data-testid={`kind-${k}`}
          onClick={() => p.onKind(k)}
        >
          {p.t(`kind_${k}` as Key)}
        </button>
      ))}
    </div>
  );
}

/** What the whole file will do, from the import run and rolled back. */
function CheckSummary(p: { t: (k: Key) => string; lang: Lang; check: ImportReport | "running" | null }) {
  const { t, check } = p;
  if (check === null) return null;
  if (check === "running") return <p class="muted" data-testid="import-check-running">{t("import_check_running")}</p>;
  const rejected = check.rejected.length;
  // The reasons, most frequent first, in the user's language.
  const reasons = new Map<string, { n: number; text: string }>();
  for (const r of check.rejected) {
    const why = p.lang === "ja" ? r.reason_ja : r.reason;
    const key = `${r.code}\u0000${r.column}`;
    const e = reasons.get(key) ?? { n: 0, text: r.column ? `${r.column}: ${why}` : why };
    e.n += 1;
    reasons.set(key, e);
  }
  const sorted = [...reasons.values()].sort((a, b) => b.n - a.n);
  return (
    <div class={rejected > 0 ? "notes" : "hint"} data-testid="import-check">
      <p data-testid="import-check-summary">
        {t("import_check_summary")
          .replace("{rows}", formatCount(Number(check.rows_read)))
          .replace("{imported}", formatCount(Number(check.rows_imported)))
          .replace("{duplicate}", formatCount(Number(check.rows_duplicate)))
          .replace("{rejected}", formatCount(rejected))}
      </p>
      {rejected > 0 && (
        <ul data-testid="import-check-reasons">
          {sorted.slice(0, 6).map((r) => (
            <li key={r.text}>{r.text} ({formatCount(r.n)})</li>
          ))}
        </ul>
      )}
      {rejected > 0 && <p class="small">{t("import_check_after")}</p>}
    </div>
  );
}

function PreviewPanel(p: {
  t: (k: Key) => string;
  lang: Lang;
  paths: string[];
  preview: Preview;
  options: ImportOptions;
  presets: Preset[];
  onOptions: (o: ImportOptions) => void;
  onStart: () => void;
  onBack: () => void;
  onPresetSaved: () => void;
  onError: (e: unknown) => void;
}) {
  const { t, preview, options } = p;
  const byField = useMemo(() => columnOfField(preview.columns), [preview]);
  const columns = useMemo(() => distinctColumns(preview), [preview]);
  const mappedIndex = new Set([...byField.values()].map((c) => c.index));
  const [presetName, setPresetName] = useState("");
  const [saved, setSaved] = useState(false);
  const isCsv = preview.encoding !== null;
  // 「使う列だけ」: hide the columns no field reads.
  const [usedOnly, setUsedOnly] = useState(false);
  const shownColumns = usedOnly ? columns.filter((c) => mappedIndex.has(c.index)) : columns;
  // Every row of the file(s) run through the import and rolled back: what
  // the import will bring in and reject, before anything is written.
  const [check, setCheck] = useState<ImportReport | "running" | null>(null);
  useEffect(() => {
    if (preview.missing.length > 0) {
      setCheck(null);
      return;
    }
    let live = true;
    setCheck("running");
    const timer = setTimeout(() => {
      ipc
        .checkImport(p.paths, options)
        .then((r) => live && setCheck(r))
        .catch(() => live && setCheck(null));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [preview, JSON.stringify(options), p.paths.join("\n")]);

  const savePreset = async () => {
    const name = presetName.trim();
    if (!name) return;
    try {
      await ipc.saveImportPreset({
        name,
        kind: options.kind,
        columns: [...byField.entries()].map(([f, c]) => [f, c.header] as [typeof f, string]),
        builtin: false,
      });
      setSaved(true);
      p.onPresetSaved();
    } catch (e) {
      p.onError(e);
    }
  };

  return (
    <div class="panel" data-testid="import-preview">
      <div class="preview-head">
        <h2>{preview.file}{p.paths.length > 1 && ` +${p.paths.length - 1}`}</h2>
        <button type="button" onClick={p.onBack} data-testid="preview-back">{t("import_choose_other")}</button>
      </div>
      <div class="options-row">
        <label>
          {t("import_sheet")}
          <select
            data-testid="sheet-select"
            value={options.sheet.mode === "named" ? options.sheet.name : options.sheet.mode === "all" ? "\u0000all" : preview.sheet}
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              p.onOptions({ ...options, sheet: v === "\u0000all" ? { mode: "all" } : { mode: "named", name: v } });
            }}
          >
            {preview.sheets.map((s) => (
              <option key={s} value={s}>
                {preview.hidden_sheets.includes(s) ? `${s} (${t("import_hidden_sheet")})` : s}
              </option>
            ))}
            {preview.sheets.length > 1 && <option value={"\u0000all"}>{t("import_all_sheets")}</option>}
          </select>
        </label>
        {isCsv && (
          <label>
            {t("import_encoding")}
            <select
              data-testid="encoding-select"
              value={options.encoding ?? ""}
              onChange={(e) => {
                const v = (e.target as HTMLSelectElement).value;
                p.onOptions({ ...options, encoding: v === "" ? null : (v as Encoding) });
              }}
            >
              <option value="">{t("encoding_auto")} ({ENCODING_NAMES[preview.encoding ?? "utf8"]})</option>
              {(Object.keys(ENCODING_NAMES) as Encoding[]).map((e) => (
                <option key={e} value={e}>{ENCODING_NAMES[e]}</option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t("import_date_order")}
          <select
            value={options.date_order}
            onChange={(e) => p.onOptions({ ...options, date_order: (e.target as HTMLSelectElement).value as ImportOptions["date_order"] })}
          >
            <option value="year_first">{t("date_year_first")}</option>
            <option value="month_first">{t("date_month_first")}</option>
            <option value="day_first">{t("date_day_first")}</option>
          </select>
        </label>
        <label>
          {t("import_preset")}
          <select
            data-testid="preset-select"
            value={options.preset ?? ""}
            onChange={(e) => {
              const v = (e.target as HTMLSelectElement).value;
              p.onOptions({ ...options, preset: v === "" ? null : v, choices: [] });
            }}
          >
            <option value="">{t("preset_auto")}{preview.preset && !options.preset ? ` (${preview.preset})` : ""}</option>
            {p.presets.map((ps) => (
              <option key={ps.name} value={ps.name}>{ps.name}</option>
            ))}
          </select>
        </label>
      </div>

      <h3>{t("import_mapping")}</h3>
      <div class="mapping" data-testid="mapping-editor">
        {preview.fields.map((field) => {
          const col = byField.get(field);
          const missing = preview.missing.includes(field);
          return (
            <label key={field} class={missing ? "missing" : col ? "mapped" : ""}>
              <span>{fieldLabel(p.lang, field)}</span>
              <select
                data-testid={`map-${field}`}
                value={col?.letter ?? ""}
                onChange={(e) => p.onOptions(withChoice(options, field, (e.target as HTMLSelectElement).value))}
              >
                <option value="">{t("import_unmapped")}</option>
                {columns.map((c) => (
                  <option key={c.index} value={c.letter}>{c.letter}: {c.header || "—"}</option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
      {preview.missing.length > 0 && (
        <p class="warn" data-testid="missing-fields">
          {t("import_missing")}: {preview.missing.map((f) => fieldLabel(p.lang, f)).join("、")}
        </p>
      )}
      {preview.warnings.length > 0 && (
        <ul class="notes" data-testid="preview-warnings">{preview.warnings.map((w) => <li key={w}>{warningText(w, p.lang, (f) => fieldLabel(p.lang, f))}</li>)}</ul>
      )}

      <CheckSummary t={t} lang={p.lang} check={check} />
      <div class="toolbar">
        <h3>{t("import_preview_rows")} <span class="muted">({t("import_header_row")}: {preview.header_row})</span></h3>
        <label class="check">
          <input type="checkbox" checked={usedOnly} data-testid="preview-used-only" onChange={() => setUsedOnly(!usedOnly)} />
          {t("preview_used_only")}
        </label>
      </div>
      {preview.rows.some((r) => r.problem) && (
        <p class="notes" data-testid="preview-extra-cells">
          {t("preview_extra_cells_count").replace("{n}", String(preview.rows.filter((r) => r.problem).length))} {t("preview_extra_cells")}
        </p>
      )}
      <div class="table-scroll">
        <table class="grid" data-testid="preview-table">
          <thead>
            <tr>
              <th>#</th>
              {shownColumns.map((c) => (
                <th key={c.index} class={mappedIndex.has(c.index) ? "mapped" : "unmapped"}>
                  <div class="col-letter">{c.letter}</div>
                  <div>{c.header}</div>
                  <div class="col-field">{c.field ? fieldLabel(p.lang, c.field) : ""}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.row} class={r.problem ? "preview-bad-row" : ""}>
                {r.problem ? (
                  <td class="preview-bad" title={t("preview_extra_cells")} data-testid="preview-row-problem">
                    {r.row} !
                  </td>
                ) : (
                  <td class="muted">{r.row}</td>
                )}
                {shownColumns.map((c) => {
                  const cell = previewCell(r.stored[c.index], r.cells[c.index], t("preview_yes"), t("preview_no"));
                  if (cell.problem) {
                    return (
                      <td key={c.index} class="preview-bad" title={`${t("preview_rejects")}: ${cell.problem}`} data-testid="preview-problem">
                        {cell.main}
                        <div class="small">{t("preview_rejects")}</div>
                      </td>
                    );
                  }
                  return (
                    <td key={c.index} class={mappedIndex.has(c.index) ? "" : "muted"}>
                      {cell.main}
                      {cell.raw !== null && (
                        <div class="muted small" title={t("preview_raw")} data-testid="preview-raw">
                          {t("preview_raw")}: {cell.raw}
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div class="actions-row">
        <button type="button" class="primary" disabled={preview.missing.length > 0} onClick={p.onStart} data-testid="start-import">
          {t("import_start")}
        </button>
        <span class="spacer" />
        <input
          type="text"
          placeholder={t("import_preset_name")}
          value={presetName}
          onInput={(e) => { setPresetName((e.target as HTMLInputElement).value); setSaved(false); }}
        />
        <button type="button" onClick={savePreset} disabled={!presetName.trim()}>
          {saved ? t("import_preset_saved") : t("import_save_preset")}
        </button>
      </div>
    </div>
  );
}

function ReportPanel(p: { t: (k: Key) => string; lang: Lang; report: ImportReport; onAgain: () => void; onError: (e: unknown) => void }) {
  const { t, report } = p;
  const [query, setQuery] = useState("");
  const [code, setCode] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [savedCsv, setSavedCsv] = useState<string | null>(null);
  const rows = useMemo(() => filterRejections(report.rejected, query, code), [report, query, code]);
  const codes = useMemo(() => rejectionCodes(report.rejected), [report]);
  const figures: [Key, number][] = [
    ["import_rows_read", Number(report.rows_read)],
    ["import_rows_imported", Number(report.rows_imported)],
    ["import_rows_duplicate", Number(report.rows_duplicate)],
    ["import_rows_rejected", report.rejected.length],
    ["import_new_orders", Number(report.orders)],
    ["import_new_customers", Number(report.customers)],
    ["import_anonymous", Number(report.anonymous_rows)],
    ...(report.kind === "contacts" ? ([["import_new_contacts", Number(report.contacts)]] as [Key, number][]) : []),
    ...(Number(report.addresses) > 0 ? ([["import_new_addresses", Number(report.addresses)]] as [Key, number][]) : []),
    ...(Number(report.consents) > 0 ? ([["import_new_consents", Number(report.consents)]] as [Key, number][]) : []),
  ];
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(rejectionsAsTsv(rows, p.lang));
      setCopied(true);
    } catch (e) {
      p.onError(e);
    }
  };
  const saveCsv = async () => {
    const target = await chooseSavePath("rejected-rows.csv", "CSV", "csv");
    if (!target) return;
    try {
      const done = await writeAsking(target, t, async (replace) => {
        await ipc.exportRejections(target.path, rows, replace);
        return true;
      });
      if (done) setSavedCsv(target.path);
    } catch (e) {
      p.onError(e);
    }
  };
  return (
    <div class="panel" data-testid="import-report">
      <div class="preview-head">
        <h2 data-testid="import-report-title">
          {t(nothingNew(report) ? "import_already" : "import_done")}: {report.files.join(", ")}
        </h2>
        <button type="button" onClick={p.onAgain}>{t("import_choose_other")}</button>
      </div>
      {report.first_day && report.last_day && (
        <p data-testid="import-span">
          {t("import_span")
            .replace("{from}", formatDate(report.first_day, p.lang))
            .replace("{to}", formatDate(report.last_day, p.lang))
            .replace("{amount}", formatYen(report.amount))}
        </p>
      )}
      <div class="figures">
        {figures.map(([k, v]) => (
          <div class="figure" key={k} data-testid={`report-${k}`}>
            <div class="label">{t(k)}</div>
            <div class="value">{formatCount(v)}</div>
          </div>
        ))}
      </div>
      {report.warnings.length > 0 && (
        <>
          <h3>{t("warnings")}</h3>
          <ul class="notes">{report.warnings.map((w) => <li key={w}>{warningText(w, p.lang, (f) => fieldLabel(p.lang, f))}</li>)}</ul>
        </>
      )}
      {report.rejected.length > 0 && (
        <>
          <h3>{t("import_rejected_title")}</h3>
          <div class="actions-row">
            <input type="search" placeholder={t("import_filter")} value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} data-testid="rejection-filter" />
            <select value={code ?? ""} onChange={(e) => setCode((e.target as HTMLSelectElement).value || null)}>
              <option value="">{t("import_all_reasons")}</option>
              {codes.map(([c, n]) => <option key={c} value={c}>{c} ({n})</option>)}
            </select>
            <span class="spacer" />
            <button type="button" onClick={copy}>{copied ? t("import_copied") : t("import_copy")}</button>
            <button type="button" onClick={saveCsv}>{t("import_save_csv")}</button>
          </div>
          {savedCsv && <SavedNote t={t} path={savedCsv} testid="rejections-saved" onError={p.onError} />}
          <div class="table-scroll tall">
            <table class="grid" data-testid="rejection-table">
              <thead>
                <tr>
                  <th>{t("col_file")}</th><th>{t("col_sheet")}</th><th>{t("col_row")}</th>
                  <th>{t("col_column")}</th><th>{t("col_value")}</th><th>{t("col_reason")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, 2000).map((r, i) => (
                  <tr key={i}>
                    <td>{r.file}</td><td>{r.sheet}</td><td class="num">{r.row}</td>
                    <td>{r.column}</td><td>{r.value}</td><td>{p.lang === "ja" ? r.reason_ja : r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function HistoryPanel(p: { t: (k: Key) => string; history: Batch[]; onUndo: (b: Batch) => void }) {
  const { t } = p;
  // Undo asks first, in a dialog over the page (a native confirm box would
  // block the window): what the import was and what goes with it.
  const [asking, setAsking] = useState<Batch | null>(null);
  return (
    <div class="panel" data-testid="import-history">
      <h2>{t("import_history")}</h2>
      {p.history.length === 0 ? (
        <p class="muted">{t("import_no_history")}</p>
      ) : (
        <table class="grid">
          <thead>
            <tr>
              <th>#</th><th>{t("col_when")}</th><th>{t("col_kind")}</th><th>{t("col_file")}</th>
              <th>{t("import_rows_read")}</th><th>{t("import_rows_imported")}</th><th>{t("import_rows_rejected")}</th>
              <th>{t("import_new_orders")}</th><th />
            </tr>
          </thead>
          <tbody>
            {p.history.map((b) => (
              <tr key={b.id} class={b.undone_at ? "undone" : ""}>
                <td class="num">{b.id}</td>
                <td>{b.imported_at.replace("T", " ")}</td>
                <td>{b.kind === "demo" ? "demo" : t(`kind_${b.kind}` as Key)}</td>
                <td>{b.source_name}</td>
                <td class="num">{formatCount(b.rows_read)}</td>
                <td class="num">{formatCount(b.rows_imported)}</td>
                <td class="num">{formatCount(b.rows_rejected)}</td>
                <td class="num">{formatCount(b.orders_added)}</td>
                <td class="undo-cell">
                  {b.undone_at ? (
                    <span class="muted">{t("import_undone")}</span>
                  ) : (
                    <button type="button" onClick={() => setAsking(b)} data-testid={`undo-${b.id}`}>{t("import_undo")}</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {asking && (
        <UndoDialog
          t={t}
          batch={asking}
          onCancel={() => setAsking(null)}
          onUndo={() => {
            const b = asking;
            setAsking(null);
            p.onUndo(b);
          }}
        />
      )}
    </div>
  );
}

/** The undo confirmation: a modal dialog, Esc or a click outside cancels. */
function UndoDialog(p: { t: (k: Key) => string; batch: Batch; onCancel: () => void; onUndo: () => void }) {
  const { t, batch: b } = p;
  const box = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useDismiss(true, box, p.onCancel);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div class="modal-backdrop">
      <div class="modal" role="dialog" aria-modal="true" aria-labelledby="undo-title" ref={box} data-testid="undo-dialog">
        <h2 id="undo-title">{t("import_undo_title")}</h2>
        <p>
          {t("import_undo_what")
            .replace("{file}", b.source_name)
            .replace("{when}", b.imported_at.replace("T", " "))}
        </p>
        <p>
          {t("import_undo_effect")
            .replace("{rows}", formatCount(b.rows_imported))
            .replace("{orders}", formatCount(b.orders_added))}
        </p>
        <div class="actions-row">
          <button type="button" class="danger" onClick={p.onUndo} data-testid={`confirm-undo-${b.id}`}>{t("import_undo")}</button>
          <button type="button" ref={cancel} onClick={p.onCancel} data-testid="undo-cancel">{t("cancel")}</button>
        </div>
      </div>
    </div>
  );
}
