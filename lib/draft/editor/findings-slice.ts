import { i18n } from '#i18n';
import { SAVE_DEBOUNCE_MS, type SliceCreator } from '@/lib/draft/editor/state';
import { findInDraft, redactDraft, type Finding } from '@/lib/redact/draft-findings';

export interface FindingsSlice {
  /** Possible secrets and personal data in the included blocks, kept current as the draft changes. */
  findings: Finding[];
  /**
   * Why the last scan could not run (its code failed to load, issue 18): no findings is then no
   * proof there are none, and the editor says so instead of showing an empty list.
   */
  scanFailure: string | null;
  redact(findings: Finding[]): void;
}

let scanTimer: ReturnType<typeof setTimeout> | undefined;

export const createFindingsSlice: SliceCreator<FindingsSlice> = (set, get, internals) => {
  internals.scan = async () => {
    const { draft } = get();
    try {
      const findings = draft ? await findInDraft(draft) : [];
      if (get().draft === draft) set({ findings, scanFailure: null });
    } catch (error) {
      set({ scanFailure: String((error as Error)?.message ?? error) });
    }
  };
  internals.scheduleScan = () => {
    clearTimeout(scanTimer);
    scanTimer = setTimeout(() => void internals.scan(), SAVE_DEBOUNCE_MS);
  };
  return {
    findings: [],
    scanFailure: null,
    redact(findings) {
      internals.edit((draft) => redactDraft(draft, findings), i18n.t('step.redaction', findings.length));
      set({ findings: get().findings.filter((f) => !findings.includes(f)) });
    },
  };
};
