import { useEffect, useState } from 'react';
import { browser } from '#imports';
import { EditorShell, LazyApp } from '@/components/lazy-editor';

/** The tab the panel sits beside: the active tab of its window, followed across tab switches. */
function namedTab(): number | null {
  // Tests open the panel's page in a tab of its own and name the tab it stands beside.
  const param = new URLSearchParams(location.search).get('tabId');
  return param !== null && /^\d+$/.test(param) ? Number(param) : null;
}

function usePanelTab(): number | null {
  const [tabId, setTabId] = useState<number | null>(namedTab);
  useEffect(() => {
    if (namedTab() !== null) return;
    let windowId: number | undefined;
    void browser.windows.getCurrent().then((w) => {
      windowId = w.id;
      return browser.tabs.query({ active: true, windowId: w.id }).then(([tab]) => setTabId(tab?.id ?? null));
    });
    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (windowId === undefined || info.windowId === windowId) setTabId(info.tabId);
    };
    browser.tabs.onActivated.addListener(onActivated);
    return () => browser.tabs.onActivated.removeListener(onActivated);
  }, []);
  return tabId;
}

export function PanelRoot() {
  const tabId = usePanelTab();
  return (
    <EditorShell>
      <LazyApp tabId={null} surface="panel" panelTabId={tabId} />
    </EditorShell>
  );
}
