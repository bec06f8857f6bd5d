import { browser } from '#imports';
import { loadDraft } from '@/lib/draft/repository';
import { draftToHalo } from '@/lib/draft/to-halo';
import type { Halo } from '@/lib/halo/schema';
import { validateHalo } from '@/lib/halo/validate';
import { backoffMs } from '@/lib/publish/backoff';
import { sendHalo } from '@/lib/publish/client';
import { copyFromBackground } from '@/lib/publish/clipboard';
import type { PublishJob, PublishState } from '@/lib/publish/job';
import { publishJobsItem, settingsItem } from '@/lib/storage/items';

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
    jobs[jobId] = { ...job, state, updatedAt: new Date().toISOString(), attempts: attempts ?? job.attempts };
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

/** Queues the draft's current content for publishing and starts the first attempt. */
export async function enqueuePublish(draftId: string): Promise<PublishJob> {
  const draft = await loadDraft(draftId);
  if (!draft) throw new PublishRefused('This draft no longer exists.');
  const checked = validateHalo(draftToHalo(draft));
  if (!checked.ok) throw new PublishRefused(checked.problems.map((p) => p.message).join('; '));
  const halo = checked.value;
  const { endpoint } = await settingsItem.getValue();
  const idempotencyKey = await idempotencyKeyFor(draftId, halo);
  const now = new Date().toISOString();
  const job = await withJobs((jobs) => {
    // Publishing unchanged content again reuses the job that already made (or is making) it.
    const same = Object.values(jobs).find((j) => j.idempotencyKey === idempotencyKey && j.endpoint === endpoint);
    if (same && same.state.status !== 'failed') return same;
    const created: PublishJob = {
      id: crypto.randomUUID(),
      draftId,
      operation: 'create',
      idempotencyKey,
      halo,
      endpoint,
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

/** Puts a failed (or waiting) job back to the front of the queue and runs it now. */
export async function retryJob(jobId: string): Promise<PublishJob> {
  const job = await setState(jobId, { status: 'queued', nextAttemptAt: new Date().toISOString() });
  if (!job) throw new PublishRefused('This publish is no longer in the queue.');
  void runJob(jobId);
  return job;
}

const running = new Set<string>();

/** One attempt of one job; the outcome is recorded in storage for the popup. */
export async function runJob(jobId: string): Promise<void> {
  if (running.has(jobId)) return;
  running.add(jobId);
  try {
    const job = (await publishJobsItem.getValue())[jobId];
    if (!job || job.state.status !== 'queued' || !job.halo) return;
    const attempts = job.attempts + 1;
    await setState(jobId, { status: 'publishing' }, attempts);
    // The endpoint as set now: fixing it in the options is how a user rescues a queued publish.
    const settings = await settingsItem.getValue();
    if (settings.endpoint !== job.endpoint) {
      await withJobs((jobs) => {
        if (jobs[jobId]) jobs[jobId] = { ...jobs[jobId], endpoint: settings.endpoint };
      });
    }
    const outcome = await sendHalo(settings, job.halo, job.idempotencyKey);
    if (outcome.ok) {
      const { url, id, editToken } = outcome.response;
      const publishedAt = new Date().toISOString();
      await setState(jobId, { status: 'published', url, haloId: id, editToken, publishedAt, copied: false });
      const copied = await copyFromBackground(url);
      await setState(jobId, { status: 'published', url, haloId: id, editToken, publishedAt, copied });
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
      error: { code: 'internal', message: `Publishing failed unexpectedly: ${(error as Error)?.message ?? error}` },
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
