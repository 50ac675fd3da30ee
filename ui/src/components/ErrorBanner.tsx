import type { Key, Lang } from "../i18n";
import { errorDetail, errorText } from "../ipc";

/** An error in the UI's language, with the Rust side's English detail on hover. */
export function ErrorBanner(props: { t: (k: Key) => string; lang: Lang; error: unknown; onDismiss: () => void }) {
  const detail = errorDetail(props.error);
  return (
    <div class="error-banner" role="alert" data-testid="error">
      <strong>{props.t("errorTitle")}</strong>
      <span data-testid="error-message" title={detail ?? undefined}>{errorText(props.error, props.lang)}</span>
      <button type="button" onClick={props.onDismiss}>
        {props.t("dismiss")}
      </button>
    </div>
  );
}
