import type { ConversationMessage } from '@console/shared/api';
import { Paper, SegmentedControl, Stack } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { ConversationView } from '../conversation/ConversationView';

/**
 * A body that holds messages: JSON, or the same messages as a conversation (issue 15). Used for a
 * console answer with a message list and for a callback that carries a message (issue 16). Loaded
 * lazily by its users, so the conversation view stays out of the console's first paint.
 */
export default function MessagesAnswer({
  json,
  messages,
  selfId,
  label,
  switchLabel = 'Show the answer as',
}: {
  /** The JSON view, shown first. */
  json: ReactNode;
  messages: readonly ConversationMessage[];
  /** Whose messages sit on the right; null: nobody's. */
  selfId: string | null;
  /** The conversation's accessible name. */
  label: string;
  switchLabel?: string;
}) {
  const [view, setView] = useState<'json' | 'conversation'>('json');
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label={switchLabel}
        value={view}
        onChange={(v) => setView(v === 'conversation' ? 'conversation' : 'json')}
        data={[
          { value: 'json', label: 'JSON' },
          { value: 'conversation', label: `Conversation (${messages.length})` },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      {view === 'json' ? (
        json
      ) : (
        <Paper withBorder p="sm">
          <ConversationView messages={messages} selfId={selfId} label={label} />
        </Paper>
      )}
    </Stack>
  );
}
