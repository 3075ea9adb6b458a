// Mute (K) and volume of the alert sounds, remembered on this workstation, and a hint while the
// browser keeps sound blocked until the first key press or click.
import { formatNumber } from '../../i18n/format';
import { useLocale, useT } from '../../i18n';
import type { ShortcutDef } from '../../keyboard/registry';
import { useShortcuts } from '../../keyboard/useShortcuts';
import { useAlerts } from '../../alerts/store';

const MUTE: readonly ShortcutDef[] = [{ id: 'alerts.mute', codes: ['KeyK'], key: 'K', scope: 'operator', label: (t) => t.alerts.keys.mute }];

export function SoundControls() {
  const t = useT();
  const locale = useLocale();
  const { muted, volume } = useAlerts((s) => s.sound);
  const audio = useAlerts((s) => s.audio);
  const setSound = useAlerts((s) => s.setSound);
  useShortcuts(MUTE, () => setSound({ muted: !muted }));
  const percent = Math.round(volume * 100);
  return (
    <div className="sound-controls" data-testid="sound-controls" data-audio={audio}>
      <button
        type="button"
        className="sound-controls__mute"
        data-testid="mute"
        aria-pressed={muted}
        aria-label={t.alerts.sound.mute}
        aria-keyshortcuts="K"
        title={muted ? t.alerts.sound.muted : t.alerts.sound.mute}
        onClick={() => setSound({ muted: !muted })}
      >
        <SpeakerIcon muted={muted} />
      </button>
      <input
        type="range"
        className="sound-controls__volume"
        data-testid="volume"
        min={0}
        max={100}
        step={5}
        value={percent}
        disabled={muted}
        aria-label={t.alerts.sound.volume}
        aria-valuetext={`${formatNumber(percent, locale)}${locale === 'fa' ? '٪' : '%'}`}
        onChange={(e) => setSound({ volume: Number(e.target.value) / 100 })}
      />
      {!muted && audio !== 'ready' && (
        <span className="sound-controls__hint" role="status" data-testid="sound-hint">
          {audio === 'blocked' ? t.alerts.sound.blocked : t.alerts.sound.unavailable}
        </span>
      )}
    </div>
  );
}

function SpeakerIcon({ muted }: { muted: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
      {muted ? <path d="M17 9l5 6M22 9l-5 6" /> : <path d="M17 8.5a5 5 0 0 1 0 7M19.5 6a8.5 8.5 0 0 1 0 12" />}
    </svg>
  );
}
