import { z } from 'zod';
import { LoginBody } from '../../auth/login';
import { StoredMembership } from '../../directory/actors';
import type { ApiOperation } from '../api-operation';

export const ApiUserView = z.object({
  username: z.string(),
  displayName: z.string(),
  memberships: z.array(StoredMembership),
});

/** Login, the caller, and the probes, for the OpenAPI document. */
export const systemOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/auth/login',
    tag: 'auth',
    examples: { body: { username: 'jisheng-sq-staff', password: 'gongzhi-demo' } },
    summary: '用户名密码登录，换取 JWT / log in with username and password for a JWT',
    authenticated: false,
    body: LoginBody,
    responses: {
      200: {
        description: 'a bearer token and the user',
        body: z.object({ token: z.string(), expiresAt: z.string(), user: ApiUserView }),
      },
    },
    errors: {
      400: ['request.invalid-body'],
      401: ['auth.invalid-credentials'],
      403: ['auth.user-disabled'],
      429: ['auth.locked', 'auth.rate-limited'],
    },
  },
  {
    method: 'post',
    path: '/api/auth/refresh',
    tag: 'auth',
    summary:
      '续期：以（可已过期的）令牌换取同一会话的新令牌 / refresh: a new token of the same session for a (possibly expired) one',
    responses: {
      200: { description: 'a fresh token', body: z.object({ token: z.string(), expiresAt: z.string() }) },
    },
    errors: { 401: ['auth.invalid-token', 'auth.session-ended'] },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    tag: 'auth',
    summary: '退出：吊销当前会话 / log out: revoke the current session',
    responses: { 204: { description: 'the session is revoked' } },
    errors: { 401: ['auth.session-ended'] },
  },
  {
    method: 'get',
    path: '/api/me',
    tag: 'auth',
    summary: '当前用户及其角色 / the signed-in user and their roles',
    responses: { 200: { description: 'the user', body: z.object({ user: ApiUserView }) } },
  },
  {
    method: 'get',
    path: '/healthz',
    tag: 'system',
    summary: '存活探针 / liveness probe',
    authenticated: false,
    usesBackends: false,
    responses: { 200: { description: 'alive', body: z.object({ status: z.literal('ok') }) } },
  },
  {
    method: 'get',
    path: '/readyz',
    tag: 'system',
    summary: '就绪探针：数据库与 Temporal 可达 / readiness: database and Temporal reachable',
    authenticated: false,
    usesBackends: false,
    responses: {
      200: {
        description: 'ready',
        body: z.object({ status: z.literal('ready'), checks: z.record(z.string(), z.string()) }),
      },
    },
    errors: { 503: ['service.not-ready'] },
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'system',
    summary: 'Prometheus 指标（含 Temporal SDK 指标） / Prometheus metrics, Temporal SDK metrics included',
    authenticated: false,
    usesBackends: false,
    responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } },
  },
];
