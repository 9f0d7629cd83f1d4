// Build step (Maven runs it in process-classes, see admin-ui/pom.xml): turns the <voice-session>
// widget's ES modules in target/classes into what ships, minified and bundled with esbuild (pinned in
// package-lock.json), so that what browsers download fits the widget's budget (30 KB gzip, JS and CSS)
// while the sources keep their comments and their one-concern-a-file layout.
//
// What ships, beside the stylesheet (minified): voice-session.js, the element with everything it
// imports (the module hosts import to subclass), voice-session-define.js, which imports it and
// registers the tag, the two audio worklets the relay loads by URL, and the code those two share
// (voice-session-shared-*.js). Every other voice-session-*.js module copied from the sources is
// removed from target/classes: its code is in a bundle now. The names stay in this folder, so the
// element's new URL(..., import.meta.url) for its stylesheet and worklets resolves as it does from the
// sources. Installs the pinned tools when node_modules lacks them (npm ci): the one time this build
// touches a registry.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const moduleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const [source, target] = process.argv.slice(2);
if (!source || !target) {
  console.error('usage: node build-widget.mjs <source elements dir> <target elements dir>');
  process.exit(2);
}
const WORKLETS = ['voice-session-capture-worklet', 'voice-session-playback-worklet'];
const STYLESHEET = 'voice-session.css';
/** es2022 keeps #private fields and class fields as written: every browser the widget supports has them. */
const COMMON = { bundle: true, format: 'esm', minify: true, target: 'es2022', legalComments: 'none', metafile: true, logLevel: 'warning' };

ensureTools();
const esbuild = await import(join(moduleDir, 'node_modules/esbuild/lib/main.js'));

// The sources' modules (copied by the resources plugin) and the chunks of an earlier build go; the build puts back what ships.
for (const name of readdirSync(target)) {
  if (/^voice-session.*\.js$/.test(name)) rmSync(join(target, name));
}
const builds = await Promise.all([
  esbuild.build({ ...COMMON, entryPoints: [join(source, 'voice-session.js')], outdir: target }),
  // The define module stays a two-liner on top of the element's module, so a page that imports both gets one class.
  esbuild.build({ ...COMMON, entryPoints: [join(source, 'voice-session-define.js')], outdir: target, external: ['./voice-session.js'] }),
  esbuild.build({
    ...COMMON, entryPoints: WORKLETS.map((name) => join(source, `${name}.js`)), outdir: target,
    splitting: true, chunkNames: 'voice-session-shared-[hash]',
  }),
]);
const css = esbuild.transformSync(readFileSync(join(source, STYLESHEET), 'utf8'), {
  loader: 'css', minify: true, target: 'chrome111', legalComments: 'none',
}).code;
writeFileSync(join(target, STYLESHEET), css);

const shipped = builds.flatMap((b) => Object.entries(b.metafile.outputs)).map(([file, out]) => `${file.split('/').pop()} ${out.bytes}`);
console.log(`[build-widget] ${target}: ${shipped.join(', ')}, ${STYLESHEET} ${css.length}`);

/** npm ci when the pinned tools are missing or of another version (a fresh clone, a bumped lock). */
function ensureTools() {
  const lock = JSON.parse(readFileSync(join(moduleDir, 'package-lock.json'), 'utf8'));
  const pinned = ['esbuild', 'axe-core'].every((name) => {
    const file = join(moduleDir, 'node_modules', name, 'package.json');
    return existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).version === lock.packages[`node_modules/${name}`].version;
  });
  if (pinned) return;
  console.log('[build-widget] installing the pinned build tools (npm ci)');
  const run = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund'], { cwd: moduleDir, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
