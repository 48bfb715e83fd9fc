// The investor's contracts: "My contracts" lists the allocations; one contract page shows the payment schedule,
// the milestones with their deadlines, the instalments due, extensions (with the request form), progress reports
// (with the upload form), the notices of idle cases with the reply form and the idle charges (idle fees, paid
// extension slices).
import {
  getAllocations, getContract, requestExtension, uploadReport, replyToNotice, recordMilestone, uploadInspection,
  decideExtension, getInstalments, openInstalmentPayment,
} from '../api.js';
import { confirmAction, actionErrorBox, showActionError } from '../confirm.js';
import { t, formatNumber, formatRials, formatDate, formatDateTime, parseNumber, plural, joinParts } from '../i18n.js';
import { loadEstateNames, estateName } from '../estate-names.js';
import { errorMessage, localName } from '../labels.js';
import { h, fill } from '../dom.js';
import { photoFields, photoList } from './inspection-photos.js';
import { revivalPanel } from './revival-panel.js';

const MILESTONE_KEYS = {
  POSSESSION: 'contract.milestonePossession',
  BUILDING_PERMIT: 'contract.milestonePermit',
  CONSTRUCTION_START: 'contract.milestoneStart',
  CONSTRUCTION_COMPLETION: 'contract.milestoneCompletion',
  OPERATING_LICENCE: 'contract.milestoneLicence',
};

const CASE_STATE_KEYS = {
  OPEN: 'idle.stateOpen',
  NOTICE_SERVED: 'idle.stateNoticeServed',
  REVIVAL_PLAN: 'idle.stateRevivalPlan',
  EXTENDED: 'idle.stateExtended',
  DISMISSED: 'idle.stateDismissed',
  RECLAIMED: 'idle.stateReclaimed',
  REVIVED: 'idle.stateRevived',
};

const FINDING_KEYS = {
  ACTIVE: 'contract.findingActive',
  PARTLY_ACTIVE: 'contract.findingPartly',
  INACTIVE: 'contract.findingInactive',
};

const MONTHS = { one: 'count.monthOne', other: 'count.monthOther' };

/** Roles whose progress reports predate the rule that only the holder reports. */
const STAFF_ROLES = ['officer', 'admin', 'planner'];

const EXTENSION_KEYS = {
  REQUESTED: 'contract.extensionRequested',
  GRANTED: 'contract.extensionGranted',
  REFUSED: 'contract.extensionRefused',
};

/** A calendar day ("2025-04-30") in the user's calendar; noon UTC keeps the day the same in every time zone. */
export function formatDay(day) {
  if (!day) return '';
  return formatDate(/^\d{4}-\d{2}-\d{2}$/.test(day) ? day + 'T12:00:00Z' : day);
}

/** The translated name of a milestone kind. */
export function milestoneLabel(kind) {
  return MILESTONE_KEYS[kind] ? t(MILESTONE_KEYS[kind]) : kind;
}

/** The translated name of an idle case state. */
export function caseStateLabel(state) {
  return CASE_STATE_KEYS[state] ? t(CASE_STATE_KEYS[state]) : state;
}

function today() {
  return new Date().toISOString().slice(0, 10);
}

function errorBox() {
  return h('p', { className: 'form-error', role: 'alert', hidden: true });
}

function showError(box, error) {
  box.textContent = errorMessage(error);
  box.dataset.code = (error && error.code) || 'unknown';
  box.hidden = false;
}

/** "My contracts": the investor's allocations, each linking to its contract page. */
export async function renderContractsView(root) {
  const message = errorBox();
  const list = h('div', { className: 'card-list', id: 'contracts-list' });
  root.replaceChildren(h('h2', {}, t('contract.listTitle')), message, list);
  try {
    const { allocations } = await getAllocations();
    list.replaceChildren(...(allocations.length ? allocations.map((a) => h('article', {
      className: 'card contract-card', dataset: { id: a.id, status: a.status },
    },
    h('header', { className: 'card-header' },
      h('h3', {}, t('contract.cardTitle', { id: formatNumber(a.id, { useGrouping: false }) })),
      h('span', { className: 'status-pill' }, a.status === 'ACTIVE' ? t('contract.active') : t('contract.terminated'))),
    h('p', {}, localName(a.estateName, a.estateNameFa) || a.estate),
    h('p', {}, joinParts((a.parcels || []).map((p) => t('contract.plot', { number: p.plotNumber })))),
    h('div', { className: 'card-actions' },
      h('a', { className: 'button button-primary open-contract', href: '#/contract/' + a.id }, t('contract.open')))))
      : [h('p', { className: 'empty-state' }, t('contract.empty'))]));
  } catch (error) {
    showError(message, error);
  }
}

/** One contract page for allocation `id`; `holder` (the investor) gets the reply, extension and report forms. */
export async function renderContractView(root, id, { holder = true } = {}) {
  const message = errorBox();
  const body = h('div', { className: 'contract-page', id: 'contract-page' });
  root.replaceChildren(h('p', {}, holder ? h('a', { href: '#/contracts' }, t('contract.back'))
    : h('a', { href: '#/idle' }, t('contract.backToIdle'))),
    h('h2', {}, t('contract.title', { id: formatNumber(id, { useGrouping: false }) })), message, body);

  async function load() {
    let c;
    let paid;
    try {
      [c, , paid] = await Promise.all([getContract(id), loadEstateNames(), getInstalments(id)]);
    } catch (error) {
      showError(message, error);
      return;
    }
    message.hidden = true;
    body.dataset.allocation = String(id);
    fill(body,
      summary(c), notices(c, load, holder), revivalPanel(id), idleCharges(c), schedule(c, paid, holder), milestones(c),
      holder ? null : officerDesk(c, load),
      extensions(c, load, holder), reports(c, load, holder));
  }
  await load();
}

/** The label of each category policy's plan (V762). */
const PLAN_KEYS = { STANDARD: 'contract.planStandard', KNOWLEDGE_BASED: 'contract.planKnowledge',
  SMALL_POWER_PLANT: 'contract.planPowerPlant' };

function field(labelKey, value) {
  return [h('dt', {}, t(labelKey)), h('dd', {}, value)];
}

function summary(c) {
  const plan = c.plan || {};
  const sched = c.schedule || {};
  return h('section', { className: 'contract-section', id: 'contract-summary' },
    h('dl', { className: 'card-fields' },
      field('contract.estate', localName(c.estateName, c.estateNameFa) || estateName(c.estate)),
      field('contract.status', c.status === 'ACTIVE' ? t('contract.active') : t('contract.terminated')),
      field('contract.signedOn', formatDay(c.signedOn)),
      c.listPrice != null && c.listPrice !== c.price ? field('contract.listPrice', formatRials(c.listPrice)) : [],
      field('contract.price', formatRials(c.price)),
      field('contract.plan', t(PLAN_KEYS[plan.code] || 'contract.planStandard')),
      field('contract.planTerms', t('contract.planTermsValue', {
        cash: formatNumber((plan.cashShareBasisPoints || 0) / 100),
        grace: formatNumber(plan.graceMonths || 0),
        count: formatNumber(plan.instalmentCount || 0),
        interval: formatNumber(plan.intervalMonths || 0),
      })),
      field('contract.cash', formatRials(sched.cash)),
      field('contract.financed', formatRials(sched.financed)),
      sched.forgiven ? field('contract.forgiven', formatRials(sched.forgiven)) : [],
      field('contract.dueToDate', formatRials(c.dueToDate)),
      field('contract.nextInstalment', c.nextInstalment
        ? t('contract.nextInstalmentValue', { amount: formatRials(c.nextInstalment.amount), date: formatDay(c.nextInstalment.dueOn) })
        : t('contract.none'))));
}

// --- idle charges: each idle fee line and paid extension slice, its amount in rials, its period and its status ---

const CHARGE_KIND_KEYS = { IDLE_FEE: 'contract.chargeIdleFee', EXTENSION: 'contract.chargeExtension' };
const CHARGE_STATUS_KEYS = { UNPAID: 'contract.chargeUnpaid' };
const DAYS = { one: 'count.dayOne', other: 'count.dayOther' };
const SLICES = { one: 'count.sliceOne', other: 'count.sliceOther' };

/** What a charge covers: an idle fee's days, or the months an extension's slices bought. */
function chargePeriod(ch) {
  if (ch.kind === 'IDLE_FEE') {
    return t('contract.chargeFeePeriod', { from: formatDay(ch.periodFrom), to: formatDay(ch.periodTo),
      days: plural(DAYS, ch.days) });
  }
  return t('contract.chargeExtensionPeriod', { slices: plural(SLICES, ch.slices),
    sliceMonths: plural(MONTHS, ch.sliceMonths), months: plural(MONTHS, ch.months) });
}

function idleCharges(c) {
  const charges = c.idleCharges || [];
  if (!charges.length) return null;
  const total = charges.reduce((sum, ch) => sum + Number(ch.amount || 0), 0);
  const rows = charges.map((ch) => h('tr', {
    className: 'idle-charge idle-charge-' + ch.kind.toLowerCase(), dataset: { id: ch.id, kind: ch.kind, status: ch.status },
  },
  h('td', { className: 'idle-charge-kind' }, CHARGE_KIND_KEYS[ch.kind] ? t(CHARGE_KIND_KEYS[ch.kind]) : ch.kind),
  h('td', { className: 'idle-charge-period' }, chargePeriod(ch)),
  h('td', { className: 'idle-charge-on' }, formatDay(ch.chargedOn)),
  h('td', { className: 'idle-charge-amount' }, formatRials(ch.amount)),
  h('td', { className: 'idle-charge-status' }, CHARGE_STATUS_KEYS[ch.status] ? t(CHARGE_STATUS_KEYS[ch.status]) : ch.status)));
  return h('section', { className: 'contract-section', id: 'contract-idle-charges' },
    h('h3', {}, t('contract.chargesTitle')),
    h('p', { className: 'hint' }, t('contract.chargesHint')),
    h('table', { className: 'data-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('contract.chargeKind')), h('th', {}, t('contract.chargePeriod')),
        h('th', {}, t('contract.chargedOn')), h('th', {}, t('contract.amount')), h('th', {}, t('contract.chargeStatus')))),
      h('tbody', {}, rows),
      h('tfoot', {}, h('tr', {}, h('th', { colSpan: 3 }, t('contract.chargesTotal')),
        h('td', { id: 'idle-charges-total' }, formatRials(total)), h('td', {})))));
}

// --- payments (j-pay): the schedule with each instalment paid, due, overdue or upcoming, its pay button and receipt ---

const INSTALMENT_STATE_KEYS = {
  PAID: 'payment.statePaid',
  DUE: 'payment.stateDue',
  OVERDUE: 'payment.stateOverdue',
  UPCOMING: 'payment.stateUpcoming',
  FORGIVEN: 'payment.stateForgiven',
};

function schedule(c, paid, holder) {
  const box = actionErrorBox('instalment-pay-error');
  const pay = (number) => async () => {
    box.hidden = true;
    try {
      const session = await openInstalmentPayment(c.allocationId, number);
      location.assign(session.payUrl);
    } catch (error) {
      showActionError(box, error);
    }
  };
  const rows = ((paid && paid.instalments) || []).map((i) => h('tr', {
    className: 'instalment instalment-' + i.state.toLowerCase(), dataset: { number: i.number, state: i.state },
  },
  h('td', {}, i.number === 0 ? t('payment.cashShare') : formatNumber(i.number)), h('td', {}, formatDay(i.dueOn)),
  h('td', {}, formatRials(i.amount)),
  h('td', {}, INSTALMENT_STATE_KEYS[i.state] ? t(INSTALMENT_STATE_KEYS[i.state]) : i.state),
  h('td', {},
    i.receipt ? h('a', { className: 'receipt-link', href: '#/payment?token=' + encodeURIComponent(i.receipt) },
      t('payment.receipt')) : null,
    holder && c.status === 'ACTIVE' && ['DUE', 'OVERDUE', 'UPCOMING'].includes(i.state)
      ? h('button', { type: 'button', className: 'button pay-instalment', onclick: pay(i.number) }, t('payment.pay'))
      : null)));
  return h('section', { className: 'contract-section', id: 'contract-schedule' },
    h('h3', {}, t('contract.scheduleTitle')),
    box,
    h('table', { className: 'data-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('contract.instalmentNumber')), h('th', {}, t('contract.dueOn')),
        h('th', {}, t('contract.amount')), h('th', {}, t('contract.instalmentState')), h('th', {}, t('payment.receipt')))),
      h('tbody', {}, rows)));
}

// --- end of payments (j-pay) ---

function milestones(c) {
  const rows = (c.milestones || []).map((m) => {
    const state = m.achievedOn ? 'achieved' : m.missed ? 'missed' : 'pending';
    return h('tr', { className: 'milestone milestone-' + state, dataset: { kind: m.kind } },
      h('td', {}, milestoneLabel(m.kind)), h('td', {}, formatDay(m.deadline)),
      h('td', {}, state === 'achieved' ? t('contract.milestoneAchieved', { date: formatDay(m.achievedOn) })
        : state === 'missed' ? t('contract.milestoneMissed') : t('contract.milestonePending')));
  });
  return h('section', { className: 'contract-section', id: 'contract-milestones' },
    h('h3', {}, t('contract.milestonesTitle')),
    h('table', { className: 'data-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('contract.milestone')), h('th', {}, t('contract.deadline')),
        h('th', {}, t('contract.milestoneState')))),
      h('tbody', {}, rows)));
}

function notices(c, reload, holder) {
  const cases = c.idleCases || [];
  if (!cases.length) return null;
  return h('section', { className: 'contract-section notices', id: 'contract-notices' },
    h('h3', {}, t('contract.noticesTitle')),
    cases.map((ic) => {
      const box = errorBox();
      const text = h('textarea', { id: 'notice-reply-' + ic.id, className: 'notice-reply-text', rows: 4, maxLength: 8000 });
      const canReply = holder && ic.state === 'NOTICE_SERVED' && !ic.reply;
      return h('article', { className: 'card notice-card', dataset: { id: ic.id, state: ic.state } },
        h('header', { className: 'card-header' },
          h('h4', {}, t('contract.noticeTitle', { id: formatNumber(ic.id, { useGrouping: false }) })),
          h('span', { className: 'status-pill' }, caseStateLabel(ic.state))),
        ic.noticeServedAt ? h('p', {}, t('contract.noticeServed', { date: formatDateTime(ic.noticeServedAt) })) : null,
        ic.replyDeadline ? h('p', { className: 'reply-deadline' }, t('contract.replyBy', { date: formatDay(ic.replyDeadline) })) : null,
        ic.subJudice ? h('p', {}, t('idle.subJudiceNote')) : null,
        ic.reply ? h('blockquote', { className: 'notice-reply' }, t('contract.yourReply'), ' ', ic.reply) : null,
        canReply ? h('form', {
          className: 'notice-reply-form',
          onsubmit: async (event) => {
            event.preventDefault();
            box.hidden = true;
            try {
              await replyToNotice(ic.id, text.value);
              await reload();
            } catch (error) {
              showError(box, error);
            }
          },
        },
        h('div', { className: 'field' }, h('label', { htmlFor: text.id }, t('contract.replyLabel')), text),
        box,
        h('button', { type: 'submit', className: 'button button-primary notice-reply-submit' }, t('contract.replySend')))
          : null);
    }));
}

function extensions(c, reload, holder) {
  const box = errorBox();
  const months = h('input', { id: 'extension-months', type: 'text', inputMode: 'numeric', size: 4 });
  const reason = h('textarea', { id: 'extension-reason', rows: 3, maxLength: 4000 });
  const pending = (c.extensions || []).some((e) => e.status === 'REQUESTED');
  const canAsk = holder && c.status === 'ACTIVE' && !pending && c.extensionsGranted < c.maxExtensions;
  return h('section', { className: 'contract-section', id: 'contract-extensions' },
    h('h3', {}, t('contract.extensionsTitle')),
    h('p', {}, t('contract.extensionsRule', {
      used: formatNumber(c.extensionsGranted || 0), max: formatNumber(c.maxExtensions || 0),
      months: formatNumber(c.maxExtensionMonths || 0),
    })),
    h('ul', { className: 'plain-list' }, (c.extensions || []).map((e) => h('li', { className: 'extension-item', dataset: { id: e.id, status: e.status } },
      t('contract.extensionItemCounted', {
        months: plural(MONTHS, e.months), status: EXTENSION_KEYS[e.status] ? t(EXTENSION_KEYS[e.status]) : e.status,
        date: formatDateTime(e.requestedAt),
      }), ' — ', e.reason, e.decisionReason ? ' (' + e.decisionReason + ')' : '',
      !holder && e.status === 'REQUESTED' && c.status === 'ACTIVE' ? extensionDecision(c, e, reload) : null))),
    canAsk ? h('form', {
      id: 'extension-form',
      onsubmit: async (event) => {
        event.preventDefault();
        box.hidden = true;
        try {
          await requestExtension(c.allocationId, parseNumber(months.value), reason.value);
          await reload();
        } catch (error) {
          showError(box, error);
        }
      },
    },
    h('div', { className: 'field' }, h('label', { htmlFor: months.id }, t('contract.extensionMonths')), months),
    h('div', { className: 'field' }, h('label', { htmlFor: reason.id }, t('contract.extensionReason')), reason),
    box,
    h('button', { type: 'submit', className: 'button' }, t('contract.extensionSend'))) : null);
}

/** An officer's grant or refusal of a requested extension, with its reason; both ask first. */
function extensionDecision(c, e, reload) {
  const box = actionErrorBox('extension-decision-error');
  const reason = h('input', { type: 'text', id: 'extension-decision-reason', maxLength: 4000 });
  const contract = formatNumber(c.allocationId, { useGrouping: false });
  const decide = async (decision) => {
    box.hidden = true;
    const question = decision === 'grant'
      ? t('confirm.grant', { months: plural(MONTHS, e.months), id: contract })
      : t('confirm.refuse', { id: contract });
    if (!await confirmAction(question)) return;
    try {
      await decideExtension(c.allocationId, e.id, decision, reason.value);
      await reload();
    } catch (error) {
      showActionError(box, error);
    }
  };
  return h('div', { className: 'extension-decision' },
    h('div', { className: 'field' }, h('label', { htmlFor: reason.id }, t('desk.decisionReason')), reason),
    h('div', { className: 'card-actions' },
      h('button', { type: 'button', className: 'button button-primary', id: 'extension-grant',
        onclick: () => decide('grant') }, t('desk.grant')),
      h('button', { type: 'button', className: 'button', id: 'extension-refuse', onclick: () => decide('refuse') },
        t('desk.refuse'))),
    box);
}

/** The officer's desk on a contract: record a milestone reached and an inspection (the holder reports progress). */
function officerDesk(c, reload) {
  if (c.status !== 'ACTIVE') return null;
  const pending = (c.milestones || []).filter((m) => !m.achievedOn);
  const milestoneBox = actionErrorBox('desk-milestone-error');
  const kind = h('select', { id: 'desk-milestone-kind' }, pending.map((m) => h('option', { value: m.kind }, milestoneLabel(m.kind))));
  const achievedOn = h('input', { type: 'date', id: 'desk-milestone-date', value: today(), max: today() });
  const inspectionBox = actionErrorBox('desk-inspection-error');
  const inspectedOn = h('input', { type: 'date', id: 'desk-inspection-date', value: today(), max: today() });
  const finding = h('select', { id: 'desk-inspection-finding' },
    Object.entries(FINDING_KEYS).map(([code, key]) => h('option', { value: code }, t(key))));
  const notes = h('textarea', { id: 'desk-inspection-notes', rows: 3, maxLength: 4000 });
  const photos = photoFields();
  const send = (box, action) => async (event) => {
    event.preventDefault();
    box.hidden = true;
    try {
      await action();
      await reload();
    } catch (error) {
      showActionError(box, error);
    }
  };
  return h('section', { className: 'contract-section officer-desk', id: 'officer-desk' },
    h('h3', {}, t('desk.title')),
    h('form', { id: 'desk-milestone-form', className: 'form',
      onsubmit: send(milestoneBox, () => recordMilestone(c.allocationId, kind.value, achievedOn.value)) },
    h('h4', {}, t('desk.milestoneTitle')),
    pending.length ? [
      h('div', { className: 'field' }, h('label', { htmlFor: kind.id }, t('desk.milestone')), kind),
      h('div', { className: 'field' }, h('label', { htmlFor: achievedOn.id }, t('desk.achievedOn')), achievedOn),
      milestoneBox,
      h('button', { type: 'submit', className: 'button' }, t('desk.milestoneSend'))]
      : h('p', { className: 'hint' }, t('desk.milestonesAllMet'))),
    h('form', { id: 'desk-inspection-form', className: 'form',
      onsubmit: send(inspectionBox, () => {
        const form = new FormData();
        form.set('inspectedOn', inspectedOn.value);
        form.set('finding', finding.value);
        form.set('notes', notes.value);
        photos.appendTo(form);
        return uploadInspection(c.allocationId, form);
      }) },
    h('h4', {}, t('desk.inspectionTitle')),
    h('div', { className: 'field' }, h('label', { htmlFor: inspectedOn.id }, t('desk.inspectedOn')), inspectedOn),
    h('div', { className: 'field' }, h('label', { htmlFor: finding.id }, t('desk.finding')), finding),
    h('div', { className: 'field' }, h('label', { htmlFor: notes.id }, t('desk.notes')), notes),
    photos.el,
    inspectionBox,
    h('button', { type: 'submit', className: 'button' }, t('desk.inspectionSend'))));
}

/** The reports (older ones posted by staff say so); the form only for the holder, who alone reports progress. */
function reports(c, reload, holder) {
  const box = errorBox();
  const percent = h('input', { id: 'report-percent', type: 'text', inputMode: 'numeric', size: 4 });
  const text = h('textarea', { id: 'report-text', rows: 3, maxLength: 4000 });
  const files = h('input', { id: 'report-files', type: 'file', multiple: true,
    accept: 'image/jpeg,image/png,image/webp,application/pdf' });
  return h('section', { className: 'contract-section', id: 'contract-reports' },
    h('h3', {}, t('contract.reportsTitle')),
    h('ul', { className: 'plain-list' }, (c.reports || []).map((r) => h('li', { className: 'report-item' },
      t('contract.reportItem', { date: formatDay(r.reportedOn), percent: formatNumber(r.percent),
        files: formatNumber(r.attachments || 0) }), r.text ? ' — ' + r.text : '',
      STAFF_ROLES.includes(r.authorRole) ? ' (' + t('contract.reportByStaff') + ')' : ''))),
    (c.inspections || []).length ? h('h4', {}, t('contract.inspectionsTitle')) : null,
    h('ul', { className: 'plain-list' }, (c.inspections || []).map((i) => h('li', {},
      t('contract.inspectionItem', { date: formatDay(i.inspectedOn), finding: FINDING_KEYS[i.finding] ? t(FINDING_KEYS[i.finding]) : i.finding }),
      i.notes ? ' — ' + i.notes : '', photoList(i)))),
    holder && c.status === 'ACTIVE' ? h('form', {
      id: 'report-form',
      onsubmit: async (event) => {
        event.preventDefault();
        box.hidden = true;
        const form = new FormData();
        const value = parseNumber(percent.value);
        form.set('percent', value === null ? '' : String(value));
        form.set('text', text.value);
        for (const file of files.files) form.append('files', file);
        try {
          await uploadReport(c.allocationId, form);
          await reload();
        } catch (error) {
          showError(box, error);
        }
      },
    },
    h('div', { className: 'field' }, h('label', { htmlFor: percent.id }, t('contract.reportPercent')), percent),
    h('div', { className: 'field' }, h('label', { htmlFor: text.id }, t('contract.reportText')), text),
    h('div', { className: 'field' }, h('label', { htmlFor: files.id }, t('contract.reportFiles')), files),
    h('p', { className: 'hint' }, t('contract.reportFilesHint')),
    box,
    h('button', { type: 'submit', className: 'button' }, t('contract.reportSend'))) : null);
}
