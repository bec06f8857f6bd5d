import { onMessage } from '@/lib/messaging/protocol';
import { copyWithTextarea } from '@/lib/publish/copy-with-textarea';
import { countFindingsInWorker } from '@/lib/redact/scan-in-worker';

// The service worker has no DOM; this document copies for it (navigator.clipboard needs focus here).
onMessage('copyText', ({ data }) => copyWithTextarea(document, data.text));
// Quick share's secret scan, in a worker (lib/redact/count-findings.ts).
onMessage('countFindings', ({ data }) => countFindingsInWorker(data.draft));
