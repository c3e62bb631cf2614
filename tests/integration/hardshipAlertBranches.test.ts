import { describe, expect, it } from 'vitest';
import { alertRecordSchema } from '../../functions/src/db/hardshipAlertItems';
import { escalateAlert, orgNamesFor } from '../../functions/src/services/hardshipEscalation';
import { draft } from '../support/households';
import { freshOrg, freshUser } from './fixtures';
import { alertRecord, day, escalated, mine, putAlert, putAlerts, rawAlert } from './hardshipAlertFixtures';
import { filed, hardshipScene, put, rawFile } from './hardshipFixtures';

/**
 * 上级督办 follows the household's branch: an alert escalated from a town to its county stays with
 * the county while the household moves under it, and leaves it when the household moves to another
 * branch (its escalation then climbs that branch).
 */
async function escalatedScene() {
  const scene = await hardshipScene();
  const town2 = await freshOrg(scene.county, '测试二镇工会');
  const besideTown = await freshOrg(scene.beside, '旁边镇工会');
  const [town2Staff, besideTownStaff] = await Promise.all([
    freshUser({ roles: ['staff'], orgPath: town2 }),
    freshUser({ roles: ['staff'], orgPath: besideTown }),
  ]);
  const file = await filed(scene.townStaff.token, draft(scene.town));
  const stored = (await rawFile(file.id))!;
  const household = {
    id: file.id,
    orgPath: scene.town,
    orgName: stored.orgName as string,
    district: stored.district as string,
    headName: stored.headName as string,
  };
  const at = new Date().toISOString();
  const alert = await putAlert(
    alertRecord(
      household,
      { userId: scene.townStaff.userId, name: '测试用户' },
      {
        holderOrgPath: scene.county,
        dueOn: day(2),
        escalations: [
          {
            fromOrgPath: scene.town,
            fromOrgName: '测试镇工会',
            toOrgPath: scene.county,
            toOrgName: '测试县工会',
            at,
            dueOn: day(-1),
            assigneeName: '测试用户',
            assigneeUserId: scene.townStaff.userId,
          },
        ],
      },
    ),
  );
  return { ...scene, town2, besideTown, town2Staff, besideTownStaff, file, alert };
}

/** Moves the household to `orgPath` with `caseworker`, as a staff member above both would. */
async function moveFile(token: string, fileId: string, orgPath: string, caseworkerUserId: string) {
  const { id: _id, idNumber: _number, ...rest } = draft(orgPath);
  const current = (await rawFile(fileId))!;
  const answer = await put(token, fileId, {
    ...rest,
    headName: current.headName,
    version: Number(current.version),
    orgPath,
    caseworkerUserId,
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
}

const escalatedIds = async (token: string, query: Record<string, string> = {}) => {
  const answer = await escalated(token, query);
  expect(answer.status).toBe(200);
  return (answer.body as { alerts: { id: string }[] }).alerts.map((alert) => alert.id);
};

describe("Service: followFile — an escalated alert and its household's branch", () => {
  it('keeps the county as holder while the household moves under it', async () => {
    const scene = await escalatedScene();
    expect(await escalatedIds(scene.countyStaff.token)).toStrictEqual([scene.alert.id]);

    await moveFile(scene.rootStaff.token, scene.file.id, scene.town2, scene.town2Staff.userId);

    expect(await rawAlert(scene.alert.id)).toMatchObject({
      orgPath: scene.town2,
      holderOrgPath: scene.county,
      gsi4pk: `HA_ESC#${scene.county}`,
    });
    expect(await escalatedIds(scene.countyStaff.token)).toStrictEqual([scene.alert.id]);
  });

  it('gives the alert to the new branch when the household moves beside: out of the old 上级督办, escalating up the new branch', async () => {
    const scene = await escalatedScene();

    await moveFile(scene.rootStaff.token, scene.file.id, scene.besideTown, scene.besideTownStaff.userId);

    const moved = (await rawAlert(scene.alert.id))!;
    expect(moved).toMatchObject({
      orgPath: scene.besideTown,
      holderOrgPath: scene.besideTown,
      assigneeUserId: scene.besideTownStaff.userId,
    });
    // The escalation stays as history, but the alert is nobody's 上级督办 now.
    expect(moved.escalations).toHaveLength(1);
    expect(moved).not.toHaveProperty('gsi4pk');
    expect(await escalatedIds(scene.countyStaff.token)).toStrictEqual([]);
    expect(await escalatedIds(scene.besideStaff.token)).toStrictEqual([]);
    const [summary] = (
      (await mine(scene.besideTownStaff.token)).body as { alerts: Record<string, unknown>[] }
    ).alerts;
    expect(summary).toMatchObject({ id: scene.alert.id, orgPath: scene.besideTown });
    expect(summary).not.toHaveProperty('escalation');

    // Overdue again: it goes to the parent of its new node, never back up the old branch.
    const outcome = await escalateAlert(alertRecordSchema.parse(moved), new Date(), orgNamesFor());
    expect(outcome).toBe('escalated');
    expect(await rawAlert(scene.alert.id)).toMatchObject({
      holderOrgPath: scene.beside,
      gsi4pk: `HA_ESC#${scene.beside}`,
    });
    expect(await escalatedIds(scene.besideStaff.token)).toStrictEqual([scene.alert.id]);
    expect(await escalatedIds(scene.countyStaff.token)).toStrictEqual([]);
  });
});

describe('Handler: listEscalatedHardshipAlerts — scope of the household', () => {
  it('does not show a node an alert held by it whose household is in another branch', async () => {
    const scene = await escalatedScene();
    // As stored before holders followed the file: held by the county, household beside.
    const stray = alertRecord(
      {
        id: scene.file.id,
        orgPath: scene.besideTown,
        orgName: '旁边镇工会',
        district: '旁边镇',
        headName: '示例户·李某某',
      },
      { userId: scene.besideTownStaff.userId, name: '测试用户' },
      { holderOrgPath: scene.county, escalations: scene.alert.escalations },
    );
    await putAlerts([stray]);
    expect((await rawAlert(stray.id))?.gsi4pk).toBe(`HA_ESC#${scene.county}`);

    expect(await escalatedIds(scene.countyStaff.token)).toStrictEqual([scene.alert.id]);
    expect(await escalatedIds(scene.rootStaff.token, { orgPath: scene.county })).toStrictEqual([
      scene.alert.id,
    ]);
  });
});
