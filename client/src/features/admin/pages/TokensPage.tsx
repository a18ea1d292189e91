import type { CreateTokenResponse } from '@console/shared/api';
import { Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTokens } from '../api/get-tokens';
import { ApiErrorAlert } from '../components/ApiErrorAlert';
import { CreateTokenForm } from '../components/CreateTokenForm';
import { NewTokenNotice } from '../components/NewTokenNotice';
import { TokensTable } from '../components/TokensTable';

export default function TokensPage() {
  const tokens = useTokens();
  // Held only in this page's state: leaving the page forgets it, as promised.
  const [created, setCreated] = useState<CreateTokenResponse | null>(null);

  return (
    <Stack gap="md" maw={1000}>
      <div>
        <Title order={1} size="h2">
          API tokens
        </Title>
        <Text c="dimmed" size="sm">
          Tokens let scripts call the console's API as you, with your role or a narrower one (a viewer token
          for a monitoring scraper, say), until they expire. Send one as{' '}
          <code>Authorization: Bearer &lt;token&gt;</code>.
        </Text>
      </div>
      {created && <NewTokenNotice token={created} onDone={() => setCreated(null)} />}
      <CreateTokenForm onCreated={setCreated} />
      {tokens.isError ? (
        <ApiErrorAlert error={tokens.error} title="Tokens could not be loaded" />
      ) : tokens.isPending ? (
        <Text c="dimmed" role="status">
          Loading tokens…
        </Text>
      ) : tokens.data.tokens.length === 0 ? (
        <Text c="dimmed">You have no API tokens.</Text>
      ) : (
        <TokensTable tokens={tokens.data.tokens} />
      )}
    </Stack>
  );
}
