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
          Load the whole thread
        </button>
      </div>
    );
  }
  const seconds = Math.floor(progress.elapsedMs / 1000);
  return (
    <div className="whole-thread" data-testid="thread-progress" data-turns={progress.turns}>
      <p role="status">
        Loading older turns… {progress.turns.toLocaleString('en-US')} turn{progress.turns === 1 ? '' : 's'} found so far
        {seconds > 0 ? ` (${seconds} s)` : ''}
      </p>
      <button type="button" data-testid="load-thread-cancel" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
