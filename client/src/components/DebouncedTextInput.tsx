import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

type Props = Omit<TextInputProps, 'value' | 'onChange'> & {
  value: string;
  onCommit: (value: string) => void;
};

/** Typing stays local; the URL (and the query) follow once the user pauses or presses Enter. */
export function DebouncedTextInput({ value, onCommit, ...props }: Props) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // Changed from outside (a link, "Clear filters"): show it.
    setSeen(value);
    setDraft(value);
  }
  const commit = useDebouncedCallback((next: string) => onCommit(next.trim()), 400);
  return (
    <TextInput
      {...props}
      value={draft}
      onChange={(event) => {
        setDraft(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit.flush();
      }}
    />
  );
}
