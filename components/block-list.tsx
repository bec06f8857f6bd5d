import { startTransition, useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { BlockItem, type BlockActions, type DropEdge } from '@/components/block-item';
import type { DraftBlock } from '@/lib/draft/draft';

interface Props {
  blocks: DraftBlock[];
  actions: BlockActions;
  /** The block whose Markdown editor is open. */
  editingId?: string | null;
  /** Blocks holding possible secrets or personal data, marked until redacted. */
  flagged?: ReadonlySet<string>;
}

const DRAG_TYPE = 'application/x-halo-block';
/**
 * Rows mounted at once when the editor opens; the rest follow in a transition React can interrupt,
 * so a 500-block draft is interactive at once (issue 4). Every row then stays in the page: screen
 * readers, Find and drag and drop see the whole list, unlike a virtualized one.
 */
export const FIRST_ROWS = 30;

/**
 * The draft's blocks as they will be published, in order. Rows are memoized: a keystroke in one
 * block re-renders that block only. Drag and drop reorders (native HTML5 DnD); so do the keyboard
 * and the move buttons on each row.
 */
export function BlockList({ blocks, actions, editingId = null, flagged }: Props) {
  const [allMounted, setAllMounted] = useState(blocks.length <= FIRST_ROWS);
  useEffect(() => {
    if (allMounted) return;
    const timer = setTimeout(() => startTransition(() => setAllMounted(true)));
    return () => clearTimeout(timer);
  }, [allMounted]);
  const [drop, setDrop] = useState<{ id: string; edge: DropEdge } | null>(null);
  // Where the drag started: the list does not change during a drag, so the index stays true.
  const dragged = useRef<{ id: string; index: number } | null>(null);

  const onDragStart = useCallback((event: DragEvent<HTMLLIElement>, blockId: string, index: number) => {
    dragged.current = { id: blockId, index };
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData(DRAG_TYPE, blockId);
  }, []);
  const onDragOver = useCallback((event: DragEvent<HTMLLIElement>, blockId: string) => {
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const box = event.currentTarget.getBoundingClientRect();
    const edge: DropEdge = event.clientY < box.top + box.height / 2 ? 'before' : 'after';
    setDrop((current) => (current?.id === blockId && current.edge === edge ? current : { id: blockId, edge }));
  }, []);
  const onDrop = useCallback(
    (event: DragEvent<HTMLLIElement>, targetIndex: number) => {
      const source = dragged.current;
      setDrop(null);
      dragged.current = null;
      if (!source || event.dataTransfer.getData(DRAG_TYPE) !== source.id) return;
      event.preventDefault();
      const box = event.currentTarget.getBoundingClientRect();
      const insertAt = event.clientY < box.top + box.height / 2 ? targetIndex : targetIndex + 1;
      actions.onMove(source.id, insertAt > source.index ? insertAt - 1 : insertAt);
    },
    [actions],
  );

  return (
    <ol
      className="block-list"
      aria-label="Content of the Halo"
      data-testid="block-list"
      onDragEnd={() => {
        setDrop(null);
        dragged.current = null;
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDrop(null);
      }}
    >
      {(allMounted ? blocks : blocks.slice(0, FIRST_ROWS)).map((item, index) => (
        <BlockItem
          key={item.id}
          item={item}
          index={index}
          count={blocks.length}
          flagged={flagged?.has(item.id) ?? false}
          editing={editingId === item.id}
          actions={actions}
          dropEdge={drop?.id === item.id ? drop.edge : null}
          onDragStart={onDragStart}
          onDragOver={onDragOver}
          onDrop={onDrop}
        />
      ))}
    </ol>
  );
}
