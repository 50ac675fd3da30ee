import type { Key } from "../i18n";

export function ErrorBanner(props: { t: (k: Key) => string; message: string; onDismiss: () => void }) {
  return (
    <div class="error-banner" role="alert" data-testid="error">
      <strong>{props.t("errorTitle")}</strong>
      <span>{props.message}</span>
      <button type="button" onClick={props.onDismiss}>
        {props.t("dismiss")}
      </button>
    </div>
  );
}
