// What the revival desk shows in more than one place: the labels of its vocabularies (causes, agencies,
// recommendations, decisions, item statuses) and the plan table (each item with its agency, its written due day,
// the day it is due after the stopped clock, and its status), plus the diagnoses list.
import { t, formatNumber, formatRials, joinParts } from '../i18n.js';
import { h } from '../dom.js';
import { formatDay } from './contract-view.js';

/** The translated name of a code of one of the desk's vocabularies (`cause`, `agency`, `recommendation`…). */
export function revivalLabel(kind, code) {
  return code ? t(['revival', kind, code].join('.')) : '';
}

export function parseJson(text, fallback) {
  if (text === null || text === undefined) return fallback;
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** The plan items as a table; `onMet(item)` (staff) adds a "met" button to each open item. */
export function planTable(plan, { onMet } = {}) {
  if (!plan.length) return null;
  return h('table', { className: 'data-table revival-plan', id: 'revival-plan' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('revival.itemDescription')),
      h('th', { scope: 'col' }, t('revival.itemAgency')),
      h('th', { scope: 'col' }, t('revival.itemDue')),
      h('th', { scope: 'col' }, t('revival.itemEffectiveDue')),
      h('th', { scope: 'col' }, t('revival.itemStatus')),
      onMet ? h('th', { scope: 'col' }, t('revival.itemMet')) : null)),
    h('tbody', {}, plan.map((i) => h('tr', { className: 'revival-item', dataset: { id: i.id, agency: i.agency,
      status: i.status || '' } },
    h('td', {}, i.description),
    h('td', { className: 'revival-item-agency' }, revivalLabel('agency', i.agency)),
    h('td', { className: 'revival-item-due' }, formatDay(i.dueOn)),
    h('td', { className: 'revival-item-effective' }, formatDay(i.effectiveDueOn || i.dueOn)),
    h('td', { className: 'revival-item-status' }, i.status ? revivalLabel('status', i.status) : '',
      i.metOn ? ' ' + formatDay(i.metOn) : ''),
    onMet ? h('td', {}, i.metOn ? null : h('button', { type: 'button', className: 'button revival-item-met',
      onclick: () => onMet(i) }, t('revival.itemMet'))) : null))));
}

/** The stopped clock in words: how many days, and that the delay is government-caused. */
export function stoppedClock(r) {
  if (!r.governmentCaused && !r.stoppedDays) return null;
  return h('p', { className: 'notice revival-stopped', id: 'revival-stopped', dataset: { days: r.stoppedDays } },
    t('revival.stoppedClock', { days: formatNumber(r.stoppedDays) }));
}

/** The advisers' diagnoses. */
export function diagnosesList(diagnoses) {
  if (!diagnoses.length) return null;
  return h('ul', { className: 'plain-list revival-diagnoses' }, diagnoses.map((d) => h('li', { className: 'revival-diagnosis' },
    t('revival.diagnosisLine', { date: formatDay(d.visitedOn), causes: joinParts((d.causes || []).map((c) =>
      revivalLabel('cause', c))), recommendation: revivalLabel('recommendation', d.recommendation) }),
    d.evidence ? h('span', { className: 'hint' }, ' — ', d.evidence) : null)));
}

/** The working group's decisions on the unit. */
export function decisionsList(decisions) {
  if (!decisions.length) return null;
  return h('ul', { className: 'plain-list revival-decisions' }, decisions.map((d) => h('li', { className: 'revival-decision',
    dataset: { decision: d.decision } },
  t('revival.decisionLine', { date: formatDay(d.heldOn), decision: revivalLabel('decision', d.decision) }),
  d.facilityRials ? ' ' + t('revival.facilityLine', { bank: d.bankName, amount: formatRials(d.facilityRials) }) : '',
  d.note ? h('span', { className: 'hint' }, ' — ', d.note) : null)));
}
