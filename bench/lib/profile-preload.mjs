// Preloaded into a child (NODE_OPTIONS=--import=…) when BENCH_PROFILE_DIR is set: each SIGWINCH
// (not SIGUSR2: Nest's enableShutdownHooks shuts the app down on it; SIGWINCH is ignored by default)
// starts, then stops, V8's CPU profiler, so a scenario can profile just the window it measures.
// The profile is written to BENCH_PROFILE_DIR/<pid>-<n>.cpuprofile; `<pid>-<n>.ready` marks a start.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  const post = (method, params = {}) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  let running = false;
  let taken = 0;
  process.on('SIGWINCH', async () => {
    try {
      if (!running) {
        running = true;
        await post('Profiler.enable');
        await post('Profiler.setSamplingInterval', {
          interval: Number(process.env.BENCH_PROFILE_INTERVAL_US ?? 500),
        });
        await post('Profiler.start');
        writeFileSync(join(dir, `${process.pid}-${taken + 1}.ready`), String(Date.now()));
      } else {
        const { profile } = await post('Profiler.stop');
        running = false;
        taken += 1;
        writeFileSync(join(dir, `${process.pid}-${taken}.cpuprofile`), JSON.stringify(profile));
      }
    } catch (error) {
      process.stderr.write(`bench profiler: ${error?.message ?? error}\n`);
    }
  });
}
