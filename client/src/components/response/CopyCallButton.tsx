import type { Environment, HistoryEntry } from '@console/shared/api';
import { Button, type ButtonProps, Menu } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { IconCheck, IconChevronDown, IconTerminal2 } from '@tabler/icons-react';
import { toCurl } from '../../lib/curl';

/** Code for one more language: the menu's item and what it copies (loaded on the first copy). */
const languages = [
  { label: 'Node.js (fetch)', make: async () => (await import('../../lib/snippets')).toNodeFetch },
  { label: 'Python (requests)', make: async () => (await import('../../lib/snippets')).toPythonRequests },
] as const;

/**
 * "Copy as cURL", and beside it a menu with the same call as Node.js or Python code. Every format
 * leaves the UserSig to whoever runs it (`$USERSIG`, or the USERSIG environment variable).
 */
export function CopyCallButton({
  entry,
  environment,
  size = 'xs',
}: {
  entry: HistoryEntry;
  environment?: Environment | undefined;
  size?: ButtonProps['size'];
}) {
  const clipboard = useClipboard({ timeout: 1500 });
  const icon = size === 'xs' ? 14 : 16;
  return (
    <Button.Group>
      <Button
        variant="default"
        size={size}
        leftSection={
          clipboard.copied ? <IconCheck size={icon} aria-hidden /> : <IconTerminal2 size={icon} aria-hidden />
        }
        onClick={() => clipboard.copy(toCurl(entry, environment))}
      >
        {clipboard.copied ? 'Copied' : 'Copy as cURL'}
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size={size} px={6} aria-label="Copy as code in another language">
            <IconChevronDown size={icon} aria-hidden />
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Copy as code</Menu.Label>
          {languages.map(({ label, make }) => (
            <Menu.Item key={label} onClick={async () => clipboard.copy((await make())(entry, environment))}>
              {label}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Button.Group>
  );
}
