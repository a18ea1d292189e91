import { type CreateTokenResponse, createTokenRequestSchema } from '@console/shared/api';
import { Button, Group, NativeSelect, NumberInput, Paper, Stack, TextInput, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { type FormEvent, useId, useState } from 'react';
import { useSession } from '../../../api/get-session';
import { ApiError } from '../../../lib/api-client';
import { useCreateToken } from '../api/create-token';
import { type FieldErrors, fieldErrorsOf, serverFieldErrors } from '../lib/form-errors';
import { ApiErrorAlert } from './ApiErrorAlert';
import { roleOptions } from './roles';

type Props = { onCreated: (token: CreateTokenResponse) => void };

export function CreateTokenForm({ onCreated }: Props) {
  const [name, setName] = useState('');
  const [days, setDays] = useState<number | string>(90);
  // '' is the owner's own role; the others are the roles below it.
  const [role, setRole] = useState('');
  const ownRole = useSession().data?.user.role ?? 'viewer';
  const own = roleOptions.find((r) => r.value === ownRole);
  const narrower = roleOptions.slice(
    0,
    roleOptions.findIndex((r) => r.value === ownRole),
  );
  const roleChoices = [
    { value: '', label: `Yours (${own?.label ?? ownRole})` },
    ...narrower.map(({ value, label }) => ({ value, label })),
  ];
  const roleDescription =
    role === ''
      ? 'Follows your role, also when it changes'
      : `At most ${roleOptions.find((r) => r.value === role)?.description ?? role}`;
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateToken();
  const headingId = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.reset();
    const parsed = createTokenRequestSchema.safeParse({
      name: name.trim(),
      ...(days === '' ? {} : { expiresInDays: Number(days) }),
      ...(role === '' ? {} : { role }),
    });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error.issues));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (token) => {
        setName('');
        setRole('');
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
            <NativeSelect
              label="Role"
              description={roleDescription}
              data={roleChoices}
              value={role}
              onChange={(e) => {
                setRole(e.currentTarget.value);
                setErrors(({ role: _, ...rest }) => rest);
              }}
              error={errors.role}
              w={240}
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
