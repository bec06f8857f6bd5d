import type { BlockFilter } from '@/lib/draft/edit-operations';

const FILTERS: { value: BlockFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'questions', label: 'Only my questions' },
  { value: 'answers', label: 'Only answers' },
  { value: 'no-reasoning', label: 'Hide reasoning' },
];

/** Quick include/exclude filters over the whole draft. */
export function BlockFilters({ onFilter }: { onFilter: (filter: BlockFilter) => void }) {
  return (
    <div className="filters" role="group" aria-label="Quick filters">
      {FILTERS.map((f) => (
        <button key={f.value} type="button" data-testid={`filter-${f.value}`} onClick={() => onFilter(f.value)}>
          {f.label}
        </button>
      ))}
    </div>
  );
}
