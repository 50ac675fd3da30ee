// 「CSVで保存」 for any list of customers on screen: the whole list (not only
// the rows shown), written by the Rust side's one CSV writer (no formulas,
// never over a workspace or a workbook), masked when masking is on.
import { useState } from "preact/hooks";
import { ipc, type PeopleList } from "../ipc";
import type { Key, Lang } from "../i18n";
import { formatCount } from "../i18n";
import { chooseSavePath, writeAsking } from "./saveFile";
import { SavedNote } from "./Saved";

export function PeopleCsvButton(p: {
  t: (k: Key) => string;
  lang: Lang;
  asOf: string | null;
  maskPii: boolean;
  list: PeopleList;
  /** The file name offered, without `.csv`. */
  fileName: string;
  testid: string;
  onError: (e: unknown) => void;
}) {
  const { t } = p;
  const [saved, setSaved] = useState<{ path: string; rows: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const onSave = async () => {
    const target = await chooseSavePath(`${p.fileName}.csv`, "CSV", "csv");
    if (!target) return;
    setBusy(true);
    try {
      const r = await writeAsking(target, t, (replace) => ipc.savePeople(target.path, p.list, p.asOf || null, p.maskPii, replace, p.lang));
      if (r) setSaved({ path: target.path, rows: r.rows });
    } catch (e) {
      p.onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="people-csv">
      <button type="button" disabled={busy} onClick={() => void onSave()} data-testid={p.testid}>
        {t(p.maskPii ? "people_csv_masked" : "people_csv")}
      </button>
      {saved && (
        <SavedNote t={t} path={saved.path} testid={`${p.testid}-saved`} onError={p.onError}>
          {" "}· {t("people_csv_rows").replace("{n}", formatCount(saved.rows))}
        </SavedNote>
      )}
    </span>
  );
}
