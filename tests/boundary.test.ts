import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file below a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// The core knows no platform: a platform SDK or HTTP framework imported under src/ would tie the answers
// to one chat client (STYLE.md, "A boundary test fails if src/ imports @slack/*, botbuilder or an HTTP framework").
const FORBIDDEN = [/^@slack\//, /^botbuilder/, /^botframework/, /^@microsoft\//, /^express$/, /^fastify$/, /^koa$/, /^restify$/, /^node:http$/, /^node:https$/, /^http$/, /^https$/];

describe('the core', () => {
  it('imports no platform SDK and no HTTP framework', () => {
    const offenders: string[] = [];
    for (const file of sources('src')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)) {
        if (FORBIDDEN.some((re) => re.test(m[1]!))) offenders.push(`${file}: ${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  // The questionnaire module is the one other public entry: kept out of src/index.ts so that `npm run ask`
  // (which imports src/index.ts) never loads exceljs.
  it('is imported by the adapters only through src/index.ts and src/questionnaire/index.ts', () => {
    const offenders: string[] = [];
    for (const file of sources('adapters')) {
      if (file.endsWith('.test.ts')) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/from\s+['"]([^'"]*\/src\/[^'"]+)['"]/g)) if (!/\/src\/(?:questionnaire\/)?index\.js$/.test(m[1]!)) offenders.push(`${file}: ${m[1]}`);
    }
    expect(offenders).toEqual([]);
  });
});
