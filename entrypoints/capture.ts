import { defineUnlistedScript } from '#imports';

export default defineUnlistedScript(() => ({ ok: false, code: 'failed', message: 'not built yet' }));
