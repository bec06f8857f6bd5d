// vitest globalSetup (issue 14): one throwaway Postgres cluster for the run, stopped after.
// Tests reach it with inject('postgresAdminUrl') and make their own database each.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

let cluster: PostgresCluster | undefined;

export async function setup(project: TestProject) {
  cluster = await startPostgresCluster();
  project.provide('postgresAdminUrl', cluster.adminUrl);
}

export async function teardown() {
  await cluster?.destroy();
}
