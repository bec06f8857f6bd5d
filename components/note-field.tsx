import { LIMITS } from '@/lib/halo/limits';

/** "Why I'm sharing this": shown above the content of the published Halo. */
export function NoteField({ value, onChange }: { value: string; onChange: (note: string) => void }) {
  return (
    <label className="field">
      <span className="field-label">Note (optional)</span>
      <textarea
        data-testid="draft-note"
        rows={2}
        value={value}
        maxLength={LIMITS.noteChars}
        placeholder="Why you are sharing this"
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
