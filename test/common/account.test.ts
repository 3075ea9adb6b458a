import { describe, expect, it } from 'vitest';
import { displayNameProblem, passwordProblem, usernameProblem } from '../../common/domain/account';
import { Id } from '../../common/protocol/hub-protocol';

describe('account rules', () => {
  it('takes usernames that can be the hub’s operator id, and nothing else', () => {
    for (const ok of ['op-1', 'sup.karimi', 'm_6', 'ab', 'a'.repeat(32)]) {
      expect(usernameProblem(ok), ok).toBeNull();
      expect(Id.safeParse(ok).success).toBe(true);
    }
    for (const bad of ['a', 'Op-1', '1op', '-op', 'op 1', 'زهرا', 'a'.repeat(33), '', 'op@1']) expect(usernameProblem(bad), bad).toBe('username_pattern');
  });

  it('needs a display name of 1–80 characters, Persian counted by characters', () => {
    expect(displayNameProblem('  ')).toBe('name_empty');
    expect(displayNameProblem('زهرا کریمی')).toBeNull();
    expect(displayNameProblem('ز'.repeat(80))).toBeNull();
    expect(displayNameProblem('ز'.repeat(81))).toBe('name_long');
  });

  it('needs a password of 8–256 characters', () => {
    expect(passwordProblem('1234567')).toBe('password_short');
    expect(passwordProblem('12345678')).toBeNull();
    expect(passwordProblem('۱۲۳۴۵۶۷۸')).toBeNull();
    expect(passwordProblem('x'.repeat(257))).toBe('password_long');
  });
});
