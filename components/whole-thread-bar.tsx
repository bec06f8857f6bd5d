import { i18n } from '#i18n';
import { formatCount } from '@/lib/i18n/ui-locale';

interface Props {
  /** The load at work (turns the page holds so far), or null. */
  progress: { turns: number; elapsedMs: number } | null;
  /** Another capture runs: the button waits. */
  disabled: boolean;
  onLoad(): void;
  onCancel(): void;
}

/**
 * "Load the whole thread" (issue 11): sites that fetch older turns only as you scroll up leave a
 * capture without the thread's start. While it works, the turns found so far and a way out.
 */
export function WholeThreadBar({ progress, disabled, onLoad, onCancel }: Props) {
  if (!progress) {
    return (
      <div className="whole-thread">
        <button type="button" data-testid="load-thread" disabled={disabled} onClick={onLoad}>
          {i18n.t('wholeThread.load')}
        </button>
      </div>
    );
  }
  const seconds = Math.floor(progress.elapsedMs / 1000);
  return (
    <div className="whole-thread" data-testid="thread-progress" data-turns={progress.turns}>
      <p role="status">
        {i18n.t('wholeThread.progress', progress.turns, [formatCount(progress.turns)])}
        {seconds > 0 ? ` ${i18n.t('wholeThread.seconds', [formatCount(seconds)])}` : ''}
      </p>
      <button type="button" data-testid="load-thread-cancel" onClick={onCancel}>
        {i18n.t('common.cancel')}
      </button>
    </div>
  );
}
