import { isWithinOrg, type OrgNode, orgNodeSchema } from '@ankang/shared';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getItems } from './batchGet';
import { db, tableName } from './client';
import { keys } from './keys';

export async function getOrg(path: string): Promise<OrgNode | null> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: keys.org(path) }));
  return Item ? orgNodeSchema.parse(Item) : null;
}

/**
 * Several org nodes (e.g. a node's ancestor chain) in as few round trips as BatchGetItem allows;
 * returned in the order asked, missing ones left out.
 */
export async function getOrgs(paths: string[]): Promise<OrgNode[]> {
  const items = await getItems(paths.map((path) => keys.org(path)));
  const found = new Map(items.map((item) => [item.sk as string, orgNodeSchema.parse(item)]));
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
