import { defineUnlistedScript } from '#imports';
import { captureDocument } from '@/lib/capture/capture-document';
import { readRequestedMode } from '@/lib/capture/requested-mode';

// Injected on demand by lib/capture/run-in-tab.ts; its return value is the CaptureResult.
export default defineUnlistedScript(() => captureDocument(document, location.href, readRequestedMode()));
