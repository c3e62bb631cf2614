import { type ContractOutput, listMyReports } from '@ankang/shared';
import { call } from './api';

type MyReportsPage = ContractOutput<typeof listMyReports>;

/** 我的反馈: a page of the caller's own problem reports with how staff answered, newest first. */
export function fetchMyReports(cursor?: string): Promise<MyReportsPage> {
  return call(listMyReports, { query: { cursor } });
}
