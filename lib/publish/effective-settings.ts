import { applyPolicy, parsePolicy, type EffectiveSettings, type Policy } from '@/lib/publish/policy';
import { storage } from '#imports';
import { managedPolicyItems, settingsItem } from '@/lib/storage/items';

const POLICY_KEYS = Object.keys(managedPolicyItems) as (keyof typeof managedPolicyItems)[];

/**
 * How long a caller waits for managed storage. Chromium at times answers it late or not at all
 * (seen under load: a publish waited forever on it, with nothing said). Past this, the last policy
 * read in this context stands in, else none; a reading that answers later still counts, and
 * watchers are told (the options page then shows the policy, locked).
 */
export const POLICY_READ_MS = 3_000;

let lastPolicy: Policy | null = null;
/**
 * The reading in flight, shared: a slow managed storage is not asked again by every caller, until
 * the reading is ten waits old (then it may never answer, and a new one is asked).
 */
let inFlight: { reading: Promise<Policy>; since: number } | null = null;
const lateReaders = new Set<(policy: Policy) => void>();

function readManaged(timeoutMs: number): Promise<Policy> {
  if (inFlight && Date.now() - inFlight.since < 10 * timeoutMs) return inFlight.reading;
  const reading: Promise<Policy> = storage
    // One reading for every key: managed storage is asked once, not once per key.
    .getItems(POLICY_KEYS.map((key) => managedPolicyItems[key]))
    .then(
      (items) => {
        const raw = Object.fromEntries(
          items.flatMap(({ key, value }) => (value == null ? [] : [[key.slice(key.indexOf(':') + 1), value]])),
        );
        const { policy, problems } = parsePolicy(raw);
        for (const problem of problems) console.warn(`Halo: ${problem}`);
        return policy;
      },
      // No managed storage in this browser or profile (Firefox without enterprise policies): no policy.
      () => ({}),
    )
    .then((policy) => {
      lastPolicy = policy;
      if (inFlight?.reading === reading) inFlight = null;
      return policy;
    });
  inFlight = { reading, since: Date.now() };
  return reading;
}

/** The organisation's policy, valid values only; ignored ones are logged once per reading. */
export async function readPolicy(timeoutMs = POLICY_READ_MS): Promise<Policy> {
  const reading = readManaged(timeoutMs);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)));
  const answer = await Promise.race([reading, late]).finally(() => clearTimeout(timer));
  if (answer !== 'late') return answer;
  console.warn(
    `Halo: the organisation policy could not be read within ${timeoutMs} ms; ${lastPolicy ? 'the last one read applies' : 'none applies for now'}.`,
  );
  const stand = lastPolicy ?? {};
  // Told only when the late answer differs from what stood in: a form being typed in is not reset
  // to the same settings (the welcome page's endpoint field, first-run e2e).
  void reading.then((policy) => {
    if (JSON.stringify(policy) !== JSON.stringify(stand)) lateReaders.forEach((tell) => tell(policy));
  });
  return stand;
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
  // A policy that answered late applies as it arrives, without asking managed storage again.
  const late = (policy: Policy) => void settingsItem.getValue().then((user) => onChange(applyPolicy(user, policy)));
  lateReaders.add(late);
  const stops = [settingsItem.watch(refresh), () => void lateReaders.delete(late)];
  for (const key of POLICY_KEYS) {
    try {
      stops.push(managedPolicyItems[key].watch(refresh));
    } catch {
      // Watching managed storage is not possible everywhere; the policy is read again on each use.
    }
  }
  return () => stops.forEach((stop) => stop());
}
