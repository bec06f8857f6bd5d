import type { Settings } from '@/lib/storage/items';

/**
 * What an organisation sets by policy (issue 19): Chrome's managed storage (public/managed-schema.json),
 * Firefox's enterprise policies (`3rdparty.Extensions`). Pure: the background and the pages read it
 * through lib/publish/effective-settings.ts.
 */
export interface Policy {
  endpoint?: string;
  apiToken?: string;
  allowSearchEngines?: boolean;
  allowQuickShare?: boolean;
}

/** The settings in force: the user's, with whatever the policy sets in their place. */
export interface EffectiveSettings extends Settings {
  /** Which fields the policy set (the options page shows them locked). */
  locked: { endpoint: boolean; apiToken: boolean };
  allowSearchEngines: boolean;
  allowQuickShare: boolean;
}

/** A token goes into an Authorization header: one line, no spaces, no control characters. */
const usableToken = (token: string): boolean =>
  token.length > 0 &&
  !/\s/.test(token) &&
  Array.from(token).every((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f);

/**
 * The valid part of a raw managed-storage object, and a sentence for each value ignored. A value
 * that cannot be right (a non-http URL, an empty token) is ignored rather than half-applied: the
 * user's own setting stays in force, and the reason is logged for the administrator.
 */
export function parsePolicy(raw: Record<string, unknown> | null | undefined): { policy: Policy; problems: string[] } {
  const policy: Policy = {};
  const problems: string[] = [];
  if (!raw) return { policy, problems };
  if (raw.endpoint !== undefined) {
    const endpoint = policyEndpoint(raw.endpoint);
    if (endpoint) policy.endpoint = endpoint;
    else problems.push(`policy "endpoint" ignored: ${JSON.stringify(raw.endpoint)} is not an absolute http(s) URL`);
  }
  if (raw.apiToken !== undefined) {
    if (typeof raw.apiToken === 'string' && usableToken(raw.apiToken.trim())) {
      policy.apiToken = raw.apiToken.trim();
    } else {
      problems.push('policy "apiToken" ignored: it must be a non-empty string without spaces or control characters');
    }
  }
  for (const key of ['allowSearchEngines', 'allowQuickShare'] as const) {
    if (raw[key] === undefined) continue;
    if (typeof raw[key] === 'boolean') policy[key] = raw[key];
    else problems.push(`policy "${key}" ignored: ${JSON.stringify(raw[key])} is not true or false`);
  }
  return { policy, problems };
}

function policyEndpoint(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.username || url.password || url.search || url.hash) return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** Policy over user: each field the policy sets wins; the rest is the user's. */
export function applyPolicy(user: Settings, policy: Policy): EffectiveSettings {
  return {
    endpoint: policy.endpoint ?? user.endpoint,
    apiToken: policy.apiToken ?? user.apiToken,
    locked: { endpoint: policy.endpoint !== undefined, apiToken: policy.apiToken !== undefined },
    allowSearchEngines: policy.allowSearchEngines ?? true,
    allowQuickShare: policy.allowQuickShare ?? true,
  };
}
