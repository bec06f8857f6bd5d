import {
  startTransition,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type ReactNode,
} from 'react';
import { BlockItem, type BlockActions, type DropEdge } from '@/components/block-item';
import { SectionHeader, type SectionActions } from '@/components/section-header';
import type { DraftBlock } from '@/lib/draft/draft';
import { sectionSpans } from '@/lib/draft/sections';
import { i18n } from '#i18n';

interface Props {
  blocks: DraftBlock[];
  actions: BlockActions;
  /** The block whose Markdown editor is open. */
  editingId?: string | null;
  /** Blocks holding possible secrets or personal data, marked until redacted. */
  flagged?: ReadonlySet<string>;
  /** Sections' heading rows (issue 12): without them a section shows as a plain row. */
  sectionActions?: SectionActions;
}

const DRAG_TYPE = 'application/x-halo-block';
const SECTION_DRAG_TYPE = 'application/x-halo-section';
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
export function BlockList({ blocks, actions, editingId = null, flagged, sectionActions }: Props) {
  const [limit, setLimit] = useState(blocks.length <= FIRST_ROWS ? Infinity : FIRST_ROWS);
  const [known, setKnown] = useState(blocks.length);
  if (blocks.length !== known) {
    setKnown(blocks.length);
    // Many rows at once (a thread added from another tab, issue 12): the first of the new rows
    // now, the rest in the same interruptible transition as on opening.
    if (blocks.length - known > FIRST_ROWS) setLimit(known + FIRST_ROWS);
  }
  const allMounted = limit >= blocks.length;
  useEffect(() => {
    if (allMounted) return;
    const timer = setTimeout(() => startTransition(() => setLimit(Infinity)));
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

  const sections = useMemo(() => (sectionActions ? sectionSpans(blocks) : []), [blocks, sectionActions]);
  const draggedSection = useRef<{ id: string; position: number } | null>(null);
  const onSectionDragStart = useCallback(
    (event: DragEvent<HTMLLIElement>, sectionId: string) => {
      draggedSection.current = { id: sectionId, position: sections.findIndex((s) => s.id === sectionId) };
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData(SECTION_DRAG_TYPE, sectionId);
    },
    [sections],
  );
  const onSectionDragOver = useCallback((event: DragEvent<HTMLLIElement>, sectionId: string) => {
    if (!event.dataTransfer.types.includes(SECTION_DRAG_TYPE)) return;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = 'move';
    const box = event.currentTarget.getBoundingClientRect();
    const edge: DropEdge = event.clientY < box.top + box.height / 2 ? 'before' : 'after';
    setDrop((current) => (current?.id === sectionId && current.edge === edge ? current : { id: sectionId, edge }));
  }, []);
  const onSectionDrop = useCallback(
    (event: DragEvent<HTMLLIElement>, _sectionId: string, position: number) => {
      const source = draggedSection.current;
      setDrop(null);
      draggedSection.current = null;
      if (!source || event.dataTransfer.getData(SECTION_DRAG_TYPE) !== source.id || !sectionActions) return;
      event.preventDefault();
      event.stopPropagation();
      const box = event.currentTarget.getBoundingClientRect();
      const insertAt = event.clientY < box.top + box.height / 2 ? position : position + 1;
      sectionActions.onMoveSection(source.id, insertAt > source.position ? insertAt - 1 : insertAt);
    },
    [sectionActions],
  );

  const shown = allMounted ? blocks : blocks.slice(0, limit);
  const rows: ReactNode[] = [];
  let folded = false;
  let position = -1;
  shown.forEach((item, index) => {
    if (sectionActions && item.block.type === 'section') {
      position += 1;
      const span = sections[position]!;
      folded = Boolean(item.collapsed);
      rows.push(
        <SectionHeader
          key={item.id}
          item={item}
          position={position}
          sections={sections.length}
          blocks={span.end - span.start - 1}
          actions={sectionActions}
          dropEdge={drop?.id === item.id ? drop.edge : null}
          onDragStart={onSectionDragStart}
          onDragOver={onSectionDragOver}
          onDrop={onSectionDrop}
        />,
      );
      return;
    }
    // A folded section's blocks stay in the draft and the Halo; only the editor hides them.
    if (folded) return;
    rows.push(
      <BlockItem
        key={item.id}
        item={item}
        index={index}
        last={index === blocks.length - 1}
        flagged={flagged?.has(item.id) ?? false}
        editing={editingId === item.id}
        actions={actions}
        dropEdge={drop?.id === item.id ? drop.edge : null}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDrop={onDrop}
      />,
    );
  });

  return (
    <ol
      className="block-list"
      aria-label={i18n.t('blocks.label')}
      data-testid="block-list"
      onDragEnd={() => {
        setDrop(null);
        dragged.current = null;
        draggedSection.current = null;
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDrop(null);
      }}
    >
      {rows}
    </ol>
  );
}
