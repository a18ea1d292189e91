import type { ChangePasswordRequest } from '@console/shared/api';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../lib/api-client';

// The answer carries nothing the page needs; any JSON (or none) is a success.
const anyAnswer = z.unknown();

export async function changePassword(input: ChangePasswordRequest): Promise<void> {
  await api('/api/session/password', { method: 'POST', body: input, schema: anyAnswer });
}

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
