import { createUserRequestSchema, roleSchema } from '@console/shared/api';
import { Button, Group, NativeSelect, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { type FormEvent, useId } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useCreateUser } from '../api/create-user';
import { fieldErrorsOf, serverFieldErrors } from '../lib/form-errors';
import { useFormFields } from '../lib/use-form-fields';
import { ApiErrorAlert } from './ApiErrorAlert';
import { roleOptions } from './roles';

const empty = { username: '', password: '', role: 'viewer' };

export function CreateUserForm() {
  const { values, errors, setErrors, set, clear } = useFormFields(empty);
  const create = useCreateUser();
  const headingId = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.reset();
    // The same schema the server validates with, so the form never promises what the server refuses.
    const parsed = createUserRequestSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error.issues));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (user) => {
        clear();
        notifications.show({ color: 'green', message: `User ${user.username} created as ${user.role}.` });
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'user/exists') {
          setErrors({ username: `${parsed.data.username} already exists; pick another name.` });
        } else if (error instanceof ApiError && error.code === 'request/invalid') {
          setErrors(serverFieldErrors(error.details));
        }
      },
    });
  };

  const serverError = create.error;
  const shownInline =
    serverError instanceof ApiError &&
    (serverError.code === 'user/exists' || Object.keys(serverFieldErrors(serverError.details)).length > 0);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id={headingId}>
            Create user
          </Title>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Username"
              description="Letters, digits and . _ @ -"
              value={values.username}
              onChange={(e) => set('username', e.currentTarget.value)}
              error={errors.username}
              autoComplete="off"
              required
              w={220}
            />
            <PasswordInput
              label="Password"
              description="At least 8 characters"
              value={values.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.password}
              // Mantine marks a PasswordInput's input only with data-invalid; assistive tech reads aria-invalid.
              aria-invalid={errors.password !== undefined}
              autoComplete="new-password"
              required
              w={220}
            />
            <NativeSelect
              label="Role"
              description={roleOptions.find((r) => r.value === values.role)?.description}
              data={roleOptions.map(({ value, label }) => ({ value, label }))}
              value={values.role}
              onChange={(e) => {
                const role = roleSchema.safeParse(e.currentTarget.value);
                if (role.success) set('role', role.data);
              }}
              error={errors.role}
              w={200}
            />
          </Group>
          {serverError && !shownInline && <ApiErrorAlert error={serverError} />}
          <Group>
            <Button type="submit" leftSection={<IconUserPlus size={16} />} loading={create.isPending}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
