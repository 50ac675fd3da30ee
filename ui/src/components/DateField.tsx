// A date as the UI's language writes it (2026/12/01 in Japanese, 2026-12-01 in
// English), typed as text. The native date input shows the webview's locale
// (US order under WebKitGTK) whatever the UI language, so it is not used.
//
// Typing is committed on Enter, blur and `change`; Escape goes back to the
// last committed day. ↑↓ move a day, Shift+↑↓ and PageUp/PageDown a month,
// committed at once and kept within min/max. An entry that is not a day or is
// out of range is not committed: the field is marked and `title` says why.
import { useEffect, useRef, useState } from "preact/hooks";
import { translate, type Key, type Lang } from "../i18n";
import { clampDate, formatDate, isIso, keyStep, parseDate, readEntry, stepDate, todayIso, type DateEntry } from "./date";

interface Props {
  /** The committed day as `YYYY-MM-DD`, or "" for none. */
  value: string;
  /** Called with a valid `YYYY-MM-DD` that differs from the last one ("" when an optional field is emptied). */
  onChange: (iso: string) => void;
  lang: Lang;
  /** Earliest and latest allowed days, `YYYY-MM-DD`. */
  min?: string | undefined;
  max?: string | undefined;
  /** The field may be emptied (committed as ""). */
  optional?: boolean;
  id?: string;
  class?: string;
  "aria-label"?: string;
  "data-testid"?: string;
}

export function DateField(p: Props) {
  const { lang, min, max } = p;
  const t = (k: Key) => translate(lang, k);
  const [text, setText] = useState(() => formatDate(p.value, lang));
  const [error, setError] = useState<string | null>(null);
  // The last day handed to onChange (or given by the parent).
  const committed = useRef(p.value);

  useEffect(() => {
    committed.current = p.value;
    setText(formatDate(p.value, lang));
    setError(null);
  }, [p.value, lang]);

  const message = (e: Exclude<DateEntry, { iso: string }>["error"]): string => {
    switch (e) {
      case "required":
        return t("date_required");
      case "format":
        return t("date_invalid");
      case "below":
        return t("date_before_min").replace("{date}", formatDate(min ?? "", lang));
      case "above":
        return t("date_after_max").replace("{date}", formatDate(max ?? "", lang));
    }
  };

  const accept = (el: HTMLInputElement, iso: string) => {
    const shown = formatDate(iso, lang);
    setText(shown);
    setError(null);
    // The DOM may hold text the state never saw (a value set by script).
    if (el.value !== shown) el.value = shown;
    if (iso !== committed.current) {
      committed.current = iso;
      p.onChange(iso);
    }
  };

  const commit = (el: HTMLInputElement) => {
    // Untouched: nothing to commit, and nothing to complain about.
    if (el.value === formatDate(committed.current, lang)) {
      setError(null);
      return;
    }
    const entry = readEntry(el.value, min, max, p.optional);
    if ("iso" in entry) {
      accept(el, entry.iso);
    } else {
      setText(el.value);
      setError(message(entry.error));
    }
  };

  const revert = (el: HTMLInputElement) => {
    const shown = formatDate(committed.current, lang);
    setText(shown);
    setError(null);
    el.value = shown;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const el = e.currentTarget as HTMLInputElement;
    // Enter that confirms an IME conversion (年, 月, 日) is not a commit.
    if (e.isComposing || e.keyCode === 229) return;
    if (e.key === "Enter") {
      e.preventDefault();
      commit(el);
      return;
    }
    if (e.key === "Escape") {
      // Only swallowed when there is something to undo, so Esc still
      // leaves presentation mode or a detail page otherwise.
      if (error !== null || el.value !== formatDate(committed.current, lang)) {
        e.preventDefault();
        e.stopPropagation();
        revert(el);
      }
      return;
    }
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const step = keyStep(e.key, e.shiftKey);
    if (!step) return;
    e.preventDefault();
    const base = parseDate(el.value) ?? (isIso(committed.current) ? committed.current : null);
    accept(el, base ? stepDate(base, step, min, max) : clampDate(todayIso(), min, max));
  };

  const onInput = (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value;
    setText(value);
    // Not marked while typing, but a mark already shown follows the text.
    if (error !== null) {
      const entry = readEntry(value, min, max, p.optional);
      setError("error" in entry ? message(entry.error) : null);
    }
  };

  return (
    <input
      type="text"
      id={p.id}
      class={`date-field${error !== null ? " invalid" : ""}${p.class ? ` ${p.class}` : ""}`}
      value={text}
      placeholder={t("date_placeholder")}
      title={error ?? t("date_hint")}
      aria-label={p["aria-label"]}
      aria-invalid={error !== null ? "true" : undefined}
      data-testid={p["data-testid"]}
      autocomplete="off"
      spellcheck={false}
      onInput={onInput}
      onChange={(e) => commit(e.currentTarget as HTMLInputElement)}
      onBlur={(e) => commit(e.currentTarget as HTMLInputElement)}
      onKeyDown={onKeyDown}
    />
  );
}
