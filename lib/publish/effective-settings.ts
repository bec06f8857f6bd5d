import { applyPolicy, parsePolicy, type EffectiveSettings, type Policy } from '@/lib/publish/policy';
import { storage } from '#imports';
import { managedPolicyItems, settingsItem } from '@/lib/storage/items';

const POLICY_KEYS = Object.keys(managedPolicyItems) as (keyof typeof managedPolicyItems)[];

/**
 * How long a reading of managed storage may take. Chromium sometimes leaves it unanswered (seen
 * under load: a publish waited forever on it, and nothing said why). Past this, the last policy
 * read in this context stands in, else none.
 */
export const POLICY_READ_MS = 3_000;

let lastPolicy: Policy | null = null;

/** The organisation's policy, valid values only; ignored ones are logged once per reading. */
export async function readPolicy(timeoutMs = POLICY_READ_MS): Promise<Policy> {
  let raw: Record<string, unknown> = {};
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
  try {
    // One reading for every key: managed storage is answered once, not once per key.
    const items = storage.getItems(POLICY_KEYS.map((key) => managedPolicyItems[key]));
    const answer = await Promise.race([items, late]);
    if (answer === 'late') {
      console.warn(
        `Halo: the organisation policy could not be read within ${timeoutMs} ms; ${lastPolicy ? 'the last one read applies' : 'none applies'}.`,
      );
      return lastPolicy ?? {};
    }
    raw = Object.fromEntries(
      answer.flatMap(({ key, value }) => (value == null ? [] : [[key.slice(key.indexOf(':') + 1), value]])),
    );
  } catch {
    // No managed storage in this browser or profile (Firefox without enterprise policies): no policy.
    return {};
  } finally {
    clearTimeout(timer);
  }
  const { policy, problems } = parsePolicy(raw);
  for (const problem of problems) console.warn(`Halo: ${problem}`);
  lastPolicy = policy;
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
