import { passwordSchema } from '@console/shared/api';
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useUpdateUser } from '../api/update-user';
import { serverFieldErrors } from '../lib/form-errors';
import { ApiErrorAlert } from './ApiErrorAlert';

type Props = { username: string; onClose: () => void };

/** An admin sets a new password for someone who lost theirs; their open sessions end with it. */
export function ResetPasswordModal({ username, onClose }: Props) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateUser();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.reset();
    const parsed = passwordSchema.safeParse(password);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'not a valid password');
      return;
    }
    setError(null);
    update.mutate(
      { username, changes: { password: parsed.data } },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `Password of ${username} reset.` });
          onClose();
        },
        onError: (failure) => {
          if (failure instanceof ApiError && failure.code === 'request/invalid') {
            const fields = serverFieldErrors(failure.details);
            if (fields.password) setError(fields.password);
          }
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title={`Reset password of ${username}`} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            Tell {username} the new password through a channel you trust; they can change it on their Account
            page.
          </Text>
          <PasswordInput
            label="New password"
            description="At least 8 characters"
            value={password}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              setError(null);
            }}
            error={error}
            aria-invalid={error !== null}
            autoComplete="new-password"
            required
            data-autofocus
          />
          {update.error && !error && <ApiErrorAlert error={update.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Set password
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
