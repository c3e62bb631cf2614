import { isWithinOrg, type OrgNode, orgNodeSchema } from '@ankang/shared';
import { BatchGetCommand, type BatchGetCommandOutput, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { keys } from './keys';

export async function getOrg(path: string): Promise<OrgNode | null> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: keys.org(path) }));
  return Item ? orgNodeSchema.parse(Item) : null;
}

/** BatchGetItem takes at most this many keys. */
const BATCH_GET_LIMIT = 100;

/**
 * Several org nodes (e.g. a node's ancestor chain) in as few round trips as BatchGetItem allows,
 * retrying keys DynamoDB left unprocessed; returned in the order asked, missing ones left out.
 */
export async function getOrgs(paths: string[]): Promise<OrgNode[]> {
  const found = new Map<string, OrgNode>();
  const unique = [...new Set(paths)];
  const chunks = Array.from({ length: Math.ceil(unique.length / BATCH_GET_LIMIT) }, (_, i) =>
    unique.slice(i * BATCH_GET_LIMIT, (i + 1) * BATCH_GET_LIMIT),
  );
  await Promise.all(
    chunks.map(async (chunk) => {
      let keysLeft: Record<string, unknown>[] | undefined = chunk.map((path) => keys.org(path));
      for (let attempt = 0; keysLeft?.length; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        if (attempt > 5) throw new Error('org lookup throttled: unprocessed keys remain');
        const answer: BatchGetCommandOutput = await db.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keysLeft } } }),
        );
        const { Responses, UnprocessedKeys } = answer;
        for (const item of Responses?.[tableName] ?? [])
          found.set(item.sk as string, orgNodeSchema.parse(item));
        keysLeft = UnprocessedKeys?.[tableName]?.Keys;
      }
    }),
  );
  return paths.flatMap((path) => found.get(path) ?? []);
}

/** A node and everything below it (every node when `root` is null), sorted by path: parents first. */
export async function listOrgSubtree(root: string | null): Promise<OrgNode[]> {
  const nodes: OrgNode[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: root === null ? 'pk = :pk' : 'pk = :pk AND begins_with(sk, :root)',
        ExpressionAttributeValues: { ':pk': keys.orgs().pk, ...(root === null ? {} : { ':root': root }) },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const node = orgNodeSchema.parse(item);
      // begins_with matches `3205001` under `320500`; keep whole-segment descendants only.
      if (root === null || isWithinOrg(node.path, root)) nodes.push(node);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return nodes;
}
