import type { AuthzCaller, contracts } from '@ankang/shared';
import type { MatrixWorld } from './callers';

export type RouteName = keyof typeof contracts;

/** A request as the matrix sends it: path parameters, query (as sent), body. */
export interface MatrixRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent instead of the caller's own token, for a route whose success spends or changes its caller. */
  token?: string;
}

export interface FixtureContext extends MatrixWorld {
  /** A caller's token, to set up records as them (throws for `anonymous`). */
  token(caller: AuthzCaller): string;
  /**
   * Makes something once per run and key: a record every caller may read without changing it.
   * Anything a caller's request changes (a transition, a review) is made afresh for each caller.
   */
  once<T>(key: string, make: () => Promise<T>): Promise<T>;
}

/**
 * The valid request this caller sends to the route, against a record of 张家港 made for it: valid,
 * so that each refusal is the caller's (the pipeline checks the body before the org scope), and
 * fresh, so that one caller's success does not turn the next one's into a conflict.
 */
export type Fixture = (caller: AuthzCaller, ctx: FixtureContext) => Promise<MatrixRequest>;

/** One domain's fixtures, keyed by route name. */
export type FixtureSet = Partial<Record<RouteName, Fixture>>;
