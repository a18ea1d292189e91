import { Alert, Button, Group, TextInput } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { historyQueryOptions } from '../api/get-history';

type Props = { onSeveral: (requestId: string) => void };

/** Support gets "RequestId Id-…" in a ticket: one exact match opens the entry's permalink at once. */
export function FindByRequestId({ onSeveral }: Props) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [searching, setSearching] = useState(false);
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);

  async function find(event: FormEvent) {
    event.preventDefault();
    const requestId = value.trim();
    if (!requestId) return;
    setSearching(true);
    setMessage(null);
    try {
      const page = await queryClient.fetchQuery(historyQueryOptions({ requestId }, 2));
      const [first, second] = page.items;
      if (first && !second) navigate(`/history/${encodeURIComponent(first.id)}`);
      else if (first) onSeveral(requestId);
      else setMessage({ color: 'yellow', text: `No recorded call has the RequestId ${requestId}.` });
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
