export const ACCOUNT_ROLES = ['operator', 'supervisor', 'mayor'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];
