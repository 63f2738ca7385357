// A read-only value with a Copy button (the clipboard is offered on https and localhost only; the
// field selects itself on focus so copying by hand works everywhere).
import { useId, useState } from 'react';

export function CopyField({ label, value, secret = false }: { label: string; value: string; secret?: boolean }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  return (
    <div className="inline-form copy-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} readOnly value={value} onFocus={(e) => e.target.select()} className={secret ? 'secret-value' : undefined} />
      <button
        type="button"
        aria-label={`Copy ${label.toLowerCase()}`}
        onClick={() =>
          void navigator.clipboard?.writeText(value).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
