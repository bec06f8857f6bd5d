/**
 * The renderer (markdown-it, KaTeX, highlight.js, DOMPurify's input) is the largest code the
 * extension pages hold, and no page needs it to first paint: pages load it with this, after their
 * first paint (issue 18, lean bundles). The server and tests import lib/halo/render directly.
 */
export type Renderer = typeof import('@/lib/halo/render');

export interface RendererState {
  renderer?: Renderer;
  /** Why the renderer's chunk did not load (e.g. the extension was updated under an open page). */
  error?: Error;
}

let state: RendererState = {};
let loading: Promise<Renderer> | undefined;
const listeners = new Set<() => void>();

function update(next: RendererState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** Starts loading once; a failed load may be tried again (retryRenderer). */
export function loadRenderer(): Promise<Renderer> {
  loading ??= import('@/lib/halo/render').then(
    (renderer) => {
      update({ renderer });
      return renderer;
    },
    (error: unknown) => {
      loading = undefined;
      update({ error: error instanceof Error ? error : new Error(String(error)) });
      throw error;
    },
  );
  return loading;
}

export function retryRenderer(): void {
  update({});
  loadRenderer().catch(() => undefined);
}

export const rendererState = (): RendererState => state;

export function onRendererChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
