import { Alert, Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatTime } from '../../../lib/format-time';
import { useCallbackSummary } from '../api/get-callback-summary';
import { formatCount } from '../lib/format';

type Props = { range: { environmentId?: string | undefined; from: string; to: string } };

function callbacksLink(range: Props['range'], extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: range.from, to: range.to, ...extra });
  if (range.environmentId) params.set('environmentId', range.environmentId);
  return `/callbacks?${params}`;
}

/** Callbacks received in the range, and a warning per command Tencent reported past 80 % of its limit. */
export function CallbacksPanel({ range }: Props) {
  const summary = useCallbackSummary(range);
  const data = summary.data;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="dashboard-callbacks-title">
      <Title order={2} size="h4" id="dashboard-callbacks-title" mb="xs">
        Callbacks
      </Title>
      {summary.isError && <Text c="red">{summary.error.message}</Text>}
      {data && (
        <Stack gap="xs">
          {data.overLimit.map((a) => (
            <Alert
              key={`${a.service}/${a.command}`}
              color="yellow"
              icon={<IconAlertTriangle size={18} />}
              title={`${a.service}/${a.command} is near its rate limit`}
            >
              Tencent sent Alert.RequestOverLimit {a.alerts === 1 ? 'once' : `${a.alerts} times`}
              {a.request !== null && a.limit !== null
                ? ` (up to ${a.request} calls against a limit of ${a.limit}/s)`
                : ''}
              , last at {formatTime(a.lastAt)}.{' '}
              <Anchor component={Link} to={callbacksLink(range, { command: 'Alert.RequestOverLimit' })}>
                See the alerts
              </Anchor>
            </Alert>
          ))}
          <Group gap="lg">
            <Anchor component={Link} to={callbacksLink(range)}>
              {formatCount(data.total)} received
            </Anchor>
            <Text size="sm">{formatCount(data.accepted)} accepted</Text>
            <Anchor
              component={Link}
              to={callbacksLink(range, { verdict: 'rejected' })}
              fw={data.rejected > 0 ? 700 : undefined}
            >
              {formatCount(data.rejected)} rejected
            </Anchor>
          </Group>
          {data.commands.length > 0 && (
            <Text size="sm" c="dimmed">
              {data.commands.map((c) => `${c.command} ${formatCount(c.accepted + c.rejected)}`).join(' · ')}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}
