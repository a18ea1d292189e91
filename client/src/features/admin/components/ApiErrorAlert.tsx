import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../../../lib/api-client';
import { serverFieldErrors } from '../lib/form-errors';

function titleOf(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong';
  switch (error.code) {
    case 'auth/forbidden':
      return 'Not allowed for your role';
    case 'user/exists':
      return 'That username is taken';
    case 'user/self-lockout':
      return 'That would lock you out';
    case 'user/not-found':
      return 'No such user';
    case 'token/not-found':
      return 'No such token';
    case 'request/invalid':
      return 'The server did not accept these values';
    case 'auth/invalid-credentials':
      return 'Wrong password';
    default:
      return error.status === 0 ? 'The console server cannot be reached' : 'The request failed';
  }
}

type Props = { error: unknown; title?: string };

/** A failed call told plainly, next to the form that made it; the server's message names the fix. */
export function ApiErrorAlert({ error, title }: Props) {
  const message = error instanceof Error ? error.message : String(error);
  const fields =
    error instanceof ApiError && error.code === 'request/invalid' ? serverFieldErrors(error.details) : {};
  const entries = Object.entries(fields);
  return (
    <Alert color="red" role="alert" title={title ?? titleOf(error)} icon={<IconAlertTriangle size={18} />}>
      {message}
      {entries.length > 0 && (
        <List size="sm" mt={4}>
          {entries.map(([field, text]) => (
            <List.Item key={field}>
              {field ? `${field}: ` : ''}
              {text}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
