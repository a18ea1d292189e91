import type { HistoryFilter } from '@console/shared/api';
import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { historyExportUrl } from '../api/export-history';

/** Plain links: the server streams the file and the browser saves it, whatever its size. */
export function ExportButtons({ filter }: { filter: HistoryFilter }) {
  return (
    <Group gap="xs">
      <Button
        component="a"
        href={historyExportUrl(filter, 'csv')}
        download
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
      >
        Export CSV
      </Button>
      <Button
        component="a"
        href={historyExportUrl(filter, 'jsonl')}
        download
        variant="default"
        leftSection={<IconDownload size={16} aria-hidden />}
      >
        Export JSON Lines
      </Button>
    </Group>
  );
}
