import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { OidcVerifier } from './settings';

/** The OIDC settings of `GONGZHI_OIDC_*`. */
export interface OidcSettings {
  issuer: string;
  audience: string;
  /** Absent: discovered from the issuer's `/.well-known/openid-configuration`. */
  jwksUrl?: string;
  /** The claim naming the Gongzhi username (`preferred_username` by default). */
  usernameClaim: string;
}

const DiscoveryDocument = z.object({ issuer: z.string(), jwks_uri: z.url() });

/** The JWKS address of an issuer, from its discovery document. */
export async function discoverJwksUrl(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) {
    throw new Error(
      `读取 OIDC 发现文档失败 / could not read the OIDC discovery document ${url}: HTTP ${response.status}`,
    );
  }
  const document = DiscoveryDocument.parse(await response.json());
  if (document.issuer !== issuer) {
    throw new Error(
      `OIDC 发现文档的 issuer 不符 / the discovery document names issuer ${document.issuer}, not ${issuer}`,
    );
  }
  return document.jwks_uri;
}

/**
 * Accepts tokens from an external OpenID Connect issuer: signature checked against the issuer's JWKS (asymmetric
 * algorithms only, keys cached and refreshed by jose), `iss`, `aud` and `exp` required. Identity is the username
 * claim; what the person may do still comes from Gongzhi's directory, so an unknown username is refused by the
 * bearer middleware like a deleted user.
 */
export async function createOidcVerifier(settings: OidcSettings): Promise<OidcVerifier> {
  const jwksUrl = settings.jwksUrl ?? (await discoverJwksUrl(settings.issuer));
  const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(jwksUrl));
  return {
    issuer: settings.issuer,
    async verify(token, now) {
      try {
        const { payload } = await jwtVerify(token, keys, {
          issuer: settings.issuer,
          audience: settings.audience,
          algorithms: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
          currentDate: now,
          requiredClaims: ['exp'],
        });
        const username = payload[settings.usernameClaim];
        if (typeof username !== 'string' || username === '') return { ok: false, problem: 'invalid' };
        return { ok: true, username };
      } catch (error) {
        return { ok: false, problem: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
      }
    },
  };
}
