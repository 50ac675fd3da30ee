// The one module that talks to the Rust side. The commands, their arguments
// and their results are generated from the Rust command list (commands.ts)
// and types (bindings.ts); errors arrive as IpcError { code, file, message }
// and are worded here by code, in the UI's language.
import type { IpcError } from "./bindings";
import { commands } from "./commands";
import { fill, domainText } from "../i18n/words";
import type { Lang } from "../i18n";

export type * from "./bindings";

export const ipc = commands;

export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** What to show for any thrown value, in the UI's language: an error of the
 *  Rust side by its code (never its English detail), else the text as it is. */
export function errorText(e: unknown, lang: Lang): string {
  if (isIpcError(e)) return fill(lang, domainText(lang, `error.${e.code}`), { file: e.file ?? "" });
  if (e instanceof Error) return e.message;
  return String(e);
}

/** The English detail of an error of the Rust side, for a closer look. */
export function errorDetail(e: unknown): string | null {
  return isIpcError(e) ? e.message : null;
}
