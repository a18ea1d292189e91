import { TextInput } from '@mantine/core';
import { IconUserSearch } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { explorePath, searchTarget } from '../../features/explore/lib/paths';

/**
 * The support explorer's search box (issue 15): a UserID opens the user's page, a `@TGS#…` ID or
 * `group:ID` the group's, in the environment chosen in the header.
 */
export function ExploreSearch({ environmentId }: { environmentId: string | null }) {
  const [text, setText] = useState('');
  const navigate = useNavigate();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const target = searchTarget(text);
    if (!target) return;
    navigate(explorePath(target.kind, target.id, environmentId ?? undefined));
    setText('');
  };
  return (
    <search aria-label="Support explorer">
      <form onSubmit={submit}>
        <TextInput
          aria-label="Find a user or group"
          placeholder="UserID or @TGS# group"
          leftSection={<IconUserSearch size={16} />}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w="100%"
        />
      </form>
    </search>
  );
}
