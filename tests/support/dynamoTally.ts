/**
 * Counts what a DynamoDB client does, by a middleware on its stack: items returned by reads
 * (Query, GetItem, BatchGetItem, TransactGetItems), items changed by successful writes (Put, Update,
 * Delete; each item of a TransactWriteItems or BatchWriteItem), and any Scan — which is refused
 * before it is sent, so code that Scans fails loudly instead of being counted.
 */

/** The part of an SDK v3 client (or document client) the tally hooks into. */
interface WithMiddleware {
  middlewareStack: {
    add(middleware: unknown, options: { step: 'initialize'; name: string; override?: boolean }): void;
    remove(name: string): boolean;
  };
}

export interface DynamoCounts {
  /** Items returned by reads. */
  itemsRead: number;
  /** Read requests (pages). */
  readRequests: number;
  /** Items changed by writes that succeeded. */
  itemsWritten: number;
  writeRequests: number;
  /** Scans attempted (each was refused with an error). */
  scans: number;
}

export interface DynamoTally {
  counts(): DynamoCounts;
  /** The counts so far, then zero. */
  reset(): DynamoCounts;
  remove(): void;
}

const zero = (): DynamoCounts => ({
  itemsRead: 0,
  readRequests: 0,
  itemsWritten: 0,
  writeRequests: 0,
  scans: 0,
});

type Output = {
  Items?: unknown[];
  Item?: unknown;
  Responses?: Record<string, unknown[]> | unknown[];
};
type Input = {
  TransactItems?: unknown[];
  RequestItems?: Record<string, unknown[]>;
};

const readItems = (command: string, output: Output): number | null => {
  if (/^(Query|Scan)/.test(command)) return output.Items?.length ?? 0;
  if (/^Get(Item)?Command$/.test(command)) return output.Item ? 1 : 0;
  if (/^BatchGet/.test(command)) {
    return Object.values((output.Responses ?? {}) as Record<string, unknown[]>).reduce(
      (sum, items) => sum + items.length,
      0,
    );
  }
  if (/^TransactGet/.test(command)) {
    return ((output.Responses ?? []) as { Item?: unknown }[]).filter((r) => r.Item).length;
  }
  return null;
};

const writtenItems = (command: string, input: Input): number | null => {
  if (/^(Put|Update|Delete)(Item)?Command$/.test(command)) return 1;
  if (/^TransactWrite/.test(command)) return input.TransactItems?.length ?? 0;
  if (/^BatchWrite/.test(command)) {
    return Object.values(input.RequestItems ?? {}).reduce((sum, requests) => sum + requests.length, 0);
  }
  return null;
};

/** Adds the counting middleware to `client` (the functions' shared document client, in tests). */
export function tallyDynamo(client: WithMiddleware, name = 'dynamoTally'): DynamoTally {
  let counts = zero();
  client.middlewareStack.add(
    (next: (args: { input: Input }) => Promise<{ output: Output }>, context: { commandName?: string }) =>
      async (args: { input: Input }) => {
        const command = context.commandName ?? '';
        if (/^Scan/.test(command)) {
          counts.scans += 1;
          throw new Error(`Scan refused: the code under test sent a ${command}`);
        }
        const result = await next(args);
        const read = readItems(command, result.output ?? {});
        if (read !== null) {
          counts.readRequests += 1;
          counts.itemsRead += read;
        }
        const written = writtenItems(command, args.input ?? {});
        if (written !== null) {
          counts.writeRequests += 1;
          counts.itemsWritten += written;
        }
        return result;
      },
    { step: 'initialize', name, override: true },
  );
  return {
    counts: () => ({ ...counts }),
    reset: () => {
      const before = counts;
      counts = zero();
      return before;
    },
    remove: () => {
      client.middlewareStack.remove(name);
    },
  };
}
