// The public decision log: every state change, newest first, and whether the hash chain verifies.
import { getDecisions, verifyDecisions } from '../api.js';
import { t, formatDateTime, formatNumber } from '../i18n.js';
import { errorMessage } from '../labels.js';
import { h } from '../dom.js';
import { reservationStatusLabel } from './reservation-card.js';

const ACTION_KEYS = {
  'reservation.held': 'decisions.actionHeld',
  'reservation.submitted': 'decisions.actionSubmitted',
  'reservation.approved': 'decisions.actionApproved',
  'reservation.rejected': 'decisions.actionRejected',
  'reservation.expired': 'decisions.actionExpired',
  'reservation.withdrawn': 'decisions.actionWithdrawn',
};

/** Renders the latest entries of the public log into `root`. */
export async function renderDecisionsView(root) {
  const status = h('p', { className: 'chain-status', id: 'chain-status' });
  const body = h('tbody');
  root.replaceChildren(h('h2', {}, t('decisions.title')), h('p', { className: 'hint' }, t('decisions.intro')), status,
    h('table', { className: 'decision-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('decisions.seq')), h('th', {}, t('decisions.when')),
        h('th', {}, t('decisions.who')), h('th', {}, t('decisions.what')), h('th', {}, t('decisions.subject')),
        h('th', {}, t('decisions.change')), h('th', {}, t('decisions.why')))),
      body));
  try {
    const [log, verification] = await Promise.all([getDecisions({ limit: 200 }), verifyDecisions()]);
    status.textContent = verification.valid
      ? t('decisions.chainValid', { count: formatNumber(verification.entries) })
      : t('decisions.chainBroken', { seq: formatNumber(verification.firstBrokenSeq) });
    status.dataset.valid = String(Boolean(verification.valid));
    body.replaceChildren(...log.decisions.map((d) => h('tr', { dataset: { seq: d.seq } },
      h('td', {}, formatNumber(d.seq, { useGrouping: false })),
      h('td', {}, formatDateTime(d.occurredAt)),
      h('td', {}, d.actorRole),
      h('td', {}, ACTION_KEYS[d.action] ? t(ACTION_KEYS[d.action]) : d.action),
      h('td', {}, [d.subjectType, d.subjectId, d.estate].filter(Boolean).join(' · ')),
      h('td', {}, [d.fromState, d.toState].filter(Boolean).map(reservationStatusLabel).join(' → ')),
      h('td', {}, d.reason || ''))));
    if (!log.decisions.length) body.replaceChildren(h('tr', {}, h('td', { colSpan: 7 }, t('decisions.empty'))));
  } catch (error) {
    status.textContent = errorMessage(error);
  }
}
