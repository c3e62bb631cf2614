import { platform } from '../platform';
import { toApiError } from './errors';
import { getSession } from './session';

const prefix = 'ankang.offline.';

/**
 * Reads through the network and keeps the last good answer on the phone, per signed-in user: a
 * volunteer at a site with no signal still opens the form (the campaign's catalog, their tasks).
 * Only a network failure falls back to the copy; any answer from the server is passed on as is.
 */
export async function withOfflineCopy<T>(key: string, load: () => Promise<T>): Promise<T> {
  const owner = getSession()?.me.id ?? null;
  try {
    const value = await load();
    if (owner) platform.storage.set(`${prefix}${key}`, JSON.stringify({ owner, value }));
    return value;
  } catch (error) {
    if (toApiError(error).code !== 'NETWORK' || !owner) throw error;
    const raw = platform.storage.get(`${prefix}${key}`);
    if (!raw) throw error;
    try {
      const copy = JSON.parse(raw) as { owner?: string; value?: T };
      if (copy.owner === owner && copy.value !== undefined) return copy.value;
    } catch {
      // An unreadable copy is no copy.
    }
    throw error;
  }
}
