import type { Place } from '@ankang/shared';
import { useCallback, useEffect, useState } from 'react';
import { fetchPlaces } from '../services/stations';
import { type RequestState, useRequest } from './useRequest';

/** Typing pauses this long before the place search asks the server (one request per pause, not per key). */
const TYPING_PAUSE_MS = 300;

/** Places with the question they answer (the level's parent, or the typed text). */
interface Answer {
  key: string;
  places: Place[];
}

/**
 * The request's places only when they answer `key`: useRequest keeps the last answer while the next
 * loads, which suits a refresh, not a list that now answers another question (tapping a stale row
 * would pick a place the worker did not ask for).
 */
function current(request: RequestState<Answer>, key: string): RequestState<Place[]> {
  const data = request.data?.key === key ? request.data.places : undefined;
  return { ...request, data, loading: request.loading || (data === undefined && request.error === null) };
}

/**
 * The place picker's data: one level of the national divisions at a time (provinces → cities →
 * counties → towns) under the trail of places opened so far, or the places whose name holds the
 * typed text ("杨舍" → 杨舍镇), from listPlaces.
 */
export function usePlacePicker(enabled: boolean) {
  const [trail, setTrail] = useState<Place[]>([]);
  const [text, setText] = useState('');
  const [typed, setTyped] = useState('');
  const parent = trail[trail.length - 1]?.code;

  useEffect(() => {
    const timer = setTimeout(() => setTyped(text.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  // The level stays loaded while the worker types: clearing the text shows it again without a request.
  const levelKey = parent ?? 'top';
  const loadLevel = useCallback(
    async () => ({ key: levelKey, places: await fetchPlaces(parent ? { parent } : {}) }),
    [levelKey, parent],
  );
  const level = useRequest(loadLevel, { enabled, key: levelKey });
  const loadMatches = useCallback(
    async () => ({ key: typed, places: await fetchPlaces({ q: typed }) }),
    [typed],
  );
  const matches = useRequest(loadMatches, { enabled: enabled && typed !== '', key: typed });

  /** Opens a place's level below (a town has none: the caller picks it instead). */
  const open = useCallback((place: Place) => setTrail((current) => [...current, place]), []);
  /** Back to a place on the trail (-1: the provinces). */
  const backTo = useCallback((index: number) => setTrail((current) => current.slice(0, index + 1)), []);

  return {
    trail,
    open,
    backTo,
    text,
    setText,
    searching: typed !== '',
    level: current(level, levelKey),
    matches: current(matches, typed),
  };
}
