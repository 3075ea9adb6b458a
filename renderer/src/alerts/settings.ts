// Mute and volume of the alert sounds, remembered on this workstation. What storage holds is read
// field by field: a value that is missing or not what we wrote is ignored, not trusted.
import { z } from 'zod';

export interface SoundSettings {
  muted: boolean;
  /** 0–1, as the slider shows it. */
  volume: number;
}

export const DEFAULT_SOUND: SoundSettings = { muted: false, volume: 0.8 };

const KEY = 'console137.sound';

const Stored = z.object({
  muted: z.boolean().catch(DEFAULT_SOUND.muted),
  volume: z.number().min(0).max(1).catch(DEFAULT_SOUND.volume),
});

/** What storage held, or the defaults for whatever is unreadable. */
export function parseSoundSettings(raw: string | null): SoundSettings {
  if (raw === null) return { ...DEFAULT_SOUND };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ...DEFAULT_SOUND };
  }
  const parsed = Stored.safeParse(json);
  return parsed.success ? parsed.data : { ...DEFAULT_SOUND };
}

export function loadSoundSettings(): SoundSettings {
  try {
    return parseSoundSettings(globalThis.localStorage?.getItem(KEY) ?? null);
  } catch {
    return { ...DEFAULT_SOUND }; // storage may be disabled
  }
}

export function saveSoundSettings(s: SoundSettings): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(s));
  } catch {
    // not persisting is acceptable; the setting still applies for this session
  }
}

/** The gain for a slider position: loudness is heard roughly as the square of the amplitude. */
export const gainOf = (s: SoundSettings): number => (s.muted ? 0 : s.volume * s.volume);
