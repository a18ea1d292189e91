import type { ConversationMessage } from '@console/shared/api';
import { Paper, SegmentedControl, Stack } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import type { AnswerTable } from '../../lib/answer-tables';
import { ConversationView } from '../conversation/ConversationView';
import { AnswerTableView } from './AnswerTableView';

type View = 'json' | 'table' | 'conversation';

/**
 * A body shown as JSON first, and as whatever else it holds: its lists of records as tables, its
 * messages as a conversation (issue 15). Used for a console answer and for a callback's body (issue
 * 16). Loaded lazily by its users, so neither view is in the console's first paint.
 */
export default function AnswerViews({
  json,
  tables = [],
  messages,
  selfId = null,
  label,
  conversationLabel,
  switchLabel = 'Show the answer as',
}: {
  /** The JSON view, shown first. */
  json: ReactNode;
  tables?: readonly AnswerTable[];
  messages?: readonly ConversationMessage[] | undefined;
  /** Whose messages sit on the right; null: nobody's. */
  selfId?: string | null;
  /** Whose body it is, e.g. `account_check`: a table is named "<its path> of <label>". */
  label: string;
  /** The conversation's accessible name. */
  conversationLabel: string;
  switchLabel?: string;
}) {
  const [view, setView] = useState<View>('json');
  const firstTable = tables[0];
  const data = [
    { value: 'json', label: 'JSON' },
    ...(firstTable
      ? [
          {
            value: 'table',
            label: tables.length === 1 ? `Table (${firstTable.rows.length})` : `Tables (${tables.length})`,
          },
        ]
      : []),
    ...(messages ? [{ value: 'conversation', label: `Conversation (${messages.length})` }] : []),
  ];
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label={switchLabel}
        value={view}
        onChange={(v) => setView(v === 'table' || v === 'conversation' ? v : 'json')}
        data={data}
        style={{ alignSelf: 'flex-start' }}
      />
      {view === 'table' && tables.length > 0 ? (
        <AnswerTableView tables={tables} label={label} />
      ) : view === 'conversation' && messages ? (
        <Paper withBorder p="sm">
          <ConversationView messages={messages} selfId={selfId} label={conversationLabel} />
        </Paper>
      ) : (
        json
      )}
    </Stack>
  );
}
