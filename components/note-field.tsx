import { LIMITS } from '@/lib/halo/limits';
import { i18n } from '#i18n';

/** "Why I'm sharing this": shown above the content of the published Halo. */
export function NoteField({ value, onChange }: { value: string; onChange: (note: string) => void }) {
  return (
    <label className="field">
      <span className="field-label">{i18n.t('fields.note')}</span>
      <textarea
        data-testid="draft-note"
        rows={2}
        dir="auto"
        value={value}
        maxLength={LIMITS.noteChars}
        placeholder={i18n.t('fields.notePlaceholder')}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
