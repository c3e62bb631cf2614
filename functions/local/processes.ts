import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import net from 'node:net';

const running = new Set<ChildProcess>();

// Children never outlive the process that started them, however it ends. A signal is left to
// whoever else handles it (npm start stops its children gracefully); this is the last resort.
process.once('exit', () => {
  for (const child of running) killTree(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (process.listenerCount(signal) > 0) return;
    for (const child of running) killTree(child, 'SIGKILL');
    process.exit(130);
  });
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the child leads its own process group
  } catch {
    child.kill(signal);
  }
}

/**
 * Runs "$@" so that it ends when we do, even if we are killed outright (no handler runs then): the
 * wrapper shell keeps our end of a pipe on fd 3 and ends the child when that pipe closes.
 */
const diesWithParent = [
  'exec 3<&0',
  '"$@" </dev/null &',
  'child=$!',
  '( while read -r _ <&3; do :; done; kill "$child" 2>/dev/null ) &',
  'wait "$child"',
].join('\n');

/**
 * Starts a long-running child in its own process group (so stopping it reaches everything it
 * started), tied to our lifetime by the wrapper above, and tracked so it is ended with us.
 */
export function startChild(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn('sh', ['-c', diesWithParent, 'sh', command, ...args], {
    ...options,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Ends a child we started (by its process group), waiting up to 5 s before forcing it. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killTree(child, 'SIGTERM');
  const timer = setTimeout(() => killTree(child, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/** A TCP port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Polls `probe` until it resolves true or `timeoutMs` passes; gives up at once when `child` exits,
 * with the last lines it printed.
 */
export async function waitFor(
  what: string,
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; child: ChildProcess; output: () => string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (options.child.exitCode !== null) throw new Error(`${what} exited early:\n${options.output()}`);
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not become ready within ${options.timeoutMs} ms:\n${options.output()}`);
}

/** Keeps the last lines a child printed, to explain a failed start. */
export function captureOutput(child: ChildProcess, limit = 60): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - limit));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}
