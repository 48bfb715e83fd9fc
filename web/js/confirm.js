// Confirmation before an irreversible action, and an error shown beside the action it refuses.
// The confirmation is a modal <dialog> (focus is kept inside it, Escape cancels), never window.confirm.
import { t } from './i18n.js';
import { errorMessage } from './labels.js';
import { h } from './dom.js';

/** Asks `message` in a modal dialog; resolves true for "yes", false for "cancel" or Escape. */
export function confirmAction(message) {
  const opener = document.activeElement;
  const text = h('h2', { id: 'confirm-text' }, message);
  const yes = h('button', { type: 'submit', className: 'button button-primary', id: 'confirm-yes', value: 'yes' }, t('confirm.yes'));
  const no = h('button', { type: 'submit', className: 'button', id: 'confirm-no', value: 'no' }, t('confirm.no'));
  const dialog = h('dialog', { className: 'confirm-dialog', 'aria-labelledby': 'confirm-text' },
    h('form', { method: 'dialog' }, text, h('div', { className: 'card-actions' }, yes, no)));
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (opener && opener.isConnected) opener.focus();
      resolve(dialog.returnValue === 'yes');
    });
    dialog.showModal();
    no.focus();
  });
}

/** An empty, hidden error box for one action: role="alert" announces it, and it takes focus when filled. */
export function actionErrorBox(id) {
  return h('p', { className: 'form-error action-error', role: 'alert', tabindex: '-1', id, hidden: true });
}

/** Writes `error` in plain words into `box` (beside the action), shows it, scrolls it into view and focuses it. */
export function showActionError(box, error) {
  box.textContent = errorMessage(error);
  box.dataset.code = (error && error.code) || 'unknown';
  box.hidden = false;
  box.focus();
  box.scrollIntoView({ block: 'center' });
}
