// The working group's desk: the province's sessions for removing production obstacles, newest first, each with its
// members present and its agenda of idle units; a form to hold a session (province, day, members, units from the
// open idle cases); and for each undecided unit the decision form — approve a revival plan (items, each with the
// responsible agency and a deadline), refer to a bank for a facility (whole rials; Persian digits accepted),
// extend, or proceed to reclaim.
import { getIdleCases, getWorkingGroupSessions, createWorkingGroupSession, decideAgendaItem } from '../api.js';
import { t, formatNumber, parseNumber, joinParts } from '../i18n.js';
import { h, fill } from '../dom.js';
import { actionErrorBox, showActionError } from '../confirm.js';
import { errorMessage, localName } from '../labels.js';
import { formatDay, caseStateLabel } from './contract-view.js';
import { revivalLabel, parseJson } from './revival-plan.js';
import { revivalVocabularies, isoDay } from './revival-desk.js';

/** Renders the desk into `root`. */
export async function renderWorkingGroupView(root) {
  const message = h('p', { className: 'form-error', role: 'alert', hidden: true, id: 'wg-error' });
  const newSession = h('div', { id: 'wg-new-session' });
  const list = h('div', { className: 'card-list', id: 'wg-sessions' });
  root.replaceChildren(h('h2', {}, t('revival.wgTitle')), h('p', { className: 'hint' }, t('revival.wgIntro')),
    message, newSession, h('h3', {}, t('revival.wgSessions')), list);

  function fail(error) {
    message.textContent = errorMessage(error);
    message.dataset.code = (error && error.code) || 'unknown';
    message.hidden = false;
  }

  async function load() {
    try {
      const [vocabulary, { cases }, { sessions }] = await Promise.all([revivalVocabularies(),
        getIdleCases({ open: 'true' }), getWorkingGroupSessions()]);
      fill(newSession, sessionForm(cases, load));
      list.replaceChildren(...(sessions.length ? sessions.map((s) => sessionCard(s, vocabulary, load))
        : [h('p', { className: 'empty-state' }, t('revival.wgNoSessions'))]));
    } catch (error) {
      fail(error);
    }
  }
  await load();
}

function sessionForm(cases, reload) {
  const provinces = new Map();
  for (const c of cases) provinces.set(c.provinceId, localName(c.province, c.provinceFa));
  const province = h('select', { id: 'wg-province' }, [...provinces].map(([id, name]) => h('option', { value: id }, name)));
  const heldOn = h('input', { id: 'wg-held-on', type: 'date' });
  const members = h('textarea', { id: 'wg-members', rows: 3, maxLength: 4000 });
  const units = h('fieldset', { id: 'wg-units', className: 'wg-units' }, h('legend', {}, t('revival.wgAgenda')));
  const box = actionErrorBox('wg-session-error');
  function showUnits() {
    units.replaceChildren(h('legend', {}, t('revival.wgAgenda')), ...cases
      .filter((c) => String(c.provinceId) === province.value)
      .map((c) => h('label', { className: 'checkbox' }, h('input', { type: 'checkbox', value: c.id, className: 'wg-unit',
        dataset: { allocation: c.allocationId } }), ' ', t('revival.wgUnit', {
        id: formatNumber(c.id, { useGrouping: false }), allocation: formatNumber(c.allocationId, { useGrouping: false }),
        plots: (parseJson(c.parcels, []) || []).map((p) => p.plotNumber).join(', '), state: caseStateLabel(c.state) }))));
  }
  province.addEventListener('change', showUnits);
  showUnits();
  return h('form', {
    className: 'card wg-session-form', id: 'wg-session-form',
    onsubmit: async (event) => {
      event.preventDefault();
      box.hidden = true;
      try {
        await createWorkingGroupSession({
          provinceId: Number(province.value),
          heldOn: isoDay(heldOn.value),
          members: members.value.split('\n').map((m) => m.trim()).filter(Boolean),
          caseIds: [...units.querySelectorAll('input:checked')].map((i) => Number(i.value)),
        });
        await reload();
      } catch (error) {
        showActionError(box, error);
      }
    },
  },
  h('h3', {}, t('revival.wgNewSession')),
  h('div', { className: 'field' }, h('label', { htmlFor: province.id }, t('revival.wgProvince')), province),
  h('div', { className: 'field' }, h('label', { htmlFor: heldOn.id }, t('revival.wgHeldOn')), heldOn),
  h('div', { className: 'field' }, h('label', { htmlFor: members.id }, t('revival.wgMembers')), members,
    h('p', { className: 'hint' }, t('revival.wgMembersHint'))),
  units,
  h('button', { type: 'submit', className: 'button button-primary', id: 'wg-session-submit' }, t('revival.wgHold')),
  box);
}

function sessionCard(s, vocabulary, reload) {
  const agenda = parseJson(s.agenda, []) || [];
  const members = parseJson(s.members, []) || [];
  return h('article', { className: 'card wg-session', dataset: { id: s.id } },
    h('header', { className: 'card-header' }, h('h4', {}, t('revival.wgSessionTitle', {
      province: localName(s.province, s.provinceFa), date: formatDay(s.heldOn) }))),
    h('p', { className: 'wg-members' }, t('revival.wgMembersPresent', { members: joinParts(members) })),
    agenda.map((a) => h('section', { className: 'wg-agenda-item', dataset: { case: a.caseId, decision: a.decision || '' } },
      h('h5', {}, t('revival.wgUnitTitle', { id: formatNumber(a.caseId, { useGrouping: false }),
        allocation: formatNumber(a.allocationId, { useGrouping: false }), plots: a.plots || '' }), ' ',
      h('a', { href: '#/contract/' + a.allocationId }, t('idle.openContract'))),
      a.decision ? h('p', { className: 'wg-decided' }, t('revival.decisionLine', { date: formatDay(s.heldOn),
        decision: revivalLabel('decision', a.decision) }), a.facilityRials ? ' ' + t('revival.facilityLine', {
        bank: a.bankName, amount: formatNumber(a.facilityRials) }) : '')
        : decisionForm(s, a, vocabulary, reload))));
}

function decisionForm(s, a, vocabulary, reload) {
  const key = s.id + '-' + a.caseId;
  const decision = h('select', { id: 'wg-decision-' + key, className: 'wg-decision' }, vocabulary.decisions.map((d) =>
    h('option', { value: d }, revivalLabel('decision', d))));
  const rows = h('div', { className: 'plan-items' });
  const addRow = () => rows.append(h('div', { className: 'plan-item' },
    h('input', { type: 'text', className: 'plan-description', 'aria-label': t('revival.itemDescription'),
      placeholder: t('revival.itemDescription') }),
    h('select', { className: 'plan-agency', 'aria-label': t('revival.itemAgency') }, vocabulary.agencies.map((code) =>
      h('option', { value: code }, revivalLabel('agency', code)))),
    h('input', { type: 'date', className: 'plan-due', 'aria-label': t('revival.itemDue') })));
  addRow();
  const planBox = h('div', { className: 'wg-plan' }, h('h6', {}, t('revival.planTitle')), rows,
    h('button', { type: 'button', className: 'button wg-add-item', onclick: addRow }, t('idle.planAddItem')));
  const bank = h('input', { type: 'text', id: 'wg-bank-' + key, className: 'wg-bank', maxLength: 200 });
  const amount = h('input', { type: 'text', id: 'wg-amount-' + key, className: 'wg-amount', inputMode: 'numeric' });
  const bankBox = h('div', { className: 'wg-bank-fields' },
    h('div', { className: 'field' }, h('label', { htmlFor: bank.id }, t('revival.bankName')), bank),
    h('div', { className: 'field' }, h('label', { htmlFor: amount.id }, t('revival.facilityRials')), amount));
  const months = h('input', { type: 'text', id: 'wg-months-' + key, className: 'wg-months', inputMode: 'numeric', size: 4 });
  const monthsBox = h('div', { className: 'field' }, h('label', { htmlFor: months.id }, t('idle.months')), months);
  const note = h('input', { type: 'text', id: 'wg-note-' + key, className: 'wg-note', maxLength: 2000 });
  const box = actionErrorBox('wg-decision-error-' + key);
  function showFields() {
    planBox.hidden = decision.value !== 'APPROVE_PLAN';
    bankBox.hidden = decision.value !== 'REFER_TO_BANK';
    monthsBox.hidden = decision.value !== 'EXTEND';
  }
  decision.addEventListener('change', showFields);
  showFields();
  return h('form', {
    className: 'wg-decision-form',
    onsubmit: async (event) => {
      event.preventDefault();
      box.hidden = true;
      const body = { decision: decision.value, note: note.value || null };
      if (decision.value === 'APPROVE_PLAN') {
        body.items = [...rows.querySelectorAll('.plan-item')].map((row) => ({
          description: row.querySelector('.plan-description').value,
          agency: row.querySelector('.plan-agency').value,
          dueOn: isoDay(row.querySelector('.plan-due').value),
        })).filter((i) => i.description || i.dueOn);
      } else if (decision.value === 'REFER_TO_BANK') {
        body.bankName = bank.value;
        body.facilityRials = parseNumber(amount.value);
      } else if (decision.value === 'EXTEND') {
        body.months = parseNumber(months.value);
      }
      try {
        await decideAgendaItem(s.id, a.caseId, body);
        await reload();
      } catch (error) {
        showActionError(box, error);
      }
    },
  },
  h('div', { className: 'field' }, h('label', { htmlFor: decision.id }, t('revival.decision')), decision),
  planBox, bankBox, monthsBox,
  h('div', { className: 'field' }, h('label', { htmlFor: note.id }, t('revival.note')), note),
  h('button', { type: 'submit', className: 'button button-primary wg-decide' }, t('revival.decide')),
  box);
}
