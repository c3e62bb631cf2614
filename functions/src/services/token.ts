import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import { readSecret } from '../lib/secrets';

const issuer = 'ankang';
const audience = 'ankang-app';

const claimsSchema = z.object({ sub: z.string().min(1) });

async function signingKey(): Promise<Uint8Array> {
  return new TextEncoder().encode(await readSecret('jwt'));
}

/** Our own access token for a user: short-lived, HS256, carries only the user id. */
export async function issueAccessToken(
  userId: string,
  at: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const issuedAt = Math.floor(at.getTime() / 1000);
  const expiresAt = new Date((issuedAt + env.TOKEN_TTL_SECONDS) * 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(await signingKey());
  return { token, expiresAt };
}

/** The user id inside a valid token; expired and forged tokens become 401s with distinct codes. */
export async function verifyAccessToken(token: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, await signingKey(), {
      issuer,
      audience,
      algorithms: ['HS256'],
    });
    return claimsSchema.parse(payload).sub;
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AppError('TOKEN_EXPIRED', { cause: error });
    throw new AppError('UNAUTHENTICATED', { cause: error });
  }
}
