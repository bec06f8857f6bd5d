// vitest globalSetup (issue 14): one throwaway Postgres cluster for the run, stopped after.
// Tests reach it with inject('postgresAdminUrl') and make their own databases on it.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

// Every project of the run that needs Postgres shares one cluster (the global setups all run in
// vitest's main process): starting one costs seconds of initdb on a busy machine.
const shared = globalThis as { haloTestCluster?: Promise<PostgresCluster>; haloTestClusterUsers?: number };

export async function setup(project: TestProject) {
  shared.haloTestClusterUsers = (shared.haloTestClusterUsers ?? 0) + 1;
  shared.haloTestCluster ??= startPostgresCluster();
  project.provide('postgresAdminUrl', (await shared.haloTestCluster).adminUrl);
}

export async function teardown() {
  shared.haloTestClusterUsers = (shared.haloTestClusterUsers ?? 1) - 1;
  if (shared.haloTestClusterUsers > 0 || !shared.haloTestCluster) return;
  const cluster = shared.haloTestCluster;
  delete shared.haloTestCluster;
  await (await cluster).destroy();
}
