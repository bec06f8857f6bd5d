/** The endpoint this package publishes to by default (HALO_ENDPOINT at build time; wxt.config.ts `define`). */
declare const __HALO_DEFAULT_ENDPOINT__: string;
/** True in packages built with HALO_REQUIRE_TOKEN=1: publishing needs an API token. */
declare const __HALO_REQUIRE_TOKEN__: boolean;
