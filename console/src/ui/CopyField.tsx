// A read-only value with a Copy button (the clipboard is offered on https and localhost only; the
// field selects itself on focus so copying by hand works everywhere).
import { useState } from 'react';

export function CopyField({ label, value, secret = false }: { label: string; value: string; secret?: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="inline-form copy-field">
      <input readOnly aria-label={label} value={value} onFocus={(e) => e.target.select()} className={secret ? 'secret-value' : undefined} />
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
