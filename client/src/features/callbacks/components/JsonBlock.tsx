import { Code, ScrollArea, Title } from '@mantine/core';
import { useId } from 'react';

/** A labelled, focusable, scrollable block of pretty JSON (or the text itself when it is not JSON). */
export function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const id = useId();
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <div>
      <Title order={3} size="h6" id={id} mb={4}>
        {title}
      </Title>
      <ScrollArea.Autosize mah={360} type="auto">
        <Code block tabIndex={0} role="region" aria-labelledby={id}>
          {value === null ? 'not kept' : text}
        </Code>
      </ScrollArea.Autosize>
    </div>
  );
}
