import type { VolunteerSignup, WorksiteSignup } from '@ankang/shared';
import { useCallback } from 'react';
import { fetchVolunteerSignups, fetchWorksiteSignups } from '../services/staffOutreach';
import { usePagedList } from './usePagedList';

/**
 * What 分配 and 改派 choose from: the campaign's approved worksites and approved volunteers, a page at
 * a time, loaded only while the picker is open. Who is free on a half day is decided by the caller
 * from each volunteer's availability (the server checks again when the task is made).
 */
export function useAssignmentBoardChoices(campaignId: string | undefined, open: boolean) {
  const id = campaignId ?? '';
  const enabled = open && Boolean(campaignId);
  const sitePage = useCallback(
    (cursor?: string) => fetchWorksiteSignups(id, { status: 'approved', cursor }),
    [id],
  );
  const volunteerPage = useCallback(
    (cursor?: string) => fetchVolunteerSignups(id, { status: 'approved', cursor }),
    [id],
  );
  const sites = usePagedList<WorksiteSignup>(sitePage, { key: `sites:${id}`, enabled });
  const volunteers = usePagedList<VolunteerSignup>(volunteerPage, { key: `volunteers:${id}`, enabled });
  return { sites, volunteers };
}
