import { changePasswordRequestSchema } from '@console/shared/api';
import { Alert, Button, Group, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { type FormEvent, useId } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useChangePassword } from '../api/change-password';
import { fieldErrorsOf, serverFieldErrors } from '../lib/form-errors';
import { useFormFields } from '../lib/use-form-fields';
import { ApiErrorAlert } from './ApiErrorAlert';

const empty = { currentPassword: '', newPassword: '', repeat: '' };

export function ChangePasswordForm() {
  const { values, errors, setErrors, set, clear } = useFormFields(empty);
  const change = useChangePassword();
  const headingId = useId();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    change.reset();
    const parsed = changePasswordRequestSchema.safeParse(values);
    const found = parsed.success ? {} : fieldErrorsOf(parsed.error.issues);
    if (values.repeat !== values.newPassword) found.repeat = 'The two new passwords differ.';
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setErrors({});
    change.mutate(parsed.data, {
      onSuccess: () => clear(),
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'auth/invalid-credentials') {
          setErrors({ currentPassword: 'The current password is wrong.' });
        } else if (error instanceof ApiError && error.code === 'request/invalid') {
          setErrors(serverFieldErrors(error.details));
        }
      },
    });
  };

  const inline = Object.keys(errors).length > 0;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} maw={480}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id={headingId}>
            Change password
          </Title>
          <PasswordInput
            label="Current password"
            value={values.currentPassword}
            onChange={(e) => set('currentPassword', e.currentTarget.value)}
            error={errors.currentPassword}
            aria-invalid={errors.currentPassword !== undefined}
            autoComplete="current-password"
            required
          />
          <PasswordInput
            label="New password"
            description="At least 8 characters"
            value={values.newPassword}
            onChange={(e) => set('newPassword', e.currentTarget.value)}
            error={errors.newPassword}
            aria-invalid={errors.newPassword !== undefined}
            autoComplete="new-password"
            required
          />
          <PasswordInput
            label="Repeat new password"
            value={values.repeat}
            onChange={(e) => set('repeat', e.currentTarget.value)}
            error={errors.repeat}
            aria-invalid={errors.repeat !== undefined}
            autoComplete="new-password"
            required
          />
          {change.error && !inline && <ApiErrorAlert error={change.error} />}
          {change.isSuccess && (
            <Alert color="green" icon={<IconCheck size={18} />} role="status">
              Password changed. Your other sessions were signed out.
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
