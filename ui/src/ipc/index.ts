// The one module that talks to the Rust side. Every command is typed with
// the generated bindings; errors arrive as IpcError { code, message }.
import { invoke } from "@tauri-apps/api/core";
import type { Dashboard, IpcError, Profile } from "./bindings";

export type { Dashboard, IpcError, Profile } from "./bindings";

export function isIpcError(e: unknown): e is IpcError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** A message to show for any thrown value, never a raw stack. */
export function errorMessage(e: unknown): string {
  if (isIpcError(e)) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

export const ipc = {
  startup: (lang: string) => invoke<Dashboard>("startup", { lang }),
  dashboard: (asOf: string | null, lang: string) => invoke<Dashboard>("dashboard", { asOf, lang }),
  openWorkspace: (path: string, lang: string) => invoke<Dashboard>("open_workspace", { path, lang }),
  createWorkspace: (path: string, name: string, lang: string) =>
    invoke<Dashboard>("create_workspace", { path, name, lang }),
  profile: () => invoke<Profile>("profile"),
  setLanguage: (language: string) => invoke<Profile>("set_language", { language }),
};
