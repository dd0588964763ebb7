// OAuth 2.0 / OpenID Connect sign-in, with Open WebUI's variable names and defaults.
import type { EnvReader } from './env-parsers.js';

export const OAUTH_PROVIDER_IDS = ['google', 'microsoft', 'github', 'oidc'] as const;
export type OAuthProviderId = (typeof OAUTH_PROVIDER_IDS)[number];

export interface OAuthProviderConfig {
  id: OAuthProviderId;
  /** Shown on the sign-in page's button (`/api/config` → `oauth.providers`). */
  name: string;
  /** `oidc`: discovery, ID token and PKCE; `github`: plain OAuth 2.0 with GitHub's user API. */
  protocol: 'oidc' | 'github';
  clientId: string;
  clientSecret: string;
  /** The OpenID configuration document (…/.well-known/openid-configuration); OpenID Connect only. */
  discoveryUrl?: string;
  scopes: string[];
  /** Where the provider sends the browser back; default `{request base}/oauth/{id}/login/callback`. */
  redirectUri?: string;
  /** The claim naming the account at the provider (`oauth_sub` = `{id}@{claim value}`). */
  subClaim: string;
}

export interface OAuthConfig {
  providers: OAuthProviderConfig[];
  enableSignup: boolean;
  mergeAccountsByEmail: boolean;
  emailClaim: string;
  usernameClaim: string;
  pictureClaim: string;
  /** OAUTH_SUB_CLAIM: overrides every provider's own subject claim. */
  subClaimOverride?: string;
  allowedDomains: string[];
  updatePictureOnLogin: boolean;
  roleManagement: boolean;
  rolesClaim: string;
  allowedRoles: string[];
  adminRoles: string[];
  groupManagement: boolean;
  groupsClaim: string;
  groupCreation: boolean;
  /** Groups that sign-in never adds anyone to nor removes anyone from. */
  blockedGroups: string[];
  /** OPENID_END_SESSION_ENDPOINT: where sign-out sends the browser; else the discovery document's. */
  endSessionEndpoint?: string;
  /** How long a started sign-in may take to come back (state, nonce and PKCE verifier kept this long). */
  loginTtlSeconds: number;
}

const scopeList = (text: string) => text.split(/[\s,]+/).filter(Boolean);
const commaList = (read: EnvReader, name: string, fallback: string) =>
  read.list(name, ',') ?? fallback.split(',').filter(Boolean);

function readProviders(read: EnvReader): OAuthProviderConfig[] {
  const providers: OAuthProviderConfig[] = [];
  const both = (id: string, secret: string) => read.optionalString(id) && read.optionalString(secret);

  if (both('GOOGLE_CLIENT_ID', 'GOOGLE_CLIENT_SECRET')) {
    providers.push({
      id: 'google',
      name: 'Google',
      protocol: 'oidc',
      clientId: read.string('GOOGLE_CLIENT_ID', ''),
      clientSecret: read.string('GOOGLE_CLIENT_SECRET', ''),
      discoveryUrl: 'https://accounts.google.com/.well-known/openid-configuration',
      scopes: scopeList(read.string('GOOGLE_OAUTH_SCOPE', 'openid email profile')),
      redirectUri: read.optionalString('GOOGLE_REDIRECT_URI'),
      subClaim: 'sub',
    });
  }
  if (both('MICROSOFT_CLIENT_ID', 'MICROSOFT_CLIENT_SECRET')) {
    const base = read
      .string('MICROSOFT_CLIENT_LOGIN_BASE_URL', 'https://login.microsoftonline.com')
      .replace(/\/+$/, '');
    const tenant = read.optionalString('MICROSOFT_CLIENT_TENANT_ID');
    if (!tenant) read.errors.push('MICROSOFT_CLIENT_TENANT_ID is needed with MICROSOFT_CLIENT_ID');
    providers.push({
      id: 'microsoft',
      name: 'Microsoft',
      protocol: 'oidc',
      clientId: read.string('MICROSOFT_CLIENT_ID', ''),
      clientSecret: read.string('MICROSOFT_CLIENT_SECRET', ''),
      discoveryUrl: `${base}/${tenant ?? 'common'}/v2.0/.well-known/openid-configuration`,
      scopes: scopeList(read.string('MICROSOFT_OAUTH_SCOPE', 'openid email profile')),
      redirectUri: read.optionalString('MICROSOFT_REDIRECT_URI'),
      subClaim: 'sub',
    });
  }
  if (both('GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET')) {
    providers.push({
      id: 'github',
      name: 'GitHub',
      protocol: 'github',
      clientId: read.string('GITHUB_CLIENT_ID', ''),
      clientSecret: read.string('GITHUB_CLIENT_SECRET', ''),
      scopes: scopeList(read.string('GITHUB_CLIENT_SCOPE', 'user:email')),
      redirectUri: read.optionalString('GITHUB_CLIENT_REDIRECT_URI'),
      subClaim: 'id',
    });
  }
  const oidcClient = read.optionalString('OAUTH_CLIENT_ID');
  const discoveryUrl = read.optionalString('OPENID_PROVIDER_URL');
  if (oidcClient && discoveryUrl) {
    if (!/^https?:\/\//.test(discoveryUrl)) read.errors.push('OPENID_PROVIDER_URL must be an http(s) URL');
    providers.push({
      id: 'oidc',
      name: read.string('OAUTH_PROVIDER_NAME', 'SSO'),
      protocol: 'oidc',
      clientId: oidcClient,
      clientSecret: read.string('OAUTH_CLIENT_SECRET', ''),
      discoveryUrl,
      scopes: scopeList(read.string('OAUTH_SCOPES', 'openid email profile')),
      redirectUri: read.optionalString('OPENID_REDIRECT_URI'),
      subClaim: 'sub',
    });
  } else if (oidcClient || discoveryUrl) {
    read.errors.push('OAUTH_CLIENT_ID and OPENID_PROVIDER_URL go together (one is set without the other)');
  }
  return providers;
}

export function readOAuth(read: EnvReader): OAuthConfig {
  const blockedGroups = read.json(
    'OAUTH_BLOCKED_GROUPS',
    [] as string[],
    (value): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string'),
    'a JSON list of group names',
  );
  return {
    providers: readProviders(read),
    enableSignup: read.bool('ENABLE_OAUTH_SIGNUP', false),
    mergeAccountsByEmail: read.bool('OAUTH_MERGE_ACCOUNTS_BY_EMAIL', false),
    emailClaim: read.string('OAUTH_EMAIL_CLAIM', 'email'),
    usernameClaim: read.string('OAUTH_USERNAME_CLAIM', 'name'),
    pictureClaim: read.string('OAUTH_PICTURE_CLAIM', 'picture'),
    subClaimOverride: read.optionalString('OAUTH_SUB_CLAIM'),
    allowedDomains: commaList(read, 'OAUTH_ALLOWED_DOMAINS', '*'),
    updatePictureOnLogin: read.bool('OAUTH_UPDATE_PICTURE_ON_LOGIN', false),
    roleManagement: read.bool('ENABLE_OAUTH_ROLE_MANAGEMENT', false),
    rolesClaim: read.string('OAUTH_ROLES_CLAIM', 'roles'),
    allowedRoles: commaList(read, 'OAUTH_ALLOWED_ROLES', 'user,admin'),
    adminRoles: commaList(read, 'OAUTH_ADMIN_ROLES', 'admin'),
    groupManagement: read.bool('ENABLE_OAUTH_GROUP_MANAGEMENT', false),
    groupsClaim: read.string(['OAUTH_GROUP_CLAIM', 'OAUTH_GROUPS_CLAIM'], 'groups'),
    groupCreation: read.bool('ENABLE_OAUTH_GROUP_CREATION', false),
    blockedGroups,
    endSessionEndpoint: read.optionalString('OPENID_END_SESSION_ENDPOINT'),
    loginTtlSeconds: read.int('OAUTH_LOGIN_TIMEOUT', 600, { min: 30, max: 3600 }),
  };
}
