// Paying on the gateway's page: the sandbox gateway's own page (#/sandbox/{token}: says it is a sandbox, confirm or
// cancel), the page the gateway sends the payer back to (#/payment?token=…: the outcome and the receipt), and the
// officer's list of overdue instalments (#/overdue).
import { getSandboxPayment, decideSandboxPayment, getPayment, getOverdueInstalments } from '../api.js';
import { t, formatNumber, formatRials, formatDate } from '../i18n.js';
import { errorMessage, localName } from '../labels.js';
import { h, fill } from '../dom.js';

function errorBox() {
  return h('p', { className: 'form-error', role: 'alert', hidden: true });
}

function showError(box, error) {
  box.textContent = errorMessage(error);
  box.dataset.code = (error && error.code) || 'unknown';
  box.hidden = false;
}

/** A calendar day ("2025-04-30") in the user's calendar (Jalali in Persian); noon UTC keeps the day. */
function formatDay(day) {
  return day ? formatDate(day + 'T12:00:00Z') : '';
}

/** The sandbox gateway's page for session `token`. */
export async function renderSandboxView(root, token) {
  const box = errorBox();
  fill(root, h('h2', {}, t('payment.sandboxTitle')), box);
  let session;
  try {
    session = await getSandboxPayment(token);
  } catch (error) {
    showError(box, error);
    return;
  }
  const decide = (action) => async () => {
    box.hidden = true;
    for (const b of root.querySelectorAll('button')) b.disabled = true;
    try {
      const after = await decideSandboxPayment(token, action);
      location.assign(after.returnUrl);
    } catch (error) {
      showError(box, error);
      for (const b of root.querySelectorAll('button')) b.disabled = false;
    }
  };
  const open = session.state === 'OPEN';
  fill(root, h('section', { className: 'sandbox-page', id: 'sandbox-page', dataset: { state: session.state } },
    h('h2', {}, t('payment.sandboxTitle')),
    h('p', { className: 'sandbox-badge', id: 'sandbox-note', role: 'note' }, t('payment.sandboxNote')),
    h('dl', { className: 'card-fields' },
      h('dt', {}, t('payment.sandboxAmount')), h('dd', { id: 'sandbox-amount' }, formatRials(session.amount)),
      h('dt', {}, t('payment.sandboxFor')), h('dd', {}, session.purpose)),
    box,
    open ? h('div', { className: 'card-actions' },
      h('button', { type: 'button', className: 'button button-primary', id: 'sandbox-confirm',
        onclick: decide('confirm') }, t('payment.confirm')),
      h('button', { type: 'button', className: 'button', id: 'sandbox-cancel', onclick: decide('cancel') },
        t('payment.cancel')))
      : h('p', { className: 'hint' }, t('payment.sandboxDecided'))));
}

const OUTCOME_KEYS = {
  PAID: 'payment.paid', CANCELLED: 'payment.cancelled', OPEN: 'payment.pending', REFUND_DUE: 'payment.refundDue',
};

function what(p) {
  if (p.purpose === 'DEPOSIT') return t('payment.whatDeposit', { id: formatNumber(p.reservationId, { useGrouping: false }) });
  const id = formatNumber(p.allocationId, { useGrouping: false });
  if (p.purpose === 'IDLE_CHARGE') {
    return t(p.chargeKind === 'EXTENSION' ? 'payment.whatExtension' : 'payment.whatIdleFee',
      { id, charge: formatNumber(p.chargeId, { useGrouping: false }) });
  }
  return p.instalmentNumber === 0 ? t('payment.whatCash', { id })
    : t('payment.whatInstalment', { id, number: formatNumber(p.instalmentNumber) });
}

/** Where the gateway sends the payer back: the outcome of payment `token` and, once paid, its receipt. */
export async function renderPaymentView(root, token) {
  const box = errorBox();
  fill(root, h('h2', {}, t('payment.resultTitle')), box);
  let p;
  try {
    p = await getPayment(token);
  } catch (error) {
    showError(box, error);
    return;
  }
  const paid = p.state === 'PAID' || p.state === 'REFUND_DUE';
  const back = p.purpose === 'DEPOSIT'
    ? h('a', { className: 'button', href: '#/applications', id: 'payment-back' }, t('payment.backToApplications'))
    : h('a', { className: 'button', href: '#/contract/' + p.allocationId, id: 'payment-back' }, t('payment.backToContract'));
  fill(root, h('section', { className: 'payment-page', id: 'payment-page', dataset: { state: p.state } },
    h('h2', {}, t('payment.resultTitle')),
    h('p', { className: p.state === 'PAID' ? 'notice' : 'hint', role: 'status', id: 'payment-outcome' },
      t(OUTCOME_KEYS[p.state] || 'payment.pending')),
    paid ? h('article', { className: 'card receipt-card', id: 'receipt' },
      h('h3', {}, t('payment.receiptTitle', { number: p.number })),
      h('dl', { className: 'card-fields' },
        h('dt', {}, t('payment.receiptNumber')), h('dd', { id: 'receipt-number' }, p.number),
        h('dt', {}, t('payment.amount')), h('dd', { id: 'receipt-amount' }, formatRials(p.amount)),
        h('dt', {}, t('payment.date')), h('dd', { id: 'receipt-date' }, formatDay(p.paidOn)),
        h('dt', {}, t('payment.payer')), h('dd', {}, p.payer.organisation || p.payer.name),
        h('dt', {}, t('payment.what')), h('dd', { id: 'receipt-what' }, what(p), ' — ',
          localName(p.estateName, p.estateNameFa) || p.estate),
        h('dt', {}, t('payment.reference')), h('dd', {}, p.reference,
          p.sandbox ? h('strong', { className: 'sandbox-badge' }, ' ', t('applications.sandbox')) : null),
        p.decisionSeq ? [h('dt', {}, t('payment.decision')),
          h('dd', { id: 'receipt-decision' }, t('payment.decisionValue', { seq: formatNumber(p.decisionSeq, { useGrouping: false }) }))]
          : null)) : null,
    h('p', {}, back)));
}

/** The officer's list of unpaid instalments past due in their estates. */
export async function renderOverdueView(root) {
  const box = errorBox();
  const list = h('ul', { className: 'plain-list', id: 'overdue-list' });
  fill(root, h('h2', {}, t('payment.overdueTitle')), box, list);
  try {
    const { overdue } = await getOverdueInstalments();
    fill(list, overdue.length ? overdue.map((o) => h('li', { className: 'overdue-item',
      dataset: { allocation: o.allocationId, number: o.number } },
    h('a', { href: '#/contract/' + o.allocationId }, t('payment.overdueItem', {
      id: formatNumber(o.allocationId, { useGrouping: false }), number: formatNumber(o.number),
      amount: formatRials(o.amount), date: formatDay(o.dueOn), holder: o.holder,
    })), ' — ', localName(o.estateName, o.estateNameFa) || o.estate))
      : h('li', { className: 'empty-state' }, t('payment.overdueNone')));
  } catch (error) {
    showError(box, error);
  }
}
