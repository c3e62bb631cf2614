import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { contracts } from '@ankang/shared';
import { describe, expect, inject, it } from 'vitest';
import { parseEnv } from '../../functions/src/lib/envSchema';
import { jobMessageSchema } from '../../functions/src/lib/jobMessages';
import { zipEntries } from './zip';

interface Resource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is read loosely; the assertions check its shape.
  Properties: Record<string, any>;
  DeletionPolicy?: string;
}

const packageDir = inject('packageDir');
const templateText = readFileSync(path.join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8');
const resources = JSON.parse(templateText).Resources as Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const functions = ofType('AWS::Lambda::Function');
const table = resources.AnkangTable!;
/** Functions that serve no route: each consumes its job's queue (see operations.test.ts). */
const jobs = ['sendAssignmentReminders', 'runMonitoringSweep', 'runDeliveryExport'];

describe('Template: the DynamoDB table', () => {
  it('keeps point-in-time recovery, encryption at rest and TTL on expiresAt', () => {
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.Properties.PointInTimeRecoverySpecification).toStrictEqual({
      PointInTimeRecoveryEnabled: true,
    });
    expect(table.Properties.SSESpecification).toStrictEqual({ SSEEnabled: true, SSEType: 'KMS' });
    expect(table.Properties.TimeToLiveSpecification).toStrictEqual({
      AttributeName: 'expiresAt',
      Enabled: true,
    });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.DeletionPolicy).toBe('Retain');
  });

  it('has generic keys and four generic GSIs', () => {
    expect(table.Properties.KeySchema).toStrictEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(
      table.Properties.GlobalSecondaryIndexes.map((index: { IndexName: string }) => index.IndexName),
    ).toStrictEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4']);
  });
});

describe('Template: routes and functions', () => {
  const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
  const integrations = Object.fromEntries(ofType('AWS::ApiGatewayV2::Integration'));

  it.each(Object.values(contracts).map((c) => [c.name, c] as const))(
    'routes %s to its own function',
    (name, c) => {
      const route = routes.find((r) => r.RouteKey === `${c.method} ${c.path}`);
      expect(route, `${c.method} ${c.path}`).toBeDefined();
      const integrationName = route!.Target['Fn::Join'][1][1].Ref as string;
      const target = JSON.stringify(integrations[integrationName]?.Properties.IntegrationUri);
      expect(target).toContain(`${name[0]!.toUpperCase()}${name.slice(1)}LambdaFunction`);
    },
  );

  it('has exactly one route per contract and one function per route, plus the jobs’ consumers', () => {
    expect(routes.length).toBe(Object.keys(contracts).length);
    expect(functions.length).toBe(Object.keys(contracts).length + jobs.length);
  });

  const rules = ofType('AWS::Events::Rule').map(([, r]) => r.Properties);
  /** The rules that queue a message on this queue (a schedule starts a job through its queue). */
  const ruleOf = (queue: string) =>
    rules.filter((rule) =>
      JSON.stringify(rule.Targets.map((t: { Arn: unknown }) => t.Arn)).includes(`"${queue}"`),
    );

  it('has two schedules, each with one target: a job’s queue, never a function', () => {
    expect(rules.length).toBe(2);
    for (const rule of rules) {
      expect(rule.Targets.length).toBe(1);
      expect(JSON.stringify(rule.Targets)).not.toContain('LambdaFunction');
    }
  });

  it('reminds tomorrow’s volunteers every evening at 18:00 Shanghai time (10:00 UTC), the moment in the message', () => {
    const [rule, ...more] = ruleOf('ReminderJobQueue');
    expect(more).toStrictEqual([]);
    expect(rule!.ScheduleExpression).toBe('cron(0 10 * * ? *)');
    expect(rule!.State).toBe('ENABLED');
    const transformer = rule!.Targets[0].InputTransformer;
    expect(transformer.InputPathsMap).toStrictEqual({ time: '$.time' });
    // EventBridge writes a string variable outside quotes as a JSON string: the message the consumer
    // parses is then a reminders job for that moment.
    const sent = transformer.InputTemplate.replace('<time>', JSON.stringify('2026-07-01T10:00:00Z'));
    expect(jobMessageSchema.parse(JSON.parse(sent))).toStrictEqual({
      job: 'reminders',
      scheduledAt: '2026-07-01T10:00:00Z',
    });
  });

  it('runs the monitoring sweep every night at 01:30 Shanghai time (17:30 UTC) for up to 15 minutes', () => {
    const [rule, ...more] = ruleOf('SweepJobQueue');
    expect(more).toStrictEqual([]);
    expect(jobMessageSchema.parse(JSON.parse(rule!.Targets[0].Input))).toStrictEqual({ job: 'sweep' });
    expect(rule!.ScheduleExpression).toBe('cron(30 17 * * ? *)');
    expect(rule!.State).toBe('ENABLED');
    expect(rule!.Description).toMatch(/防返困/);
    const sweep = resources.RunMonitoringSweepLambdaFunction!;
    expect(sweep.Properties.Timeout).toBe(900);
    const variables = sweep.Properties.Environment.Variables as Record<string, string>;
    // Its due-soon notices go out only where the stage names the template (empty in a bare deploy).
    expect(variables.WECHAT_TEMPLATE_ALERT_DUE).toBe('');
    expect(variables.WECHAT_TEMPLATE_ALERT_ASSIGNED).toBe('');
  });

  it('runs every function on nodejs22.x with the development login off', () => {
    for (const [name, fn] of functions) {
      expect(fn.Properties.Runtime, name).toBe('nodejs22.x');
      const variables = fn.Properties.Environment.Variables as Record<string, string>;
      expect(variables.DEV_LOGIN, name).toBe('false');
      expect(variables.STAGE, name).toBe('prod');
      expect(variables.JWT_SECRET, name).toBe('');
      expect(variables.JWT_SECRET_PARAM, name).toBe('/ankang/prod/jwt-secret');
      // The deployed environment parses (given the app id a deploy passes), and cannot turn the dev login on.
      // (PHOTO_BUCKET, FIELD_KEY_ID and EXPORT_QUEUE_URL are Refs that CloudFormation resolves: see photoBucket.test.ts and
      // fieldKey.test.ts.)
      const deployed = {
        ...variables,
        WECHAT_APPID: 'wx0123456789abcdef',
        PHOTO_BUCKET: 'ankang-prod-photobucket',
        EXPORT_QUEUE_URL: 'https://sqs.cn-north-1.amazonaws.com.cn/123456789012/ankang-prod-export-jobs',
        FIELD_KEY_ID: '1234abcd-12ab-34cd-56ef-1234567890ab',
      };
      expect(parseEnv(deployed).DEV_LOGIN).toBe(false);
      expect(() => parseEnv({ ...deployed, DEV_LOGIN: 'true' })).toThrow(/DEV_LOGIN/);
    }
  });

  it('throttles the HTTP API and allows CORS for the H5 app', () => {
    const stage = ofType('AWS::ApiGatewayV2::Stage')[0]![1];
    expect(stage.Properties.DefaultRouteSettings).toStrictEqual({
      ThrottlingBurstLimit: 200,
      ThrottlingRateLimit: 100,
    });
    const api = ofType('AWS::ApiGatewayV2::Api')[0]![1];
    expect(api.Properties.CorsConfiguration.AllowHeaders).toContain('Authorization');
    // The deployed stage's one H5 origin (the corsOrigin param), never any origin.
    expect(api.Properties.CorsConfiguration.AllowOrigins).toStrictEqual(['https://ankang.example.cn']);
  });
});

describe('Template: permissions and secrets', () => {
  const role = resources.IamRoleLambdaExecution!;
  type Statement = { Action: string[]; Resource: unknown[] };
  const statements = role.Properties.Policies.flatMap(
    (policy: { PolicyDocument: { Statement: Statement[] } }) => policy.PolicyDocument.Statement,
  ) as Statement[];

  it('scopes DynamoDB access to the table and its indexes only, with no Scan', () => {
    const dynamo = statements.filter((s) => s.Action.some((action) => action.startsWith('dynamodb:')));
    expect(dynamo.length).toBe(1);
    expect(dynamo[0]!.Action).not.toContain('dynamodb:Scan');
    expect(dynamo[0]!.Resource).toStrictEqual([
      { 'Fn::GetAtt': ['AnkangTable', 'Arn'] },
      { 'Fn::Join': ['/', [{ 'Fn::GetAtt': ['AnkangTable', 'Arn'] }, 'index', '*']] },
    ]);
  });

  it('grants no action on every resource, but sending traces (X-Ray has no resource to name)', () => {
    for (const statement of statements) {
      if (!statement.Resource.includes('*')) continue;
      expect(statement.Action.toSorted()).toStrictEqual([
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ]);
    }
  });

  it('writes no partition-specific ARN (so it deploys to the China regions) and no secret value', () => {
    expect(templateText).not.toMatch(/arn:aws:/);
    expect(templateText).not.toMatch(/local-only/);
  });
});

describe('Package: function zips', () => {
  it('bundles each function alone, one file, without the AWS SDK', () => {
    const zips = readdirSync(packageDir).filter((file) => file.endsWith('.zip'));
    expect(zips.sort()).toStrictEqual(
      [...Object.keys(contracts), ...jobs].map((name) => `${name}.zip`).sort(),
    );
    const sizes: Record<string, string> = {};
    const carryPlaces: string[] = [];
    for (const zip of zips) {
      const name = zip.replace('.zip', '');
      const file = path.join(packageDir, zip);
      const entries = zipEntries(file);
      expect(
        entries.map((entry) => entry.name),
        zip,
      ).toStrictEqual([`functions/src/handlers/${name}.js`]);
      // The SDK stays external (the Lambda runtime provides it) rather than bundled into every zip.
      const code = entries[0]!.text();
      expect(code).toMatch(/require\("@aws-sdk\/client-dynamodb"\)/);
      sizes[name] = `${(statSync(file).size / 1024).toFixed(0)} KB`;
      // The national place file (some 0.7 MB, a cold start's largest part) only where it is used,
      // in UTF-8 rather than \uXXXX escapes (esbuild charset), so it weighs half.
      if (code.includes('"320582":"张家港市"')) carryPlaces.push(name);
      expect(code, zip).not.toContain('"320582":"\\u5F20');
    }
    console.log('function zip sizes:', sizes);
    // Search still names and checks a searched place by the file (a place record in the table
    // would take it out of the search bundle).
    expect(carryPlaces.sort()).toStrictEqual(
      [
        'createStation',
        'importStations',
        'listPlaces',
        'reviewSuggestion',
        'searchStations',
        'setStationStatus',
        'updateStation',
      ].sort(),
    );
  });
});
