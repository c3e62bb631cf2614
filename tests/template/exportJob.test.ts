import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

interface Resource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is read loosely; the assertions check its shape.
  Properties: Record<string, any>;
}

const templateText = readFileSync(
  path.join(inject('packageDir'), 'cloudformation-template-update-stack.json'),
  'utf8',
);
const resources = JSON.parse(templateText).Resources as Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const job = resources.RunDeliveryExportLambdaFunction!;
const jobName = 'ankang-prod-runDeliveryExport';

type Statement = { Effect: string; Action: string[]; Resource: unknown[] };
const statements = resources.IamRoleLambdaExecution!.Properties.Policies.flatMap(
  (policy: { PolicyDocument: { Statement: Statement[] } }) => policy.PolicyDocument.Statement,
) as Statement[];

describe('Template: the delivery export job', () => {
  it('is a function of its own with the time and memory for a large report', () => {
    expect(job.Type).toBe('AWS::Lambda::Function');
    expect(job.Properties.FunctionName).toBe(jobName);
    expect(job.Properties.Timeout).toBe(900);
    expect(job.Properties.MemorySize).toBe(2048);
  });

  it('serves no route and no schedule: only its queue starts it', () => {
    const routesAndRules = [
      ...ofType('AWS::ApiGatewayV2::Integration'),
      ...ofType('AWS::Events::Rule'),
      ...ofType('AWS::Lambda::Permission'),
    ];
    for (const [name, resource] of routesAndRules) {
      expect(JSON.stringify(resource), name).not.toContain('RunDeliveryExportLambdaFunction');
    }
    const sources = ofType('AWS::Lambda::EventSourceMapping')
      .map(([, r]) => r.Properties)
      .filter((p) => JSON.stringify(p.FunctionName).includes('RunDeliveryExportLambdaFunction'));
    expect(sources.map((p) => p.EventSourceArn)).toStrictEqual([{ 'Fn::GetAtt': ['ExportJobQueue', 'Arn'] }]);
  });

  it('is queued by the create route, on its queue by the stack’s own reference', () => {
    const create = resources.CreateDeliveryExportLambdaFunction!;
    const variables = create.Properties.Environment.Variables as Record<string, unknown>;
    expect(variables.EXPORT_QUEUE_URL).toStrictEqual({ Ref: 'ExportJobQueue' });
    expect(variables.EXPORT_INLINE_MAX_ROWS).toBe('2000');
    expect(variables.SQS_ENDPOINT).toBe('');
    expect(create.Properties.Timeout).toBe(29);
  });

  it('is the only queue any function may send to, and no function may invoke another', () => {
    const sending = statements.filter((s) => s.Action.includes('sqs:SendMessage'));
    expect(sending).toStrictEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:SendMessage'],
        Resource: [{ 'Fn::GetAtt': ['ExportJobQueue', 'Arn'] }],
      },
    ]);
    expect(statements.filter((s) => s.Action.some((action) => action.startsWith('lambda:')))).toStrictEqual(
      [],
    );
  });
});
