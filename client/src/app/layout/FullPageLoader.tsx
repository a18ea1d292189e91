import { Center } from '@mantine/core';
import { Spinner } from '../../components/Spinner';

export function FullPageLoader() {
  return (
    <Center h="100vh">
      <Spinner label="Loading" />
    </Center>
  );
}
