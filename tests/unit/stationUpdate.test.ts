import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { updateParts } from '../../functions/src/db/stationWrites';

describe('Db: updateParts', () => {
  it('SETs values and REMOVEs undefined ones, never naming a value that is not there', () => {
    expect(updateParts({ name: '驿站', phone: undefined, version: 2 }, ['n = n + :one'])).toStrictEqual({
      UpdateExpression: 'SET n = n + :one, #a0 = :a0, #a2 = :a2 REMOVE #a1',
      ExpressionAttributeNames: { '#a0': 'name', '#a1': 'phone', '#a2': 'version' },
      ExpressionAttributeValues: { ':a0': '驿站', ':a2': 2 },
    });
  });

  it('leaves out the values map when only removing (DynamoDB refuses an empty one)', () => {
    expect(updateParts({ phone: undefined })).toStrictEqual({
      UpdateExpression: 'REMOVE #a0',
      ExpressionAttributeNames: { '#a0': 'phone' },
    });
  });

  it('writes every attribute once, in SET or in REMOVE, with a value for each SET', () => {
    const record = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 8 }),
      fc.oneof(fc.constant(undefined), fc.string(), fc.integer(), fc.array(fc.integer())),
    );
    fc.assert(
      fc.property(record, (fields) => {
        const parts = updateParts(fields);
        const [setClause = '', removeClause = ''] = parts.UpdateExpression.replace(/^SET /, '').split(
          / ?REMOVE /,
        );
        const set = setClause ? setClause.split(', ').map((s) => s.split(' = ')) : [];
        const removed = removeClause ? removeClause.split(', ') : [];
        const named = (placeholder: string) => parts.ExpressionAttributeNames[placeholder];
        expect(new Set([...set.map(([n]) => named(n!)), ...removed.map(named)])).toStrictEqual(
          new Set(Object.keys(fields)),
        );
        for (const [name, value] of set)
          expect(parts.ExpressionAttributeValues?.[value!]).toStrictEqual(fields[named(name!)!]);
        for (const name of removed) expect(fields[named(name)!]).toBeUndefined();
        for (const value of Object.values(parts.ExpressionAttributeValues ?? {}))
          expect(value).not.toBeUndefined();
      }),
    );
  });
});
