import { useEffect, useState } from 'react';
import type { WxtStorageItem } from '#imports';

/** A storage item's value in a React component, kept current as the background changes it; null until read. */
export function useStoredValue<T>(item: WxtStorageItem<T, Record<string, unknown>>): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    void item.getValue().then((v) => live && setValue(v));
    const unwatch = item.watch((v) => setValue(v));
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
