// 効果測定: each campaign against its control group, with the uplift
// intervals drawn by the app's own chart code and the verdict in words.

import { PeopleCsvButton } from "../../components/PeopleCsv";
import { useEffect, useRef, useState } from "preact/hooks";
import { ipc, type CampaignEffect, type EffectCustomer, type EffectView, type KpiNote, type OutcomeEffect } from "../../ipc";
import { DateField } from "../../components/DateField";
import { formatCount, formatPercent, formatYen, type Key, type Lang } from "../../i18n";
import { labelOf } from "../../i18n/words";
import { formatDate } from "../../components/date";
import { markReady } from "../../perf";

type Props = {
  t: (k: Key) => string;
  lang: Lang;
  asOf: string | null;
  generation: number;
  maskPii: boolean;
  onError: (e: unknown) => void;
  onOpenCustomer: (key: string) => void;
  onChanged: () => void;
};

/** 施策メモ: dated notes of what the shop started, numbered as the KPI charts mark them. */
function Notes(p: Props) {
  const { t, lang } = p;
  const [notes, setNotes] = useState<KpiNote[] | null>(null);
  const [day, setDay] = useState("");
  const [text, setText] = useState("");
  useEffect(() => {
    ipc.kpiNotes(p.asOf, p.maskPii).then(setNotes).catch(p.onError);
  }, [p.generation, p.maskPii, p.asOf]);
  const save = async (next: KpiNote[]) => {
    try {
      setNotes(await ipc.saveKpiNotes(next));
      p.onChanged();
    } catch (e) {
      p.onError(e);
    }
  };
  if (!notes) return null;
  return (
    <div class="panel" data-testid="kpi-notes">
      <h2>{t("notes_title")}</h2>
      <p class="hint">{t("notes_hint")}</p>
      {notes.length > 0 && (
        <ol class="notes" data-testid="kpi-note-list">
          {notes.map((n, i) => (
            <li key={`${n.day}|${i}`} data-testid="kpi-note">
              <span class="num muted">{formatDate(n.day, lang)}</span> {n.text}{" "}
              {!p.maskPii && (
                <button type="button" class="link-btn" aria-label={t("notes_delete")} onClick={() => void save(notes.filter((_, j) => j !== i))}>
                  {t("notes_delete")}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {p.maskPii ? (
        <p class="muted small" data-testid="kpi-notes-masked">{t("notes_masked")}</p>
      ) : (
      <div class="options-row">
        <DateField lang={lang} value={day} optional data-testid="kpi-note-day" aria-label={t("notes_day")} onChange={setDay} />
        <input type="text" value={text} maxLength={200} placeholder={t("notes_placeholder")} data-testid="kpi-note-text" onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        <button
          type="button"
          class="primary"
          disabled={!day || !text.trim()}
          data-testid="kpi-note-add"
          onClick={() => {
            void save([...notes, { day, text: text.trim() }]);
            setText("");
          }}
        >
          {t("notes_add")}
        </button>
      </div>
      )}
    </div>
  );
}

/** A campaign's customers: who was reached or held out, and what each did. */
function Customers(p: Props & { campaign: string; window: number }) {
  const { t, lang } = p;
  const [rows, setRows] = useState<EffectCustomer[] | null>(null);
  useEffect(() => {
    let live = true;
    ipc
      .effectCustomers(p.asOf, p.window, p.campaign, p.maskPii)
      .then((r) => live && setRows(r))
      .catch(p.onError);
    return () => {
      live = false;
    };
  }, [p.campaign, p.window, p.asOf, p.maskPii]);
  if (!rows) return <p class="placeholder">{t("loading")}</p>;
  const yes = (b: boolean) => (b ? "●" : "");
  return (
    <div class="table-scroll" data-testid="effect-customers">
      <div class="toolbar">
        <span />
        <PeopleCsvButton t={t} lang={lang} asOf={p.asOf} maskPii={p.maskPii} list={{ kind: "effect", campaign: p.campaign, window_days: p.window }} fileName={`${t("file_effect")}-${p.campaign}`} testid="effect-customers-csv" onError={p.onError} />
      </div>
      <table class="grid">
        <thead>
          <tr>
            <th>{t("customer")}</th><th>{t("effect_group")}</th><th>{t("effect_contacted_on")}</th>
            <th>{labelOf(lang, "outcome", "purchase")}</th><th class="num">{labelOf(lang, "outcome", "revenue")}</th>
            <th>{labelOf(lang, "outcome", "stage_up")}</th><th>{labelOf(lang, "outcome", "referral")}</th><th>{labelOf(lang, "outcome", "promoter")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 500).map((r) => (
            <tr key={r.customer_key} data-testid="effect-customer">
              <td><button type="button" class="link-btn" onClick={() => p.onOpenCustomer(r.customer_key)}>{r.name ?? r.display_key}</button></td>
              <td>{r.control ? t("effect_control") : t("effect_treated")}</td>
              <td class="num">{formatDate(r.contacted_on, lang)}</td>
              <td>{yes(r.purchased)}</td>
              <td class="num">{formatYen(r.revenue)}</td>
              <td>{yes(r.stage_up)}</td>
              <td>{yes(r.referred)}</td>
              <td>{yes(r.promoter)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > 500 && <p class="muted small">{t("effect_first_500").replace("{n}", formatCount(rows.length))}</p>}
    </div>
  );
}

const WINDOWS = [30, 60, 90];
const OUTCOMES = ["purchase", "revenue", "stage_up", "referral", "promoter"] as const;

/** A signed difference in points (rates) or yen (revenue). */
function diff(v: number | null, money: boolean): string {
  if (v === null) return "–";
  if (!money && Math.abs(v) < 0.0005) return "±0.0pt";
  if (money && Math.abs(v) < 0.5) return "±¥0";
  if (money) return `${v >= 0 ? "+" : "−"}${formatYen(Math.abs(v))}`;
  return `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)}pt`;
}

/** The purchase outcome in one plain sentence. */
export function verdictSentence(c: CampaignEffect, o: OutcomeEffect, lang: Lang, t: (k: Key) => string): string {
  const verdict = labelOf(lang, "verdict", o.verdict);
  if (o.treated_rate === null || o.control_rate === null) return verdict;
  return t("effect_sentence")
    .replace("{t}", formatPercent(o.treated_rate))
    .replace("{c}", formatPercent(o.control_rate))
    .replace("{d}", diff(o.uplift, false))
    .replace("{lo}", diff(o.ci_low, false))
    .replace("{hi}", diff(o.ci_high, false))
    .replace("{verdict}", verdict)
    .replace("{n}", formatCount(c.treated))
    .replace("{m}", formatCount(c.control));
}

/** A campaign's chart: given with the view (the first few), or asked for
 * when it scrolls near the window. */
function LazySvg(p: { svg: string; load: () => Promise<string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const [svg, setSvg] = useState(p.svg);
  useEffect(() => {
    if (svg || !ref.current) return;
    let live = true;
    const seen = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        seen.disconnect();
        p.load().then((s) => live && setSvg(s)).catch(() => undefined);
      },
      { rootMargin: "400px" },
    );
    seen.observe(ref.current);
    return () => {
      live = false;
      seen.disconnect();
    };
  }, [svg]);
  return svg ? (
    <div class="chart" data-testid="effect-chart" dangerouslySetInnerHTML={{ __html: svg }} />
  ) : (
    <div class="chart pending" data-testid="effect-chart" ref={ref} />
  );
}

/** The window the screen opens with (domain.md §7: W = 60). */
const DEFAULT_WINDOW = 60;

/** Has the workspace measure the default window once the analysis is built,
 * so that the screen's first visit is answered from what it kept. */
export async function prefetchEffect(asOf: string | null, lang: Lang): Promise<void> {
  await ipc.effectView(asOf, DEFAULT_WINDOW, lang);
}

export function EffectScreen(p: Props) {
  const { t, lang } = p;
  const [window, setWindow] = useState(DEFAULT_WINDOW);
  const [view, setView] = useState<EffectView | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    ipc
      .effectView(p.asOf, window, lang)
      .then((v) => {
        if (!live) return;
        setView(v);
        markReady("effect");
      })
      .catch(p.onError);
    return () => {
      live = false;
    };
  }, [p.asOf, window, lang, p.generation]);
  if (!view) return <p class="placeholder">{t("loading")}</p>;
  const r = view.report;
  return (
    <section data-testid="effect-screen">
      <div class="toolbar">
        <h1>{t("nav_effect")}</h1>
        <label class="as-of">
          {t("effect_window")}{" "}
          <select value={window} data-testid="effect-window" onChange={(e) => setWindow(Number((e.target as HTMLSelectElement).value))}>
            {WINDOWS.map((w) => (
              <option value={w} key={w}>{w}{t("days")}</option>
            ))}
          </select>
        </label>
      </div>
      <p class="hint">{t("effect_hint")}</p>
      <Notes {...p} />
      {r.campaigns.length === 0 ? (
        <div class="empty" data-testid="effect-empty">
          <h2>{t("effect_empty_title")}</h2>
          <p>{t("effect_empty_body")}</p>
        </div>
      ) : (
        r.campaigns.map((c, i) => (
          <div class="panel" key={c.campaign} data-testid="effect-campaign">
            <div class="toolbar">
              <h2>{c.campaign.startsWith("plan:") ? `${t("effect_plan_step")}: ${labelOf(lang, "action", c.campaign.slice(5))}` : c.campaign}</h2>
              <span class={`badge pill ${c.method === "observational" ? "warn" : ""}`} data-testid="effect-method">{labelOf(lang, "method", c.method)}</span>
            </div>
            <p class="muted small">
              {formatDate(c.first_contact, lang)}
              {c.last_contact !== c.first_contact && ` – ${formatDate(c.last_contact, lang)}`} · {t("effect_treated")} {formatCount(c.treated)} · {t("effect_control")} {formatCount(c.control)} · {t("effect_window")} {c.window_days}{t("days")}
            </p>
            <p class={`verdict v-${c.outcomes.purchase.verdict}`} data-testid="effect-verdict">{verdictSentence(c, c.outcomes.purchase, lang, t)}</p>
            <div class="two">
              <LazySvg key={`${c.campaign}|${window}|${lang}`} svg={view.charts[i] ?? ""} load={() => ipc.effectChart(p.asOf, window, c.campaign, lang)} />
              <table class="grid" data-testid="effect-outcomes">
                <thead>
                  <tr><th></th><th class="num">{t("effect_treated")}</th><th class="num">{t("effect_control")}</th><th class="num">{t("effect_uplift")}</th><th>{t("effect_verdict")}</th></tr>
                </thead>
                <tbody>
                  {OUTCOMES.map((id) => {
                    const o = c.outcomes[id];
                    const money = id === "revenue";
                    const val = (v: number | null) => (v === null ? "–" : money ? formatYen(v) : formatPercent(v));
                    return (
                      <tr key={id}>
                        <th>{labelOf(lang, "outcome", id)}</th>
                        <td class="num">{val(o.treated_rate)}</td>
                        <td class="num">{val(o.control_rate)}</td>
                        <td class="num" title={o.detectable === null ? "" : `${t("effect_detectable")} ${diff(o.detectable, money)}`}>
                          {diff(o.uplift, money)}
                          {o.ci_low !== null && o.ci_high !== null && <span class="muted small"> [{diff(o.ci_low, money)}, {diff(o.ci_high, money)}]</span>}
                        </td>
                        <td>{labelOf(lang, "verdict", o.verdict)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {c.outcomes.purchase.detectable !== null && (
              <p class="muted small">{t("effect_detectable_note").replace("{d}", diff(c.outcomes.purchase.detectable, false))}</p>
            )}
            <button type="button" data-testid="effect-open-customers" onClick={() => setOpen(open === c.campaign ? null : c.campaign)}>
              {open === c.campaign ? t("effect_hide_customers") : t("effect_show_customers")}
            </button>
            {open === c.campaign && <Customers {...p} campaign={c.campaign} window={window} />}
          </div>
        ))
      )}
    </section>
  );
}
