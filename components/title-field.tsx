import { LIMITS } from '@/lib/halo/limits';

export function TitleField({ value, onChange }: { value: string; onChange: (title: string) => void }) {
  return (
    <label className="field">
      <span className="field-label">Title</span>
      <input
        data-testid="draft-title"
        type="text"
        value={value}
        maxLength={LIMITS.titleChars}
        required
        placeholder="Give the Halo a title"
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
