/**
 * The server as one real process (plain node on a bundle, so a kill -9 hits the server itself and
 * orphans nothing), for tests that kill it or run several instances (issue 14).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
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
/** V8's code cache for the bundle, shared by every start: a restart compiles nothing again. */
let compileCache = '';

/**
 * server/main.ts bundled once per test process, with its dependencies (native addons stay
 * outside): a start then loads one JavaScript file instead of resolving and compiling hundreds of
 * modules, which matters when a test restarts instances twenty times on a busy machine. It sits
 * under node_modules/.cache so that the native packages and fonts resolve, with the files the
 * server reads at the same relative places as in the repository.
 */
function serverBundle(): Promise<string> {
  bundled ??= (async () => {
    const root = resolve(import.meta.dirname, '../..');
    // One folder per checkout: worktrees share node_modules, and must not run each other's server.
    const checkout = createHash('sha256').update(root).digest('hex').slice(0, 12);
    const out = join(root, `node_modules/.cache/halo-server-${checkout}`);
    // The files the server reads beside its code, at the same relative places.
    for (const file of ['lib/halo/halo.css', 'package.json', 'assets/halo-mark.svg']) {
      const copy = join(out, file);
      await mkdir(dirname(copy), { recursive: true });
      await copyFile(join(root, file), `${copy}.${process.pid}`);
      await rename(`${copy}.${process.pid}`, copy);
    }
    const outfile = join(out, 'server/main.mjs');
    // Written aside, then renamed: test processes building at once never read half a file.
    const partial = join(out, `server/main.${process.pid}.partial.mjs`);
    await build({
      entryPoints: [join(root, 'server/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      external: ['better-sqlite3', '@resvg/resvg-js', 'pg-native'],
      // CommonJS dependencies inside an ES module bundle still call require() for Node's modules.
      banner: {
        js: "import { createRequire as haloRequire } from 'node:module'; const require = haloRequire(import.meta.url);",
      },
      outfile: partial,
      logLevel: 'warning',
    });
    await rename(partial, outfile);
    compileCache = join(out, 'compile-cache');
    return outfile;
  })();
  return bundled;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [await serverBundle()], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', NODE_COMPILE_CACHE: compileCache, ...env },
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
