/** True only in builds made with HALO_E2E=1 (wxt.config.ts `define`); false in what users get. */
declare const __HALO_E2E__: boolean;
