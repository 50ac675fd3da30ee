import type { Lang } from "../i18n";
import { label, type Pairs } from "../i18n/labels";
import { toggle } from "./toggle";

/** A row of toggle chips, one per id; the chosen ids are `value`. */
export function Chips<T extends string>(p: { ids: T[]; labels: Pairs<T>; lang: Lang; value: T[]; onChange: (v: T[]) => void; testid: string }) {
  return (
    <div class="chips" data-testid={p.testid}>
      {p.ids.map((id) => (
        <button type="button" key={id} class={p.value.includes(id) ? "on" : ""} aria-pressed={p.value.includes(id)} data-testid={`${p.testid}-${id}`} onClick={() => p.onChange(toggle(p.value, id))}>
          {label(p.labels, id, p.lang)}
        </button>
      ))}
    </div>
  );
}
