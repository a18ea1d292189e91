import type { ConversationMessage } from '@console/shared/api';
import { Paper, SegmentedControl } from '@mantine/core';
import type { AnswerTable } from '../../lib/answer-tables';
import { ConversationView } from '../conversation/ConversationView';
import { AnswerTableView } from './AnswerTableView';

/** How a body is shown: JSON first, or one of the views `BodyViews` offers beside it. */
export type View = 'json' | 'table' | 'conversation';

/**
 * The switch between a body's views, and the views other than JSON: its lists of records as tables,
 * its messages as a conversation (issue 15). Loaded lazily by `BodyViews`, so neither is in the
 * console's first paint.
 */
export function ViewSwitch({
  value,
  onChange,
  tables,
  messages,
  label,
}: {
  value: View;
  onChange: (view: View) => void;
  tables: readonly AnswerTable[];
  messages: readonly ConversationMessage[] | undefined;
  label: string;
}) {
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
    <SegmentedControl
      aria-label={label}
      value={value}
      onChange={(v) => onChange(v === 'table' || v === 'conversation' ? v : 'json')}
      data={data}
      style={{ alignSelf: 'flex-start' }}
    />
  );
}

export function OtherView({
  view,
  tables,
  messages,
  selfId,
  label,
  conversationLabel,
}: {
  view: Exclude<View, 'json'>;
  tables: readonly AnswerTable[];
  messages: readonly ConversationMessage[] | undefined;
  selfId: string | null;
  label: string;
  conversationLabel: string;
}) {
  if (view === 'table') return <AnswerTableView tables={tables} label={label} />;
  if (!messages) return null;
  return (
    <Paper withBorder p="sm">
      <ConversationView messages={messages} selfId={selfId} label={conversationLabel} />
    </Paper>
  );
}
