import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useRef, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession } from '../../../api/get-session';
import { ApiError } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format-time';
import { describeWait } from '../../../lib/wait-text';
import { useSignIn } from '../api/sign-in';
import { safeNext } from '../lib/safe-next';

function failureMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'auth/invalid-credentials') return 'Wrong username or password.';
    if (error.code === 'auth/throttled') {
      // The server's lock, as it says it in Retry-After (15 minutes by default), not a guess.
      const wait = error.retryAfterSeconds;
      return wait === undefined
        ? 'Too many failed attempts. Wait, then try again.'
        : `Too many failed attempts. Try again in ${describeWait(wait)} (at ${formatTime(new Date(Date.now() + wait * 1000).toISOString())}).`;
    }
    if (error.code === 'auth/disabled') return 'This account is disabled. Ask an administrator.';
    return `Sign-in failed: ${error.message}`;
  }
  return 'Sign-in failed. Check your connection and try again.';
}

export default function SignInPage() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const expired = params.get('reason') === 'expired';
  const navigate = useNavigate();
  const session = useSession();
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);

  if (session.data) return <Navigate to={next} replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    signIn.mutate(
      { username, password },
      {
        onSuccess: () => navigate(next, { replace: true }),
        // The button was disabled while sending, which drops focus to the page: put it back in the
        // form, on the field most likely wrong, so the next try needs no mouse.
        onError: () => {
          passwordRef.current?.focus();
          passwordRef.current?.select();
        },
      },
    );
  };

  return (
    <Center mih="100vh" p="md">
      <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w={380}>
        <form onSubmit={submit} aria-label="Sign in">
          <Stack>
            <Title order={1} size="h3">
              Chat REST Console
            </Title>
            {expired && !signIn.isError && (
              <Alert color="yellow" role="status" title="Your session has ended">
                It expired or was signed out elsewhere. Sign in again to go back to where you were.
              </Alert>
            )}
            <TextInput
              label="Username"
              name="username"
              autoComplete="username"
              required
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              name="password"
              autoComplete="current-password"
              required
              ref={passwordRef}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {signIn.isError && (
              <Alert color="red" icon={<IconAlertCircle size={18} />} role="alert">
                {failureMessage(signIn.error)}
              </Alert>
            )}
            <Button type="submit" loading={signIn.isPending}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
