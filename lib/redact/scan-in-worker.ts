import type { Draft } from '@/lib/draft/draft';

/** In the offscreen document: runs the scan in a worker, off the document's own thread. */
export function countFindingsInWorker(draft: Draft): Promise<number> {
  const worker = new Worker(new URL('./scan-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<number>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<{ count: number } | { error: string }>) => {
      if ('count' in event.data) resolve(event.data.count);
      else reject(new Error(event.data.error));
    };
    worker.onerror = (event) => reject(new Error(event.message || 'the scan worker failed'));
    worker.postMessage(draft);
  }).finally(() => worker.terminate());
}
