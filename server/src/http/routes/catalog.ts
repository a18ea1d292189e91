import type { CatalogResponse, EnvironmentsResponse, ErrorCodesResponse } from '@console/shared/api';
import { catalog } from '@console/shared/catalog';
import { errorCodes } from '@console/shared/error-codes';
import { regions } from '@console/shared/regions';
import { Router } from 'express';
import type { EnvironmentRegistry } from '../../services/environments';

export function catalogRoutes(environments: EnvironmentRegistry): Router {
  const router = Router();
  router.get('/catalog', (_req, res) => {
    const body: CatalogResponse = { regions: [...regions], commands: [...catalog] };
    res.json(body);
  });
  router.get('/error-codes', (_req, res) => {
    const body: ErrorCodesResponse = { errorCodes: [...errorCodes] };
    res.json(body);
  });
  router.get('/environments', (_req, res) => {
    const body: EnvironmentsResponse = {
      environments: environments.all().map((e) => environments.describe(e)),
    };
    res.json(body);
  });
  return router;
}
