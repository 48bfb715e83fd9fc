// The landing page of the address-confirmation link (#/confirm?token=…) mailed at sign-up.
import { t } from '../i18n.js';
import { errorMessage } from '../labels.js';
import { h } from '../dom.js';
import { confirmEmail } from '../api.js';

/** Confirms the address with the link's token, then offers the sign-in page. */
export async function renderConfirmView(root, token) {
  const status = h('p', { id: 'confirm-status', role: 'status' }, t('confirm.working'));
  root.replaceChildren(h('div', { className: 'form' }, h('h2', {}, t('confirm.title')), status));
  try {
    await confirmEmail(token);
    status.textContent = t('confirm.done');
    status.after(h('a', { href: '#/signin', id: 'confirm-signin', className: 'button button-primary' },
      t('auth.signIn')));
  } catch (error) {
    status.textContent = errorMessage(error);
    status.setAttribute('role', 'alert');
  }
}
