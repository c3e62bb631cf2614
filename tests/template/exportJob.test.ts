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

  it('serves no route and no schedule: only an invocation starts it', () => {
    const routesAndRules = [
      ...ofType('AWS::ApiGatewayV2::Integration'),
      ...ofType('AWS::Events::Rule'),
      ...ofType('AWS::Lambda::Permission'),
    ];
    for (const [name, resource] of routesAndRules) {
      expect(JSON.stringify(resource), name).not.toContain('RunDeliveryExportLambdaFunction');
    }
  });

  it('is never retried by Lambda (it marks a failed export itself)', () => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig')
      .map(([, r]) => r.Properties)
      .filter((p) => JSON.stringify(p.FunctionName).includes('RunDeliveryExportLambdaFunction'));
    expect(configs.length).toBe(1);
    expect(configs[0]!.MaximumRetryAttempts).toBe(0);
  });

  it('is the function the create route is told to invoke, by the real endpoint', () => {
    const create = resources.CreateDeliveryExportLambdaFunction!;
    const variables = create.Properties.Environment.Variables as Record<string, string>;
    expect(variables.EXPORT_FUNCTION_NAME).toBe(jobName);
    expect(variables.EXPORT_INLINE_MAX_ROWS).toBe('2000');
    expect(variables.LAMBDA_ENDPOINT).toBe('');
    expect(create.Properties.Timeout).toBe(29);
  });

  it('may be invoked, and it is the only function anything may invoke, in any partition', () => {
    const invoking = statements.filter((s) => s.Action.some((action) => action.startsWith('lambda:')));
    expect(invoking).toStrictEqual([
      {
        Effect: 'Allow',
        Action: ['lambda:InvokeFunction'],
        Resource: [
          {
            'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:${jobName}`,
          },
        ],
      },
    ]);
  });
});
