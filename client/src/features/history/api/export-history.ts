import type { HistoryFilter } from '@console/shared/api';
import { filterToSearchParams } from './history-search-params';

export type ExportFormat = 'csv' | 'jsonl';

/** The server streams the file; the browser downloads it with the session cookie, nothing is held in memory here. */
export function historyExportUrl(filter: HistoryFilter, format: ExportFormat): string {
  const params = filterToSearchParams(filter);
  params.set('format', format);
  return `/api/requests/export?${params}`;
}
