import { SAVE_DEBOUNCE_MS, type SliceCreator } from '@/lib/draft/editor/state';
import { findInDraft, redactDraft, type Finding } from '@/lib/redact/draft-findings';

export interface FindingsSlice {
  /** Possible secrets and personal data in the included blocks, kept current as the draft changes. */
  findings: Finding[];
  redact(findings: Finding[]): void;
}

let scanTimer: ReturnType<typeof setTimeout> | undefined;

export const createFindingsSlice: SliceCreator<FindingsSlice> = (set, get, internals) => {
  internals.scan = async () => {
    const { draft } = get();
    const findings = draft ? await findInDraft(draft) : [];
    if (get().draft === draft) set({ findings });
  };
  internals.scheduleScan = () => {
    clearTimeout(scanTimer);
    scanTimer = setTimeout(() => void internals.scan(), SAVE_DEBOUNCE_MS);
  };
  return {
    findings: [],
    redact(findings) {
      internals.edit((draft) => redactDraft(draft, findings), findings.length === 1 ? 'redaction' : 'redactions');
      set({ findings: get().findings.filter((f) => !findings.includes(f)) });
    },
  };
};
