import { orgSubtreePrefix } from './keys';

/**
 * One `attribute op :value` condition of a FilterExpression; an undefined value leaves it out.
 * `within` takes an org path: the attribute is that path or one below it (isWithinOrg; a bare
 * prefix would take `…/t10` for `…/t1`).
 */
export type FilterCondition = readonly [
  attribute: string,
  op: '=' | '<' | 'within',
  value: string | undefined,
];

/**
 * The FilterExpression (conditions joined by AND) with its names and values, for list filters
 * applied on an index query; `expression` is undefined when no condition has a value.
 */
export function filterConditions(conditions: readonly FilterCondition[]): {
  expression: string | undefined;
  names: Record<string, string> | undefined;
  values: Record<string, string>;
} {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  for (const [attribute, op, value] of conditions) {
    if (value === undefined) continue;
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
    if (op === 'within') {
      values[`:${attribute}Below`] = orgSubtreePrefix(value);
      parts.push(`(#${attribute} = :${attribute} OR begins_with(#${attribute}, :${attribute}Below))`);
    } else {
      parts.push(`#${attribute} ${op} :${attribute}`);
    }
  }
  return parts.length === 0
    ? { expression: undefined, names: undefined, values }
    : { expression: parts.join(' AND '), names, values };
}
