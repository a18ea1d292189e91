// Catalog data: Chatbot.
import type { CatalogCommand } from '../api/catalog';
import { withInferredSchema } from './define';

export const chatbotCommands: readonly CatalogCommand[] = [
  withInferredSchema(
    {
      service: 'openim_robot_http_svc',
      command: 'create_robot',
      group: 'Chatbot',
      title: 'Create a chatbot account (UserID must start with @RBT#)',
      description:
        'Creates a chatbot account; its UserID must start with "@RBT#". The rate limit was not captured.',
      access: 'write',
      rateLimitPerSec: null,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { UserID: '@RBT#001', Nick: 'bot', FaceUrl: 'https://example.com/bot.png' },
    },
    ['UserID'],
    { UserID: 'Chatbot UserID, starting with "@RBT#".' },
  ),
  withInferredSchema(
    {
      service: 'openim_robot_http_svc',
      command: 'delete_robot',
      group: 'Chatbot',
      title: 'Delete a chatbot',
      description: 'Deletes a chatbot account. Irreversible.',
      access: 'destructive',
      rateLimitPerSec: null,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: { Robot_Account: '@RBT#001' },
    },
    ['Robot_Account'],
    { Robot_Account: 'Chatbot UserID.' },
  ),
  withInferredSchema(
    {
      service: 'openim_robot_http_svc',
      command: 'get_all_robots',
      group: 'Chatbot',
      title: 'List all chatbots',
      description: 'Lists every chatbot account of the app. Read-only; body {}.',
      access: 'read',
      rateLimitPerSec: null,
      rateLimitVerified: false,
      rateLimitNote: null,
      docUrl: 'https://www.tencentcloud.com/document/product/1047/34621',
      example: {},
    },
    [],
  ),
];
