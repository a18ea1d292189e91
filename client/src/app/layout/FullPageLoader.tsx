import { Center } from '@mantine/core';
import { Spinner } from '../../components/Spinner';

export function FullPageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center h="100vh">
      <Spinner label={label} />
    </Center>
  );
}
