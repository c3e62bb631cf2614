import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const AnkangOperations = createRequire(import.meta.url)('../../functions/stack/operations.cjs') as new (
  serverless: unknown,
) => { foldDestinationStatements(): void };

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

/** The plugin over a compiled role holding these statements. */
function withStatements(statements: Statement[]) {
  const resources = {
    IamRoleLambdaExecution: { Properties: { Policies: [{ PolicyDocument: { Statement: statements } }] } },
  };
  const plugin = new AnkangOperations({
    service: { provider: { compiledCloudFormationTemplate: { Resources: resources } } },
  });
  return { plugin, statements };
}

const queue = { 'Fn::GetAtt': ['JobDeadLetterQueue', 'Arn'] };
const topic = { Ref: 'FailedRunsTopic' };

describe('operations plugin: on-failure destination statements', () => {
  it('folds repeated grants into one statement per action, each with only its own resources', () => {
    const kept: Statement = { Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: ['table'] };
    const { plugin, statements } = withStatements([
      kept,
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queue },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queue },
      { Effect: 'Allow', Action: 'sns:Publish', Resource: topic },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queue },
    ]);
    plugin.foldDestinationStatements();
    expect(statements).toStrictEqual([
      kept,
      { Effect: 'Allow', Action: ['sqs:SendMessage'], Resource: [queue] },
      { Effect: 'Allow', Action: ['sns:Publish'], Resource: [topic] },
    ]);
  });

  it('leaves a role without destination grants as it was', () => {
    const kept: Statement = { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['bucket'] };
    const { plugin, statements } = withStatements([kept]);
    plugin.foldDestinationStatements();
    expect(statements).toStrictEqual([kept]);
  });
});
