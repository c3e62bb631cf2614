import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handler as createHardshipVisit } from '../../functions/src/handlers/createHardshipVisit';
import { handler as listHardshipVisits } from '../../functions/src/handlers/listHardshipVisits';
import { httpEvent, invoke } from '../support/events';
import {
  audit,
  draft,
  get,
  hardshipScene,
  idNumberFor,
  lines,
  list,
  post,
  put,
  reveal,
  setLine,
} from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

const fullWidth = (text: string) =>
  text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** Every way a full number could show up in an answer: as stored, lower-case x, or its first 17. */
function secretsOf(idNumber: string, phone: string): string[] {
  return [idNumber, idNumber.toLowerCase(), idNumber.slice(0, 17), phone, fullWidth(phone)];
}

/** The Shanghai date `days` from today. */
const shanghaiDay = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

describe('Property: hardship answers never carry a full ID number or phone', () => {
  it('holds for random households over every hardship route but reveal', async () => {
    const scene = await hardshipScene();
    await setLine(scene.admin.token, {
      orgPath: scene.root,
      effectiveFrom: '2025-01-01',
      monthlyFen: 100_000,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('320582', '320571', '110101', '440305'),
        fc.stringMatching(/^1[3-9]\d{9}$/),
        fc.constantFrom('deep', 'relative', 'accident'),
        fc.integer({ min: 0, max: 10_000_000 }),
        async (area, phone, category, income) => {
          const body = draft(scene.town, {
            idNumber: idNumberFor(area),
            phone,
            category,
            income: { annualIncomeFen: income, annualFixedSpendingFen: 0, medicalAccidentCostsFen: 0 },
          });
          const { id: _id, idNumber: _n, ...edit } = body;
          const answers = [
            await post(scene.townStaff.token, body),
            await get(scene.townStaff.token, body.id),
            await put(scene.townStaff.token, body.id, { ...edit, version: 1, notes: '更新备注' }),
            await list(scene.townStaff.token),
            await list(scene.countyStaff.token, { overdue: 'true' }),
            await invoke(
              createHardshipVisit,
              httpEvent({
                method: 'POST',
                path: `/staff/hardship/files/${body.id}/visits`,
                token: scene.townStaff.token,
                params: { id: body.id },
                body: {
                  id: `hv_${randomUUID().replace(/-/g, '')}`,
                  visitedOn: shanghaiDay(-1),
                  mode: 'phone',
                  annualIncomeFen: income,
                  annualFixedSpendingFen: 0,
                  householdSize: 2,
                  earners: [],
                  largeSpending: [],
                  housing: [],
                  risk: 'low',
                  nextVisitDue: shanghaiDay(30),
                },
              }),
            ),
            await invoke(
              listHardshipVisits,
              httpEvent({
                path: `/staff/hardship/files/${body.id}/visits`,
                token: scene.townStaff.token,
                params: { id: body.id },
              }),
            ),
            await audit(scene.countyStaff.token, body.id),
            await lines(scene.townStaff.token),
          ];
          for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
          const text = JSON.stringify(answers);
          for (const secret of secretsOf(body.idNumber, phone)) expect(text).not.toContain(secret);
          // Lists show the district, never the street address.
          expect(JSON.stringify([answers[3], answers[4]])).not.toContain(body.address);
          // The one route that answers them does, after its reason.
          const revealed = JSON.stringify(
            await reveal(scene.townStaff.token, body.id, { reason: '核对信息' }),
          );
          expect(revealed).toContain(body.idNumber);
          expect(revealed).toContain(phone);
        },
      ),
      { numRuns: 6 },
    );
  });
});
