import type { CatalogCommand, JsonSchema } from '../api/catalog';
import { fromExample } from './schema-parts';

/**
 * A long-tail command whose body is documented only by its minimal example: the schema types every
 * example field, requires `required`, and uses the better-known `fields` (a description or a shared
 * sub-schema) where given.
 */
export function withInferredSchema(
  command: Omit<CatalogCommand, 'schema'>,
  required: readonly string[],
  fields: Record<string, string | JsonSchema> = {},
): CatalogCommand {
  return { ...command, schema: fromExample(command.example, required, fields) };
}
