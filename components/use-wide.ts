import { useEffect, useState } from 'react';

/** Wide enough for blocks beside a live preview (issue 12); the popup never is. */
export const WIDE_QUERY = '(min-width: 900px)';

export function useWide(allowed: boolean): boolean {
  const [wide, setWide] = useState(() => allowed && matchMedia(WIDE_QUERY).matches);
  useEffect(() => {
    if (!allowed) return;
    const query = matchMedia(WIDE_QUERY);
    const onChange = () => setWide(query.matches);
    onChange();
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [allowed]);
  return allowed && wide;
}
