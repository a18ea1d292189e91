import { type CreateTokenResponse, createTokenRequestSchema } from '@console/shared/api';
import { Button, Group, NumberInput, Paper, Stack, TextInput, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useCreateToken } from '../api/create-token';
import { type FieldErrors, fieldErrorsOf, serverFieldErrors } from '../lib/form-errors';
import { ApiErrorAlert } from './ApiErrorAlert';

type Props = { onCreated: (token: CreateTokenResponse) => void };

export function CreateTokenForm({ onCreated }: Props) {
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>(90);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateToken();
  const headingId = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.reset();
    const parsed = createTokenRequestSchema.safeParse({
      name: name.trim(),
      ...(days === '' ? {} : { expiresInDays: Number(days) }),
    });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error.issues));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (token) => {
        setName('');
        onCreated(token);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'request/invalid') {
          setErrors(serverFieldErrors(error.details));
        }
      },
    });
  };

  const inline = Object.keys(errors).length > 0;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id={headingId}>
            Create token
          </Title>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Name"
              description="What the token is for, e.g. nightly-export"
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setErrors(({ name: _, ...rest }) => rest);
              }}
              error={errors.name}
              autoComplete="off"
              required
              w={260}
            />
            <NumberInput
              label="Expires in (days)"
              description="Leave empty for a token that never expires"
              value={days}
              onChange={(value) => {
                setDays(value);
                setErrors(({ expiresInDays: _, ...rest }) => rest);
              }}
              error={errors.expiresInDays}
              min={1}
              max={3650}
              allowDecimal={false}
              allowNegative={false}
              w={220}
            />
          </Group>
          {create.error && !inline && <ApiErrorAlert error={create.error} />}
          <Group>
            <Button type="submit" leftSection={<IconKey size={16} aria-hidden />} loading={create.isPending}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
