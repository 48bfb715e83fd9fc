// "My applications": the investor's reservations with their status, hold countdown and the pay button.
import { getReservations, reservationAction, openDepositPayment } from '../api.js';
import { t } from '../i18n.js';
import { errorMessage } from '../labels.js';
import { h, fill } from '../dom.js';
import { reservationCard, updateCountdowns } from './reservation-card.js';

let timer = null;

/** Renders the investor's applications into `root`; `notice` is a message key to show first (or null). */
export async function renderApplicationsView(root, { notice } = {}) {
  clearInterval(timer);
  const message = h('p', { className: 'form-error', role: 'alert', hidden: true });
  const list = h('div', { className: 'card-list', id: 'applications-list' });
  fill(root, h('h2', {}, t('applications.title')),
    notice ? h('p', { className: 'notice', role: 'status' }, t(notice)) : null, message, list);

  async function act(id, action) {
    message.hidden = true;
    try {
      await reservationAction(id, action);
    } catch (error) {
      message.textContent = errorMessage(error);
      message.dataset.code = error.code || 'unknown';
      message.hidden = false;
    }
    await load();
  }

  // The deposit is paid on the gateway's page: open a session, go there; the gateway sends the payer back.
  async function pay(id) {
    message.hidden = true;
    try {
      const session = await openDepositPayment(id);
      location.assign(session.payUrl);
    } catch (error) {
      message.textContent = errorMessage(error);
      message.dataset.code = error.code || 'unknown';
      message.hidden = false;
      await load();
    }
  }

  async function load() {
    try {
      const { reservations } = await getReservations();
      list.replaceChildren(...(reservations.length ? reservations.map((r) => reservationCard(r, [
        r.status === 'HELD' ? h('button', { type: 'button', className: 'button button-primary pay-button',
          onclick: () => pay(r.id) }, t('applications.pay')) : null,
        r.status === 'HELD' || r.status === 'SUBMITTED' ? h('button', { type: 'button', className: 'button withdraw-button',
          onclick: () => act(r.id, 'withdraw') }, t('applications.withdraw')) : null,
        r.allocationId ? h('a', { className: 'button contract-link', href: '#/contract/' + r.allocationId },
          t('contract.open')) : null,
      ].filter(Boolean))) : [h('p', { className: 'empty-state' }, t('applications.empty'))]));
    } catch (error) {
      message.textContent = errorMessage(error);
      message.hidden = false;
    }
  }
  await load();
  timer = setInterval(() => updateCountdowns(list), 30000);
}

export function leaveApplicationsView() {
  clearInterval(timer);
}
