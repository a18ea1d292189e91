import type { Environment } from '@console/shared/api';
import { useCallback, useReducer } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useEnvironments } from '../api/get-environments';
import { isConsoleLocation, readableSearch } from '../lib/console-url';
import { pickEnvironment, rememberEnvironment } from '../lib/preferred-environment';

export type SelectedEnvironment = {
  environments: readonly Environment[];
  environment: Environment | undefined;
  /** The `env` the URL asked for when no environment has that id. */
  unknownId: string | null;
  isLoading: boolean;
  error: unknown;
  select: (id: string) => void;
};

/** The environment the console works on: `?env=` in the URL is the state, the last one used the default. */
export function useSelectedEnvironment(): SelectedEnvironment {
  const query = useEnvironments();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const requested = params.get('env');
  const environments = query.data?.environments ?? [];
  const environment = pickEnvironment(environments, requested);
  const unknownId =
    requested && query.data && !environments.some((e) => e.id === requested) ? requested : null;

  const select = useCallback(
    (id: string) => {
      rememberEnvironment(id);
      // Pages about one environment keep it in the URL, so the choice shows at once and links carry it.
      if (
        isConsoleLocation(location.pathname, location.search) ||
        location.pathname.startsWith('/explore/')
      ) {
        const next = new URLSearchParams(params);
        next.set('env', id);
        navigate({ search: readableSearch(next) });
      } else {
        // Elsewhere the choice is only remembered, for the next visit to the console.
        rerender();
      }
    },
    [location.pathname, location.search, navigate, params],
  );

  return { environments, environment, unknownId, isLoading: query.isLoading, error: query.error, select };
}
