import { ActionIcon, Popover, TextInput, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserSearch } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { explorePath, searchTarget } from '../../features/explore/lib/paths';

interface Props {
  environmentId: string | null;
  /** Called once the search has moved to a page (the compact header closes its popover). */
  onDone?: () => void;
  autoFocus?: boolean;
}

/**
 * The support explorer's search box (issue 15): a UserID opens the user's page, a `@TGS#…` ID or
 * `group:ID` the group's, in the environment chosen in the header.
 */
export function ExploreSearch({ environmentId, onDone, autoFocus }: Props) {
  const [text, setText] = useState('');
  const navigate = useNavigate();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = searchTarget(text);
    if (!target) return;
    navigate(explorePath(target.kind, target.id, environmentId ?? undefined));
    setText('');
    onDone?.();
  };
  return (
    <search aria-label="Support explorer">
      <form onSubmit={submit}>
        <TextInput
          aria-label="Find a user or group"
          placeholder="UserID or @TGS# group"
          leftSection={<IconUserSearch size={16} aria-hidden />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w="100%"
          data-autofocus={autoFocus || undefined}
        />
      </form>
    </search>
  );
}

/** Below lg the search is an icon that opens the same box under it (the header keeps its tools in view). */
export function ExploreSearchButton({ environmentId }: { environmentId: string | null }) {
  const [opened, popover] = useDisclosure(false);
  return (
    // The tooltip on a wrapper: Popover.Target's props (aria-controls, ref) must reach the button itself.
    <Tooltip label="Find a user or group" disabled={opened}>
      <span style={{ display: 'inline-flex', flexShrink: 0 }}>
        <Popover
          opened={opened}
          onChange={(open) => (open ? popover.open() : popover.close())}
          position="bottom-end"
          trapFocus
          returnFocus
          shadow="md"
        >
          <Popover.Target>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label="Find a user or group"
              onClick={popover.toggle}
            >
              <IconUserSearch size={18} aria-hidden />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown w={280}>
            <ExploreSearch environmentId={environmentId} onDone={popover.close} autoFocus />
          </Popover.Dropdown>
        </Popover>
      </span>
    </Tooltip>
  );
}
