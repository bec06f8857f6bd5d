import { memo, useRef, type DragEvent, type KeyboardEvent } from 'react';
import type { DraftBlock } from '@/lib/draft/draft';
import { i18n } from '#i18n';
import { formatCount } from '@/lib/i18n/ui-locale';
import { keepFocus } from '@/components/keep-focus';

/** What a section's heading row can do (issue 12). */
export interface SectionActions {
  onRename: (sectionId: string, title: string) => void;
  onCollapse: (sectionId: string, collapsed: boolean) => void;
  onMoveSection: (sectionId: string, toSection: number) => void;
  onRemoveSection: (sectionId: string) => void;
  /** Reads the section's page again (asks for that one site if the panel may not read it). */
  onRefresh?: (sectionId: string) => void;
}

interface Props {
  item: DraftBlock;
  /** Position among the sections, from 0. */
  position: number;
  sections: number;
  /** Blocks in the section. */
  blocks: number;
  actions: SectionActions;
  dropEdge: 'before' | 'after' | null;
  onDragStart: (event: DragEvent<HTMLLIElement>, sectionId: string) => void;
  onDragOver: (event: DragEvent<HTMLLIElement>, sectionId: string) => void;
  onDrop: (event: DragEvent<HTMLLIElement>, sectionId: string, position: number) => void;
}

/**
 * A section's heading in the editor: its title (editable), its source link, fold, move (buttons,
 * Alt+ArrowUp/Down on the row, or drag) and delete. Moving or deleting a section takes its blocks.
 */
export const SectionHeader = memo(function SectionHeader({
  item,
  position,
  sections,
  blocks,
  actions,
  dropEdge,
  onDragStart,
  onDragOver,
  onDrop,
}: Props) {
  const row = useRef<HTMLLIElement>(null);
  if (item.block.type !== 'section') return null;
  const { title, source } = item.block;
  const collapsed = Boolean(item.collapsed);
  const name = title || i18n.t('sections.untitled');
  const move = (to: number, focus: HTMLElement | null) => {
    if (to < 0 || to >= sections) return;
    actions.onMoveSection(item.id, to);
    keepFocus(focus);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      move(position + (event.key === 'ArrowUp' ? -1 : 1), row.current);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      actions.onRemoveSection(item.id);
    }
  };
  return (
    <li
      ref={row}
      className={`section-head${dropEdge ? ` block-drop-${dropEdge}` : ''}`}
      data-testid="section"
      data-section-id={item.id}
      data-collapsed={String(collapsed)}
      tabIndex={0}
      aria-label={i18n.t(collapsed ? 'sections.rowFolded' : 'sections.row', blocks, [
        formatCount(position + 1),
        formatCount(sections),
        name,
        formatCount(blocks),
      ])}
      aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Delete"
      draggable
      onKeyDown={onKeyDown}
      onDragStart={(event) => onDragStart(event, item.id)}
      onDragOver={(event) => onDragOver(event, item.id)}
      onDrop={(event) => onDrop(event, item.id, position)}
    >
      <div className="section-controls">
        <button
          type="button"
          className="section-fold"
          data-testid="section-fold"
          aria-expanded={!collapsed}
          aria-label={i18n.t(collapsed ? 'sections.unfold' : 'sections.fold', [name])}
          onClick={() => actions.onCollapse(item.id, !collapsed)}
        >
          {collapsed ? '▸' : '▾'}
        </button>
        <input
          className="section-title"
          data-testid="section-title"
          aria-label={i18n.t('sections.titleOf', [formatCount(position + 1)])}
          dir="auto"
          value={title}
          placeholder={i18n.t('sections.untitled')}
          maxLength={1000}
          onChange={(event) => actions.onRename(item.id, event.target.value)}
        />
        <span className="block-buttons">
          <button
            type="button"
            data-testid="section-move-up"
            aria-label={i18n.t('sections.moveUp', [name])}
            disabled={position === 0}
            onClick={(event) => move(position - 1, event.currentTarget)}
          >
            ↑
          </button>
          <button
            type="button"
            data-testid="section-move-down"
            aria-label={i18n.t('sections.moveDown', [name])}
            disabled={position === sections - 1}
            onClick={(event) => move(position + 1, event.currentTarget)}
          >
            ↓
          </button>
          <button
            type="button"
            data-testid="section-remove"
            aria-label={i18n.t('sections.delete', blocks, [name, formatCount(blocks)])}
            onClick={() => actions.onRemoveSection(item.id)}
          >
            {i18n.t('common.delete')}
          </button>
        </span>
      </div>
      <p className="section-source muted">
        {source ? (
          <>
            {i18n.t('sections.from')}{' '}
            <a href={source.url} target="_blank" rel="noreferrer noopener" data-testid="section-source" dir="auto">
              {source.title || source.url}
            </a>
            {actions.onRefresh && (
              <>
                {' · '}
                <button
                  type="button"
                  className="link-button"
                  data-testid="section-refresh"
                  onClick={() => actions.onRefresh!(item.id)}
                >
                  {i18n.t('sections.refresh')}
                </button>
              </>
            )}
          </>
        ) : (
          i18n.t('sections.noSource')
        )}
        {collapsed && ` · ${i18n.t('sections.folded', blocks, [formatCount(blocks)])}`}
      </p>
    </li>
  );
});
