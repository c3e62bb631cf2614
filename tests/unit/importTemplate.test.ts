import { describe, expect, it, vi } from 'vitest';
import { importTemplateCsv } from '../../functions/src/services/importColumns';

// The template's examples, as if one began with a formula: the file must not carry it as one.
vi.mock('@ankang/shared', async (importOriginal) => {
  const shared = await importOriginal<typeof import('@ankang/shared')>();
  return {
    ...shared,
    importColumns: shared.importColumns.map((column) =>
      column.key === 'name' ? { ...column, example: '=HYPERLINK("http://evil.example","驿站")' } : column,
    ),
  };
});

describe('Service: importTemplateCsv', () => {
  it('writes every cell through the formula neutraliser', () => {
    const [, example] = importTemplateCsv().trim().split('\r\n');

    expect(example).toContain(`"'=HYPERLINK(""http://evil.example"",""驿站"")"`);
    expect(example?.split(',')[0]).toBe('示例-0001');
  });
});
