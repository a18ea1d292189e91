import { Center, Paper } from '@mantine/core';
import { Spinner } from '../Spinner';

export function EditorSkeleton({ height, label }: { height: number | string; label: string }) {
  return (
    <Paper withBorder h={height}>
      <Center h="100%">
        <Spinner size="sm" label={label} />
      </Center>
    </Paper>
  );
}
