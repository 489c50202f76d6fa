import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { deliveriesPath, replaceDelivery, type Delivery, type DeliveryFilter,
  type DeliveryPage } from './deliveries';

/** The loaded pages of the delivery log. */
interface Pages {
  items: Delivery[];
  next: string;
  loading: boolean;
  error: unknown;
}

/** The delivery log matching filter, a page at a time, with ways to page on and patch a row. */
export interface Deliveries extends Pages {
  more: () => void;
  reload: () => void;
  replace: (d: Delivery) => void;
}

/**
 * Loads the deliveries matching filter (skipped while filter is null), and
 * again from the first page whenever tick changes.
 */
export function useDeliveries(filter: DeliveryFilter | null, tick = 0): Deliveries {
  const [state, setState] = useState<Pages>({ items: [], next: '', loading: filter !== null,
    error: undefined });
  const [own, setOwn] = useState(0);
  const load = useCallback((cursor: string, live: () => boolean) => {
    if (filter === null) return;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    api<DeliveryPage>('GET', deliveriesPath(filter, cursor)).then((p) => {
      if (!live()) return;
      setState((s) => ({ items: [...(cursor ? s.items : []), ...(p.items ?? [])],
        next: p.next_cursor ?? '', loading: false, error: undefined }));
    }, (e: unknown) => live() && setState((s) => ({ ...s, loading: false, error: e })));
  }, [filter]);
  useEffect(() => {
    let live = true;
    load('', () => live);
    return () => { live = false; };
  }, [load, tick, own]);
  return {
    ...state,
    more: () => load(state.next, () => true),
    reload: () => setOwn((n) => n + 1),
    replace: (d) => setState((s) => ({ ...s, items: replaceDelivery(s.items, d) })),
  };
}
