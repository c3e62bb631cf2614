import type { Place } from '@ankang/shared';
import { useCallback, useEffect, useState } from 'react';
import { fetchPlaces } from '../services/stations';
import { useRequest } from './useRequest';

/** Typing pauses this long before the place search asks the server (one request per pause, not per key). */
const TYPING_PAUSE_MS = 300;

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

  const loadLevel = useCallback(() => fetchPlaces(parent ? { parent } : {}), [parent]);
  const level = useRequest(loadLevel, { enabled: enabled && typed === '', key: parent ?? 'top' });
  const loadMatches = useCallback(() => fetchPlaces({ q: typed }), [typed]);
  const matches = useRequest(loadMatches, { enabled: enabled && typed !== '', key: typed });

  /** Opens a place's level below (a town has none: the caller picks it instead). */
  const open = useCallback((place: Place) => setTrail((current) => [...current, place]), []);
  /** Back to a place on the trail (-1: the provinces). */
  const backTo = useCallback((index: number) => setTrail((current) => current.slice(0, index + 1)), []);

  return { trail, open, backTo, text, setText, searching: typed !== '', level, matches };
}
