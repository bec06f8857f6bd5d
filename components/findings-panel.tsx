import type { Finding } from '@/lib/redact/draft-findings';
import type { SensitiveKind } from '@/lib/redact/find-sensitive';
import { i18n } from '#i18n';
import { formatCount } from '@/lib/i18n/ui-locale';

const KIND_LABEL: Record<SensitiveKind, () => string> = {
  'api-key': () => i18n.t('findings.apiKey'),
  'private-key': () => i18n.t('findings.privateKey'),
  token: () => i18n.t('findings.token'),
  secret: () => i18n.t('findings.secret'),
  email: () => i18n.t('findings.email'),
  phone: () => i18n.t('findings.phone'),
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
        {i18n.t('findings.scanFailure', [scanFailure])}
      </p>
    );
  }
  if (findings.length === 0) return null;
  return (
    <section className="findings" aria-labelledby="findings-title" data-testid="findings">
      <h2 id="findings-title">{i18n.t('findings.title', findings.length, [formatCount(findings.length)])}</h2>
      <ul>
        {findings.map((f) => (
          <li key={`${f.blockId}:${f.start}`} data-testid="finding" data-kind={f.kind}>
            <span>
              {i18n.t('findings.where', [KIND_LABEL[f.kind](), blockNumber(f.blockId)])}{' '}
              <code dir="auto">{f.excerpt}</code>
            </span>{' '}
            <button type="button" data-testid="redact-finding" onClick={() => onRedact([f])}>
              {i18n.t('findings.redact')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" data-testid="redact-all" onClick={() => onRedact(findings)}>
        {i18n.t('findings.redactAll')}
      </button>
    </section>
  );
}
