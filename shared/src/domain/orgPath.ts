/**
 * Org scope: a staff member acts on their own node and everything below it, never beside or above.
 * Paths compare by whole segments so `320000/32050` is not "inside" `320000/320`.
 */
export function isWithinOrg(path: string, scope: string): boolean {
  return path === scope || path.startsWith(`${scope}/`);
}

/** The parent's path, or null at the root. */
export function parentOrgPath(path: string): string | null {
  const cut = path.lastIndexOf('/');
  return cut === -1 ? null : path.slice(0, cut);
}

/** Every ancestor path from the root down to and including `path`. */
export function orgPathChain(path: string): string[] {
  const segments = path.split('/');
  return segments.map((_, i) => segments.slice(0, i + 1).join('/'));
}
