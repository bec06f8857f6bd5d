import { browser } from '#imports';
import { RETRY_ALARM, runDueJobs } from '@/lib/publish/queue';

/** Resumes the publish queue whenever the worker wakes: alarm, browser start, install or update. */
export function setupQueue(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === RETRY_ALARM) void runDueJobs();
  });
  browser.runtime.onStartup.addListener(() => void runDueJobs());
  browser.runtime.onInstalled.addListener(() => void runDueJobs());
  // A worker restarted by any event also picks up what a killed one left behind.
  void runDueJobs();
}
