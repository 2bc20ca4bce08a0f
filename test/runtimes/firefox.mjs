// The shared suite in Debian's Firefox ESR, headless: on the unbundled dist/ through an import map
// (`firefox`), or as one bundled module (`--bundled`: `firefox-bundled`). The page (page.mjs) posts
// the runner's lines back to the static server. Firefox starts only with a profile folder that
// already exists (otherwise it starts and never loads the page); it is killed when the report is in.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finish, servePage } from './page.mjs';

const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const bundled = process.argv.includes('--bundled');
const runtime = bundled ? 'firefox-bundled' : 'firefox';
const TIMEOUT = 600_000;

const home = mkdtempSync(join(tmpdir(), 'oathkit-firefox-'));
const profile = join(home, 'profile');
mkdirSync(profile, { recursive: true });
// Nothing to fetch from outside (the machine has no network besides the registries).
writeFileSync(
  join(profile, 'user.js'),
  [
    'user_pref("app.update.enabled", false);',
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("toolkit.telemetry.enabled", false);',
    'user_pref("network.captive-portal-service.enabled", false);',
    'user_pref("browser.safebrowsing.malware.enabled", false);',
    'user_pref("browser.safebrowsing.phishing.enabled", false);',
    '',
  ].join('\n'),
);
// The exact release ('153.8.0esr'): the user agent says only 153.0.
const release = execFileSync(firefox, ['--version'], { encoding: 'utf8', env: { ...process.env, HOME: home } })
  .trim()
  .split(/\s+/)
  .pop();
const { url, report, close } = await servePage({ runtime, bundled, version: `Firefox/${release}` });
const child = spawn(firefox, ['--headless', '--no-remote', '--profile', profile, url], {
  env: { ...process.env, HOME: home, MOZ_CRASHREPORTER_DISABLE: '1' },
  stdio: 'ignore',
  detached: true,
});
const exited = new Promise((resolve) => child.on('exit', (code) => resolve([`not ok - Firefox exited (${code}) before reporting`, '# fail 1'])));
child.on('error', () => {});
let timer;
const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve([`not ok - no report from Firefox in ${TIMEOUT / 1000} s`, '# fail 1']), TIMEOUT)));
const lines = await Promise.race([report, exited, timeout]);
clearTimeout(timer);
// Firefox and its content processes: the group this script started.
try {
  process.kill(-child.pid, 'SIGKILL');
} catch {
  /* already gone */
}
close();
rmSync(home, { recursive: true, force: true });
finish(lines);
