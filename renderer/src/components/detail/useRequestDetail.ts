// The selected request's detail (timeline, likely duplicates) from the core, fetched again whenever the
// request changes; the previous answer stays on screen while the next one loads.
import { useEffect, useState } from 'react';
import type { RequestDetail, RequestView } from '../../../../common/api/contract';
import { fetchRequestDetail } from '../../state/store';

export function useRequestDetail(request: RequestView): { detail: RequestDetail | null; failed: boolean } {
  const [state, setState] = useState<{ detail: RequestDetail | null; failed: boolean }>({ detail: null, failed: false });
  // The badge's count changes when an original closes, which is not this request's update.
  const version = `${request.id}|${request.updatedAt}|${request.pendingCommands}|${request.duplicates}`;
  useEffect(() => {
    let current = true;
    fetchRequestDetail(request.id).then(
      (detail) => current && setState({ detail, failed: false }),
      (err: unknown) => {
        console.error('requestDetail failed', err);
        if (current) setState((s) => ({ detail: s.detail, failed: true }));
      },
    );
    return () => {
      current = false;
    };
    // `version` stands for the request's content: refetch when it changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
  return state.detail?.request.id === request.id ? state : { detail: null, failed: state.failed };
}
