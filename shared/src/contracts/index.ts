import { devLogin, listDevAccounts, login } from './auth';
import { getMe } from './me';
import { listOrgs, setStaffRole } from './orgs';
import { health } from './system';

export * from './auth';
export * from './define';
export * from './me';
export * from './orgs';
export * from './system';

/** The single route table: every route the API serves, keyed by its Lambda function name. */
export const contracts = {
  health,
  login,
  listDevAccounts,
  devLogin,
  getMe,
  listOrgs,
  setStaffRole,
} as const;

export type ContractName = keyof typeof contracts;
