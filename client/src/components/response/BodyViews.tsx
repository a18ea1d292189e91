import type { ConversationMessage } from '@console/shared/api';
import { Stack } from '@mantine/core';
import { lazy, type ReactNode, Suspense, useMemo, useState } from 'react';
import { tablesOf } from '../../lib/answer-tables';
import { Spinner } from '../Spinner';
import type { View } from './AnswerViews';

// The switch and the table and conversation views, in a chunk of their own (the conversation view is
// not small). The JSON view is never inside their Suspense: it stays mounted while they load, rather
// than being the fallback and then mounted again (a second Monaco) once they have.
const ViewSwitch = lazy(async () => ({ default: (await import('./AnswerViews')).ViewSwitch }));
const OtherView = lazy(async () => ({ default: (await import('./AnswerViews')).OtherView }));

/**
 * A body as JSON, with a switch to its lists of records as tables and its messages as a conversation
 * when it has either; JSON alone, and no chunk loaded, when it has neither. Used for a console answer
 * (console, history entry, explorer) and for a callback's body.
 */
export function BodyViews({
  body,
  json,
  messages,
  selfId = null,
  label,
  conversationLabel,
  switchLabel = 'Show the answer as',
}: {
  body: unknown;
  /** The JSON view, shown first. */
  json: ReactNode;
  messages: readonly ConversationMessage[] | undefined;
  /** Whose messages sit on the right; null: nobody's. */
  selfId?: string | null;
  /** Whose body it is, e.g. `account_check`: a table is named "<its path> of <label>". */
  label: string;
  /** The conversation's accessible name. */
  conversationLabel: string;
  switchLabel?: string;
}) {
  const tables = useMemo(() => tablesOf(body), [body]);
  const [view, setView] = useState<View>('json');
  if (messages === undefined && tables.length === 0) return <>{json}</>;
  // A view chosen for an earlier answer that this one does not have falls back to JSON.
  const shown: View =
    (view === 'table' && tables.length === 0) || (view === 'conversation' && messages === undefined)
      ? 'json'
      : view;
  return (
    <Stack gap="xs">
      <Suspense fallback={null}>
        <ViewSwitch
          value={shown}
          onChange={setView}
          tables={tables}
          messages={messages}
          label={switchLabel}
        />
      </Suspense>
      {shown === 'json' ? (
        json
      ) : (
        <Suspense fallback={<Spinner size="sm" label="Loading the view" />}>
          <OtherView
            view={shown}
            tables={tables}
            messages={messages}
            selfId={selfId}
            label={label}
            conversationLabel={conversationLabel}
          />
        </Suspense>
      )}
    </Stack>
  );
}
