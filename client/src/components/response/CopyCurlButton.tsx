import type { Environment, HistoryEntry } from '@console/shared/api';
import { Button } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { IconCheck, IconTerminal2 } from '@tabler/icons-react';
import { toCurl } from '../../lib/curl';

export function CopyCurlButton({ entry, environment }: { entry: HistoryEntry; environment: Environment }) {
  const clipboard = useClipboard({ timeout: 1500 });
  return (
    <Button
      variant="default"
      size="xs"
      leftSection={clipboard.copied ? <IconCheck size={14} /> : <IconTerminal2 size={14} />}
      onClick={() => clipboard.copy(toCurl(entry, environment))}
    >
      {clipboard.copied ? 'Copied' : 'Copy as cURL'}
    </Button>
  );
}
