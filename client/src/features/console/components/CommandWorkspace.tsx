import type { CatalogCommand, Environment, JsonObject, Role } from '@console/shared/api';
import { cursorRuleFor } from '@console/shared/catalog/cursors';
import { commandKey } from '@console/shared/catalog/lookups';
import { type ConfirmationReason, confirmationReason } from '@console/shared/guard-rails';
import { SimpleGrid } from '@mantine/core';
import { lazy, Suspense, useRef, useState } from 'react';
import { useEntry } from '../../../api/get-entry';
import type { RecordedCall } from '../../../api/recorded-call';
import { useSendRequest } from '../../../api/send-request';
import { confirmationRequested, sendBlockedReason } from '../../../lib/access';
import { useSendShortcut } from '../hooks/use-send-shortcut';
import { loadDraft, pretty, saveDraft } from '../lib/drafts';
import { loadLastAnswer, saveLastAnswer } from '../lib/last-answers';
import { parseBody } from '../lib/parse-body';
import { RequestEditor } from './RequestEditor';
import { ResponseRegion } from './ResponseRegion';

// Off the console's first paint: "Fetch all" only for commands with a cursor, the confirmation only
// when a send asks for one (their Mantine inputs and modal are ~13 KB gz the first screen never shows).
const FetchAllPages = lazy(async () => ({ default: (await import('./FetchAllPages')).FetchAllPages }));
const ConfirmSendModal = lazy(async () => ({
  default: (await import('./ConfirmSendModal')).ConfirmSendModal,
}));

type Props = { command: CatalogCommand; environment: Environment; role: Role };

/** A body waiting for the operator's last look; `confirmation` says why they must type the command name. */
type Pending = { body: JsonObject; confirmation: ConfirmationReason | null };

/** One command in one environment: the body being edited, the send, and its answer. */
export function CommandWorkspace({ command, environment, role }: Props) {
  const key = commandKey(command);
  const [text, setText] = useState(() => loadDraft(environment.id, key) ?? pretty(command.example));
  // What the editor holds right now. Ctrl+Enter can arrive before React re-renders with the last
  // keystroke, so sending reads this, never the `text` of a possibly stale render.
  const textRef = useRef(text);
  const [syntaxError, setSyntaxError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const send = useSendRequest();
  // The answer kept from an earlier visit to this command in this tab, until a new one arrives.
  const [lastId] = useState(() => loadLastAnswer(environment.id, key));
  const last = useEntry(send.data || send.isPending || send.error ? null : lastId);
  const shown: RecordedCall | undefined =
    send.data ?? (last.data ? { entry: last.data, failure: last.data.failure } : undefined);
  const blockedReason = sendBlockedReason(role, command.access, environment);
  const cursorRule = cursorRuleFor(command.service, command.command);

  const edit = (value: string) => {
    textRef.current = value;
    setText(value);
    saveDraft(environment.id, key, value);
    // The "Invalid JSON" alert goes as soon as the JSON is fixed, not at the next send.
    if (syntaxError && parseBody(value).ok) setSyntaxError(null);
  };

  const dispatch = (body: JsonObject, confirm: string | undefined) => {
    send.mutate(
      { environmentId: environment.id, service: command.service, command: command.command, body, confirm },
      {
        onSuccess: (call) => saveLastAnswer(environment.id, key, call.entry.id),
        onError: (error) => {
          // The same policy asked before sending; if the server still asks (its configuration changed
          // since this page loaded), it is the authority: ask the operator.
          const confirmation = confirmationRequested(error);
          if (confirmation) {
            send.reset();
            setPending({ body, confirmation });
          }
        },
      },
    );
  };

  const attemptSend = () => {
    if (blockedReason || send.isPending || pending) return;
    const parsed = parseBody(textRef.current);
    if (!parsed.ok) {
      setSyntaxError(parsed.message);
      return;
    }
    setSyntaxError(null);
    const confirmation = confirmationReason(environment, command.access);
    if (command.access === 'destructive' || confirmation) {
      setPending({ body: parsed.body, confirmation });
      return;
    }
    dispatch(parsed.body, undefined);
  };

  const format = () => {
    const parsed = parseBody(textRef.current);
    if (!parsed.ok) {
      setSyntaxError(parsed.message);
      return;
    }
    setSyntaxError(null);
    edit(pretty(parsed.body));
  };

  const reset = () => {
    setSyntaxError(null);
    edit(pretty(command.example));
  };

  useSendShortcut(attemptSend, pending === null);

  return (
    <>
      {/* Side by side from 1200 px (a 1280 laptop with the command list); stacked below, where the
          answer is scrolled into view and announced when it arrives (decision 029). */}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <RequestEditor
          command={command}
          path={`inmemory://body/${environment.id}/${key}.json`}
          value={text}
          onChange={edit}
          onReset={reset}
          onFormat={format}
          onSend={attemptSend}
          sending={send.isPending}
          blockedReason={blockedReason}
          syntaxError={syntaxError}
          edited={text !== pretty(command.example)}
        />
        <ResponseRegion
          command={key}
          result={shown}
          fresh={send.data !== undefined}
          error={send.error}
          sending={send.isPending}
          environment={environment}
        />
      </SimpleGrid>
      {cursorRule && (
        <Suspense fallback={null}>
          <FetchAllPages
            command={command}
            rule={cursorRule}
            environment={environment}
            blockedReason={blockedReason}
            currentText={() => textRef.current}
          />
        </Suspense>
      )}
      {pending && (
        <Suspense fallback={null}>
          <ConfirmSendModal
            opened
            command={command}
            environment={environment}
            confirmation={pending.confirmation}
            onCancel={() => setPending(null)}
            onConfirm={(confirm) => {
              setPending(null);
              dispatch(pending.body, confirm);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
