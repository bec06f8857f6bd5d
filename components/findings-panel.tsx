import type { Finding } from '@/lib/redact/draft-findings';
import type { SensitiveKind } from '@/lib/redact/find-sensitive';

const KIND_LABEL: Record<SensitiveKind, string> = {
  'api-key': 'API key',
  'private-key': 'Private key',
  token: 'Token',
  secret: 'Secret',
  email: 'Email address',
  phone: 'Phone number',
};

interface Props {
  findings: Finding[];
  /** Why the scan could not run, if it could not (issue 18: its code loads as a chunk). */
  scanFailure?: string | null;
  blockNumber: (blockId: string) => string;
  onRedact: (findings: Finding[]) => void;
}

/** Possible secrets and personal data in what will be published, each redactable in one click. */
export function FindingsPanel({ findings, scanFailure, blockNumber, onRedact }: Props) {
  if (scanFailure) {
    return (
      <p className="findings" role="alert" data-testid="scan-failure">
        The check for secrets and personal details could not run ({scanFailure}). Your draft is kept; reopen Halo to
        check it before you publish.
      </p>
    );
  }
  if (findings.length === 0) return null;
  return (
    <section className="findings" aria-labelledby="findings-title" data-testid="findings">
      <h2 id="findings-title">
        {findings.length} possible secret{findings.length === 1 ? '' : 's'} or personal detail
        {findings.length === 1 ? '' : 's'}
      </h2>
      <ul>
        {findings.map((f) => (
          <li key={`${f.blockId}:${f.start}`} data-testid="finding" data-kind={f.kind}>
            <span>
              {KIND_LABEL[f.kind]} in {blockNumber(f.blockId)}: <code>{f.excerpt}</code>
            </span>{' '}
            <button type="button" data-testid="redact-finding" onClick={() => onRedact([f])}>
              Redact
            </button>
          </li>
        ))}
      </ul>
      <button type="button" data-testid="redact-all" onClick={() => onRedact(findings)}>
        Redact all
      </button>
    </section>
  );
}
