import { storage } from '#imports';
import type { Capture } from '@/lib/capture/types';
import type { Draft } from '@/lib/draft/draft';
import { sectioned } from '@/lib/draft/sections';
import { summarize, type DraftSummary } from '@/lib/draft/summary';
import type { PublishJob } from '@/lib/publish/job';
import type { PublishedHalo } from '@/lib/publish/published';

/**
 * Every storage item of the extension, and only here (house rule 5).
 * Each item is versioned; a version bump adds a migration and a test with a fixture
 * of the old shape (tests/unit/storage/).
 */

/** The local server, or the team's own server built in with HALO_ENDPOINT (issue 19, wxt.config.ts). */
export const DEFAULT_ENDPOINT = __HALO_DEFAULT_ENDPOINT__;

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
  /** Every kept draft, most recently edited first, with what the drafts list shows of it. */
  drafts: DraftSummary[];
}

/** Version 1 kept only ids: version 2 adds each draft's summary, read from the draft itself. */
export const draftIndexMigrations = {
  2: async (index: { currentId: string | null; ids: string[] } | null): Promise<DraftIndex | null> => {
    if (!index) return index;
    const drafts = await Promise.all(index.ids.map((id) => draftItem(id).getValue()));
    return { currentId: index.currentId, drafts: drafts.flatMap((d) => (d ? [summarize(d)] : [])) };
  },
};

/** Which drafts exist, so the popup can list them without loading every draft. */
export const draftIndexItem = storage.defineItem<DraftIndex>('local:draftIndex', {
  version: 2,
  fallback: { currentId: null, drafts: [] },
  migrations: draftIndexMigrations,
});

const draftItems = new Map<string, ReturnType<typeof defineDraftItem>>();

/**
 * Drafts stored before v2 had no search-engine choice: they stay unindexed. Before v3 (issue 12), a
 * draft that collected blocks from several pages marked each block with its page: v3 opens a
 * section at each change of page instead, titled and linked like the page, and nothing is lost.
 */
export const draftMigrations = {
  2: (draft: Omit<Draft, 'allowSearchEngines'> | null): Draft | null =>
    draft ? { ...draft, allowSearchEngines: false } : draft,
  3: (draft: Draft | null): Draft | null =>
    draft && draft.blocks.some((b) => b.block.source) ? sectioned(draft, () => crypto.randomUUID()) : draft,
};

function defineDraftItem(id: string) {
  return storage.defineItem<Draft | null>(`local:draft:${id}`, {
    version: 3,
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

/** One image a draft shows (issue 11), as base64; its key is its SHA-256, as in `halo-image:<sha256>`. */
export interface DraftImage {
  type: string;
  data: string;
}

const draftImageItems = new Map<string, ReturnType<typeof defineDraftImagesItem>>();

function defineDraftImagesItem(id: string) {
  return storage.defineItem<Record<string, DraftImage>>(`local:draftImages:${id}`, { version: 1, fallback: {} });
}

/**
 * The images of one draft, apart from the draft: a keystroke rewrites the draft, never megabytes
 * of pictures. Written at capture, read by the popup preview and at publish, removed with the draft.
 */
export function draftImagesItem(id: string) {
  let item = draftImageItems.get(id);
  if (!item) {
    item = defineDraftImagesItem(id);
    draftImageItems.set(id, item);
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

/**
 * Every Halo this browser published, by Halo id, with the edit token that allows Update and
 * Unpublish. Kept apart from drafts and jobs: a record outlives its draft. storage.local only,
 * never given to a web page.
 */
export const publishedItem = storage.defineItem<Record<string, PublishedHalo>>('local:published', {
  version: 1,
  fallback: {},
});

/**
 * A capture added from a menu or shortcut whose thread is already a section of the draft (issue
 * 12): the editor (popup or side panel) asks whether to update that section or add it again.
 * Nothing is changed until the user chooses.
 */
export interface PendingAdd {
  draftId: string;
  sectionId: string;
  capture: Capture;
}

export const pendingAddItem = storage.defineItem<PendingAdd | null>('local:pendingAdd', {
  version: 1,
  fallback: null,
});

/** Sites the user refused to let the side panel read (issue 12): not asked again unless the user asks. */
export const tabAccessItem = storage.defineItem<{ refused: string[] }>('local:tabAccess', {
  version: 1,
  fallback: { refused: [] },
});

/**
 * What an administrator set by policy (issue 19): read-only, written by the browser from Chrome's
 * managed storage or Firefox's enterprise policies. Not versioned: the extension never writes it,
 * so it has nothing to migrate; lib/publish/policy.ts checks every value.
 */
export const managedPolicyItems = {
  endpoint: storage.defineItem<unknown>('managed:endpoint'),
  apiToken: storage.defineItem<unknown>('managed:apiToken'),
  allowSearchEngines: storage.defineItem<unknown>('managed:allowSearchEngines'),
  allowQuickShare: storage.defineItem<unknown>('managed:allowQuickShare'),
};

/** The welcome page was opened on this profile (issue 19): it opens once, whatever onInstalled says later. */
export const welcomeShownItem = storage.defineItem<boolean>('local:welcomeShown', { version: 1, fallback: false });
