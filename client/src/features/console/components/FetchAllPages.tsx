import type { CatalogCommand, Environment } from '@console/shared/api';
import { RUN_DEFAULT_MAX_PAGES, RUN_MAX_PAGES } from '@console/shared/api';
import type { CursorRule } from '@console/shared/catalog/cursors';
import { Alert, Button, Group, NumberInput, Text } from '@mantine/core';
import { IconStack2 } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { startRun } from '../../../api/runs';
import { parseBody } from '../lib/parse-body';

type Props = {
  command: CatalogCommand;
  /** How the command's cursor is followed (`cursorRuleFor`); only a command with one has the panel. */
  rule: CursorRule;
  environment: Environment;
  blockedReason: string | null;
  /** The body in the editor now: the first page's request. */
  currentText: () => string;
};

/** "Fetch all": follows the command's cursor from the body in the editor, as a run of pages. */
export function FetchAllPages({ command, rule, environment, blockedReason, currentText }: Props) {
  const navigate = useNavigate();
  const [maxPages, setMaxPages] = useState<number | string>(RUN_DEFAULT_MAX_PAGES);
  const [bodyError, setBodyError] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: startRun,
    onSuccess: (run) => navigate(`/runs?run=${encodeURIComponent(run.id)}`),
  });

  const fetchAll = () => {
    const parsed = parseBody(currentText());
    if (!parsed.ok) {
      setBodyError(parsed.message);
      return;
    }
    setBodyError(null);
    start.mutate({
      kind: 'pages',
      environmentId: environment.id,
      service: command.service,
      command: command.command,
      body: parsed.body,
      ...(typeof maxPages === 'number' ? { maxPages } : {}),
    });
  };

  return (
    <Group gap="sm" align="flex-end" mt="md" component="section" aria-label="Fetch all pages">
      <NumberInput
        label="Page cap"
        min={1}
        max={RUN_MAX_PAGES}
        value={maxPages}
        onChange={setMaxPages}
        w={120}
      />
      <Button
        variant="light"
        leftSection={<IconStack2 size={16} />}
        onClick={fetchAll}
        loading={start.isPending}
        disabled={blockedReason !== null}
      >
        Fetch all pages
      </Button>
      <Text size="sm" c="dimmed">
        Follows the cursor from this body and merges every page's {rule.list} into one list.
      </Text>
      {(bodyError ?? start.error) && (
        <Alert color="red" role="alert" w="100%">
          {bodyError ?? start.error?.message}
        </Alert>
      )}
    </Group>
  );
}
