// What the operator must be told: refused commands, failed calls, a lost live batch. Each toast is
// rendered in the current language by the toasts component until dismissed.
import type { StateCreator } from 'zustand';
import type { LiveBatch, NoticeCause } from '../../../../common/api/contract';
import type { ApiErrorCode } from '../../../../common/api/rpc';
import type { CommandErrorCode } from '../../../../common/protocol/hub-protocol';
import type { ConsoleState } from '../store';

export type Toast =
  | { key: number; kind: 'command_failed'; type: string; targetId: string | null; code: CommandErrorCode; message: string; cause: NoticeCause | null }
  | { key: number; kind: 'call_failed'; type: string; targetId: string | null; code: ApiErrorCode | 'unknown'; message: string }
  | { key: number; kind: 'live_invalid'; message: string };
export type NewToast = Toast extends infer T ? (T extends Toast ? Omit<T, 'key'> : never) : never;

export interface NoticesSlice {
  toasts: Toast[];
  notify(toast: NewToast): void;
  dismissToast(key: number): void;
}

export const createNoticesSlice: StateCreator<ConsoleState, [], [], NoticesSlice> = (set) => {
  let key = 0;
  return {
    toasts: [],
    notify: (toast) => set((s) => ({ toasts: [...s.toasts, { ...toast, key: ++key } as Toast] })),
    dismissToast: (k) => set((s) => ({ toasts: s.toasts.filter((t) => t.key !== k) })),
  };
};

/** The toasts a batch's notices call for. */
export function batchToasts(b: LiveBatch): NewToast[] {
  return b.notices.flatMap((n) =>
    n.kind === 'command_failed'
      ? [{ kind: 'command_failed' as const, type: n.type, targetId: n.targetId, code: n.code, message: n.message, cause: n.cause }]
      : [],
  );
}
