// Registered requests found by their address, through the core's search over the whole local
// history (the `search` query): asked once typing pauses, and only the answer to the latest text
// is kept (an older, slower answer is dropped).
import { useEffect, useState } from 'react';
import type { RequestView } from '../../../../common/api/contract';
import { useConsole } from '../../state/store';
import { distinctAddresses } from './match';

const PAUSE_MS = 150;
/** Hits asked for: several requests often share an address, and only distinct ones are listed. */
const ASKED = 40;

/** The requests found for `text`; null while the answer for it has not come. */
export function useAddressSearch(text: string, limit: number): RequestView[] | null {
  const query = useConsole((s) => s.query);
  const [found, setFound] = useState<{ text: string; hits: RequestView[] }>({ text: '', hits: [] });
  useEffect(() => {
    if (!text.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      query('search', { text, limit: ASKED }).then(
        (r) => current && setFound({ text, hits: distinctAddresses(r.hits, limit) }),
        () => current && setFound({ text, hits: [] }), // no answer: nothing to offer, the map click remains
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, limit, query]);
  if (!text.trim()) return [];
  return found.text === text ? found.hits : null;
}
