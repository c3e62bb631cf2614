import path from 'node:path';

/** The repository root, wherever the tooling is run from. */
export const repoRoot = path.resolve(__dirname, '../..');
