// vitest globalSetup (issue 14): one throwaway Postgres cluster for the whole run, stopped after.
// Tests reach it with inject('postgresAdminUrl') and make their own database each.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../support/postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const cluster = await startPostgresCluster();
  project.provide('postgresAdminUrl', cluster.adminUrl);
  return () => cluster.destroy();
}
