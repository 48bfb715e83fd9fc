// One reservation as a card: plots, status, hold countdown, deposit and receipt. Shared by the investor's and
// the officer's views.
import { t, formatRials, formatDateTime, formatNumber, formatArea, joinParts } from '../i18n.js';
import { localName } from '../labels.js';
import { h } from '../dom.js';

const STATUS_KEYS = {
  HELD: 'applications.statusHeld',
  SUBMITTED: 'applications.statusSubmitted',
  APPROVED: 'applications.statusApproved',
  REJECTED: 'applications.statusRejected',
  EXPIRED: 'applications.statusExpired',
  WITHDRAWN: 'applications.statusWithdrawn',
};

export function reservationStatusLabel(status) {
  return STATUS_KEYS[status] ? t(STATUS_KEYS[status]) : status;
}

/** "2 h 14 min" style remaining time until `iso`, or null when it has passed. */
export function remaining(iso) {
  const ms = new Date(iso).getTime() - Date.now();
  if (!(ms > 0)) return null;
  const minutes = Math.floor(ms / 60000);
  return t('applications.remaining', {
    hours: formatNumber(Math.floor(minutes / 60)), minutes: formatNumber(minutes % 60),
  });
}

/** A card for reservation `r`; `actions` are extra elements (buttons) appended at the end. */
export function reservationCard(r, actions = []) {
  const plots = (r.parcels || []).map((p) => t('applications.plot', { number: p.plotNumber, area: formatArea(p.areaM2) }));
  const countdown = h('span', { className: 'countdown', dataset: { expires: r.holdExpiresAt } });
  const card = h('article', { className: 'card reservation-card', dataset: { id: r.id, status: r.status } },
    h('header', { className: 'card-header' },
      h('h3', {}, t('applications.cardTitle', { id: formatNumber(r.id, { useGrouping: false }) })),
      h('span', { className: 'status-pill status-pill-' + r.status }, reservationStatusLabel(r.status))),
    h('p', {}, localName(r.estateName, r.estateNameFa) || r.estate),
    h('p', {}, joinParts(plots)),
    h('dl', { className: 'card-fields' },
      h('dt', {}, t('applications.activity')), h('dd', {}, r.activity),
      h('dt', {}, t('applications.investment')), h('dd', {}, formatRials(r.investment)),
      h('dt', {}, t('applications.jobs')), h('dd', {}, formatNumber(r.jobs)),
      h('dt', {}, t('applications.knowledgeBased')), h('dd', {}, r.knowledgeBased ? t('applications.yes') : t('applications.no')),
      h('dt', {}, t('applications.deposit')), h('dd', {}, formatRials(r.depositAmount)),
      h('dt', {}, t('applications.created')), h('dd', {}, formatDateTime(r.createdAt))),
    r.status === 'HELD' ? h('p', { className: 'hold-note' }, t('applications.holdEnds'), ' ', countdown) : null,
    r.payment ? h('p', { className: 'receipt' }, t('applications.receipt', { receipt: r.payment.receipt }),
      r.payment.sandbox ? h('strong', { className: 'sandbox-badge' }, ' ', t('applications.sandbox')) : null,
      r.payment.refundStatus === 'DUE' ? h('span', {}, t('list.separator'), t('applications.refundDue')) : null) : null,
    r.reason ? h('p', { className: 'reason' }, t('applications.reason', { reason: r.reason })) : null,
    actions.length ? h('div', { className: 'card-actions' }, actions) : null);
  updateCountdowns(card);
  return card;
}

/** Refreshes every hold countdown under `root`. */
export function updateCountdowns(root) {
  for (const el of root.querySelectorAll('.countdown')) {
    el.textContent = remaining(el.dataset.expires) || t('applications.holdOver');
  }
}
