/** A reason checked by the API's own rule: the reason as it will be sent, or the rule's message. */
export type ReasonCheck = { reason: string } | { error: string };

/** The part of a zod schema a reason rule needs (the client does not depend on zod itself). */
interface BodySchema {
  safeParse(
    value: unknown,
  ): { success: true; data: unknown } | { success: false; error: { issues: { message: string }[] } };
}

/**
 * A refusal's reason (婉拒, 不予采纳) checked with the route's own body schema, so the dialog refuses
 * exactly what the API would: `bodyOf` builds the body around the reason, `missing` is the words
 * when the schema names no issue.
 */
export function reasonRule(
  schema: BodySchema,
  bodyOf: (reason: string) => object,
  missing: string,
): (reason: string) => ReasonCheck {
  return (reason) => {
    const parsed = schema.safeParse(bodyOf(reason));
    if (parsed.success) {
      const checked = (parsed.data as { reason?: unknown }).reason;
      if (typeof checked === 'string') return { reason: checked };
      return { error: missing };
    }
    return { error: parsed.error.issues[0]?.message ?? missing };
  };
}
