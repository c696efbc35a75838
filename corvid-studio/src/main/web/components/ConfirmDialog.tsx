import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useAction } from '../app/hooks';
import { BusyButton } from './Busy';
import { Message } from './Message';

/**
 * A modal question such as "Delete database X?". The dialog stays open while the action runs and
 * shows the server's message if it fails. Escape or Cancel closes it; focus starts on Cancel.
 */
export function ConfirmDialog({ title, children, confirmText, busyText, danger = false, onConfirm, onClose }: {
  title: string;
  children: ComponentChildren;
  confirmText: string;
  busyText?: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const action = useAction();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) {
      element.showModal?.();
      if (!element.showModal) element.setAttribute('open', '');
    }
    cancel.current?.focus();
  }, []);

  const confirm = async () => {
    if (await action.run(onConfirm)) onClose();
  };

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!action.busy) onClose();
      }}
    >
      <h2 id="confirm-title">{title}</h2>
      <div class="dialog-body">{children}</div>
      {action.error && <Message kind="error">{action.error}</Message>}
      <div class="actions">
        <button type="button" ref={cancel} onClick={onClose} disabled={action.busy}>
          Cancel
        </button>
        <BusyButton class={danger ? 'danger' : 'primary'} busy={action.busy} busyText={busyText} onClick={confirm}>
          {confirmText}
        </BusyButton>
      </div>
    </dialog>
  );
}
