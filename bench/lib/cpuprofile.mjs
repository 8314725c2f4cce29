// Profiling a child over a window (with bench/lib/profile-preload.mjs) and summarising where its
// main thread spent the time: by function, and by package (node_modules/<name>, the app, node).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { line } from './format.mjs';

const PRELOAD = fileURLToPath(new URL('./profile-preload.mjs', import.meta.url));

/** The environment that makes a child profilable; profiles go to `dir`. */
export function profilingEnv(dir) {
  mkdirSync(dir, { recursive: true });
  return {
    NODE_OPTIONS: `--import=${pathToFileURL(PRELOAD).href}`,
    BENCH_PROFILE_DIR: dir,
  };
}

async function waitForFile(path, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(path)) return true;
    await sleep(25);
  }
  return false;
}

/** Starts the `n`-th profile of the child `pid`; resolves once its profiler runs. */
export async function startProfile(dir, pid, n = 1) {
  process.kill(pid, 'SIGWINCH');
  if (!(await waitForFile(join(dir, `${pid}-${n}.ready`), 5_000))) {
    throw new Error(`the profiler of ${pid} did not start (is profile-preload.mjs loaded?)`);
  }
}

/** Stops it and returns the parsed profile (the `n`-th taken from this child). */
export async function stopProfile(dir, pid, n = 1) {
  process.kill(pid, 'SIGWINCH');
  const path = join(dir, `${pid}-${n}.cpuprofile`);
  if (!(await waitForFile(path, 15_000))) throw new Error(`no profile at ${path}`);
  await sleep(100); // the write is synchronous, but be sure it is complete
  return { path, profile: JSON.parse(readFileSync(path, 'utf8')) };
}

function packageOf(url) {
  if (!url) return '(native / V8)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node (core)';
  const dist = url.indexOf('/dist/');
  if (dist >= 0) {
    const parts = url.slice(dist + '/dist/'.length).split('/');
    return `app ${parts.slice(0, 2).join('/')}`;
  }
  return url.replace(/^file:\/\//, '');
}

/** Self time by function and by package, printed as the top `limit` of each. */
export function summariseProfile(profile, { limit = 15 } = {}) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map();
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const functions = new Map();
  const packages = new Map();
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    const fn = callFrame.functionName || '(anonymous)';
    const where = callFrame.url
      ? `${packageOf(callFrame.url)} ${callFrame.url.split('/').pop()}:${callFrame.lineNumber + 1}`
      : '';
    const key = `${fn} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + us);
    const pkg = callFrame.url
      ? packageOf(callFrame.url)
      : fn.startsWith('(')
        ? fn
        : '(native / V8)';
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  // Inclusive time of the app's own functions (built code under dist/): what each step costs.
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const { callFrame } = byId.get(at);
      if (!callFrame.url.includes('/dist/')) continue;
      const key = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/dist/').pop()}:${callFrame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const share = (us) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
  line('profiled main-thread time', `${(total / 1000).toFixed(0)} ms`);
  console.log('  self time by package:');
  for (const [pkg, us] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`    ${share(us)}  ${pkg}`);
  }
  console.log('  self time by function:');
  for (const [fn, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`    ${share(us)}  ${fn}`);
  }
  console.log("  the app's functions, inclusive of what they call (synchronous part only):");
  for (const [fn, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    console.log(`    ${share(us)}  ${fn}`);
  }
  return { totalMs: total / 1000, packages, functions };
}
