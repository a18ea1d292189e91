import type { StyleProp } from '@mantine/core';
import { ActionIcon, CopyButton, Group, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

type Props = {
  value: string;
  /** Room for the ID; longer ones are cut with an ellipsis and shown whole on hover and focus. */
  maxWidth?: StyleProp<number | string>;
};

/**
 * A RequestId where space is short (a table cell): cut to fit, whole in a tooltip while the ID or its
 * copy button is hovered or focused, and a copy button whose name carries the whole ID, so a screen
 * reader hears it too.
 */
export function RequestIdText({ value, maxWidth = 150 }: Props) {
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip
          label={copied ? `Copied ${value}` : value}
          events={{ hover: true, focus: true, touch: true }}
          ff="monospace"
          fz="xs"
          withArrow
        >
          <Group gap={2} wrap="nowrap" data-testid="request-id-cell">
            <Text size="xs" ff="monospace" truncate="end" maw={maxWidth}>
              {value}
            </Text>
            <ActionIcon
              variant="subtle"
              size="sm"
              color="gray"
              aria-label={`Copy RequestId ${value}`}
              onClick={copy}
            >
              {copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
            </ActionIcon>
          </Group>
        </Tooltip>
      )}
    </CopyButton>
  );
}
