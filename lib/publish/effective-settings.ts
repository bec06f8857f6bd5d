import { applyPolicy, parsePolicy, type EffectiveSettings, type Policy } from '@/lib/publish/policy';
import { managedPolicyItems, settingsItem } from '@/lib/storage/items';

const POLICY_KEYS = Object.keys(managedPolicyItems) as (keyof typeof managedPolicyItems)[];

/** The organisation's policy, valid values only; ignored ones are logged once per reading. */
export async function readPolicy(): Promise<Policy> {
  let raw: Record<string, unknown> = {};
  try {
    const values = await Promise.all(POLICY_KEYS.map((key) => managedPolicyItems[key].getValue()));
    raw = Object.fromEntries(POLICY_KEYS.flatMap((key, i) => (values[i] == null ? [] : [[key, values[i]]])));
  } catch {
    // No managed storage in this browser or profile (Firefox without enterprise policies): no policy.
    return {};
  }
  const { policy, problems } = parsePolicy(raw);
  for (const problem of problems) console.warn(`Halo: ${problem}`);
  return policy;
}

/** The endpoint, token and permissions in force now: the user's settings under the policy. */
export async function readSettings(): Promise<EffectiveSettings> {
  const [user, policy] = await Promise.all([settingsItem.getValue(), readPolicy()]);
  return applyPolicy(user, policy);
}

/**
 * Calls `onChange` with the settings in force whenever the user's settings or the policy change
 * (a policy removed while the extension runs gives the user's own settings back). Returns the
 * function that stops watching.
 */
export function watchSettings(onChange: (settings: EffectiveSettings) => void): () => void {
  const refresh = () => void readSettings().then(onChange);
  const stops = [settingsItem.watch(refresh)];
  for (const key of POLICY_KEYS) {
    try {
      stops.push(managedPolicyItems[key].watch(refresh));
    } catch {
      // Watching managed storage is not possible everywhere; the policy is read again on each use.
    }
  }
  return () => stops.forEach((stop) => stop());
}
