import type { BlockFilter } from '@/lib/draft/edit-operations';
import { i18n } from '#i18n';

const FILTERS: { value: BlockFilter; label: () => string }[] = [
  { value: 'all', label: () => i18n.t('filters.all') },
  { value: 'questions', label: () => i18n.t('filters.questions') },
  { value: 'answers', label: () => i18n.t('filters.answers') },
  { value: 'no-reasoning', label: () => i18n.t('filters.noReasoning') },
];

/** Quick include/exclude filters over the whole draft. */
export function BlockFilters({ onFilter }: { onFilter: (filter: BlockFilter) => void }) {
  return (
    <div className="filters" role="group" aria-label={i18n.t('filters.label')}>
      {FILTERS.map((f) => (
        <button key={f.value} type="button" data-testid={`filter-${f.value}`} onClick={() => onFilter(f.value)}>
          {f.label()}
        </button>
      ))}
    </div>
  );
}
