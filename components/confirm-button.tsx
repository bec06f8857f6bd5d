import { useState } from 'react';
import { i18n } from '#i18n';

interface Props {
  /** The button's text, and the confirming button's. */
  label: string;
  /** Asked before acting, e.g. "Delete it?". */
  question: string;
  /** data-testid of the button; the confirming button's is the same plus "-confirm". */
  testId: string;
  onConfirm: () => void;
  disabled?: boolean;
  ariaLabel?: string;
}

/** A destructive action in two steps: the button, then the question with the action and "Keep". */
export function ConfirmButton({ label, question, testId, onConfirm, disabled, ariaLabel }: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        data-testid={testId}
        disabled={disabled}
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      {question}{' '}
      <button
        type="button"
        className="danger"
        data-testid={`${testId}-confirm`}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {label}
      </button>{' '}
      <button type="button" onClick={() => setAsking(false)}>
        {i18n.t('common.keep')}
      </button>
    </span>
  );
}
