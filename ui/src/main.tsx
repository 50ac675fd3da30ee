import { render } from "preact";
import { useErrorBoundary } from "preact/hooks";
import { App } from "./app/App";
import "./styles.css";

/** Last line of defence: a rendering error becomes a message, never a blank window. */
function Root() {
  const [error, reset] = useErrorBoundary((e: unknown) => console.error(e));
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    return (
      <div class="error-banner" role="alert" data-testid="fatal-error">
        <strong>表示できませんでした / Could not display this screen</strong>
        <span>{message}</span>
        <button type="button" onClick={reset}>
          再試行 / Retry
        </button>
      </div>
    );
  }
  return <App />;
}

const root = document.getElementById("app");
if (root) render(<Root />, root);
