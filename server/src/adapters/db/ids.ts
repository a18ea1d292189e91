import { randomFillSync } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomMask = (1n << 80n) - 1n;

let lastTime = -1;
let lastRandom = 0n;

// One getrandom call per 409 ids instead of one per id: the syscall dominated bulk inserts.
const pool = Buffer.alloc(10 * 409);
let poolOffset = pool.length;

function random80(): bigint {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const hex = pool.toString('hex', poolOffset, poolOffset + 10);
  poolOffset += 10;
  return BigInt(`0x${hex}`);
}

function encode(value: bigint, length: number): string {
  let out = '';
  let v = value;
  for (let i = 0; i < length; i++) {
    out = alphabet[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}

/**
 * A ULID: 48-bit milliseconds then 80 random bits in Crockford base32, 26 characters.
 * Within one millisecond the random part is incremented instead of redrawn (monotonic ULID), so ids
 * made by this process always sort in creation order — the keyset order of history and audit.
 */
export function newId(now: number = Date.now()): string {
  if (now <= lastTime) {
    lastRandom = (lastRandom + 1n) & randomMask;
    // On the (astronomically rare) wrap, move to the next millisecond rather than repeat an id.
    if (lastRandom === 0n) lastTime += 1;
  } else {
    lastTime = now;
    lastRandom = random80();
  }
  return encode(BigInt(lastTime), 10) + encode(lastRandom, 16);
}
