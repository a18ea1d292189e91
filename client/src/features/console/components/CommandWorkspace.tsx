import type { CatalogCommand, Environment, JsonObject, Role } from '@console/shared/api';
import { commandKey } from '@console/shared/catalog/lookups';
import { type ConfirmationReason, confirmationReason } from '@console/shared/guard-rails';
import { SimpleGrid } from '@mantine/core';
import { useRef, useState } from 'react';
import { useSendRequest } from '../../../api/send-request';
import { confirmationRequested, sendBlockedReason } from '../../../lib/access';
import { useSendShortcut } from '../hooks/use-send-shortcut';
import { loadDraft, pretty, saveDraft } from '../lib/drafts';
import { parseBody } from '../lib/parse-body';
import { ConfirmSendModal } from './ConfirmSendModal';
import { FetchAllPages } from './FetchAllPages';
import { RequestEditor } from './RequestEditor';
import { ResponseRegion } from './ResponseRegion';

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
      <FetchAllPages
        command={command}
        environment={environment}
        blockedReason={blockedReason}
        currentText={() => textRef.current}
      />
      {pending && (
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
      )}
    </>
  );
}
