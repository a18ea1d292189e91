import { focusTarget } from '../../lib/focus-targets';

function focusElement(selector: string): void {
  document.querySelector<HTMLElement>(selector)?.focus();
}

/**
 * The first stops of Tab: past the header and the 213 command links, straight to the work. Hidden
 * until focused (theme.css). Buttons rather than `#fragment` links: the URL is the console's state
 * and stays clean, and the editor is focused through Monaco's API (its textarea is not ours).
 */
export function SkipLinks({ editing, commands }: { editing: boolean; commands: boolean }) {
  return (
    <div className="console-skip-links">
      {editing && (
        <button
          type="button"
          onClick={() => {
            if (!focusTarget('request-body')) focusElement('#main');
          }}
        >
          Skip to the request body
        </button>
      )}
      <button type="button" onClick={() => focusElement('#main')}>
        Skip to main content
      </button>
      {commands && (
        <button type="button" onClick={() => focusElement('#commands input')}>
          Skip to the command list
        </button>
      )}
    </div>
  );
}
