import { memo, useRef, type DragEvent, type KeyboardEvent } from 'react';
import { BlockEditor } from '@/components/block-editor';
import { BlockPreview, EAGER_BLOCKS } from '@/components/block-preview';
import { ErrorBoundary } from '@/components/error-boundary';
import type { DraftBlock } from '@/lib/draft/draft';
import { blockText } from '@/lib/halo/block-text';
import { i18n } from '#i18n';
import { formatCount } from '@/lib/i18n/ui-locale';
import { keepFocus } from '@/components/keep-focus';

/** What a block row can do to the draft. */
export interface BlockActions {
  onToggle: (blockId: string, included: boolean) => void;
  onEdit: (blockId: string | null) => void;
  onRemove: (blockId: string) => void;
  onMove: (blockId: string, toIndex: number) => void;
  onMarkdown: (blockId: string, markdown: string) => void;
  /** A message's other speaker (user ↔ assistant), for a guessed speaker that is wrong. */
  onSwitchSpeaker?: (blockId: string) => void;
}

export type DropEdge = 'before' | 'after';

interface Props {
  item: DraftBlock;
  index: number;
  /**
   * The draft's last block (its Move down is off). A flag, not the block count: with the count,
   * every row re-rendered whenever a block was added anywhere (issue 12's add to a long draft).
   */
  last: boolean;
  flagged: boolean;
  editing: boolean;
  actions: BlockActions;
  /** Where a dragged block would land relative to this one, while it is dragged over. */
  dropEdge: DropEdge | null;
  onDragStart: (event: DragEvent<HTMLLIElement>, blockId: string, index: number) => void;
  onDragOver: (event: DragEvent<HTMLLIElement>, blockId: string) => void;
  onDrop: (event: DragEvent<HTMLLIElement>, index: number) => void;
}

export function describeBlock(item: DraftBlock, index: number): string {
  const block = item.block;
  const who =
    block.type === 'section'
      ? i18n.t('blocks.section', [block.title])
      : block.type === 'text'
        ? i18n.t('blocks.text')
        : block.type === 'reasoning'
          ? i18n.t('blocks.reasoning', [block.author])
          : block.author || block.role;
  return `${formatCount(index + 1)}: ${who}`;
}

/**
 * One block of the draft: include, edit, move, delete, drag. On the focused row, Alt+ArrowUp and
 * Alt+ArrowDown move it, Enter edits it, Delete removes it.
 */
export const BlockItem = memo(function BlockItem({
  item,
  index,
  last,
  flagged,
  editing,
  actions,
  dropEdge,
  onDragStart,
  onDragOver,
  onDrop,
}: Props) {
  const row = useRef<HTMLLIElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const label = describeBlock(item, index);
  const name = i18n.t('blocks.name', [formatCount(index + 1)]);

  const move = (toIndex: number, focus: HTMLElement | null) => {
    if (toIndex < 0 || (last && toIndex > index)) return;
    actions.onMove(item.id, toIndex);
    keepFocus(focus);
  };
  const remove = () => {
    // Focus goes to the neighbouring block, so the keyboard user stays in the list.
    const next = (row.current?.nextElementSibling ?? row.current?.previousElementSibling) as HTMLElement | null;
    actions.onRemove(item.id);
    keepFocus(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      move(index + (event.key === 'ArrowUp' ? -1 : 1), row.current);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      actions.onEdit(item.id);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      remove();
    }
  };

  const classes = ['block'];
  if (!item.included) classes.push('block-excluded');
  if (flagged) classes.push('block-flagged');
  if (dropEdge) classes.push(`block-drop-${dropEdge}`);
  return (
    <li
      ref={row}
      data-testid="block"
      data-block-id={item.id}
      data-role={item.block.type === 'message' ? item.block.role : item.block.type}
      data-included={String(item.included)}
      data-flagged={flagged ? 'true' : undefined}
      className={classes.join(' ')}
      tabIndex={0}
      aria-label={i18n.t(item.included ? 'blocks.row' : 'blocks.rowExcluded', [label])}
      aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Enter Delete"
      draggable={!editing}
      onKeyDown={onKeyDown}
      onDragStart={(event) => onDragStart(event, item.id, index)}
      onDragOver={(event) => onDragOver(event, item.id)}
      onDrop={(event) => onDrop(event, index)}
    >
      <div className="block-controls">
        <span className="drag-handle" aria-hidden="true" title={i18n.t('blocks.drag')}>
          ⠿
        </span>
        <label>
          <input
            type="checkbox"
            data-testid="block-include"
            checked={item.included}
            onChange={(event) => actions.onToggle(item.id, event.target.checked)}
          />{' '}
          {i18n.t('blocks.include')} <span className="sr-only">{label}</span>
        </label>
        <span className="block-buttons">
          <button
            type="button"
            data-testid="block-move-up"
            aria-label={i18n.t('blocks.moveUp', [label])}
            disabled={index === 0}
            onClick={(event) => move(index - 1, event.currentTarget)}
          >
            ↑
          </button>
          <button
            type="button"
            data-testid="block-move-down"
            aria-label={i18n.t('blocks.moveDown', [label])}
            disabled={last}
            onClick={(event) => move(index + 1, event.currentTarget)}
          >
            ↓
          </button>
          <button
            ref={editButton}
            type="button"
            data-testid="block-edit"
            aria-expanded={editing}
            aria-label={i18n.t('blocks.edit', [label])}
            onClick={() => actions.onEdit(editing ? null : item.id)}
          >
            {i18n.t('blocks.editButton')}
          </button>
          {item.block.type === 'message' && actions.onSwitchSpeaker && (
            <button
              type="button"
              data-testid="block-speaker"
              aria-label={i18n.t(item.block.role === 'user' ? 'blocks.switchToAssistant' : 'blocks.switchToYou', [
                label,
              ])}
              title={i18n.t('blocks.switchSpeaker')}
              onClick={() => actions.onSwitchSpeaker!(item.id)}
            >
              {/* The speaker's own label, as the row's name says it (axe label-content-name-mismatch). */}
              {`${item.block.author || (item.block.role === 'user' ? i18n.t('blocks.you') : item.block.role)} ⇄`}
            </button>
          )}
          <button
            type="button"
            data-testid="block-remove"
            aria-label={i18n.t('blocks.delete', [label])}
            onClick={remove}
          >
            {i18n.t('common.delete')}
          </button>
        </span>
      </div>
      {editing ? (
        <BlockEditor
          block={item.block}
          name={name}
          onChange={(markdown) => actions.onMarkdown(item.id, markdown)}
          onDone={() => {
            actions.onEdit(null);
            keepFocus(editButton.current);
          }}
        />
      ) : (
        // One block that fails to render shows its Markdown; the others stay editable (issue 16).
        <ErrorBoundary
          what={i18n.t('what.blockPreview', [name])}
          resetKey={item.block}
          source={String(blockText(item.block) ?? '')}
        >
          <BlockPreview block={item.block} eager={index < EAGER_BLOCKS} />
        </ErrorBoundary>
      )}
    </li>
  );
});
