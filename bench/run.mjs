// The benchmark harness: `npm run bench` runs every scenario, `npm run bench -- fanout` one.
// A tool for people: it prints figures and ratios against the targets and never fails on a
// timing. It exits non-zero only when a scenario could not run at all.
//
// A scenario is one file, bench/scenarios/<name>.mjs, exporting `name`, an optional
// `description`, and `async run()` that returns the object printed as its `BENCH {…}` line
// (with `scenario: name`). It gets its own API, worker, database and Redis prefix from
// `withStack` (bench/lib/stack.mjs), which tears them down afterwards, even on failure or Ctrl-C.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchLine } from './lib/format.mjs';
import { installSignalHandlers, runAllCleanups, wasInterrupted } from './lib/cleanup.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

const scenariosDir = fileURLToPath(new URL('./scenarios/', import.meta.url));

async function loadScenarios() {
  const files = readdirSync(scenariosDir)
    .filter((file) => file.endsWith('.mjs'))
    .sort();
  const scenarios = [];
  for (const file of files) {
    const module = await import(new URL(`./scenarios/${file}`, import.meta.url));
    if (typeof module.name !== 'string' || typeof module.run !== 'function') {
      throw new Error(`bench/scenarios/${file} must export a name and a run function`);
    }
    scenarios.push(module);
  }
  return scenarios;
}

const all = await loadScenarios();
const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !all.some((scenario) => scenario.name === name));
if (unknown.length > 0) {
  console.error(
    `Unknown scenario: ${unknown.join(', ')}. Known: ${all.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}
const selected = wanted.length > 0 ? all.filter((scenario) => wanted.includes(scenario.name)) : all;

installSignalHandlers();
const lines = [];
let crashed = 0;
for (const scenario of selected) {
  console.log(
    `\n##### scenario ${scenario.name}${scenario.description ? ` — ${scenario.description}` : ''}`,
  );
  const startedAt = performance.now();
  let result;
  try {
    result = await scenario.run();
  } catch (error) {
    if (wasInterrupted()) {
      // The signal handler is cleaning up and will exit; wait for it.
      await runAllCleanups();
      await sleep(60_000);
    }
    crashed += 1;
    console.error(`\nscenario ${scenario.name} could not run: ${error?.stack ?? error}`);
    result = { scenario: scenario.name, error: String(error?.message ?? error).split('\n')[0] };
  } finally {
    await runAllCleanups();
  }
  console.log(`  (scenario took ${((performance.now() - startedAt) / 1000).toFixed(0)} s in all)`);
  lines.push(result);
  benchLine(result);
}

if (selected.length > 1) {
  console.log('\n##### summary (the BENCH lines above are the results)');
  for (const result of lines) console.log(`  ${result.scenario}: ${JSON.stringify(result)}`);
}
process.exit(crashed > 0 ? 1 : 0);
