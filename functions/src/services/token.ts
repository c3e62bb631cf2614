import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { UserItem } from '../db/users';
import { now } from '../lib/clock';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import { readSecret } from '../lib/secrets';

const issuer = 'ankang';
/**
 * The app of this stage: a token of another stage is refused even where two stages were given the
 * same secret by mistake (a test stage's token must never open production).
 */
const audience = () => `ankang-app:${env.STAGE}`;
/** How far ahead of our clock a token's issue time may lie (clocks of two Lambdas drift a little). */
const ISSUED_AT_SKEW_SECONDS = 60;

const claimsSchema = z.object({
  sub: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
  /** The user's token version when the token was issued; sign-out bumps it (db/users.ts). */
  tv: z.number().int().nonnegative(),
});

/** What a valid token says: who, and which of the user's token versions it belongs to. */
export interface AccessTokenClaims {
  userId: string;
  tokenVersion: number;
}

async function signingKey(): Promise<Uint8Array> {
  return new TextEncoder().encode(await readSecret('jwt'));
}

/** Our own access token for a user: short-lived, HS256, carries the user id and token version. */
export async function issueAccessToken(
  user: Pick<UserItem, 'id' | 'tokenVersion'>,
  at: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(at.getTime() / 1000);
  const expiresAt = new Date((issuedAt + env.TOKEN_TTL_SECONDS) * 1000);
  const token = await new SignJWT({ tv: user.tokenVersion })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(issuer)
    .setAudience(audience())
    .setIssuedAt(issuedAt)
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(await signingKey());
  return { token, expiresAt };
}

function refused(reason: string, cause?: unknown): AppError {
  return new AppError('UNAUTHENTICATED', { cause: cause ?? new Error(reason) });
}

/**
 * The claims of a valid token. Besides signature, algorithm, issuer, audience (this stage's) and expiry, the token
 * must state when it was issued and expire no later than TOKEN_TTL_SECONDS after that: a token with
 * no `exp`, a longer lifetime or an issue time in the future was not issued by us as configured.
 * Expired tokens are 401 TOKEN_EXPIRED (the client signs in again); everything else 401
 * UNAUTHENTICATED. Whether the token version is still the user's is the pipeline's check.
 */
export async function verifyAccessToken(token: string): Promise<AccessTokenClaims> {
  const at = now();
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, await signingKey(), {
      issuer,
      audience: audience(),
      algorithms: ['HS256'],
      currentDate: at,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AppError('TOKEN_EXPIRED', { cause: error });
    throw refused('invalid token', error);
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw refused('token claims malformed', claims.error);
  const { sub, iat, exp, tv } = claims.data;
  if (exp - iat > env.TOKEN_TTL_SECONDS) throw refused('token lifetime exceeds TOKEN_TTL_SECONDS');
  if (iat > Math.floor(at.getTime() / 1000) + ISSUED_AT_SKEW_SECONDS)
    throw refused('token issued in the future');
  return { userId: sub, tokenVersion: tv };
}
