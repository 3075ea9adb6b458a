// The screen while no one is signed in, or after the screen locked (docs/sign-in.md): the console's
// title, the language switch, and one form — username and password, submitted by Enter. Over a
// locked screen the form names who was signed in and has their username filled in; "someone else"
// empties it for the next shift's person. A refusal is said next to the form, never which of the
// two fields was wrong. The password is read from its field when the form is sent and the field is
// emptied at once: it is kept in no state, store or storage.
import './signin.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SignInOutcome } from '../../../../common/api/contract';
import { formatNumber } from '../../i18n/format';
import { useLocale, useT, type Dict } from '../../i18n';
import { useConsole } from '../../state/store';
import { LocaleSwitch } from '../header/LocaleSwitch';

type Refused = Extract<SignInOutcome, { ok: false }>['reason'];
/** Why the last attempt did not sign in: the core's refusal (throttled: until when), or the call failing. */
type Problem = { reason: Refused; until: number | null } | { reason: 'failed'; message: string };

const SAYS: Record<Exclude<Refused, 'throttled'>, (t: Dict) => string> = {
  bad_credentials: (t) => t.signin.badCredentials,
  disabled: (t) => t.signin.disabled,
};

export function SignInScreen() {
  const t = useT();
  const session = useConsole((s) => s.session);
  const lockedBy = session?.locked ? session.account : null;
  const [someoneElse, setSomeoneElse] = useState(false);
  const prefilled = someoneElse ? null : lockedBy;
  return (
    <main className="signin" data-testid="signin">
      <header className="signin__top">
        <span className="app-header__spacer" />
        <LocaleSwitch />
      </header>
      <div className="signin__card">
        <h1 className="signin__title">{t.app.title}</h1>
        <p className="signin__subtitle muted">{t.app.subtitle}</p>
        {/* An id as IT staff type it (hex, Latin), isolated left to right inside the sentence. */}
        {session && (
          <p className="signin__workstation muted">
            {t.signin.workstation} <bdi className="ltr">{session.workstation}</bdi>
          </p>
        )}
        {prefilled ? (
          <p className="signin__locked" data-testid="signin-locked">
            <strong>{t.signin.locked(prefilled.displayName)}</strong>
            <span className="muted">{t.signin.lockedHint}</span>
          </p>
        ) : (
          <h2 className="signin__heading">{t.signin.heading}</h2>
        )}
        {/* A new form for "someone else": its fields start empty. */}
        <SignInForm key={prefilled?.username ?? ''} username={prefilled?.username ?? ''} />
        {prefilled && (
          <button type="button" className="signin__other" onClick={() => setSomeoneElse(true)}>
            {t.signin.someoneElse}
          </button>
        )}
      </div>
    </main>
  );
}

function SignInForm({ username }: { username: string }) {
  const t = useT();
  const locale = useLocale();
  const now = useConsole((s) => s.now);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sending, setSending] = useState(false);
  const user = useRef<HTMLInputElement>(null);
  const pass = useRef<HTMLInputElement>(null);

  useEffect(() => (username ? pass : user).current?.focus(), [username]);

  const waitMs = problem?.reason === 'throttled' && problem.until !== null ? problem.until - now : 0;
  const throttled = waitMs > 0;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (sending || throttled || !user.current || !pass.current) return;
    const name = user.current.value.trim();
    const password = pass.current.value;
    pass.current.value = ''; // emptied after every attempt, whatever the answer
    if (!name || !password) return (name ? pass : user).current?.focus();
    setSending(true);
    try {
      const outcome = await useConsole.getState().signIn(name, password);
      if (outcome.ok) return; // the screen goes: the session now reads the district
      setProblem({ reason: outcome.reason, until: outcome.retryAfterMs === null ? null : Date.now() + outcome.retryAfterMs });
    } catch (err) {
      setProblem({ reason: 'failed', message: err instanceof Error ? err.message : String(err) });
    } finally {
      setSending(false);
    }
    pass.current?.focus();
  }

  return (
    <form className="signin__form" aria-label={t.signin.form} onSubmit={(e) => void submit(e)}>
      <label className="signin__field">
        <span>{t.signin.username}</span>
        <input ref={user} name="username" autoComplete="username" dir="ltr" defaultValue={username} spellCheck={false} autoCapitalize="off" />
      </label>
      <label className="signin__field">
        <span>{t.signin.password}</span>
        <input ref={pass} type="password" autoComplete="current-password" dir="ltr" />
      </label>
      <button type="submit" className="primary signin__submit" disabled={sending || throttled}>
        {sending ? t.signin.signingIn : t.signin.submit}
      </button>
      {problem && (problem.reason !== 'throttled' || throttled) && (
        <p className="signin__problem" role="alert" data-reason={problem.reason}>
          {problem.reason === 'failed'
            ? `${t.signin.failed} ${problem.message}`
            : problem.reason === 'throttled'
              ? t.signin.throttled(formatNumber(Math.ceil(waitMs / 1000), locale))
              : SAYS[problem.reason](t)}
        </p>
      )}
    </form>
  );
}
