import type { HistoryFilter } from '@console/shared/api';
import { Alert, Button, Group, TextInput } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { findCallsByRequestId } from '../../../api/find-calls';

type Props = { onSeveral: (filter: HistoryFilter) => void };

const how: Record<'prefix' | 'text', string> = {
  prefix: 'whose RequestId starts with',
  text: 'containing',
};

/**
 * Support gets "RequestId Id-…" in a ticket, quoted or labelled or cut short: one match opens the
 * entry's permalink at once, several show in the list (exact ID, then prefix, then the text search).
 */
export function FindByRequestId({ onSeveral }: Props) {
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [searching, setSearching] = useState(false);
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);

  async function find(event: FormEvent) {
    event.preventDefault();
    if (!value.trim()) return;
    setSearching(true);
    setMessage(null);
    try {
      const found = await findCallsByRequestId(value, 2);
      const [first, second] = found.items;
      if (found.match === 'none' || !first) {
        setMessage({
          color: 'yellow',
          text: `No recorded call has the RequestId ${found.requestId || value.trim()}, or contains it.`,
        });
      } else if (!second) {
        navigate(`/history/${encodeURIComponent(first.id)}`);
      } else {
        onSeveral(found.filter);
        if (found.match !== 'exact')
          setMessage({
            color: 'blue',
            text: `No call has exactly ${found.requestId}; showing the calls ${how[found.match]} it.`,
          });
      }
    } catch (error) {
      setMessage({ color: 'red', text: error instanceof Error ? error.message : 'The search failed.' });
    } finally {
      setSearching(false);
    }
  }

  return (
    <search aria-label="Jump to an entry">
      <form onSubmit={find}>
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Find by RequestId"
            placeholder="Id-…-O-Seq-…"
            value={value}
            onChange={(event) => setValue(event.currentTarget.value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            w={360}
          />
          <Button type="submit" loading={searching} rightSection={<IconArrowRight size={16} aria-hidden />}>
            Find
          </Button>
        </Group>
        {message && (
          <Alert color={message.color} mt="xs" role="status" variant="light">
            {message.text}
          </Alert>
        )}
      </form>
    </search>
  );
}
