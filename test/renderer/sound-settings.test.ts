// The remembered mute and volume: what storage holds is read field by field, anything unreadable
// falls back to the default for that field; the slider's position becomes a gain.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SOUND, gainOf, parseSoundSettings } from '../../renderer/src/alerts/settings';

describe('sound settings', () => {
  it('reads what was saved', () => {
    expect(parseSoundSettings(JSON.stringify({ muted: true, volume: 0.35 }))).toEqual({ muted: true, volume: 0.35 });
  });

  it('uses the defaults when nothing is saved or the text is not JSON', () => {
    expect(parseSoundSettings(null)).toEqual(DEFAULT_SOUND);
    expect(parseSoundSettings('{muted')).toEqual(DEFAULT_SOUND);
    expect(parseSoundSettings('"loud"')).toEqual(DEFAULT_SOUND);
    expect(parseSoundSettings('null')).toEqual(DEFAULT_SOUND);
  });

  it('ignores each bad field alone, keeping the good one', () => {
    expect(parseSoundSettings(JSON.stringify({ muted: 'yes', volume: 0.5 }))).toEqual({ muted: DEFAULT_SOUND.muted, volume: 0.5 });
    expect(parseSoundSettings(JSON.stringify({ muted: true, volume: 7 }))).toEqual({ muted: true, volume: DEFAULT_SOUND.volume });
    expect(parseSoundSettings(JSON.stringify({ muted: true, volume: -0.1 }))).toEqual({ muted: true, volume: DEFAULT_SOUND.volume });
    expect(parseSoundSettings(JSON.stringify({ muted: true, volume: '0.5' }))).toEqual({ muted: true, volume: DEFAULT_SOUND.volume });
    expect(parseSoundSettings(JSON.stringify({ muted: true }))).toEqual({ muted: true, volume: DEFAULT_SOUND.volume });
  });

  it('gives no gain when muted, and the square of the volume otherwise', () => {
    expect(gainOf({ muted: true, volume: 1 })).toBe(0);
    expect(gainOf({ muted: false, volume: 0.5 })).toBe(0.25);
    expect(gainOf({ muted: false, volume: 1 })).toBe(1);
  });
});
