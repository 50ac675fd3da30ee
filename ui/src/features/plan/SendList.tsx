// 送付リスト: a list the shop sends with (a mail tool's upload, an address
// list for 筆まめ / 筆王 / 宛名職人 / Word, Shopify's customer CSV, or paper:
// address labels and お礼状 postcards as PDF) of the
// customers the plan's filter or selection names. The counts come first
// (included, declined, unreachable, held out), then the save dialog; the
// list can be recorded as sent with its holdout for 効果測定.

import { SavedNote } from "../../components/Saved";
import { useEffect, useState } from "preact/hooks";
import { ipc, type CampaignTarget, type CsvEncoding, type ListFormat, type ListReport, type ListRequest } from "../../ipc";
import { chooseSavePath, writeAsking } from "../../components/saveFile";
import { formatCount, formatPercent, type Key, type Lang } from "../../i18n";

type Props = {
  t: (k: Key) => string;
  lang: Lang;
  asOf: string;
  target: CampaignTarget;
  /** Masking is on: the file still holds real names and addresses (it is for sending). */
  maskPii?: boolean;
  onError: (e: unknown) => void;
  onChanged: () => void;
  onClose: () => void;
};

const FORMATS: ListFormat[] = ["mail", "address", "shopify", "labels", "postcards"];

/** Labels and postcards are PDFs to print, not CSV lists. */
export const isPaper = (f: ListFormat) => f === "labels" || f === "postcards";

/** The file name the save dialog suggests, and its type. */
export function listFile(f: ListFormat, t: (k: Key) => string): { name: string; filter: string; ext: string } {
  if (f === "labels") return { name: `${t("send_labels_file_name")}.pdf`, filter: "PDF", ext: "pdf" };
  if (f === "postcards") return { name: `${t("send_postcards_file_name")}.pdf`, filter: "PDF", ext: "pdf" };
  return { name: `${t("send_list_file_name")}.csv`, filter: "CSV", ext: "csv" };
}

/** The campaign name and the holdout share of a list recorded as sent. */
export function RecordFields(p: {
  t: (k: Key) => string;
  campaign: string;
  holdout: number;
  testid: string;
  onCampaign: (v: string) => void;
  onHoldout: (v: number) => void;
}) {
  return (
    <>
      <label>
        {p.t("send_campaign")}
        <input type="text" value={p.campaign} maxLength={100} data-testid={`${p.testid}-name`} onInput={(e) => p.onCampaign((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        {p.t("send_holdout")}
        <select value={String(p.holdout)} data-testid={`${p.testid}-holdout`} onChange={(e) => p.onHoldout(Number((e.target as HTMLSelectElement).value))}>
          {[0, 0.05, 0.1, 0.2, 0.3, 0.5].map((h) => (
            <option value={String(h)} key={h}>{formatPercent(h)}</option>
          ))}
        </select>
      </label>
    </>
  );
}

/** The words of a report: who is in, who was left out and why. */
export function listSummary(r: ListReport, t: (k: Key) => string): string {
  const parts = [t("send_list_included").replace("{n}", formatCount(r.included))];
  const out: string[] = [];
  if (r.excluded.declined > 0) out.push(t("send_list_declined").replace("{n}", formatCount(r.excluded.declined)));
  if (r.excluded.no_email > 0) out.push(t("send_list_no_email").replace("{n}", formatCount(r.excluded.no_email)));
  if (r.excluded.no_address > 0) out.push(t("send_list_no_address").replace("{n}", formatCount(r.excluded.no_address)));
  if (r.excluded.marketplace > 0) out.push(t("send_list_marketplace").replace("{n}", formatCount(r.excluded.marketplace)));
  if (out.length > 0) parts.push(`${t("send_list_excluded")}: ${out.join(", ")}`);
  if (r.held_out > 0) parts.push(t("send_list_held").replace("{n}", formatCount(r.held_out)));
  return parts.join(" · ");
}

export function SendListPanel(p: Props) {
  const { t } = p;
  const [format, setFormat] = useState<ListFormat>("mail");
  const [encoding, setEncoding] = useState<CsvEncoding>("utf8");
  const [record, setRecord] = useState(false);
  const [campaign, setCampaign] = useState("");
  const [holdout, setHoldout] = useState(0.1);
  const [preview, setPreview] = useState<ListReport | null>(null);
  const [saved, setSaved] = useState<{ path: string; report: ListReport } | null>(null);

  const request = (): ListRequest => ({
    format,
    target: p.target,
    step: null,
    holdout: record ? holdout : 0,
    record: record && campaign.trim() ? campaign.trim() : null,
    date: null,
    encoding,
  });

  // The counts before saving, again whenever the choices change.
  useEffect(() => {
    let live = true;
    setSaved(null);
    ipc
      .previewList(request(), p.asOf || null, p.lang)
      .then((r) => live && setPreview(r))
      .catch((e) => live && p.onError(e));
    return () => {
      live = false;
    };
  }, [format, record, campaign, holdout, JSON.stringify(p.target), p.asOf]);

  const onSave = async () => {
    const file = listFile(format, t);
    const target = await chooseSavePath(file.name, file.filter, file.ext);
    if (!target) return;
    try {
      const req = request();
      const report = await writeAsking(target, t, (replace) => ipc.saveList(target.path, req, replace, p.asOf || null, p.lang));
      if (report) {
        setSaved({ path: target.path, report });
        if (req.record) p.onChanged();
      }
    } catch (e) {
      p.onError(e);
    }
  };

  return (
    <div class="panel send-list" data-testid="send-list">
      <div class="toolbar">
        <h2>{t("send_list_title")}</h2>
        <button type="button" onClick={p.onClose} aria-label={t("close")} data-testid="send-list-close">×</button>
      </div>
      <p class="hint">{t("send_list_hint")}</p>
      <div class="options-row">
        <label>
          {t("send_list_format")}
          <select value={format} data-testid="send-list-format" onChange={(e) => setFormat((e.target as HTMLSelectElement).value as ListFormat)}>
            {FORMATS.map((f) => (
              <option value={f} key={f}>{t(`send_format_${f}` as Key)}</option>
            ))}
          </select>
        </label>
        {!isPaper(format) && (
          <label>
            {t("send_list_encoding")}
            <select value={encoding} onChange={(e) => setEncoding((e.target as HTMLSelectElement).value as CsvEncoding)}>
              <option value="utf8">UTF-8</option>
              <option value="shift_jis">Shift_JIS</option>
            </select>
          </label>
        )}
        <label class="check">
          <input type="checkbox" checked={record} data-testid="send-list-record" onChange={() => setRecord(!record)} />
          {t("send_record")}
        </label>
        {record && <RecordFields t={t} campaign={campaign} holdout={holdout} testid="send-list-campaign" onCampaign={setCampaign} onHoldout={setHoldout} />}
      </div>
      {preview && <p data-testid="send-list-preview">{listSummary(preview, t)}</p>}
      {p.maskPii && <p class="notes" data-testid="send-list-pii">{t("send_list_pii_note")}</p>}
      {format === "shopify" && <p class="notes">{t("send_list_shopify_warning")}</p>}
      {format === "labels" && <p class="notes">{t("send_list_labels_hint")}</p>}
      {format === "postcards" && <p class="notes">{t("send_list_postcards_hint")}</p>}
      <div class="actions-row">
        <button
          type="button"
          class="primary"
          data-testid="send-list-save"
          disabled={!preview || preview.included === 0 || (record && !campaign.trim())}
          onClick={() => void onSave()}
        >
          {t(record ? "send_list_save_record" : "send_list_save")}
        </button>
        {saved && (
          <SavedNote t={t} path={saved.path} testid="send-list-saved" onError={p.onError}>
            {" "}· {listSummary(saved.report, t)}
            {saved.report.campaign !== null && ` · ${t("send_list_recorded").replace("{campaign}", saved.report.campaign)}`}
          </SavedNote>
        )}
      </div>
    </div>
  );
}
