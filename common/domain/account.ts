// Accounts as every side checks them: the roles a person can have, and what a username, a display
// name and a password must be. The username is also the account's id at the hub (the `operatorId`
// of its commands, §5 of the protocol), so it is short, Latin and never changes.

export const ACCOUNT_ROLES = ['operator', 'supervisor', 'mayor'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** Lowercase Latin letter first, then letters, digits, `.`, `_` or `-`: 2–32 characters (fits the protocol's 64-character ids). */
export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{1,31}$/;
export const DISPLAY_NAME_MAX = 80;
/** 8 at least (NIST SP 800-63B's floor for chosen passwords); 256 at most, so hashing a huge input costs nothing extra. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

/** Why a value is refused, as a stable code the UI words in its language. */
export type AccountProblem = 'username_pattern' | 'name_empty' | 'name_long' | 'password_short' | 'password_long';

export const ACCOUNT_PROBLEM_TEXT: Record<AccountProblem, string> = {
  username_pattern: 'a username is 2–32 characters: a lowercase Latin letter first, then letters, digits, ".", "_" or "-"',
  name_empty: 'a display name is needed',
  name_long: `a display name is at most ${DISPLAY_NAME_MAX} characters`,
  password_short: `a password is at least ${PASSWORD_MIN} characters`,
  password_long: `a password is at most ${PASSWORD_MAX} characters`,
};

export function usernameProblem(u: string): AccountProblem | null {
  return USERNAME_PATTERN.test(u) ? null : 'username_pattern';
}

export function displayNameProblem(n: string): AccountProblem | null {
  const t = n.trim();
  if (!t) return 'name_empty';
  return [...t].length > DISPLAY_NAME_MAX ? 'name_long' : null;
}

export function passwordProblem(p: string): AccountProblem | null {
  const n = [...p].length;
  if (n < PASSWORD_MIN) return 'password_short';
  return n > PASSWORD_MAX ? 'password_long' : null;
}
