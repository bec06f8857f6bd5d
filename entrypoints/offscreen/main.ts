import { onMessage } from '@/lib/messaging/protocol';
import { copyWithTextarea } from '@/lib/publish/copy-with-textarea';

// The service worker has no DOM; this document copies for it (navigator.clipboard needs focus here).
onMessage('copyText', ({ data }) => copyWithTextarea(document, data.text));
