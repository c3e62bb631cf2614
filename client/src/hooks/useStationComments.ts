import { fetchStationComments } from '../services/stationComments';
import { useRequest } from './useRequest';

/**
 * A station's recent public comments on its page; `version` changes (a rating was just sent) load
 * them again.
 */
export function useStationComments(stationId: string | undefined, version: unknown) {
  return useRequest(() => fetchStationComments(stationId ?? ''), {
    enabled: Boolean(stationId),
    key: `${stationId}:${String(version)}`,
  });
}
