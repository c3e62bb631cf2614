import type { OrgNode } from '@ankang/shared';
import { useEffect, useState } from 'react';
import { fetchOrgChoices } from '../services/staffStations';

/**
 * The unions an import may go to (the caller's own and those below it, by name) and the one
 * picked, the caller's own at first. While the list loads, or if it fails, the own union stands.
 */
export function useImportOrgs(ownPath: string | undefined) {
  const [orgs, setOrgs] = useState<OrgNode[]>([]);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!ownPath) return;
    let live = true;
    fetchOrgChoices()
      .then((found) => {
        if (live) setOrgs(found);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [ownPath]);
  // A pick that is not (or no longer) among the choices falls back to the own union.
  const orgPath = picked && orgs.some((org) => org.path === picked) ? picked : ownPath;
  return { orgs, orgPath, pick: setPicked };
}
