// Builds the Teams app package to sideload: a zip with manifest.json, color.png and outline.png at its
// root (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package).
//   MicrosoftAppId=<bot app id> npm run teams:package [-- -o out.zip]
// The manifest's ${{BOT_ID}} becomes MicrosoftAppId (read from the environment or .env) and
// ${{TEAMS_APP_ID}} becomes TEAMS_APP_ID, or the bot id when that is unset (one id for both is usual).
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APP_PACKAGE = resolve(ROOT, 'adapters/teams/appPackage');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

function fail(message) {
  process.stderr.write(`teams:package: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let out = resolve(APP_PACKAGE, 'compliance-bot-teams.zip');
for (let i = 0; i < args.length; i += 1) {
  if ((args[i] === '-o' || args[i] === '--out') && args[i + 1]) out = resolve(args[(i += 1)]);
  else fail(`unknown argument ${args[i]}; usage: npm run teams:package [-- -o FILE.zip]`);
}

if (existsSync(resolve(ROOT, '.env'))) {
  const { config } = await import('dotenv');
  config({ path: resolve(ROOT, '.env'), quiet: true });
}
const botId = process.env.MicrosoftAppId?.trim();
const appId = process.env.TEAMS_APP_ID?.trim() || botId;
if (!botId) fail('MicrosoftAppId is not set: set it to the Azure Bot registration\'s Microsoft App ID (a GUID).');
if (!GUID.test(botId)) fail('MicrosoftAppId must be a GUID such as 00000000-0000-0000-0000-000000000000.');
if (!GUID.test(appId)) fail('TEAMS_APP_ID must be a GUID.');

const template = readFileSync(resolve(APP_PACKAGE, 'manifest.json'), 'utf8');
const manifest = template.replaceAll('${{BOT_ID}}', botId).replaceAll('${{TEAMS_APP_ID}}', appId);
const left = manifest.match(/\$\{\{[A-Z_]+\}\}/u);
if (left) fail(`manifest.json still has the placeholder ${left[0]}`);
JSON.parse(manifest); // a broken template should fail here, not in Teams

const zip = new yazl.ZipFile();
// A fixed date keeps the zip identical for identical inputs.
const mtime = new Date('2024-01-01T00:00:00Z');
zip.addBuffer(Buffer.from(manifest, 'utf8'), 'manifest.json', { mtime });
zip.addBuffer(readFileSync(resolve(APP_PACKAGE, 'color.png')), 'color.png', { mtime });
zip.addBuffer(readFileSync(resolve(APP_PACKAGE, 'outline.png')), 'outline.png', { mtime });
zip.end();
const written = zip.outputStream.pipe(createWriteStream(out));
await once(written, 'finish');
process.stdout.write(`wrote ${out} (bot ${botId}); in Teams: Apps > Manage your apps > Upload an app > Upload a custom app\n`);
