import type { ComponentChildren, JSX } from 'preact';

export function Spinner({ label }: { label?: string }) {
  return (
    <span class="spinner-wrap">
      <span class="spinner" aria-hidden="true" />
      {label && <span>{label}</span>}
    </span>
  );
}

/** "Loading…" with a spinner, announced to screen readers. */
export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      <Spinner label={`${what}…`} />
    </p>
  );
}

type ButtonProps = JSX.HTMLAttributes<HTMLButtonElement> & {
  busy?: boolean;
  busyText?: string;
  children: ComponentChildren;
  type?: 'button' | 'submit';
  disabled?: boolean;
};

/** A button that shows a spinner and its busy text while its action runs, and cannot be pressed twice. */
export function BusyButton({ busy = false, busyText, children, disabled, type = 'button', ...rest }: ButtonProps) {
  return (
    <button {...rest} type={type} disabled={disabled || busy} aria-busy={busy}>
      {busy ? <Spinner label={busyText ?? 'Working'} /> : children}
    </button>
  );
}
