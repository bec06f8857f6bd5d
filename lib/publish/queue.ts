import { browser } from '#imports';
import { i18n } from '#i18n';
import { loadDraft } from '@/lib/draft/repository';
import { draftToHalo } from '@/lib/draft/to-halo';
import type { Halo } from '@/lib/halo/schema';
import { validateHalo } from '@/lib/halo/validate';
import { backoffMs } from '@/lib/publish/backoff';
import { deleteHalo, sendHalo, type PublishOutcome } from '@/lib/publish/client';
import { copyFromBackground } from '@/lib/publish/clipboard';
import { uploadCarriedImages } from '@/lib/publish/upload-images';
import type { PublishJob, PublishState } from '@/lib/publish/job';
import { recordEnded, recordPublished, recordUpdated, type PublishedHalo } from '@/lib/publish/published';
import { publishedItem, publishJobsItem } from '@/lib/storage/items';
import { readSettings } from '@/lib/publish/effective-settings';

/**
 * The persisted publish queue. A job is written to storage before anything is sent, so a worker
 * killed mid-publish, or a browser restart, resumes it from the alarm; every attempt of a job
 * reuses its Idempotency-Key, so the server makes exactly one Halo.
 */
export const RETRY_ALARM = 'halo-publish-retry';

// Jobs are read-modify-written as one map; one chain keeps two updates from losing each other.
let chain: Promise<unknown> = Promise.resolve();
function withJobs<T>(update: (jobs: Record<string, PublishJob>) => T | Promise<T>): Promise<T> {
  const next = chain.then(async () => {
    const jobs = { ...(await publishJobsItem.getValue()) };
    const result = await update(jobs);
    await publishJobsItem.setValue(jobs);
    return result;
  });
  chain = next.catch(() => undefined);
  return next;
}

async function setState(jobId: string, state: PublishState, attempts?: number): Promise<PublishJob | undefined> {
  return withJobs((jobs) => {
    const job = jobs[jobId];
    if (!job) return undefined;
    // A finished job no longer needs its copy of the Halo: storage keeps drafts, not history.
    const done = state.status === 'published' || state.status === 'unpublished';
    jobs[jobId] = {
      ...job,
      state,
      updatedAt: new Date().toISOString(),
      attempts: attempts ?? job.attempts,
      halo: done ? null : job.halo,
    };
    return jobs[jobId];
  });
}

/** Same draft content, same key: two clicks on Publish still make one Halo. */
async function idempotencyKeyFor(draftId: string, halo: Halo): Promise<string> {
  const bytes = new TextEncoder().encode(`${draftId}\n${JSON.stringify(halo)}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return `halo-${Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export class PublishRefused extends Error {}

/** The draft's current content as a Halo, or why it cannot be published. */
async function haloOfDraft(draftId: string, missing?: string): Promise<Halo> {
  const draft = await loadDraft(draftId);
  if (!draft) throw new PublishRefused(missing ?? i18n.t('publishRefused.draftGone'));
  const halo = draftToHalo(draft);
  // An organisation that forbids indexing wins over the author's choice (issue 19).
  if (halo.allowSearchEngines && !(await readSettings()).allowSearchEngines) delete halo.allowSearchEngines;
  const checked = validateHalo(halo);
  if (!checked.ok) throw new PublishRefused(checked.problems.map((p) => p.message).join('; '));
  return checked.value;
}

/**
 * Stores a job and starts its first attempt. The same request again reuses the job doing it, and
 * a publish of unchanged content the Halo it made; a finished update is not reused, since the
 * Halo may have changed since (content A, then B, then A again must send A).
 */
async function enqueue(
  fields: Pick<PublishJob, 'draftId' | 'operation' | 'haloId' | 'idempotencyKey' | 'halo' | 'endpoint'>,
) {
  const now = new Date().toISOString();
  const job = await withJobs((jobs) => {
    const same = Object.values(jobs).find(
      (j) => j.idempotencyKey === fields.idempotencyKey && j.endpoint === fields.endpoint,
    );
    const busy = same?.state.status === 'queued' || same?.state.status === 'publishing';
    if (same && (busy || (same.operation === 'create' && same.state.status === 'published'))) return same;
    const created: PublishJob = {
      id: crypto.randomUUID(),
      ...fields,
      createdAt: now,
      updatedAt: now,
      attempts: 0,
      state: { status: 'queued', nextAttemptAt: now },
    };
    jobs[created.id] = created;
    return created;
  });
  if (job.state.status === 'queued') void runJob(job.id);
  return job;
}

/** Queues the draft's current content for publishing and starts the first attempt. */
export async function enqueuePublish(draftId: string): Promise<PublishJob> {
  const halo = await haloOfDraft(draftId);
  const { endpoint, apiToken } = await readSettings();
  if (__HALO_REQUIRE_TOKEN__ && !apiToken) {
    throw new PublishRefused(i18n.t('publishRefused.tokenRequired'));
  }
  // Publishing unchanged content again reuses the job that already made (or is making) it.
  const idempotencyKey = await idempotencyKeyFor(draftId, halo);
  return enqueue({ draftId, operation: 'create', idempotencyKey, halo, endpoint });
}

async function liveRecord(haloId: string): Promise<PublishedHalo> {
  const record = (await publishedItem.getValue())[haloId];
  if (!record) throw new PublishRefused(i18n.t('publishRefused.noRecord'));
  if (record.status !== 'live') throw new PublishRefused(i18n.t('publishRefused.notLive'));
  return record;
}

/** Queues "Update": the draft's current content replaces the published Halo; the link stays. */
export async function enqueueUpdate(haloId: string): Promise<PublishJob> {
  const record = await liveRecord(haloId);
  const halo = await haloOfDraft(record.draftId, i18n.t('publishRefused.draftDeleted'));
  const idempotencyKey = await idempotencyKeyFor(`update\n${haloId}`, halo);
  return enqueue({
    draftId: record.draftId,
    operation: 'update',
    haloId,
    idempotencyKey,
    halo,
    endpoint: record.endpoint,
  });
}

/** Queues "Unpublish": afterwards the Halo's page answers 410. */
export async function enqueueUnpublish(haloId: string): Promise<PublishJob> {
  const record = await liveRecord(haloId);
  return enqueue({
    draftId: record.draftId,
    operation: 'delete',
    haloId,
    idempotencyKey: `delete-${haloId}`,
    halo: null,
    endpoint: record.endpoint,
  });
}

/** Puts a failed (or waiting) job back to the front of the queue and runs it now. */
export async function retryJob(jobId: string): Promise<PublishJob> {
  const job = await setState(jobId, { status: 'queued', nextAttemptAt: new Date().toISOString() });
  if (!job) throw new PublishRefused(i18n.t('publishRefused.notQueued'));
  void runJob(jobId);
  return job;
}

// Records are read-modify-written like jobs, with their own chain.
let recordsChain: Promise<unknown> = Promise.resolve();
function changeRecords(change: (records: Record<string, PublishedHalo>) => Record<string, PublishedHalo>) {
  const next = recordsChain.then(async () => publishedItem.setValue(change(await publishedItem.getValue())));
  recordsChain = next.catch(() => undefined);
  return next;
}

type Failure = Extract<PublishOutcome, { ok: false }>;

/** A new Halo: the link goes on the clipboard and into the Published list. */
async function create(job: PublishJob, halo: Halo): Promise<PublishState | Failure> {
  // The endpoint as set now: fixing it in the options is how a user rescues a queued publish.
  const settings = await readSettings();
  if (settings.endpoint !== job.endpoint) {
    const { id } = job;
    await withJobs((jobs) => {
      if (jobs[id]) jobs[id] = { ...jobs[id], endpoint: settings.endpoint };
    });
  }
  const images = await uploadCarriedImages(settings, job.draftId, halo);
  if (!images.ok) return images;
  const outcome = await sendHalo(settings, halo, job.idempotencyKey);
  if (!outcome.ok) return outcome;
  const { url, id, editToken } = outcome.response;
  const publishedAt = new Date().toISOString();
  await setState(job.id, { status: 'published', url, haloId: id, editToken, publishedAt, copied: false });
  await changeRecords((records) =>
    recordPublished(records, {
      haloId: id,
      url,
      editToken,
      endpoint: settings.endpoint,
      title: halo.title,
      draftId: job.draftId,
      publishedAt,
    }),
  );
  const copied = await copyFromBackground(url);
  return { status: 'published', url, haloId: id, editToken, publishedAt, copied };
}

/**
 * An update or an unpublish, sent to the endpoint the Halo was published to. The API token goes
 * only to the endpoint it was set for. A Halo already gone (410) counts as unpublished.
 */
async function change(job: PublishJob, record: PublishedHalo): Promise<PublishState | Failure> {
  const settings = await readSettings();
  const target = { haloId: record.haloId, editToken: record.editToken };
  const to = { endpoint: record.endpoint, apiToken: settings.endpoint === record.endpoint ? settings.apiToken : '' };
  const at = new Date().toISOString();
  if (job.operation === 'update') {
    const images = await uploadCarriedImages(to, job.draftId, job.halo!);
    if (!images.ok) return images;
  }
  const outcome =
    job.operation === 'delete'
      ? await deleteHalo(to, target)
      : await sendHalo(to, job.halo!, job.idempotencyKey, target);
  if (outcome.ok) {
    if (job.operation === 'delete') {
      await changeRecords((records) => recordEnded(records, record.haloId, 'unpublished', at));
      return { status: 'unpublished', at };
    }
    await changeRecords((records) => recordUpdated(records, record.haloId, job.halo!.title, at));
    return {
      status: 'published',
      url: record.url,
      haloId: record.haloId,
      editToken: record.editToken,
      publishedAt: at,
      copied: false,
    };
  }
  const status = outcome.error.status;
  if (status === 410 || status === 404) {
    await changeRecords((records) =>
      recordEnded(records, record.haloId, status === 410 ? 'unpublished' : 'missing', at),
    );
    if (status === 410 && job.operation === 'delete') return { status: 'unpublished', at };
  }
  return outcome;
}

const running = new Set<string>();

/** One attempt of one job; the outcome is recorded in storage for the popup. */
export async function runJob(jobId: string): Promise<void> {
  if (running.has(jobId)) return;
  running.add(jobId);
  try {
    const job = (await publishJobsItem.getValue())[jobId];
    // A finished job's Halo is dropped (setState): there is nothing left to send.
    if (!job || job.state.status !== 'queued' || (job.operation !== 'delete' && !job.halo)) return;
    const record = job.haloId ? (await publishedItem.getValue())[job.haloId] : undefined;
    const attempts = job.attempts + 1;
    await setState(jobId, { status: 'publishing' }, attempts);
    const outcome =
      job.operation === 'create'
        ? await create(job, job.halo!)
        : record
          ? await change(job, record)
          : ({
              ok: false,
              retryable: false,
              error: { code: 'internal', message: i18n.t('publishRefused.noEditToken') },
            } satisfies Failure);
    if (!('ok' in outcome)) {
      await setState(jobId, outcome);
      return;
    }
    if (outcome.retryable) {
      const delay = Math.max(outcome.retryAfterMs ?? 0, backoffMs(attempts));
      const nextAttemptAt = new Date(Date.now() + delay).toISOString();
      await setState(jobId, { status: 'queued', nextAttemptAt, lastError: outcome.error });
      await scheduleRetries();
      return;
    }
    await setState(jobId, { status: 'failed', error: outcome.error });
  } catch (error) {
    await setState(jobId, {
      status: 'failed',
      error: {
        code: 'internal',
        message: i18n.t('publishRefused.unexpected', [String((error as Error)?.message ?? error)]),
      },
    });
  } finally {
    running.delete(jobId);
  }
}

/** Runs every queued job that is due; called on alarm, on start-up and on install. */
export async function runDueJobs(now: number = Date.now()): Promise<void> {
  const jobs = Object.values(await publishJobsItem.getValue());
  for (const job of jobs) {
    // A job left "publishing" by a killed worker is resumed: its key makes the resend safe.
    if (job.state.status === 'publishing' && !running.has(job.id)) {
      await setState(job.id, { status: 'queued', nextAttemptAt: new Date(now).toISOString() });
    }
  }
  const due = Object.values(await publishJobsItem.getValue()).filter(
    (job) => job.state.status === 'queued' && Date.parse(job.state.nextAttemptAt) <= now,
  );
  await Promise.all(due.map((job) => runJob(job.id)));
  await scheduleRetries();
}

/** One alarm at the earliest next attempt; alarms survive the worker being stopped. */
export async function scheduleRetries(): Promise<void> {
  const queued = Object.values(await publishJobsItem.getValue()).flatMap((job) =>
    job.state.status === 'queued' ? [Date.parse(job.state.nextAttemptAt)] : [],
  );
  if (queued.length === 0) {
    await browser.alarms.clear(RETRY_ALARM);
    return;
  }
  await browser.alarms.create(RETRY_ALARM, { when: Math.max(Date.now() + 1_000, Math.min(...queued)) });
}
