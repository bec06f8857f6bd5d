import { LIMITS } from '@/lib/halo/limits';
import { i18n } from '#i18n';

export function TitleField({ value, onChange }: { value: string; onChange: (title: string) => void }) {
  return (
    <label className="field">
      <span className="field-label">{i18n.t('fields.title')}</span>
      <input
        data-testid="draft-title"
        type="text"
        dir="auto"
        value={value}
        maxLength={LIMITS.titleChars}
        required
        placeholder={i18n.t('fields.titlePlaceholder')}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
