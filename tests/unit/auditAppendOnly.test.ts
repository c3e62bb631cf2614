import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { contracts } from '@ankang/shared';
import { describe, expect, it } from 'vitest';

const src = path.resolve(__dirname, '../../functions/src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const sources = filesUnder(src).map((file) => ({
  file: path.relative(src, file).split(path.sep).join('/'),
  text: readFileSync(file, 'utf8'),
}));
const filesMatching = (pattern: RegExp) => sources.filter((s) => pattern.test(s.text)).map((s) => s.file);
const auditDb = sources.find((s) => s.file === 'db/audit.ts')!;

describe('Audit events are append-only in code', () => {
  it('spells the audit key in keys.ts only, and builds it in db/audit.ts only', () => {
    expect(filesMatching(/AUDIT#/)).toStrictEqual(['db/keys.ts']);
    expect(filesMatching(/keys\.auditEvent\b/)).toStrictEqual(['db/audit.ts']);
    expect(filesMatching(/type:\s*'AuditEvent'/)).toStrictEqual(['db/audit.ts']);
  });

  it('writes audit items only by a Put that cannot overwrite, never an update, delete or batch', () => {
    expect(auditDb.text).not.toMatch(
      /UpdateCommand|DeleteCommand|BatchWriteCommand|DeleteRequest|\bUpdate:|\bDelete:/,
    );
    const puts = [...auditDb.text.matchAll(/\bPut:\s*\{[\s\S]*?\n {4}\},/g)].map((m) => m[0]);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toContain("ConditionExpression: 'attribute_not_exists(pk)'");
    // The stand-alone writer sends that same conditional Put.
    expect(auditDb.text).toMatch(/new PutCommand\(auditEventPut\(event\)\.Put!?\)/);
  });

  it('lets no caller loosen an audit write’s condition', () => {
    const callers = sources.filter((s) => s.file !== 'db/audit.ts' && /auditEventPut\(/.test(s.text));
    for (const caller of callers) {
      expect(caller.text, caller.file).not.toMatch(/auditEventPut\([^)]*\)\s*\.Put|\.\.\.\s*auditEventPut\(/);
    }
  });

  it('serves audit trails through read-only routes', () => {
    const auditRoutes = Object.values(contracts).filter((c) => /audit/i.test(`${c.name} ${c.path}`));
    expect(auditRoutes.map((c) => c.name)).toContain('listHardshipAudit');
    for (const route of auditRoutes) expect(route.method, route.name).toBe('GET');
  });
});
