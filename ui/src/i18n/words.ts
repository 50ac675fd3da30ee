// The domain's words from the one label table (domain.ts, generated from
// src-tauri/core/src/labels.rs): the labels of ids, and the sentences that
// explain a figure, filled by the same rules as the Rust side's `fill`:
// `{name}` a field (a number, a text, or a {ja, en} text of the shop's data),
// `{name|yen}` an amount, `{name|int}` a rounded number, and
// `{name|stage_reason}` the sentence of a nested stage reason.
import type { ActionReason, StageHold, StageReason } from "../ipc/bindings";
import { DOMAIN_LABELS } from "./domain";
import type { Lang } from ".";

/** The words of an id (`stage.observer`, …); the id itself when unknown. */
export function domainText(lang: Lang, id: string): string {
  const pair = DOMAIN_LABELS[id];
  if (!pair) return id;
  return lang === "ja" ? pair[0] : pair[1];
}

/** The label of `group.id`. */
export function labelOf(lang: Lang, group: string, id: string): string {
  return domainText(lang, `${group}.${id}`);
}

const GROUPED = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** ¥12,800, as `format::yen` writes it. */
function yen(v: number): string {
  const n = Math.round(v);
  return `${n < 0 ? "-" : ""}¥${GROUPED.format(Math.abs(n))}`;
}

function param(lang: Lang, v: unknown, filter: string): string {
  if (filter === "yen") return yen(Number(v ?? 0));
  if (filter === "int") return String(Math.round(Number(v ?? 0)));
  if (filter === "stage_reason") return sentence(lang, "stage_reason", "rule", v as Record<string, unknown>);
  if (v === null || v === undefined) return "";
  if (typeof v === "object") {
    const t = (v as Record<string, unknown>)[lang];
    return typeof t === "string" ? t : "";
  }
  return String(v);
}

/** Fills a template from the fields of `params`. */
export function fill(lang: Lang, template: string, params: Record<string, unknown>): string {
  return template.replace(/\{([^}|]*)(?:\|([^}]*))?\}/g, (_, name: string, filter?: string) => param(lang, params[name], filter ?? ""));
}

/** The sentence of a value tagged by `tag` (template `{group}.{tag value}`). */
export function sentence(lang: Lang, group: string, tag: string, value: Record<string, unknown>): string {
  return fill(lang, domainText(lang, `${group}.${String(value[tag] ?? "")}`), value);
}

export const stageReasonText = (r: StageReason, lang: Lang) => sentence(lang, "stage_reason", "rule", r as unknown as Record<string, unknown>);
export const stageHoldText = (h: StageHold, lang: Lang) => sentence(lang, "stage_hold", "note", h as unknown as Record<string, unknown>);
export const actionReasonText = (r: ActionReason, lang: Lang) => sentence(lang, "action_reason", "reason", r as unknown as Record<string, unknown>);
