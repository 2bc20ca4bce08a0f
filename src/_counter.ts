/**
 * The moving factor C of RFC 4226 §5.1: an unsigned 64-bit integer, hashed as 8 bytes big-endian.
 * It is carried as two uint32 halves, because JavaScript's bit operators are 32-bit: taking
 * `counter & 0xffffffff` as the whole counter is the bug that gives counter 2^32+1 the code of 1.
 * @module
 */
import { OtpError } from './errors.ts';
import { describe } from './_validate.ts';

/** A counter: a safe-integer `number`, or a `bigint` for anything up to 2^64-1. */
export type Counter = number | bigint;

/** 2^32, the weight of the high half. */
export const TWO_32 = 0x1_0000_0000;
const MAX_U64 = (1n << 64n) - 1n;

/** A validated counter as uint32 halves: `value = hi * 2^32 + lo`. */
export interface CounterWords {
  hi: number;
  lo: number;
}

/**
 * Validates a counter and splits it into uint32 halves.
 * @throws OtpError `INVALID_COUNTER` when not an integer in 0 … 2^64-1, or a `number` above 2^53-1.
 */
export function counterWords(counter: unknown, name = 'counter'): CounterWords {
  if (typeof counter === 'bigint') {
    if (counter >= 0n && counter <= MAX_U64) {
      return { hi: Number(counter >> 32n), lo: Number(counter & 0xffff_ffffn) };
    }
  } else if (
    // Stryker disable next-line ConditionalExpression: Number.isInteger is false for every non-number
    typeof counter === 'number' &&
    Number.isInteger(counter) &&
    counter >= 0
  ) {
    if (counter > Number.MAX_SAFE_INTEGER) {
      throw new OtpError(
        'INVALID_COUNTER',
        `${name} ${counter} is above 2^53-1, where a number cannot hold every integer exactly: ` + `pass it as a bigint (for example ${BigInt(counter)}n)`,
      );
    }
    return { hi: Math.floor(counter / TWO_32), lo: counter % TWO_32 };
  }
  throw new OtpError('INVALID_COUNTER', `${name} must be an integer from 0 to 2^64-1 (a number up to 2^53-1, or a bigint), got ${describe(counter)}`);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A counter in its normal form: a `number` up to 2^53-1, a `bigint` above. */
export function normalCounter(value: bigint): Counter {
  return value > MAX_SAFE ? value : Number(value);
}
