import type { DraftBlock } from '@/lib/draft/draft';
import { renderBlock } from '@/lib/halo/render';
import { SafeHtml } from '@/components/safe-html';

interface Props {
  blocks: DraftBlock[];
  onToggle?: (blockId: string, included: boolean) => void;
  onRemove?: (blockId: string) => void;
  /** Blocks holding possible secrets or personal data, marked until redacted. */
  flagged?: ReadonlySet<string>;
}

function describe(item: DraftBlock, index: number): string {
  const block = item.block;
  const who =
    block.type === 'text'
      ? 'Text'
      : block.type === 'reasoning'
        ? `${block.author} reasoning`
        : block.author || block.role;
  return `${index + 1}: ${who}`;
}

/** The draft's blocks as they will be published, in order, each with include and remove. */
export function BlockList({ blocks, onToggle, onRemove, flagged }: Props) {
  return (
    <ol className="block-list" aria-label="Content of the Halo">
      {blocks.map((item, index) => (
        <li
          key={item.id}
          data-testid="block"
          data-role={item.block.type === 'message' ? item.block.role : item.block.type}
          data-included={String(item.included)}
          data-flagged={flagged?.has(item.id) ? 'true' : undefined}
          className={`block${item.included ? '' : ' block-excluded'}${flagged?.has(item.id) ? ' block-flagged' : ''}`}
        >
          {(onToggle || onRemove) && (
            <div className="block-controls">
              {onToggle && (
                <label>
                  <input
                    type="checkbox"
                    data-testid="block-include"
                    checked={item.included}
                    onChange={(event) => onToggle(item.id, event.target.checked)}
                  />{' '}
                  Include <span className="sr-only">{describe(item, index)}</span>
                </label>
              )}
              {onRemove && (
                <button
                  type="button"
                  data-testid="block-remove"
                  aria-label={`Remove block ${describe(item, index)}`}
                  onClick={() => onRemove(item.id)}
                >
                  Remove
                </button>
              )}
            </div>
          )}
          <SafeHtml html={renderBlock(item.block)} />
        </li>
      ))}
    </ol>
  );
}
