import type { CatalogCommand, Environment, JsonObject, Role } from '@console/shared/api';
import { SimpleGrid } from '@mantine/core';
import { useRef, useState } from 'react';
import { needsTypedConfirmation, sendBlockedReason } from '../../../lib/access';
import { ApiError } from '../../../lib/api-client';
import { useSendRequest } from '../api/send-request';
import { useSendShortcut } from '../hooks/use-send-shortcut';
import { loadDraft, pretty, saveDraft } from '../lib/drafts';
import { parseBody } from '../lib/parse-body';
import { ConfirmSendModal } from './ConfirmSendModal';
import { RequestEditor } from './RequestEditor';
import { ResponseRegion } from './ResponseRegion';

type Props = { command: CatalogCommand; environment: Environment; role: Role };

type Pending = { body: JsonObject; typed: boolean };

/** One command in one environment: the body being edited, the send, and its answer. */
export function CommandWorkspace({ command, environment, role }: Props) {
  const key = `${command.service}/${command.command}`;
  const [text, setText] = useState(() => loadDraft(environment.id, key) ?? pretty(command.example));
  // What the editor holds right now. Ctrl+Enter can arrive before React re-renders with the last
  // keystroke, so sending reads this, never the `text` of a possibly stale render.
  const textRef = useRef(text);
  const [syntaxError, setSyntaxError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const send = useSendRequest();
  const blockedReason = sendBlockedReason(role, command.access, environment);

  const edit = (value: string) => {
    textRef.current = value;
    setText(value);
    saveDraft(environment.id, key, value);
  };

  const dispatch = (body: JsonObject, confirm: string | undefined) => {
    send.mutate(
      { environmentId: environment.id, service: command.service, command: command.command, body, confirm },
      {
        onError: (error) => {
          // The server's guard rails are the authority; when it asks, ask the operator.
          if (error instanceof ApiError && error.code === 'guard/confirmation-required') {
            send.reset();
            setPending({ body, typed: true });
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
    const typed = needsTypedConfirmation(command.access, environment);
    if (command.access === 'destructive' || typed) {
      setPending({ body: parsed.body, typed });
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
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
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
        />
        <ResponseRegion
          result={send.data}
          error={send.error}
          sending={send.isPending}
          environment={environment}
        />
      </SimpleGrid>
      {pending && (
        <ConfirmSendModal
          opened
          command={command}
          environment={environment}
          typed={pending.typed}
          onCancel={() => setPending(null)}
          onConfirm={(confirm) => {
            setPending(null);
            dispatch(pending.body, confirm);
          }}
        />
      )}
    </>
  );
}
