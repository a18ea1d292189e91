import { Center, Loader, Paper } from '@mantine/core';

export function EditorSkeleton({ height, label }: { height: number | string; label: string }) {
  return (
    <Paper withBorder h={height}>
      <Center h="100%">
        <Loader size="sm" aria-label={label} />
      </Center>
    </Paper>
  );
}
