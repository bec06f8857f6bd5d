import type { Draft } from '@/lib/draft/draft';
import { findInDraft } from '@/lib/redact/draft-findings';

/** A worker of the offscreen document: the number of findings in the draft it is sent (lib/redact/count-findings.ts). */
self.onmessage = (event: MessageEvent<Draft>) => {
  findInDraft(event.data).then(
    (findings) => self.postMessage({ count: findings.length }),
    (error: unknown) => self.postMessage({ error: String((error as Error)?.message ?? error) }),
  );
};
