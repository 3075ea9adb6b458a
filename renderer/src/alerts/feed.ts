// Turns what the console's store sees into alerts: each applied live batch (new and reopened
// requests), each tick of its clock (deadlines passing, urgent alerts due to sound again) and each
// refused command's toast. One sound per change, the most pressing; a desktop notice for each new
// alert while the window is in the background.
import { dictionaries } from '../i18n';
import { useConsole, type ConsoleState } from '../state/store';
import { focusDetail } from '../components/detail/focus';
import { describeAlert, oneLine } from './describe';
import { notifyDesktop } from './desktop';
import { createSoundPlayer } from './player';
import { batchAlerts, deadlineAlerts, loudest, refusalAlerts, repeatsDue, type Alert, type AlertEvent } from './rules';
import { gainOf } from './settings';
import { useAlerts } from './store';

/** Selects the request and puts the keys on its details (the jump key, a clicked notice). */
export function showRequest(id: string): void {
  useConsole.getState().selectRequest(id);
  focusDetail();
}

const lastToastKey = (s: ConsoleState) => s.toasts.reduce((k, t) => Math.max(k, t.key), 0);

function notifyInBackground(raised: readonly Alert[], s: ConsoleState): void {
  const t = dictionaries[s.locale];
  for (const a of raised) {
    const words = describeAlert(a, a.requestId ? s.requests[a.requestId] : undefined, s.categories, t, s.locale);
    const id = a.requestId;
    notifyDesktop({
      title: words.title,
      body: oneLine(words),
      tag: `c137-${id ?? a.id}`,
      lang: s.locale,
      dir: s.locale === 'fa' ? 'rtl' : 'ltr',
      onClick: () => id && showRequest(id),
    });
  }
}

/** Follows the console's store until the returned function is called (the operator screen goes: locked, signed out); then its alerts are forgotten. */
export function startAlertFeed(): () => void {
  const alerts = useAlerts.getState;
  const player = createSoundPlayer((state) => alerts().setAudio(state));
  const start = useConsole.getState();
  let tick = start.now;
  let toastKey = lastToastKey(start);

  const off = useConsole.subscribe((s, prev) => {
    const events: AlertEvent[] = [];
    if (s.lastBatch && s.lastBatch !== prev.lastBatch) events.push(...batchAlerts(s.lastBatch, s.requests, s.link?.state === 'replaying'));
    if (s.toasts !== prev.toasts) {
      events.push(...refusalAlerts(s.toasts, toastKey, s.requests));
      toastKey = Math.max(toastKey, lastToastKey(s));
    }
    let repeats: Alert[] = [];
    if (s.now !== tick) {
      events.push(...deadlineAlerts(Object.values(s.requests), tick, s.now));
      repeats = repeatsDue(alerts().alerts, s.requests, s.now);
      tick = s.now;
    }
    if (events.length === 0 && repeats.length === 0) return;
    const now = Date.now();
    const raised = alerts().raise(events, now);
    alerts().sounded(
      repeats.map((a) => a.id),
      now,
    );
    const sound = loudest([...raised, ...repeats].map((a) => a.sound));
    if (sound) player.play(sound, gainOf(alerts().sound));
    notifyInBackground(raised, s);
  });

  return () => {
    off();
    player.dispose();
    alerts().clear();
  };
}
