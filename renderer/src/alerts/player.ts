// Plays the synthesised alert sounds with Web Audio. A browser may start an AudioContext suspended
// until the page gets a key press or a click (its autoplay policy; Electron does not): the player
// reports that as `blocked`, and the first key or click resumes it.
import { testHooksEnabled } from '../testHooks';
import { SOUND_KINDS, synthesize, type SoundKind } from './tones';

export type AudioState = 'ready' | 'blocked' | 'unavailable';

declare global {
  interface Window {
    /** Sounds started per kind, for end-to-end tests (only with `?testHooks`). */
    __c137sounds?: Record<SoundKind, number>;
  }
}

export interface SoundPlayer {
  /** Starts the sound at `gain` (0 plays nothing); whether it started. */
  play(kind: SoundKind, gain: number): boolean;
  dispose(): void;
}

export function createSoundPlayer(onState: (s: AudioState) => void): SoundPlayer {
  if (typeof AudioContext === 'undefined') {
    onState('unavailable');
    return { play: () => false, dispose() {} };
  }
  const ctx = new AudioContext();
  const buffers = new Map<SoundKind, AudioBuffer>();
  const counts = testHooksEnabled() ? (window.__c137sounds = Object.fromEntries(SOUND_KINDS.map((k) => [k, 0])) as Record<SoundKind, number>) : null;

  const report = () => onState(ctx.state === 'running' ? 'ready' : ctx.state === 'suspended' ? 'blocked' : 'unavailable');
  ctx.addEventListener('statechange', report);
  report();
  const unlock = () => {
    // Refused only when the context was closed meanwhile (the key locked the screen): nothing to resume.
    if (ctx.state === 'suspended') ctx.resume().catch(() => undefined);
  };
  // Capture: a widget that stops a key's propagation still counts as the operator's gesture.
  window.addEventListener('keydown', unlock, true);
  window.addEventListener('pointerdown', unlock, true);

  function buffer(kind: SoundKind): AudioBuffer {
    let b = buffers.get(kind);
    if (!b) {
      const samples = synthesize(kind, ctx.sampleRate);
      b = ctx.createBuffer(1, samples.length, ctx.sampleRate);
      b.copyToChannel(samples, 0);
      buffers.set(kind, b);
    }
    return b;
  }

  return {
    play(kind, gain) {
      // A sound queued in a suspended context would burst out late, on the first key press.
      if (ctx.state !== 'running' || gain <= 0) return false;
      const source = ctx.createBufferSource();
      source.buffer = buffer(kind);
      const volume = ctx.createGain();
      volume.gain.value = gain;
      source.connect(volume).connect(ctx.destination);
      source.start();
      if (counts) counts[kind]++;
      return true;
    },
    dispose() {
      window.removeEventListener('keydown', unlock, true);
      window.removeEventListener('pointerdown', unlock, true);
      ctx.removeEventListener('statechange', report);
      void ctx.close();
    },
  };
}
