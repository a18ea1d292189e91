import type { Failure, HistoryEntry } from '@console/shared/api';

/**
 * What a screen reader hears when an answer arrives (a polite live region), and the one line a
 * sighted user can read without finding the panel: outcome, code and RequestId.
 */
export function describeAnswer(command: string, entry: HistoryEntry, failure: Failure | null): string {
  const requestId = entry.requestId ? ` RequestId ${entry.requestId}.` : ' No RequestId.';
  if (entry.outcome === 'ok') return `${command} answered OK.${requestId}`;
  if (entry.outcome === 'fail') {
    const info = entry.errorInfo ? `: ${entry.errorInfo}` : '';
    return `${command} answered FAIL, error code ${entry.errorCode ?? 'unknown'}${info}.${requestId}`;
  }
  const why = failure ? `${failure.code}, ${failure.message}` : 'no answer came back';
  return `${command} got no answer (${why}).${requestId}`;
}
