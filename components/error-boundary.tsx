import { Component, type ErrorInfo, type ReactNode } from 'react';
import { i18n } from '#i18n';

interface Props {
  /** What failed, as the user knows it: "this block's preview", "the draft list"… */
  what: string;
  children: ReactNode;
  /** A change of this value (e.g. the block after an edit) tries the children again. */
  resetKey?: unknown;
  /** The source to show in place of what failed (a block's Markdown). */
  source?: string;
  /** Runs once per failure, e.g. to write the draft's pending edits (nothing may be lost). */
  onError?: (error: Error) => void;
  /** Which test id the message carries. */
  testId?: string;
}

interface State {
  error: Error | null;
}

/**
 * Keeps one failing part of the popup from taking the rest with it (issue 16). Without it, one
 * throw while rendering unmounts the whole editor and the popup opens blank, every time, because
 * the draft that made it fail is stored. The message says what failed; the draft is kept.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    console.error(`Halo: ${this.props.what} failed to display`, failure, info.componentStack);
    this.props.onError?.(failure);
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  private readonly retry = () => this.setState({ error: null });

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { what, source, testId = 'render-failure' } = this.props;
    return (
      <div className="render-failure" role="alert" data-testid={testId}>
        <p>
          <strong>{i18n.t('failure.title', [what])}</strong> ({error.message || error.name}).{' '}
          {source === undefined ? i18n.t('failure.kept') : i18n.t('failure.source')}{' '}
          <button type="button" data-testid="render-failure-retry" onClick={this.retry}>
            {i18n.t('failure.retry')}
          </button>
        </p>
        {source !== undefined && <pre className="render-failure-source">{source}</pre>}
      </div>
    );
  }
}
