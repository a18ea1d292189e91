import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from './logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('redactSecrets', () => {
  it('censors secret fields down to three levels, and credentials in headers', () => {
    const line = {
      secretKey: 'k1',
      env: { secret: 'k2', sdkAppId: 1 },
      call: { target: { userSig: 'sig', host: 'h' }, usersig: 'sig2' },
      list: [{ password: 'p' }, { ok: true }],
      req: { headers: { Authorization: 'Bearer t', cookie: 'c', accept: '*/*' } },
      res: { headers: { 'set-cookie': ['s'] } },
      deep: { a: { b: { secret: 'four levels down' } } },
    };
    expect(redactSecrets(line)).toEqual({
      secretKey: '[REDACTED]',
      env: { secret: '[REDACTED]', sdkAppId: 1 },
      call: { target: { userSig: '[REDACTED]', host: 'h' }, usersig: '[REDACTED]' },
      list: [{ password: '[REDACTED]' }, { ok: true }],
      req: { headers: { Authorization: '[REDACTED]', cookie: '[REDACTED]', accept: '*/*' } },
      res: { headers: { 'set-cookie': '[REDACTED]' } },
      // As pino's `*.*.field` paths before: three levels, no deeper.
      deep: { a: { b: { secret: 'four levels down' } } },
    });
  });

  it("never changes the caller's objects, and answers the same object when there is nothing to censor", () => {
    const env = { secret: 'k', id: 'e' };
    const line = { env, other: { id: 1 } };
    const out = redactSecrets(line);
    expect(env.secret).toBe('k');
    expect(out.other).toBe(line.other);
    const clean = { reqId: 'r', req: { method: 'POST', url: '/api/requests' }, call: { outcome: 'ok' } };
    expect(redactSecrets(clean)).toBe(clean);
  });

  it('keeps an error an error, with its message and stack, when one of its fields is censored', () => {
    const err = Object.assign(new Error('upstream said no'), { secretKey: 'k' });
    const out = redactSecrets({ err }).err;
    expect(out).toBeInstanceOf(Error);
    expect(out.message).toBe('upstream said no');
    expect(out.stack).toBe(err.stack);
    expect(out.secretKey).toBe('[REDACTED]');
    expect(err.secretKey).toBe('k');
  });
});

describe('createLogger', () => {
  it('writes lines with secrets censored, errors serialized', () => {
    const { logger, lines } = capture();
    logger.info({ environment: { secretKey: 'the-key' }, password: 'pw' }, 'hello');
    logger.error({ err: Object.assign(new Error('boom'), { userSig: 'sig' }) }, 'failed');
    logger.child({ reqId: 'r1' }).warn({ req: { headers: { authorization: 'Bearer x' } } }, 'child');
    expect(lines[0]).toMatchObject({
      msg: 'hello',
      environment: { secretKey: '[REDACTED]' },
      password: '[REDACTED]',
    });
    expect(lines[1]).toMatchObject({
      msg: 'failed',
      err: { message: 'boom', userSig: '[REDACTED]', type: 'Error' },
    });
    expect(lines[2]).toMatchObject({ reqId: 'r1', req: { headers: { authorization: '[REDACTED]' } } });
    expect(JSON.stringify(lines)).not.toMatch(/the-key|"pw"|"sig"|Bearer x/);
  });
});
