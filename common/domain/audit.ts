// What the audit trail records (docs/audit.md lists each action's detail): the actions and the
// kinds of thing an action is about. Shared by the core, which records them, and the renderer,
// which labels them.
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'lock',
  'command_submitted',
  'command_result',
  'contact_shown',
  'account_created',
  'account_disabled',
  'password_reset',
  'wall_token_created',
  'wall_token_revoked',
  'audit_exported',
  'handover_written',
  'handover_acknowledged',
  'retention_erased',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_KINDS = ['request', 'crew', 'account', 'handover', 'wall_token'] as const;
export type AuditTargetKind = (typeof AUDIT_TARGET_KINDS)[number];
