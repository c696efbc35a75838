import type { ComponentChildren } from 'preact';

/** A labelled form field with an optional hint and an inline error under it. */
export function Field({ id, label, error, hint, children, class: className }: {
  id: string;
  label: ComponentChildren;
  error?: string;
  hint?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <div class={`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && !error && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Attributes that tie an input to its Field's hint or error. */
export function describedBy(id: string, error?: string, hasHint = false) {
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hasHint ? `${id}-hint` : undefined,
  };
}
