/**
 * Extension pages may not eval (the MV3 content security policy), and zod's JIT would try: it
 * probes `new Function` when each object schema is built, which Firefox reports as a CSP
 * violation in the add-on's console at every start (issue 15), and AMO's linter flags (issue 18).
 * The extension validates interpreted; the server keeps the JIT. Schemas are built when their
 * modules load, so this must run first: it is the FIRST import of every extension entrypoint
 * (tests/unit/halo/zod-jitless.test.ts checks that).
 *
 * zod keeps its settings on `globalThis.__zod_globalConfig` (what `z.config()` writes, and what
 * zod adopts when it loads later), so this sets jitless without importing zod: a page whose zod
 * code loads later (the popup's editor chunk, issue 18 lean bundles) does not parse zod at first
 * paint. The same test checks that `z.config()` then reads jitless.
 */
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(holder.__zod_globalConfig ??= {}).jitless = true;

export {};
