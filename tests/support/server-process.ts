/**
 * The server as one real process (plain node on a bundle, so a kill -9 hits the server itself and
 * orphans nothing), for tests that kill it or run several instances (issue 14).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, rename } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** kill -9, resolved once the process is gone. */
  kill(): Promise<void>;
}

let bundled: Promise<string> | undefined;

/**
 * server/main.ts bundled once per test process (dependencies stay external): a start then loads
 * one JavaScript file instead of compiling every TypeScript module again, which matters when a
 * test restarts instances twenty times. It sits under node_modules/.cache so that the packages
 * resolve, with the stylesheet at the same relative place as in the repository.
 */
function serverBundle(): Promise<string> {
  bundled ??= (async () => {
    const root = resolve(import.meta.dirname, '../..');
    const out = join(root, 'node_modules/.cache/halo-server');
    const css = join(out, 'lib/halo/halo.css');
    await mkdir(dirname(css), { recursive: true });
    await copyFile(join(root, 'lib/halo/halo.css'), `${css}.${process.pid}`);
    await rename(`${css}.${process.pid}`, css);
    const outfile = join(out, 'server/main.mjs');
    // Written aside, then renamed: test processes building at once never read half a file.
    const partial = join(out, `server/main.${process.pid}.partial.mjs`);
    await build({
      entryPoints: [join(root, 'server/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: partial,
      logLevel: 'warning',
    });
    await rename(partial, outfile);
    return outfile;
  })();
  return bundled;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [await serverBundle()], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      let event: { event?: string; url?: string };
      try {
        event = JSON.parse(line) as typeof event;
      } catch {
        return;
      }
      if (event.event === 'listening' && event.url) {
        // From here on the logs are drained unread: the pipe never fills, and costs no parsing.
        lines.close();
        child.stdout!.resume();
        resolve({
          url: event.url,
          child,
          kill: () =>
            new Promise<void>((gone) => {
              if (child.exitCode !== null || child.signalCode) return gone();
              child.once('exit', () => gone());
              child.kill('SIGKILL');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code}): ${stderr.trim()}`)));
  });
}
