import type { DraftBlock } from '@/lib/draft/draft';
import { renderBlock } from '@/lib/halo/render';
import { SafeHtml } from '@/components/safe-html';

/** The draft's blocks as they will be published, in order. */
export function BlockList({ blocks }: { blocks: DraftBlock[] }) {
  return (
    <ol className="block-list" aria-label="Content of the Halo">
      {blocks.map((item) => (
        <li
          key={item.id}
          data-testid="block"
          data-role={item.block.type === 'message' ? item.block.role : item.block.type}
          data-included={String(item.included)}
          className={item.included ? 'block' : 'block block-excluded'}
        >
          <SafeHtml html={renderBlock(item.block)} />
        </li>
      ))}
    </ol>
  );
}
