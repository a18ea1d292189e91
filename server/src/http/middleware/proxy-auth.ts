import type { RequestHandler } from 'express';
import type { ProxyAuthConfig } from '../../config/proxy-auth';
import { AppError } from '../../core/errors';
import type { UserService } from '../../services/users';
import { hasBearerToken } from './auth';
import { readProxyIdentity } from './proxy-identity';

/**
 * Trusted-header sign-on: when the TCP peer is a configured proxy and it names a user, that user is
 * signed in for this request (created on first sight). From any other peer the header is ignored and
 * the request needs a session or token like any other. Mount before `requireAuth`.
 */
export function proxyAuth(config: ProxyAuthConfig | null, users: UserService): RequestHandler {
  return async (req, _res, next) => {
    // An explicit bearer token is the caller's choice of credential, even behind the proxy.
    if (config === null || hasBearerToken(req)) return next();
    const verdict = readProxyIdentity(config, req.socket.remoteAddress, req.headers);
    switch (verdict.kind) {
      case 'absent':
        return next();
      case 'untrusted':
        req.log.warn(
          { peer: verdict.peer, header: config.userHeader },
          'proxy user header from an untrusted peer ignored',
        );
        return next();
      case 'invalid':
        throw new AppError('auth/unauthenticated', 401, `the proxy sent a username the console cannot use`);
      case 'identified': {
        const { username, role } = verdict.identity;
        const user = await users.signOnFromProxy(username, role, config.defaultRole);
        if (user.disabled) {
          throw new AppError('auth/disabled', 403, 'this account is disabled; ask an administrator');
        }
        req.principal = { username: user.username, role: user.role, via: 'proxy' };
        return next();
      }
    }
  };
}
