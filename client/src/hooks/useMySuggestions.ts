import { fetchMySuggestions } from '../services/suggestions';
import { usePagedList } from './usePagedList';

/** 我的建议: the caller's suggestions, newest first, paged (nothing loads until signed in). */
export function useMySuggestions(signedIn: boolean) {
  return usePagedList(fetchMySuggestions, { key: 'mine', enabled: signedIn });
}
