import type { ComponentChildren } from 'preact';

export type MessageKind = 'error' | 'success' | 'info' | 'warning';

/** A message box: errors are announced at once (role=alert), others politely (role=status). */
export function Message({ kind, children, onDismiss }: { kind: MessageKind; children: ComponentChildren; onDismiss?: () => void }) {
  return (
    <div class={`message message-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div class="message-text">{children}</div>
      {onDismiss && (
        <button type="button" class="link-button" onClick={onDismiss} aria-label="Dismiss message">
          ×
        </button>
      )}
    </div>
  );
}
