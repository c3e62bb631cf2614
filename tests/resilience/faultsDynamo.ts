/**
 * Stopping the resilience tier's DynamoDB Local from inside a test, and telling when its port is
 * closed. The tier started it (functions/local/dynamoLocal.ts through processes.ts's startChild), so
 * the test holds no handle on it: only its pid, which is either the `sh` wrapper startChild runs it
 * under (the leader of its own process group) or the java process itself.
 */

import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether a process with this pid still exists (a zombie counts until its parent reaps it). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends `signal` to the pid's process group when it leads one (the java beneath the wrapper too), else to the pid. */
export function signalTree(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:port right now. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `done` every 100 ms until it holds or `ms` pass; whether it held. */
async function within(ms: number, done: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await done()) return true;
    await sleep(100);
  }
  return done();
}

/**
 * Stops the DynamoDB Local led by `pid` as an operator (or a crash) would: SIGTERM, then SIGKILL if
 * the port still answers after 5 s; resolves once nothing listens on `port` (throws after 10 s). The
 * tier's own stop() then finds its child already exited and returns at once.
 */
export async function stopDynamoByPid(pid: number, port: number): Promise<{ forced: boolean }> {
  // process.kill(-0) would signal this test's own process group.
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no DynamoDB Local pid to stop (${pid})`);
  signalTree(pid, 'SIGTERM');
  const gone = async () => !alive(pid) && !(await listening(port));
  if (await within(5000, gone)) return { forced: false };
  signalTree(pid, 'SIGKILL');
  if (await within(5000, async () => !(await listening(port)))) return { forced: true };
  throw new Error(`DynamoDB Local (pid ${pid}) still listens on port ${port} after SIGKILL`);
}
