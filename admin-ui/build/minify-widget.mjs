// Build step (Maven runs it in process-classes, see admin-ui/pom.xml): replaces the <voice-session>
// widget's files in target/classes with minified copies, file for file, so the modules, their names and
// the import graph stay what the sources say (hosts keep loading voice-session-define.js; the worklets
// stay separate modules) and the sources keep their comments. What ships, and what the browser tests
// load and the size test measures, is this output. Installs the pinned tools (package-lock.json) when
// node_modules lacks them: the one time this build touches a registry.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const moduleDir = join(here, '..');
const [source, target] = process.argv.slice(2);
if (!source || !target) {
  console.error('usage: node minify-widget.mjs <source elements dir> <target elements dir>');
  process.exit(2);
}

/** The widget and what it loads: its modules, worklets and stylesheet, and the API helper it imports. */
const WIDGET = /^(voice-session.*\.(js|css)|api\.js)$/;

ensureTools();
const { transformSync } = await import(join(moduleDir, 'node_modules/esbuild/lib/main.js'));
let raw = 0;
let minified = 0;
for (const name of readdirSync(source).filter((n) => WIDGET.test(n)).sort()) {
  const code = readFileSync(join(source, name), 'utf8');
  // es2022 keeps #private fields and top-level await as written (every browser the widget supports has them).
  const out = transformSync(code, {
    loader: name.endsWith('.css') ? 'css' : 'js', format: name.endsWith('.css') ? undefined : 'esm',
    minify: true, target: name.endsWith('.css') ? 'chrome111' : 'es2022', legalComments: 'none', sourcefile: name,
  }).code;
  writeFileSync(join(target, name), out);
  raw += code.length;
  minified += out.length;
}
console.log(`[minify-widget] ${raw} -> ${minified} bytes in ${target}`);

/** npm ci when the pinned esbuild is missing or another version (a fresh clone, or a bumped lock). */
function ensureTools() {
  const lock = JSON.parse(readFileSync(join(moduleDir, 'package-lock.json'), 'utf8'));
  const wanted = lock.packages['node_modules/esbuild'].version;
  const installed = join(moduleDir, 'node_modules/esbuild/package.json');
  const axe = join(moduleDir, 'node_modules/axe-core/axe.min.js');
  if (existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === wanted && existsSync(axe)) return;
  console.log('[minify-widget] installing the pinned build tools (npm ci)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: moduleDir, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
