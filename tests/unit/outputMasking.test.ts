import {
  contracts,
  idNumberCheckDigit,
  maskedIdNumberSchema,
  maskedPhoneSchema,
  maskIdNumber,
  maskPhone,
} from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

type JsonSchema = {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
};

/** Only these routes answer with a full ID number or phone: each asks a reason and is audited. */
const revealRoutes = ['revealHardshipFile', 'revealSignupPhone'];

/**
 * A rest station's phone is the station's own published service number (front desk, 400 line),
 * shown to workers so they can call before walking there; it is not a person's phone.
 */
const stationPhones: Record<string, string[]> = Object.fromEntries([
  ...['nearbyStations', 'searchStations', 'listManagedStations'].map((name) => [name, ['stations[].phone']]),
  ...[
    'getStation',
    'getManagedStation',
    'createStation',
    'updateStation',
    'setStationStatus',
    'verifyStation',
  ].map((name) => [name, ['phone']]),
]);

/** Property names that hold an ID number or a phone (camelCase words; `siteLocation` holds no `tel`). */
const sensitiveName = (name: string) =>
  /idNumber|idCard|phone|mobile/i.test(name) || /(^tel|Tel)([A-Z\d_]|$)/.test(name);

const toJson = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
const maskedPatterns = [toJson(maskedIdNumberSchema).pattern, toJson(maskedPhoneSchema).pattern];

function resolve(root: JsonSchema, schema: JsonSchema): JsonSchema {
  if (!schema.$ref) return schema;
  return schema.$ref === '#' ? root : (root.$defs?.[schema.$ref.split('/').pop()!] ?? schema);
}

/** A value of this schema can only be masked: a masked pattern, null, or a list/choice of those. */
function isMasked(root: JsonSchema, raw: JsonSchema): boolean {
  const schema = resolve(root, raw);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices)
    return choices.every((choice) => resolve(root, choice).type === 'null' || isMasked(root, choice));
  if (schema.type === 'array') return schema.items !== undefined && isMasked(root, schema.items);
  return schema.type === 'string' && maskedPatterns.includes(schema.pattern);
}

/** Every property named like an ID number or phone anywhere in an output, with its path and verdict. */
function sensitiveFields(output: z.ZodType): { path: string; masked: boolean }[] {
  const root = toJson(output);
  const found: { path: string; masked: boolean }[] = [];
  const seen = new Set<JsonSchema>();
  const visit = (raw: JsonSchema | undefined, at: string) => {
    if (!raw || typeof raw !== 'object') return;
    const schema = resolve(root, raw);
    if (seen.has(schema)) return;
    seen.add(schema);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const path = at ? `${at}.${name}` : name;
      if (sensitiveName(name)) found.push({ path, masked: isMasked(root, property) });
      visit(property, path);
    }
    visit(schema.items, `${at}[]`);
    for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
      visit(part, at);
    if (typeof schema.additionalProperties === 'object') visit(schema.additionalProperties, `${at}{}`);
  };
  visit(root, '');
  return found;
}

const entries = Object.entries(contracts).map(
  ([name, contract]) => [name, contract.output as z.ZodType] as const,
);

describe('Output masking: every route’s output schema', () => {
  it.each(entries.filter(([name]) => !revealRoutes.includes(name)))(
    '%s carries ID numbers and phones only masked',
    (name, output) => {
      const unmasked = sensitiveFields(output)
        .filter((field) => !field.masked && !stationPhones[name]?.includes(field.path))
        .map((field) => field.path);
      expect(unmasked).toStrictEqual([]);
    },
  );

  it('finds masked fields where they are, so the walk above can fail', () => {
    const fields = (name: keyof typeof contracts) => sensitiveFields(contracts[name].output as z.ZodType);
    expect(fields('listHardshipFiles')).toStrictEqual([{ path: 'files[].idNumberMasked', masked: true }]);
    expect(fields('getHardshipFile')).toEqual(
      expect.arrayContaining([
        { path: 'idNumberMasked', masked: true },
        { path: 'phoneMasked', masked: true },
      ]),
    );
    expect(fields('listWorksiteSignups')).toStrictEqual([
      { path: 'signups[].contactPhoneMasked', masked: true },
    ]);
    expect(fields('revealHardshipFile')).toStrictEqual([
      { path: 'idNumber', masked: false },
      { path: 'phone', masked: false },
    ]);
    expect(fields('revealSignupPhone')).toStrictEqual([{ path: 'phone', masked: false }]);
    expect(
      sensitiveFields(z.object({ siteLocation: z.string(), hotel: z.string(), contactTel: z.string() })),
    ).toStrictEqual([{ path: 'contactTel', masked: false }]);
  });

  it('exempts only real station phone fields', () => {
    for (const [name, paths] of Object.entries(stationPhones)) {
      const found = sensitiveFields(contracts[name as keyof typeof contracts].output as z.ZodType).map(
        (f) => f.path,
      );
      expect(found, name).toStrictEqual(paths);
    }
  });

  it('shows no street address or phone in the hardship file list (district only)', () => {
    const summary = JSON.stringify(toJson(contracts.listHardshipFiles.output as z.ZodType));
    expect(summary).not.toMatch(/"(address|phone|phoneMasked)"/);
    expect(summary).toContain('"district"');
  });
});

/** A random valid ID number: check digit from the shared function (itself tested against an oracle in idNumber.test.ts). */
const idNumber = fc
  .tuple(
    fc.constantFrom('11', '32', '44', '65', '81'),
    fc.integer({ min: 0, max: 9999 }),
    fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2025-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([province, area, born, seq]) => {
    const first17 = `${province}${String(area).padStart(4, '0')}${born.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    return first17 + idNumberCheckDigit(first17);
  });

const phone = fc.oneof(
  fc.stringMatching(/^1[3-9]\d{9}$/),
  fc.stringMatching(/^0\d{2,3}-[1-9]\d{6,7}$/),
  fc.stringMatching(/^0\d{2,3}-[1-9]\d{6,7}-\d{1,4}$/),
);

describe('Output masking: the masked schemas', () => {
  it('accept every masked ID number and phone and refuse every full one', () => {
    fc.assert(
      fc.property(idNumber, phone, (id, number) => {
        expect(maskedIdNumberSchema.safeParse(maskIdNumber(id)).success).toBe(true);
        expect(maskedIdNumberSchema.safeParse(id).success).toBe(false);
        expect(maskedIdNumberSchema.safeParse(id.toLowerCase()).success).toBe(false);
        expect(maskedPhoneSchema.safeParse(maskPhone(number)).success).toBe(true);
        expect(maskedPhoneSchema.safeParse(number).success).toBe(false);
        expect(maskedPhoneSchema.safeParse(number.replace(/-/g, '')).success).toBe(false);
        // No masked value keeps more than 4 digits of the number in a row, nor the birth date.
        expect(maskIdNumber(id)).not.toContain(id.slice(6, 14));
        expect(maskPhone(number)).not.toMatch(/\d{5}/);
      }),
      { numRuns: 300 },
    );
  });
});
