// The alerts of this window: the list (newest first), how many arrived since it was last opened,
// whether it is open, the sound settings and whether sound can play. Its own small store: the
// console's store says what happened, this one what the operator was told about it.
import { create } from 'zustand';
import { desktopPermission, type DesktopPermission } from './desktop';
import type { AudioState } from './player';
import { withAdded, type Alert, type AlertEvent } from './rules';
import { loadSoundSettings, saveSoundSettings, type SoundSettings } from './settings';

export interface AlertsState {
  alerts: Alert[];
  /** Raised since the list was last open. */
  unseen: number;
  listOpen: boolean;
  sound: SoundSettings;
  audio: AudioState;
  desktop: DesktopPermission;

  /** Keeps the events as alerts raised at `now`, sounding now; returns them. */
  raise(events: readonly AlertEvent[], now: number): Alert[];
  /** Alerts that sounded again at `now`. */
  sounded(ids: readonly number[], now: number): void;
  setListOpen(open: boolean): void;
  setSound(patch: Partial<SoundSettings>): void;
  setAudio(state: AudioState): void;
  setDesktop(permission: DesktopPermission): void;
  /** Forgets the alerts (the session that saw them ended); the sound settings stay with the workstation. */
  clear(): void;
}

let nextId = 0;

export const useAlerts = create<AlertsState>()((set, get) => ({
  alerts: [],
  unseen: 0,
  listOpen: false,
  sound: loadSoundSettings(),
  audio: 'blocked',
  desktop: desktopPermission(),
  clear: () => set({ alerts: [], unseen: 0, listOpen: false }),

  raise(events, now) {
    if (events.length === 0) return [];
    const added = events.map((e): Alert => ({ ...e, id: ++nextId, at: now, soundedAt: now, sounded: 1 }));
    set((s) => ({ alerts: withAdded(s.alerts, added), unseen: s.listOpen ? 0 : s.unseen + added.length }));
    return added;
  },
  sounded(ids, now) {
    if (ids.length === 0) return;
    const again = new Set(ids);
    set((s) => ({ alerts: s.alerts.map((a) => (again.has(a.id) ? { ...a, soundedAt: now, sounded: a.sounded + 1 } : a)) }));
  },
  setListOpen: (open) => set(open ? { listOpen: true, unseen: 0 } : { listOpen: false }),
  setSound(patch) {
    const sound = { ...get().sound, ...patch };
    saveSoundSettings(sound);
    set({ sound });
  },
  setAudio: (audio) => set({ audio }),
  setDesktop: (desktop) => set({ desktop }),
}));
