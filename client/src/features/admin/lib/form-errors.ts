import { z } from 'zod';

export type FieldErrors = Record<string, string>;

type Issue = { path: readonly PropertyKey[]; message: string; code?: string; minimum?: unknown };

// zod's default for an empty required string ("Too small: expected string to have >=1 characters") is
// accurate but not how a form speaks.
function messageOf(issue: Issue): string {
  if (issue.code === 'too_small' && issue.minimum === 1) return 'Required';
  return issue.message;
}

/** The first message for each top-level field, as a form shows it under that field. */
export function fieldErrorsOf(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '';
    if (!(key in errors)) errors[key] = messageOf(issue);
  }
  return errors;
}

// The server answers `request/invalid` with its zod issues; the path may arrive joined ("a.b") or as a list.
const serverIssuesSchema = z.array(
  z.object({
    path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]),
    message: z.string(),
  }),
);

/** Field errors from a `request/invalid` answer's details; empty when the details say nothing usable. */
export function serverFieldErrors(details: unknown): FieldErrors {
  const parsed = serverIssuesSchema.safeParse(details);
  if (!parsed.success) return {};
  return fieldErrorsOf(
    parsed.data.map((issue) => ({
      path: typeof issue.path === 'string' ? (issue.path === '' ? [] : issue.path.split('.')) : issue.path,
      message: issue.message,
    })),
  );
}
