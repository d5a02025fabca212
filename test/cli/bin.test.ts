/**
 * Feature under test: the package's `jjj` bin as npm runs it (`npx jjj …` on a fresh clone runs
 * dist/src/cli/main.js itself, through its `#!/usr/bin/env node` line): the build must leave it
 * executable, or the README's first command fails with "Permission denied".
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { PACKAGE_ROOT } from '../../src/app/load.js';

test('the built bin is executable and runs as a program', () => {
  const bin = join(PACKAGE_ROOT, 'dist/src/cli/main.js');
  expect(statSync(bin).mode & 0o111).not.toBe(0);
  const out = execFileSync(bin, ['stops', '燕郊'], { encoding: 'utf8', timeout: 60_000 });
  expect(out).toContain('燕郊');
}, 90_000);
