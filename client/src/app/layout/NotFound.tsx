import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFound() {
  return (
    <Stack p="xl">
      <Title order={1} size="h3">
        Page not found
      </Title>
      <Text>
        There is nothing at this address.{' '}
        <Anchor component={Link} to="/">
          Back to the console
        </Anchor>
      </Text>
    </Stack>
  );
}
