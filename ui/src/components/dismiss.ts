// Closing what floats over the page (a menu, a dialog) the way desktop apps
// do: Esc, or a click outside it.
import { useLayoutEffect, type MutableRef } from "preact/hooks";

/** Calls `close` on Esc or on a pointer press outside `ref`, while `open`. */
export function useDismiss(open: boolean, ref: MutableRef<HTMLElement | null>, close: () => void): void {
  // Attached with the DOM it guards (not after paint), so the first key or
  // click after it appears is already heard.
  useLayoutEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        close();
      }
    };
    const onPointer = (e: Event) => {
      if (ref.current && !ref.current.contains(e.target as Node)) close();
    };
    window.addEventListener("keydown", onKey, true);
    window.addEventListener("mousedown", onPointer, true);
    return () => {
      window.removeEventListener("keydown", onKey, true);
      window.removeEventListener("mousedown", onPointer, true);
    };
  }, [open]);
}
