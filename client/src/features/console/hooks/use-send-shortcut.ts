import { useEffect, useRef } from 'react';

/**
 * Ctrl/Cmd+Enter anywhere on the page sends. Inside Monaco the editor's own action handles it,
 * so events from the editor are skipped here (otherwise one keystroke would send twice).
 */
export function useSendShortcut(send: () => void, enabled: boolean): void {
  const sendRef = useRef(send);
  sendRef.current = send;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      const target = event.target;
      if (
        target instanceof Element &&
        (target.closest('.monaco-editor') || target.closest('[role="dialog"]'))
      )
        return;
      event.preventDefault();
      sendRef.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
