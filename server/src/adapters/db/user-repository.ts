import { type Role, roleSchema } from '@console/shared/api';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { advisoryKey } from './advisory-lock';
import { DuplicateError, isUniqueViolation, LastAdminError } from './errors';
import type { Database } from './open';
import type { UsersTable } from './schema';
import { toStoredTime } from './time';
import { tokenCacheOf } from './token-cache';

export interface UserRecord {
  username: string;
  passwordHash: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UserRepository {
  /** Throws DuplicateError when the username exists. */
  create(u: { username: string; passwordHash: string; role: Role }): Promise<UserRecord>;
  get(username: string): Promise<UserRecord | undefined>;
  list(): Promise<UserRecord[]>;
  /**
   * Undefined when there is no such user. Throws LastAdminError, changing nothing, when the patch
   * would demote or disable the last enabled admin: the check and the change are one statement.
   */
  update(
    username: string,
    patch: { role?: Role; disabled?: boolean; passwordHash?: string },
  ): Promise<UserRecord | undefined>;
  count(): Promise<number>;
}

function userRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    username: row.username,
    passwordHash: row.password_hash,
    role: roleSchema.parse(row.role),
    disabled: Number(row.disabled) !== 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const lastAdminLock = advisoryKey('users:last-admin');

export function createUserRepository(db: Database): UserRepository {
  const { kysely } = db;
  const get = async (username: string) => {
    const row = await kysely
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row === undefined ? undefined : userRecord(row);
  };
  return {
    async create({ username, passwordHash, role }) {
      const now = toStoredTime(new Date());
      const row = {
        username,
        password_hash: passwordHash,
        role,
        disabled: 0,
        created_at: now,
        updated_at: now,
      };
      try {
        await kysely.insertInto('users').values(row).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new DuplicateError(`user ${username} already exists`);
        throw err;
      }
      return userRecord(row);
    },

    get,

    async list() {
      const rows = await kysely.selectFrom('users').selectAll().orderBy('username').execute();
      return rows.map(userRecord);
    },

    async update(username, patch) {
      const mayTakeAnAdminAway =
        (patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true;
      const res = await kysely.transaction().execute(async (trx) => {
        // PostgreSQL under read committed: two demotions of the last two admins, each checking that
        // the other remains, could both pass. One lock orders them, so the second sees the first.
        if (mayTakeAnAdminAway && db.dialect === 'postgres') {
          await sql`select pg_advisory_xact_lock(${lastAdminLock}::bigint)`.execute(trx);
        }
        return trx
          .updateTable('users')
          .set({
            ...(patch.role !== undefined && { role: patch.role }),
            ...(patch.disabled !== undefined && { disabled: patch.disabled ? 1 : 0 }),
            ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
            updated_at: toStoredTime(new Date()),
          })
          .where('username', '=', username)
          .$if(mayTakeAnAdminAway, (qb) =>
            qb.where((eb) =>
              eb.or([
                // The user is not an enabled admin now, so the change takes no admin away …
                eb.not(eb.and([eb('role', '=', 'admin'), eb('disabled', '=', 0)])),
                // … or another enabled admin remains.
                eb.exists(
                  eb
                    .selectFrom('users as other')
                    .select('other.username')
                    .where('other.role', '=', 'admin')
                    .where('other.disabled', '=', 0)
                    .where('other.username', '<>', username),
                ),
              ]),
            ),
          )
          .executeTakeFirst();
      });
      // A token's owner may have lost its role or been disabled: verified tokens are read again.
      tokenCacheOf(db).clear();
      if (Number(res.numUpdatedRows) > 0) return get(username);
      if ((await get(username)) === undefined) return undefined;
      throw new LastAdminError(`${username} is the last enabled admin`);
    },

    async count() {
      const row = await kysely
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
