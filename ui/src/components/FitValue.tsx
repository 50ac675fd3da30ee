import { useLayoutEffect, useRef, useState } from "preact/hooks";

let canvas: HTMLCanvasElement | null = null;

/** The width of `text` in the element's font, as the page would lay it out. */
function textWidth(style: CSSStyleDeclaration, text: string): number {
  canvas ??= document.createElement("canvas");
  const ctx = canvas.getContext("2d");
  if (!ctx) return 0;
  ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const spacing = parseFloat(style.letterSpacing) || 0;
  return ctx.measureText(text).width + spacing * [...text].length;
}

/**
 * A card's figure (`.card .value`) that never runs out of its card: the full
 * figure while it fits on one line, else the short one (¥5,254万) with the
 * full figure as its tooltip, and only if even that is too wide, in a smaller
 * type. Measured again whenever the card or its type changes size
 * (presentation mode, a narrower window).
 */
export function FitValue(p: { full: string; short?: string; testid?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [useShort, setUseShort] = useState(false);
  const short = p.short !== undefined && p.short !== p.full ? p.short : undefined;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => {
      // The stylesheet's size first, then what fits in it.
      el.style.fontSize = "";
      const style = getComputedStyle(el);
      const room = el.clientWidth;
      if (room <= 0) return;
      const full = textWidth(style, p.full);
      const shown = full <= room || short === undefined ? full : textWidth(style, short);
      setUseShort(full > room && short !== undefined);
      if (shown > room) {
        const size = parseFloat(style.fontSize);
        el.style.fontSize = `${Math.floor((size * room) / shown)}px`;
      }
    };
    check();
    void document.fonts?.ready.then(check);
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [p.full, short]);
  const compact = useShort && short !== undefined;
  return (
    <div ref={ref} class="value fit" title={compact ? p.full : undefined} data-testid={p.testid}>
      {compact ? short : p.full}
    </div>
  );
}
