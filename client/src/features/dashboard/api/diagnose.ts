import { diagnoseResponseSchema } from '@console/shared/api';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export function diagnose(environmentId: string) {
  return api(`/api/environments/${encodeURIComponent(environmentId)}/diagnose`, {
    method: 'POST',
    body: {},
    schema: diagnoseResponseSchema,
  });
}

/** On demand only: each run probes the network and makes one signed call, recorded and audited. */
export const useDiagnose = (environmentId: string) =>
  useMutation({ mutationKey: ['diagnose', environmentId], mutationFn: () => diagnose(environmentId) });
