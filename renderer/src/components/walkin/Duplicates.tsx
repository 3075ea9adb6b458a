// Before a request is sent: the open requests it would likely duplicate (the core's
// `duplicateCandidates`, the same rule it applies to every arriving request, docs/duplicates.md),
// asked once the category and location are known and typing pauses. Choosing one selects it, so
// the operator can see it before deciding to send or not.
import { useEffect, useState } from 'react';
import type { DuplicateCandidate } from '../../../../common/api/contract';
import { useT } from '../../i18n';
import { useConsole } from '../../state/store';
import { DuplicateCandidateList } from '../detail/DuplicateList';
import type { WalkInDraft } from './validate';

const PAUSE_MS = 300;

type Found = { key: string; candidates: readonly DuplicateCandidate[] | 'failed' };

/** What the question depends on, as one key; null when there is nothing to ask yet. */
function questionOf(d: WalkInDraft) {
  if (!d.category || !d.location) return null;
  const input = { category: d.category, lon: d.location.lon, lat: d.location.lat, description: d.description.trim(), address: d.address.trim() };
  return { input, key: JSON.stringify(input) };
}

export function Duplicates({ draft }: { draft: WalkInDraft }) {
  const t = useT();
  const query = useConsole((s) => s.query);
  const selectRequest = useConsole((s) => s.selectRequest);
  const selected = useConsole((s) => s.selectedRequestId);
  const [found, setFound] = useState<Found | null>(null);
  const question = questionOf(draft);
  const key = question?.key ?? null;

  useEffect(() => {
    if (!key) return;
    let current = true;
    const timer = setTimeout(() => {
      query('duplicateCandidates', JSON.parse(key)).then(
        (r) => current && setFound({ key, candidates: r.candidates }),
        () => current && setFound({ key, candidates: 'failed' }),
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, query]);

  const answer = found && found.key === key ? found.candidates : null;
  return (
    <section className="walkin__preview" aria-labelledby="walkin-duplicates" data-testid="walkin-duplicates" aria-busy={!!key && !answer}>
      <h3 id="walkin-duplicates">{t.walkin.duplicates}</h3>
      {!key ? (
        <p className="muted">{t.walkin.duplicatesNeed}</p>
      ) : answer === 'failed' ? (
        <p className="walkin__problem">{t.walkin.duplicatesFailed}</p>
      ) : answer && answer.length === 0 ? (
        <p className="muted">{t.walkin.noDuplicates}</p>
      ) : answer ? (
        <DuplicateCandidateList candidates={answer} chosen={selected} onChoose={selectRequest} />
      ) : null}
    </section>
  );
}
