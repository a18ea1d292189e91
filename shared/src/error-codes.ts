// INTERIM: the error-code work (issue 2) fills this with every code of reference §3.
import type { ErrorCodeDoc } from './api/catalog';

const DOC = 'https://www.tencentcloud.com/document/product/1047/34348';

export const errorCodes: readonly ErrorCodeDoc[] = [
  {
    code: 70107,
    category: 'account',
    meaning: 'The requested user account does not exist.',
    hint: 'Import the account first (account_import), or check the UserID for typos.',
    retryable: false,
    docUrl: DOC,
  },
];

const byCode = new Map(errorCodes.map((e) => [e.code, e]));

/** The documented entry for a code, or a generic one that says the code is not documented. */
export function lookupErrorCode(code: number): ErrorCodeDoc {
  return (
    byCode.get(code) ?? {
      code,
      category: 'unknown',
      meaning: `Error code ${code} is not in the console's table of documented codes.`,
      hint: 'Check ErrorInfo in the response and search the Tencent Chat error-code page for this code.',
      retryable: false,
      docUrl: DOC,
    }
  );
}

export function isDocumentedErrorCode(code: number): boolean {
  return byCode.has(code);
}
