import type { WorkerOptions } from 'node:worker_threads';

/**
 * How to start the thread whose module is `name` (without extension) beside the module at
 * `callerUrl` (its `import.meta.url`): the compiled JavaScript in a build; run from the
 * TypeScript sources (the tests), the same module loaded through tsx.
 */
export function threadEntry(callerUrl: string, name: string): [URL | string, WorkerOptions] {
  if (!callerUrl.endsWith('.ts')) {
    return [new URL(`./${name}.js`, callerUrl), {}];
  }
  const source = new URL(`./${name}.ts`, callerUrl).href;
  const load = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(callerUrl)}))`;
  return [load, { eval: true }];
}
