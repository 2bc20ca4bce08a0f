// Boundaries of the Steam maFile reader (src/_backup-steam.ts) that mutation testing
// (test/MUTATION.md, slice `backup-apps-b`) found unpinned: the file's shape (a maFile, or the Steam
// app's `accounts` map), an empty shared_secret, and the names of skipped accounts.
import { describe, expect, test } from 'vitest';
import { readBackup } from '../../src/backup.ts';
import { otpError } from './otp-error.ts';

const read = (text: string) => readBackup(text, { format: 'steam' });
const SECRET = 'NVgoF2vYVFnM+IURnTlfQOk80Hw=';

describe('Steam: the file', () => {
  test('a file that is not an object holding shared_secret or accounts is INVALID_BACKUP naming Steam and shared_secret', () => {
    for (const text of ['5', 'null', '"x"', '[]', '{}', '{"accounts":[]}', '{"accounts":"x"}']) {
      const e = otpError(() => read(text));
      expect(e.code, text).toBe('INVALID_BACKUP');
      expect(e.message, text).toContain('Steam maFile');
      expect(e.message, text).toContain('shared_secret');
    }
  });
});

describe('Steam: an account', () => {
  test('an empty shared_secret skips the account with INVALID_KEY naming shared_secret', () => {
    const { tokens, skipped } = read(JSON.stringify({ shared_secret: '', account_name: 'dave' }));
    expect(tokens).toEqual([]);
    expect(skipped).toHaveLength(1);
    expect([skipped[0]!.code, skipped[0]!.name]).toEqual(['INVALID_KEY', 'dave']);
    expect(skipped[0]!.reason).toMatch(/^shared_secret /);
  });

  test('a skipped account is named by its account_name when that is a string, else not named', () => {
    const accounts = {
      a: { shared_secret: '', account_name: 5 },
      b: 7,
      c: { shared_secret: '', account_name: ['x'] },
      d: { shared_secret: 1, account_name: 'eve' },
    };
    const { tokens, skipped } = read(JSON.stringify({ accounts }));
    expect(tokens).toEqual([]);
    expect(skipped.map((s) => [s.index, s.name])).toEqual([
      [0, undefined],
      [1, undefined],
      [2, undefined],
      [3, 'eve'],
    ]);
  });

  test('account_name is the account; serial_number and steamid, strings or numbers (exact past 2^53), are the serial and steam.steamid', () => {
    const [token] = read(`{"shared_secret":"${SECRET}","account_name":"dave","serial_number":12345678901234567891,"steamid":76561197960287931}`).tokens;
    expect(token).toMatchObject({
      kind: 'steam',
      issuer: 'Steam',
      account: 'dave',
      serial: '12345678901234567891',
      extras: { 'steam.steamid': '76561197960287931' },
    });
  });

  test('an empty account_name or serial_number is no account or serial', () => {
    const [token] = read(JSON.stringify({ shared_secret: SECRET, account_name: '', serial_number: '' })).tokens;
    expect(token).toMatchObject({ kind: 'steam', issuer: 'Steam' });
    expect(token!.account).toBeUndefined();
    expect(token!.serial).toBeUndefined();
    expect(token!.extras).toBeUndefined();
  });
});
