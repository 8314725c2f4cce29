// Cleanups that must run however a scenario ends: normally, by an error, or by a signal.

const pending = new Set();
let interrupted = false;

/**
 * Registers `fn` to run at cleanup; returns a function that runs it now and unregisters it.
 * Running it again (say, from the signal handler and from a `finally` at once) waits for the
 * same run instead of starting another or returning early.
 */
export function onCleanup(fn) {
  let running;
  const run = () => {
    running ??= (async () => {
      try {
        await fn();
      } finally {
        pending.delete(run);
      }
    })();
    return running;
  };
  pending.add(run);
  return run;
}

/** Runs every registered cleanup, newest first; errors are printed, never thrown. */
export async function runAllCleanups() {
  for (const run of [...pending].reverse()) {
    try {
      await run();
    } catch (error) {
      console.error(`  cleanup failed: ${error?.message ?? error}`);
    }
  }
}

/** True once a signal asked the harness to stop (a scenario's failure is then no surprise). */
export function wasInterrupted() {
  return interrupted;
}

let installed = false;

/** On SIGINT/SIGTERM/SIGHUP: stop the children, drop the databases, delete the keys, exit 130. */
export function installSignalHandlers() {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, async () => {
      interrupted = true;
      console.error(`\n${signal}: stopping and cleaning up …`);
      await runAllCleanups();
      process.exit(130);
    });
  }
}
