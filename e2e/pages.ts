import type { Page } from '@playwright/test';
import { historyEntrySchema } from '../shared/src/api/history';
import { expect } from './helpers';

/**
 * Every page of the console, as the accessibility check visits it. A new page joins the check by
 * adding one line here: its path (or a function that makes the data it shows and returns the path)
 * and what is on screen once it has finished loading.
 */
export type ConsolePage = {
  name: string;
  /** The address, or a function that prepares data over the API and returns it. */
  path: string | ((page: Page) => Promise<string>);
  /** Waits until the page shows what it is for (not just its loader). */
  ready: (page: Page) => Promise<void>;
  /** Something to do on the page before checking it, e.g. opening a dialog it is made of. */
  act?: (page: Page) => Promise<void>;
  signedOut?: boolean;
};

/** A call sent through the console (a profile lookup unless told), recorded in its history. */
async function recordCall(
  page: Page,
  call = {
    service: 'profile',
    command: 'portrait_get',
    body: { To_Account: ['nobody-a11y'], TagList: ['Tag_Profile_IM_Nick'] } as object,
  },
): Promise<{ id: string; requestId: string }> {
  const res = await page.request.post('/api/requests', { data: { environmentId: 'sandbox', ...call } });
  expect(res.status(), await res.text()).toBe(201);
  const entry = historyEntrySchema.parse(await res.json());
  return { id: entry.id, requestId: entry.requestId ?? '' };
}

const monacoReady = (region: string) => async (page: Page) => {
  await expect(
    page.getByRole('region', { name: region }).locator('.monaco-editor .view-lines').first(),
  ).toBeVisible({ timeout: 30_000 });
};

export const consolePages: ConsolePage[] = [
  {
    name: 'sign-in',
    path: '/sign-in',
    signedOut: true,
    ready: async (page) => {
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    },
  },
  {
    name: 'dashboard',
    // With a call in range, so the charts show rather than their empty state.
    path: async (page) => {
      await recordCall(page);
      return '/?environmentId=sandbox&range=1h';
    },
    ready: async (page) => {
      await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
      await expect(page.getByRole('figure', { name: 'Calls over time by outcome' })).toBeVisible();
      await expect(page.getByRole('figure', { name: 'Users, daily, last 30 days' })).toBeVisible({
        timeout: 30_000,
      });
    },
  },
  {
    name: 'console without a command',
    path: '/?env=sandbox',
    ready: async (page) => {
      await expect(page.getByRole('heading', { name: 'Pick a command' })).toBeVisible();
    },
  },
  {
    name: 'console with an answer',
    path: '/?env=sandbox&command=profile/portrait_get',
    ready: monacoReady('Request body'),
    act: async (page) => {
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(page.getByRole('region', { name: 'Response' }).getByTestId('action-status')).toBeVisible();
      await monacoReady('Response')(page);
    },
  },
  {
    name: 'command palette',
    path: '/?env=sandbox',
    ready: async (page) => {
      await expect(page.getByRole('heading', { name: 'Pick a command' })).toBeVisible();
    },
    act: async (page) => {
      await page.keyboard.press('ControlOrMeta+K');
      await expect(
        page.getByRole('dialog').getByRole('searchbox').or(page.getByLabel('Search commands')),
      ).toBeVisible();
      await page.keyboard.type('portrait');
    },
  },
  {
    name: 'history',
    path: async (page) => {
      await recordCall(page);
      return '/history';
    },
    ready: async (page) => {
      await expect(
        page.getByRole('region', { name: 'History entries' }).locator('tbody tr').first(),
      ).toBeVisible();
    },
    // The whole RequestId, in the tooltip its copy button shows on keyboard focus.
    act: async (page) => {
      await page
        .getByRole('region', { name: 'History entries' })
        .getByRole('button', { name: /^Copy RequestId Id-/ })
        .first()
        .focus();
      await expect(page.getByRole('tooltip')).toBeVisible();
    },
  },
  {
    name: 'history entry, its answer as a table',
    path: async (page) => {
      const { id } = await recordCall(page, {
        service: 'im_open_login_svc',
        command: 'account_check',
        body: { CheckItem: [{ UserID: 'user1' }, { UserID: 'nobody-a11y' }] },
      });
      return `/history/${id}`;
    },
    ready: monacoReady('Request body'),
    act: async (page) => {
      await page.getByText('Table (2)').click();
      await expect(
        page.getByRole('region', { name: 'ResultItem of account_check' }).getByRole('cell').first(),
      ).toBeVisible();
    },
  },
  {
    name: 'history entry, picking a recent call to compare',
    path: async (page) => {
      await recordCall(page);
      const b = await recordCall(page);
      return `/history/${b.id}`;
    },
    ready: monacoReady('Request body'),
    act: async (page) => {
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      const recent = page
        .getByRole('dialog', { name: 'Compare with another call' })
        .getByRole('textbox', { name: /^Recent calls of / });
      await expect(recent).toBeEnabled();
      await recent.focus();
      await page.keyboard.press('ArrowDown');
      await expect(page.getByRole('option').first()).toBeVisible();
    },
  },
  {
    name: 'history entry with a comparison',
    path: async (page) => {
      const a = await recordCall(page);
      const b = await recordCall(page);
      return `/history/${a.id}?compare=${b.id}`;
    },
    ready: async (page) => {
      await expect(
        page.getByRole('region', { name: 'Comparison' }).locator('.monaco-diff-editor'),
      ).toBeVisible({
        timeout: 30_000,
      });
      await monacoReady('Response')(page);
    },
  },
  {
    name: 'runs',
    path: '/runs',
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'callbacks',
    // With "before" callbacks the sandbox raised, one refused and one rewritten by the rehearsal's
    // rules (their badges in the list), the refused one opened so the detail is checked too.
    path: async (page) => {
      const call = async (service: string, command: string, body: Record<string, unknown>) => {
        const res = await page.request.post('/api/requests', {
          data: { environmentId: 'prod-rehearsal', service, command, body },
        });
        expect(res.status(), await res.text()).toBe(201);
      };
      await call('im_open_login_svc', 'multiaccount_import', {
        AccountList: [{ UserID: 'axe_a' }, { UserID: 'axe_b' }],
      });
      for (const [random, text] of [
        [1, 'darn'],
        [2, 'http://axe.example'],
      ] as const) {
        await call('openim', 'sendmsg', {
          From_Account: 'axe_a',
          To_Account: 'axe_b',
          MsgRandom: random,
          MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: text } }],
        });
      }
      let id: string | undefined;
      await expect(async () => {
        const list = await page.request.get(
          '/api/callbacks?environmentId=prod-rehearsal&command=C2C.CallbackBeforeSendMsg&limit=1',
        );
        const body = (await list.json()) as { items: { id: string }[] };
        id = body.items[0]?.id;
        expect(id).toBeDefined();
      }).toPass({ timeout: 10_000 });
      return `/callbacks?id=${id}`;
    },
    ready: async (page) => {
      const list = page.getByRole('table', { name: 'Received callbacks' });
      await expect(list.getByText('refused', { exact: true }).first()).toBeVisible();
      await expect(list.getByText('rewritten', { exact: true }).first()).toBeVisible();
      await expect(page.getByRole('heading', { name: 'C2C.CallbackBeforeSendMsg', level: 2 })).toBeVisible();
    },
  },
  {
    name: 'users',
    path: '/admin/users',
    ready: async (page) => {
      await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
    },
  },
  {
    name: 'audit',
    path: '/admin/audit',
    ready: async (page) => {
      await expect(page.getByRole('table').locator('tbody tr').first()).toBeVisible();
    },
  },
  {
    name: 'API tokens',
    path: '/settings/tokens',
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'account',
    path: '/settings/account',
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'runs with a finished run',
    path: async (page) => {
      const res = await page.request.post('/api/runs', {
        data: {
          environmentId: 'sandbox',
          service: 'im_open_login_svc',
          command: 'account_check',
          template: '{"CheckItem":[{"UserID":"{{user}}"}]}',
          csv: 'user\nalice\nnobody-a11y',
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      const run = (await res.json()) as { id: string };
      return `/runs?run=${run.id}`;
    },
    ready: async (page) => {
      await expect(page.getByTestId('run-status')).toHaveText('done');
      await monacoReady('New run')(page);
    },
  },
  {
    name: 'explorer user',
    path: async (page) => {
      const res = await page.request.post('/api/requests', {
        data: {
          environmentId: 'sandbox',
          service: 'im_open_login_svc',
          command: 'account_import',
          body: { UserID: 'a11y_user', Nick: 'Accessible' },
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      return '/explore/users/a11y_user?env=sandbox';
    },
    ready: async (page) => {
      await expect(page.getByTestId('user-nick')).toHaveText('Accessible', { timeout: 30_000 });
    },
  },
  {
    name: 'explorer group with messages',
    path: async (page) => {
      const res = await page.request.post('/api/requests', {
        data: {
          environmentId: 'sandbox',
          service: 'group_open_http_svc',
          command: 'send_group_msg',
          body: {
            GroupId: '@TGS#1NVTZEAE4',
            Random: 77,
            MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'accessible hello' } }],
          },
        },
      });
      expect(res.status(), await res.text()).toBe(201);
      return `/explore/groups/${encodeURIComponent('@TGS#1NVTZEAE4')}?env=sandbox`;
    },
    ready: async (page) => {
      await expect(page.getByRole('list', { name: 'Recent messages of @TGS#1NVTZEAE4' })).toContainText(
        'accessible hello',
        { timeout: 30_000 },
      );
    },
  },
  {
    name: 'page not found',
    path: '/no-such-page',
    ready: async (page) => {
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
];
