import type { CatalogCommand, Environment } from '@console/shared/api';
import { commandKey } from '@console/shared/catalog/lookups';
import { Anchor, Code, Group, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { AccessBadge } from '../../../components/command/AccessBadge';
import { isNotEmulated, NotEmulatedBadge } from '../../../components/command/NotEmulatedBadge';
import { EnvironmentLabel } from '../../../components/environment/EnvironmentLabel';

function rateLimit(command: CatalogCommand): string {
  if (command.rateLimitPerSec !== null) {
    const verified = command.rateLimitVerified ? '' : ' (not verified)';
    return `${command.rateLimitPerSec} calls/s${verified}`;
  }
  return command.rateLimitNote ?? 'Rate limit not documented';
}

export function CommandHeader({
  command,
  environment,
}: {
  command: CatalogCommand;
  environment: Environment;
}) {
  return (
    <Stack gap={6} component="header">
      <Group gap="sm" wrap="wrap" align="center">
        <Title order={1} size="h3">
          {command.title}
        </Title>
        <AccessBadge access={command.access} />
        {isNotEmulated(environment, commandKey(command)) && <NotEmulatedBadge />}
      </Group>
      <Group gap="md" wrap="wrap">
        <Code fz="sm">
          {command.service}/{command.command}
        </Code>
        <Text size="sm" c="dimmed">
          Rate limit: {rateLimit(command)}
        </Text>
        {command.rateLimitNote && command.rateLimitPerSec !== null && (
          <Text size="sm" c="dimmed">
            {command.rateLimitNote}
          </Text>
        )}
        <Anchor href={command.docUrl} target="_blank" rel="noreferrer noopener" size="sm">
          <Group gap={4} component="span">
            Tencent docs
            <IconExternalLink size={14} />
          </Group>
        </Anchor>
        <Group gap={4} component="span">
          <Text size="sm" c="dimmed">
            on
          </Text>
          <EnvironmentLabel environment={environment} detail />
        </Group>
      </Group>
      <Text size="sm" maw={900}>
        {command.description}
      </Text>
    </Stack>
  );
}
