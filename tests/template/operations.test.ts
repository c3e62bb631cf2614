import { readFileSync } from 'node:fs';
import path from 'node:path';
import { contracts } from '@ankang/shared';
import { describe, expect, inject, it } from 'vitest';
import { jobConsumers } from '../../functions/local/localJobQueues';

interface Resource {
  Type: string;
  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is read loosely; the assertions check its shape.
  Properties: Record<string, any>;
  Condition?: string;
}

const template = JSON.parse(
  readFileSync(path.join(inject('packageDir'), 'cloudformation-template-update-stack.json'), 'utf8'),
);
const resources = template.Resources as Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalIdOf = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}LambdaFunction`;

const functionIds = ofType('AWS::Lambda::Function').map(([id]) => id);
/** Each contract's route has a function of its own (template.test.ts checks the wiring). */
const routeFunctionIds = Object.values(contracts).map((c) => logicalIdOf(c.name));
/** Functions no route serves: each consumes its job's queue. */
const jobIds = ['sendAssignmentReminders', 'runMonitoringSweep', 'runDeliveryExport'].map(logicalIdOf);

const alarms = ofType('AWS::CloudWatch::Alarm');
type Query = {
  Id: string;
  Expression?: string;
  ReturnData: boolean;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: unknown }[] };
    Stat: string;
    Period: number;
  };
};
/** A statement of a queue's policy, as the stack writes them. */
type QueueGrant = {
  Principal: { Service: string };
  Action: string;
  Resource: { 'Fn::GetAtt': string[] };
  Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': string[] } } };
};
const queriesOf = (alarm: Resource) => (alarm.Properties.Metrics ?? []) as Query[];

/** For each function, the alarms whose metric math reads its `metric` (AWS/Lambda), with the stat read. */
function lambdaWatchers(metric: string) {
  const seen = new Map<string, { alarm: string; stat: string }[]>();
  for (const [name, alarm] of alarms) {
    for (const query of queriesOf(alarm)) {
      const stat = query.MetricStat;
      if (stat?.Metric.Namespace !== 'AWS/Lambda' || stat.Metric.MetricName !== metric) continue;
      const target = (stat.Metric.Dimensions[0]!.Value as { Ref: string }).Ref;
      seen.set(target, [...(seen.get(target) ?? []), { alarm: name, stat: stat.Stat }]);
    }
  }
  return seen;
}

describe('Template: operations', () => {
  it('stays under CloudFormation’s 500 resources per stack', () => {
    const count = Object.keys(resources).length;
    console.log(`stack resources: ${count} of 500 (${functionIds.length} functions)`);
    expect(count).toBeLessThanOrEqual(500);
    // What kept it there: no published versions, and no log group per function.
    expect(ofType('AWS::Lambda::Version')).toStrictEqual([]);
    expect(ofType('AWS::Logs::LogGroup').map(([id]) => id)).toStrictEqual(['AppLogGroup']);
  });

  it('logs every function to the one log group, kept 30 days, which is all the role may write to', () => {
    expect(resources.AppLogGroup!.Properties).toStrictEqual({
      LogGroupName: '/aws/lambda/ankang-prod',
      RetentionInDays: 30,
    });
    for (const id of functionIds) {
      expect(resources[id]!.Properties.LoggingConfig, id).toStrictEqual({ LogGroup: { Ref: 'AppLogGroup' } });
    }
    type Statement = { Action: string[]; Resource: unknown[] };
    const statements = resources.IamRoleLambdaExecution!.Properties.Policies[0].PolicyDocument
      .Statement as Statement[];
    const logs = statements.filter((s) => s.Action.some((action) => action.startsWith('logs:')));
    expect(logs).toStrictEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [
          { 'Fn::GetAtt': ['AppLogGroup', 'Arn'] },
          { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['AppLogGroup', 'Arn'] }, ':*']] },
        ],
      },
    ]);
  });

  it('traces every function in X-Ray and has every function publish its metrics', () => {
    for (const id of functionIds) {
      const fn = resources[id]!.Properties;
      expect({ id, tracing: fn.TracingConfig }).toStrictEqual({ id, tracing: { Mode: 'Active' } });
      expect(fn.Environment.Variables, id).toMatchObject({
        POWERTOOLS_TRACE_ENABLED: 'true',
        POWERTOOLS_METRICS_DISABLED: 'false',
      });
    }
    type Statement = { Action: string[]; Resource: unknown[] };
    const statements = resources.IamRoleLambdaExecution!.Properties.Policies[0].PolicyDocument
      .Statement as Statement[];
    expect(statements.flatMap((s) => s.Action)).toEqual(
      expect.arrayContaining(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']),
    );
  });

  it('sends every alarm, and its recovery, to the alarm topic', () => {
    expect(alarms.length).toBeGreaterThan(0);
    for (const [name, alarm] of alarms) {
      expect(alarm.Properties.AlarmActions, name).toStrictEqual([{ Ref: 'AlarmTopic' }]);
      expect(alarm.Properties.OKActions, name).toStrictEqual([{ Ref: 'AlarmTopic' }]);
      expect(alarm.Properties.AlarmDescription, name).toMatch(/运维手册/);
      // A metric math alarm reads at most ten metrics (a hard CloudWatch limit).
      const read = queriesOf(alarm).filter((q) => q.MetricStat);
      expect(read.length, name).toBeLessThanOrEqual(10);
      if (read.length === 0) continue;
      // It alarms on its one returned expression, which must use every metric it reads: a metric
      // left out of it (a function, a queue, an index) would be watched by no one.
      const returned = queriesOf(alarm).filter((q) => q.ReturnData);
      expect(
        returned.map((q) => q.MetricStat),
        name,
      ).toStrictEqual([undefined]);
      const used: string[] = returned[0]!.Expression!.match(/\b[a-z]\w*\b/g) ?? [];
      expect(
        read.map((q) => q.Id).filter((id) => !used.includes(id)),
        name,
      ).toStrictEqual([]);
    }
  });

  it('subscribes the alarm e-mail only when the stage names one (none in a bare deploy)', () => {
    expect(resources.AlarmTopic!.Type).toBe('AWS::SNS::Topic');
    expect(resources.AlarmSubscription).toMatchObject({
      Condition: 'HasAlarmEmail',
      Properties: { TopicArn: { Ref: 'AlarmTopic' }, Protocol: 'email', Endpoint: '' },
    });
    expect(template.Conditions.HasAlarmEmail).toStrictEqual({ 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] });
  });

  it('alarms on the errors and the throttles of every function, each in exactly one alarm', () => {
    for (const metric of ['Errors', 'Throttles']) {
      const watched = lambdaWatchers(metric);
      expect([...watched.keys()].sort(), metric).toStrictEqual([...functionIds].sort());
      for (const [id, watchers] of watched) {
        expect(watchers.length, `${metric} ${id}`).toBe(1);
        expect(watchers[0]!.stat).toBe('Sum');
        const alarm = resources[watchers[0]!.alarm]!.Properties;
        // Summed over the group, so one error of any function in it sounds the alarm.
        expect(alarm.Threshold).toBe(1);
        expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
        expect(queriesOf(resources[watchers[0]!.alarm]!).find((q) => q.ReturnData)?.Expression).toMatch(
          /^SUM\(\[/,
        );
      }
    }
  });

  it('alarms on the p99 latency of every route, by how long the route may take, and of no job', () => {
    const watched = lambdaWatchers('Duration');
    expect([...watched.keys()].sort()).toStrictEqual([...routeFunctionIds].sort());
    for (const id of jobIds) expect(watched.has(id), id).toBe(false);
    for (const [id, watchers] of watched) {
      expect(watchers.length, id).toBe(1);
      expect(watchers[0]!.stat).toBe('p99');
      const alarm = resources[watchers[0]!.alarm]!;
      const expected = resources[id]!.Properties.Timeout <= 10 ? 3000 : 20000;
      expect({ id, threshold: alarm.Properties.Threshold }).toStrictEqual({ id, threshold: expected });
      expect(queriesOf(alarm).find((q) => q.ReturnData)?.Expression).toMatch(/^MAX\(\[/);
      expect(alarm.Properties.DatapointsToAlarm).toBe(2);
    }
  });

  it('alarms when more than 1% of the API’s answers are 5xx', () => {
    const alarm = resources.ApiServerErrorRateAlarm!.Properties;
    const metric = (id: string) => queriesOf(resources.ApiServerErrorRateAlarm!).find((q) => q.Id === id);
    expect(metric('errors')?.MetricStat?.Metric).toStrictEqual({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }],
    });
    expect(metric('requests')?.MetricStat?.Metric.MetricName).toBe('Count');
    expect(metric('rate')?.Expression).toBe('IF(requests >= 20, 100 * errors / requests, 0)');
    expect(alarm.Threshold).toBe(1);
    expect(alarm.ComparisonOperator).toBe('GreaterThanThreshold');
  });

  it('alarms on any throttled read or write of the table and of each of its indexes', () => {
    const read = queriesOf(resources.TableThrottlesAlarm!)
      .filter((q) => q.MetricStat)
      .map((q) => {
        const metric = q.MetricStat!.Metric;
        const index = metric.Dimensions.find((d) => d.Name === 'GlobalSecondaryIndexName')?.Value ?? 'table';
        expect(metric.Dimensions[0]).toStrictEqual({ Name: 'TableName', Value: { Ref: 'AnkangTable' } });
        return `${metric.MetricName} ${index}`;
      });
    const indexes = resources.AnkangTable!.Properties.GlobalSecondaryIndexes.map(
      (gsi: { IndexName: string }) => gsi.IndexName,
    );
    const expected = ['table', ...indexes].flatMap((on) => [
      `ReadThrottleEvents ${on}`,
      `WriteThrottleEvents ${on}`,
    ]);
    expect(read.sort()).toStrictEqual(expected.sort());
    expect(resources.TableThrottlesAlarm!.Properties.Threshold).toBe(1);
  });

  it('runs every job from a queue of its own, which keeps a message failed three times in the dead-letter queue', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').map(([, r]) => r.Properties);
    const consumers: Record<string, string> = Object.fromEntries(
      mappings.map((m) => [m.EventSourceArn['Fn::GetAtt'][0], m.FunctionName['Fn::GetAtt'][0]]),
    );
    // The local stand-in for SQS hands each queue to the same function (functions/local).
    const queueIdOf = { export: 'ExportJobQueue', sweep: 'SweepJobQueue', reminders: 'ReminderJobQueue' };
    expect(consumers).toStrictEqual(
      Object.fromEntries(
        Object.entries(jobConsumers).map(([job, fn]) => [
          queueIdOf[job as keyof typeof queueIdOf],
          logicalIdOf(fn),
        ]),
      ),
    );
    expect(Object.values(consumers).sort()).toStrictEqual([...jobIds].sort());
    for (const mapping of mappings) {
      expect(mapping).toMatchObject({
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
        Enabled: true,
      });
    }
    for (const [queueId, functionId] of Object.entries(consumers)) {
      const queue = resources[queueId]!.Properties;
      expect(queue.QueueName).toBe(
        `ankang-prod-${Object.entries(queueIdOf).find(([, id]) => id === queueId)![0]}-jobs`,
      );
      expect(queue.RedrivePolicy).toStrictEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': ['JobDeadLetterQueue', 'Arn'] },
        maxReceiveCount: 3,
      });
      expect(queue.SqsManagedSseEnabled).toBe(true);
      // Never shown again while its run may still be going (AWS asks for six times the timeout).
      expect(queue.VisibilityTimeout, queueId).toBeGreaterThanOrEqual(
        6 * resources[functionId]!.Properties.Timeout,
      );
    }
    expect(ofType('AWS::Lambda::EventInvokeConfig')).toStrictEqual([]);
    expect(resources.JobDeadLetterQueue!.Properties).toStrictEqual({
      QueueName: 'ankang-prod-failed-jobs',
      MessageRetentionPeriod: 1209600,
      SqsManagedSseEnabled: true,
    });
  });

  it('lets EventBridge send only to the scheduled jobs’ queues, each from its own rule', () => {
    const policy = resources.JobScheduleQueuePolicy!.Properties;
    expect(policy.Queues).toStrictEqual([{ Ref: 'ReminderJobQueue' }, { Ref: 'SweepJobQueue' }]);
    expect(
      (policy.PolicyDocument.Statement as QueueGrant[]).map((s) => [
        s.Principal.Service,
        s.Action,
        s.Resource['Fn::GetAtt'][0],
        s.Condition.ArnEquals['aws:SourceArn']['Fn::GetAtt'][0],
      ]),
    ).toStrictEqual([
      ['events.amazonaws.com', 'sqs:SendMessage', 'ReminderJobQueue', 'ReminderSchedule'],
      ['events.amazonaws.com', 'sqs:SendMessage', 'SweepJobQueue', 'SweepSchedule'],
    ]);
  });

  it('alarms when a failed job is kept, and when a job waits over three hours on its queue', () => {
    expect(resources.JobDeadLetterAlarm!.Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['JobDeadLetterQueue', 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [{ Ref: 'AlarmTopic' }],
    });
    const age = resources.JobQueueAgeAlarm!.Properties;
    expect([age.Threshold, age.AlarmActions]).toStrictEqual([10800, [{ Ref: 'AlarmTopic' }]]);
    const watched = (age.Metrics as Query[])
      .filter((q) => q.MetricStat)
      .map((q) => {
        const queue = q.MetricStat!.Metric.Dimensions[0]!.Value as { 'Fn::GetAtt': string[] };
        return [q.MetricStat!.Metric.MetricName, queue['Fn::GetAtt'][0]];
      });
    expect(watched).toStrictEqual([
      ['ApproximateAgeOfOldestMessage', 'ExportJobQueue'],
      ['ApproximateAgeOfOldestMessage', 'SweepJobQueue'],
      ['ApproximateAgeOfOldestMessage', 'ReminderJobQueue'],
    ]);
  });
});
