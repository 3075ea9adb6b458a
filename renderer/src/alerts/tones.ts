// The alert sounds, written as notes and synthesised here: nothing is recorded or downloaded. The
// renderer turns them into Web Audio buffers (./player); `npm run sounds -- <dir>` writes the same
// samples as WAV files for listening. Pure and deterministic: the same kind and rate give the same
// samples, so tests can hold their lengths, their difference and their peak.
import type { Priority } from '../../../common/protocol/hub-protocol';

/** One sound per priority for a new request, and one each for a passing deadline, a reopened request and a refused command. */
export type SoundKind = Priority | 'deadline' | 'reopened' | 'refused';
export const SOUND_KINDS: readonly SoundKind[] = ['urgent', 'high', 'normal', 'low', 'deadline', 'reopened', 'refused'];

interface Note {
  /** Hz. */
  freq: number;
  /** From the start of the sound, ms. */
  at: number;
  ms: number;
}

interface Tone {
  notes: Note[];
  /** Relative strength of the 1st, 2nd, 3rd… harmonic: the timbre. */
  harmonics: number[];
  /** The loudest sample, at full volume: the urgent sound is the loudest, a low-priority one the softest. */
  peak: number;
  /** Each note rings out (a bell) rather than holding and stopping (a beep). */
  ring: boolean;
}

const seq = (freqs: number[], ms: number, gap: number): Note[] => freqs.map((freq, i) => ({ freq, at: i * (ms + gap), ms }));

// Told apart by rhythm and contour, not only by pitch, so they stay distinct through a small
// speaker: urgent is a fast two-tone warble, high two rising notes, normal one chime, low one soft
// low note, a deadline three even pips, a reopened request a turn (down and back up), a refusal two
// low falling buzzes.
const TONES: Record<SoundKind, Tone> = {
  urgent: { notes: seq([1319, 988, 1319, 988, 1319, 988], 85, 10), harmonics: [1, 0.35, 0.2], peak: 0.9, ring: false },
  high: { notes: seq([880, 1175], 130, 30), harmonics: [1, 0.3, 0.1], peak: 0.75, ring: false },
  normal: { notes: seq([784], 420, 0), harmonics: [1, 0.5, 0.25, 0.12], peak: 0.6, ring: true },
  low: { notes: seq([440], 260, 0), harmonics: [1, 0.15], peak: 0.45, ring: true },
  deadline: { notes: seq([1047, 1047, 1047], 70, 70), harmonics: [1, 0.2], peak: 0.75, ring: false },
  reopened: { notes: seq([659, 523, 784], 120, 25), harmonics: [1, 0.4, 0.15], peak: 0.7, ring: true },
  refused: { notes: seq([247, 185], 160, 40), harmonics: [1, 0, 0.45, 0, 0.25, 0, 0.12], peak: 0.7, ring: false },
};

/** Rise and fall of each note, ms: short enough to keep the rhythm, long enough not to click. */
const ATTACK_MS = 5;
const RELEASE_MS = 20;

/** How long a sound lasts, ms. */
export function durationMs(kind: SoundKind): number {
  return Math.max(...TONES[kind].notes.map((n) => n.at + n.ms));
}

/** Loudness of a note `t` ms after it starts: a linear attack, then a hold or an exponential ring, and a release to silence. */
function envelope(t: number, ms: number, ring: boolean): number {
  if (t < 0 || t >= ms) return 0;
  const attack = Math.min(1, t / ATTACK_MS);
  const release = Math.min(1, (ms - t) / RELEASE_MS);
  const body = ring ? Math.exp((-4 * t) / ms) : 1;
  return attack * body * release;
}

/** The mono samples of one sound at `sampleRate`, in [-peak, peak]. */
export function synthesize(kind: SoundKind, sampleRate: number): Float32Array<ArrayBuffer> {
  const tone = TONES[kind];
  const out = new Float32Array(Math.round((durationMs(kind) / 1000) * sampleRate));
  for (const note of tone.notes) {
    const from = Math.floor((note.at / 1000) * sampleRate);
    const to = Math.min(out.length, Math.ceil(((note.at + note.ms) / 1000) * sampleRate));
    for (let i = from; i < to; i++) {
      const t = i / sampleRate - note.at / 1000;
      let s = 0;
      tone.harmonics.forEach((h, k) => {
        // Harmonics above what the rate can carry would fold back as noise.
        if (h && note.freq * (k + 1) < sampleRate / 2) s += h * Math.sin(2 * Math.PI * note.freq * (k + 1) * t);
      });
      out[i] += s * envelope(t * 1000, note.ms, tone.ring);
    }
  }
  // Scaled to the tone's peak: no sample beyond it, so none clips whatever the harmonics add up to.
  let max = 0;
  for (const s of out) max = Math.max(max, Math.abs(s));
  if (max > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] / max) * tone.peak;
  return out;
}
