import { storage } from '#imports';
import type { Draft } from '@/lib/draft/draft';
import type { PublishJob } from '@/lib/publish/job';

/**
 * Every storage item of the extension, and only here (house rule 5).
 * Each item is versioned; a version bump adds a migration and a test with a fixture
 * of the old shape (tests/unit/storage/).
 */

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:8787';

export interface Settings {
  /** Base URL of the Halo endpoint, without a trailing slash. */
  endpoint: string;
  /** Optional API token, sent as `Authorization: Bearer …`. */
  apiToken: string;
}

/** Endpoint and token, edited on the options page. */
export const settingsItem = storage.defineItem<Settings>('local:settings', {
  version: 1,
  fallback: { endpoint: DEFAULT_ENDPOINT, apiToken: '' },
});

export interface DraftIndex {
  /** The draft the popup opens on. */
  currentId: string | null;
  /** Every kept draft, most recently edited first. */
  ids: string[];
}

/** Which drafts exist, so the popup can list them without loading every draft. */
export const draftIndexItem = storage.defineItem<DraftIndex>('local:draftIndex', {
  version: 1,
  fallback: { currentId: null, ids: [] },
});

const draftItems = new Map<string, ReturnType<typeof defineDraftItem>>();

/** Drafts stored before v2 had no search-engine choice: they stay unindexed. */
export const draftMigrations = {
  2: (draft: Omit<Draft, 'allowSearchEngines'> | null): Draft | null =>
    draft ? { ...draft, allowSearchEngines: false } : draft,
};

function defineDraftItem(id: string) {
  return storage.defineItem<Draft | null>(`local:draft:${id}`, {
    version: 2,
    fallback: null,
    migrations: draftMigrations,
  });
}

/** One draft per key, so a keystroke in one draft never rewrites the others. */
export function draftItem(id: string) {
  let item = draftItems.get(id);
  if (!item) {
    item = defineDraftItem(id);
    draftItems.set(id, item);
  }
  return item;
}

// Publishing (lib/publish/): the persisted queue; the popup shows a draft's newest job from here.

/** Every publish job by id: queued ones survive worker restarts and browser restarts. */
export const publishJobsItem = storage.defineItem<Record<string, PublishJob>>('local:publishJobs', {
  version: 1,
  fallback: {},
});

/** Whether the user accepted that anyone with a Halo's link can read it (asked before the first publish). */
export const consentItem = storage.defineItem<{ publicLinkAcceptedAt: string | null }>('local:consent', {
  version: 1,
  fallback: { publicLinkAcceptedAt: null },
});
