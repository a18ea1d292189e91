import type { ConversationMessage, HistoryEntry } from '@console/shared/api';
import { Paper, SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { ConversationView } from '../conversation/ConversationView';
import { ResponseBody } from './ResponseBody';

/**
 * An answer that holds a list of messages: JSON, or the same messages as a conversation (issue 15).
 * Loaded lazily by ResponsePanel, so the conversation view stays out of the console's first paint.
 */
export default function MessagesAnswer({
  entry,
  messages,
}: {
  entry: HistoryEntry;
  messages: readonly ConversationMessage[];
}) {
  const [view, setView] = useState<'json' | 'conversation'>('json');
  const self = entry.requestBody.Operator_Account;
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label="Show the answer as"
        value={view}
        onChange={(v) => setView(v === 'conversation' ? 'conversation' : 'json')}
        data={[
          { value: 'json', label: 'JSON' },
          { value: 'conversation', label: `Conversation (${messages.length})` },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {view === 'json' ? (
        <ResponseBody entry={entry} />
      ) : (
        <Paper withBorder p="sm">
          <ConversationView
            messages={messages}
            selfId={typeof self === 'string' ? self : null}
            label={`Messages of ${entry.command}`}
          />
        </Paper>
      )}
    </Stack>
  );
}
