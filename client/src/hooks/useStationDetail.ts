import { useCallback } from 'react';
import { fetchStation } from '../services/stations';
import { useRequest } from './useRequest';

/** The detail page's station; `reload` after a rating changes its summary. */
export function useStationDetail(id: string | undefined) {
  const load = useCallback(() => fetchStation(id ?? ''), [id]);
  return useRequest(load, { enabled: Boolean(id), key: id });
}
