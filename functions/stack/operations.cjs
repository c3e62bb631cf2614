// @ts-check
'use strict';

/**
 * The deployed stack's operations, made from the functions serverless compiles so that a function
 * or route added later is watched without anyone remembering to:
 *
 * - one log group for every function (LoggingConfig), not one each: with a function per route the
 *   stack would otherwise pass CloudFormation's 500 resources (109 functions were 659);
 * - CloudWatch alarms, each wired to the AlarmTopic (serverless.yml), in groups of at most ten
 *   metrics (the hard limit of a metric math alarm): Lambda errors and throttles of every function,
 *   and the p99 duration of every route's function (one function per route, so it is the route's
 *   own latency; the HTTP API's per-route metrics would cost a custom metric each).
 *
 * The README's runbook says what each alarm means and what to do.
 */

/** A metric math alarm may read at most this many metrics. */
const METRICS_PER_ALARM = 10;
/** Every alarm looks at five-minute periods. */
const PERIOD_SECONDS = 300;

/**
 * p99 duration past which a route is slow, by the function's timeout: an ordinary route should
 * answer well under a second (lists answer in under 0.5 s); import and export routes read and
 * write whole files within their 29 s.
 */
const latencyClasses = [
  { name: 'Routes', maxTimeout: 10, thresholdMs: 3000 },
  { name: 'LongRoutes', maxTimeout: 29, thresholdMs: 20000 },
];

/** @typedef {{ Type: string, Properties: Record<string, any>, DependsOn?: string[], Condition?: string }} Resource */

/**
 * @template T
 * @param {T[]} items
 * @param {number} size
 * @returns {T[][]}
 */
function chunks(items, size) {
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * One alarm over a group of functions' metrics, combined by `combine` (SUM or MAX).
 * @param {{ description: string, metric: string, stat: string, combine: 'SUM' | 'MAX', threshold: number, functions: string[], datapoints: number }} spec
 * @returns {Resource}
 */
function groupAlarm({ description, metric, stat, combine, threshold, functions, datapoints }) {
  const queries = functions.map((logicalId, i) => ({
    Id: `m${i}`,
    ReturnData: false,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId } }],
      },
      Period: PERIOD_SECONDS,
      Stat: stat,
    },
  }));
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      AlarmDescription: description,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: threshold,
      EvaluationPeriods: Math.max(datapoints, 1) + 1,
      DatapointsToAlarm: datapoints,
      TreatMissingData: 'notBreaching',
      Metrics: [
        ...queries,
        {
          Id: 'worst',
          Label: `${combine} of ${metric}`,
          Expression: `${combine}([${queries.map((q) => q.Id).join(',')}])`,
          ReturnData: true,
        },
      ],
      AlarmActions: [{ Ref: 'AlarmTopic' }],
      OKActions: [{ Ref: 'AlarmTopic' }],
    },
  };
}

class AnkangOperations {
  /** @param {any} serverless */
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      // Before serverless makes a log group per function (package:setupProviderConfiguration).
      'before:package:setupProviderConfiguration': () => this.shareLogGroup(),
      // After it wrote its own log statements (none, every function's default group being off).
      'after:package:setupProviderConfiguration': () => this.allowSharedLogGroup(),
      'after:package:compileEvents': () => {
        this.addAlarms();
      },
    };
  }

  /** @returns {Record<string, Resource>} */
  get resources() {
    return this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
  }

  shareLogGroup() {
    const service = this.serverless.service;
    for (const name of service.getAllFunctions()) {
      const fn = service.getFunction(name);
      fn.disableLogs = true;
      fn.logs = { ...(fn.logs ?? {}), logGroup: { Ref: 'AppLogGroup' } };
    }
  }

  /** The functions' role may write to the shared group and nowhere else in CloudWatch Logs. */
  allowSharedLogGroup() {
    const role = this.resources.IamRoleLambdaExecution;
    if (!role) throw new Error('operations: the functions’ role is missing');
    const statements = role.Properties.Policies[0].PolicyDocument.Statement;
    const group = { 'Fn::GetAtt': ['AppLogGroup', 'Arn'] };
    const streams = { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['AppLogGroup', 'Arn'] }, ':*']] };
    // serverless's own log statements, left with no resource once every default group is off.
    const emptied = statements.filter(
      (/** @type {{ Action: string[], Resource: unknown[] }} */ s) =>
        s.Action.some((action) => action.startsWith('logs:')) && s.Resource.length === 0,
    );
    for (const statement of emptied) statements.splice(statements.indexOf(statement), 1);
    statements.unshift({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [group, streams],
    });
  }

  addAlarms() {
    const resources = this.resources;
    const functions = Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
      .map(([logicalId, r]) => ({ logicalId, timeout: Number(r.Properties.Timeout) }))
      .sort((a, b) => a.logicalId.localeCompare(b.logicalId));
    const routed = new Set(
      Object.values(resources)
        .filter((r) => r.Type === 'AWS::ApiGatewayV2::Integration')
        .map((r) => JSON.stringify(r.Properties.IntegrationUri).match(/"(\w+LambdaFunction)"/)?.[1]),
    );
    const ids = functions.map((f) => f.logicalId);
    /** @type {Record<string, Resource>} */
    const alarms = {};
    chunks(ids, METRICS_PER_ALARM).forEach((group, i) => {
      alarms[`FunctionErrorsAlarm${i + 1}`] = groupAlarm({
        description: `函数出错（未处理的异常或超时）：${group.join(', ')}。见 README 运维手册“函数出错”。`,
        metric: 'Errors',
        stat: 'Sum',
        combine: 'SUM',
        threshold: 1,
        functions: group,
        datapoints: 1,
      });
      alarms[`FunctionThrottlesAlarm${i + 1}`] = groupAlarm({
        description: `函数被限流（并发用尽）：${group.join(', ')}。见 README 运维手册“函数限流”。`,
        metric: 'Throttles',
        stat: 'Sum',
        combine: 'SUM',
        threshold: 1,
        functions: group,
        datapoints: 1,
      });
    });
    let floor = 0;
    for (const latency of latencyClasses) {
      const group = functions
        .filter((f) => routed.has(f.logicalId) && f.timeout > floor && f.timeout <= latency.maxTimeout)
        .map((f) => f.logicalId);
      floor = latency.maxTimeout;
      chunks(group, METRICS_PER_ALARM).forEach((members, i) => {
        alarms[`${latency.name}LatencyAlarm${i + 1}`] = groupAlarm({
          description: `接口 p99 耗时超过 ${latency.thresholdMs} ms：${members.join(', ')}。见 README 运维手册“接口变慢”。`,
          metric: 'Duration',
          stat: 'p99',
          combine: 'MAX',
          threshold: latency.thresholdMs,
          functions: members,
          datapoints: 2,
        });
      });
    }
    const unwatched = [...routed].filter((id) => id && Number(resources[id]?.Properties.Timeout) > floor);
    if (unwatched.length > 0) throw new Error(`operations: no latency class for ${unwatched.join(', ')}`);
    Object.assign(resources, alarms);
  }
}

module.exports = AnkangOperations;
