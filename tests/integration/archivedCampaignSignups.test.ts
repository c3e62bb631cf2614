import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { campaignToItem } from '../../functions/src/db/campaignItems';
import { db, tableName } from '../../functions/src/db/client';
import { getUser } from '../../functions/src/db/users';
import { freshUser } from './fixtures';
import { atShanghaiNoon } from './shanghaiNoon';
import {
  reviewVolunteer,
  reviewWorksite,
  submitted,
  submittedVolunteer,
  volunteerDraft,
  worksiteDraft,
  worksiteSetup,
} from './signupFixtures';

atShanghaiNoon();

/** The campaign filed away after its sign-ups came in (the status moves; nothing else changes). */
const archive = (campaign: Awaited<ReturnType<typeof worksiteSetup>>['campaign']) =>
  db.send(
    new PutCommand({
      TableName: tableName,
      Item: campaignToItem({ ...campaign, status: 'archived', version: 3 }),
    }),
  );

const refused = {
  status: 409,
  body: { error: { code: 'INVALID_TRANSITION', message: '活动已归档，不能再审核报名' } },
};

describe('Sign-ups of an archived campaign', () => {
  it('are no longer decided, by staff of the campaign or of a town below it, and grant no role', async () => {
    const { campaign, county, town, worker, staff } = await worksiteSetup();
    const townStaff = await freshUser({ roles: ['staff'], orgPath: town });
    const volunteer = await submittedVolunteer(worker.token, volunteerDraft(campaign.id, [county]));
    const site = await submitted(worker.token, worksiteDraft(campaign.id, town));
    await archive(campaign);

    for (const token of [staff.token, townStaff.token]) {
      expect(await reviewVolunteer(token, volunteer.id, { decision: 'approve', version: 1 })).toStrictEqual(
        refused,
      );
      expect(await reviewWorksite(token, site.id, { decision: 'approve', version: 1 })).toStrictEqual(
        refused,
      );
    }
    expect((await getUser(worker.userId))?.roles).toStrictEqual([]);
  });
});
