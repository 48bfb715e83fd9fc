// The public decision log: every state change, newest first, whether the hash chain verifies against the signed
// checkpoints of its head, and the key that signs them.
import { getCheckpoints, getDecisions, verifyDecisions } from '../api.js';
import { t, formatDate, formatDateTime, formatNumber, joinParts } from '../i18n.js';
import { loadEstateNames, estateName } from '../estate-names.js';
import { errorMessage, statusLabel } from '../labels.js';
import { h } from '../dom.js';
import { reservationStatusLabel } from './reservation-card.js';

const ACTION_KEYS = {
  'reservation.held': 'decisions.actionHeld',
  'reservation.submitted': 'decisions.actionSubmitted',
  'reservation.approved': 'decisions.actionApproved',
  'reservation.rejected': 'decisions.actionRejected',
  'reservation.expired': 'decisions.actionExpired',
  'reservation.withdrawn': 'decisions.actionWithdrawn',
  'allocation.terminated': 'decisions.actionTerminated',
  'allocation.extension_requested': 'decisions.actionExtensionRequested',
  'allocation.extension_granted': 'decisions.actionExtensionGranted',
  'allocation.extension_refused': 'decisions.actionExtensionRefused',
  'allocation.inspected': 'decisions.actionInspected',
  'allocation.milestone_reached': 'decisions.actionMilestoneReached',
  'allocation.progress_reported': 'decisions.actionProgressReported',
  'idle_case.opened': 'decisions.actionCaseOpened',
  'idle_case.notice_served': 'decisions.actionNoticeServed',
  'idle_case.replied': 'decisions.actionReplied',
  'idle_case.revival_plan': 'decisions.actionRevivalPlan',
  'idle_case.extended': 'decisions.actionCaseExtended',
  'idle_case.reclaimed': 'decisions.actionReclaimed',
  'idle_case.revived': 'decisions.actionRevived',
  'idle_case.diagnosed': 'decisions.actionDiagnosed',
  'working_group.session_held': 'decisions.actionSessionHeld',
  'working_group.decided': 'decisions.actionGroupDecided',
  'idle_case.dismissed': 'decisions.actionDismissed',
  'idle_case.plan_item_met': 'decisions.actionPlanItemMet',
  'idle_case.sub_judice': 'decisions.actionSubJudice',
  'idle_case.stay_lifted': 'decisions.actionStayLifted',
  'import.applied': 'decisions.actionImported',
  'export.created': 'decisions.actionExported',
  'parcel.resurveyed': 'decisions.actionResurveyed',
  'parcel.status_changed': 'decisions.actionParcelStatus',
};

const ROLE_KEYS = {
  system: 'decisions.roleSystem',
  investor: 'decisions.roleInvestor',
  officer: 'decisions.roleOfficer',
  planner: 'decisions.rolePlanner',
  admin: 'decisions.roleAdmin',
};

const SUBJECT_KEYS = {
  reservation: 'decisions.subjectReservation',
  allocation: 'decisions.subjectAllocation',
  idle_case: 'decisions.subjectIdleCase',
  parcel: 'decisions.subjectParcel',
  import: 'decisions.subjectImport',
  export: 'decisions.subjectExport',
};

/** States of the other subjects (reservation and plot states have labels of their own). */
const STATE_KEYS = {
  OPEN: 'idle.stateOpen',
  NOTICE_SERVED: 'idle.stateNoticeServed',
  REVIVAL_PLAN: 'idle.stateRevivalPlan',
  EXTENDED: 'idle.stateExtended',
  DISMISSED: 'idle.stateDismissed',
  RECLAIMED: 'idle.stateReclaimed',
  REVIVED: 'idle.stateRevived',
  ACTIVE: 'decisions.stateActive',
  TERMINATED: 'decisions.stateTerminated',
  REQUESTED: 'decisions.stateRequested',
  GRANTED: 'decisions.stateGranted',
  REFUSED: 'decisions.stateRefused',
};

const label = (keys, code) => (keys[code] ? t(keys[code]) : code);

/** A record migrated from the paper register: appended now, it carries the day its event happened. */
const legacy = (d) => d.action === 'legacy.imported' && d.details && typeof d.details.occurredOn === 'string';

/** A state of the entry's subject, in words: plots by their public status, applications by theirs, others here. */
function stateLabel(subjectType, state) {
  if (subjectType === 'parcel') return statusLabel(state);
  if (subjectType === 'reservation') return reservationStatusLabel(state);
  return label(STATE_KEYS, state);
}

/** What the chain was checked against: the signed checkpoints, the latest one, and where to get the public key. */
function renderCheckpoints(el, verification, signed) {
  const latest = signed.checkpoints[0];
  el.replaceChildren(
    verification.checkpoints
      ? t('decisions.checkpointsChecked', { count: formatNumber(verification.checkpoints),
        entries: formatNumber(verification.checkpointedEntries) })
      : t('decisions.noCheckpoints'),
    latest ? ' ' + t('decisions.latestCheckpoint', { pos: formatNumber(latest.chainPos, { useGrouping: false }),
      time: formatDateTime(latest.signedAt) }) : '',
    ' ', t('decisions.signingKey', { keyId: signed.keyId }), ' ',
    h('a', { href: '/api/decisions/checkpoints', target: '_blank', rel: 'noopener' }, t('decisions.checkpointsLink')));
}

/** Renders the latest entries of the public log into `root`. */
export async function renderDecisionsView(root) {
  const status = h('p', { className: 'chain-status', id: 'chain-status' });
  const checkpoints = h('p', { className: 'hint', id: 'checkpoint-status' });
  const body = h('tbody');
  root.replaceChildren(h('h2', {}, t('decisions.title')), h('p', { className: 'hint' }, t('decisions.intro')), status,
    checkpoints,
    h('table', { className: 'decision-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('decisions.seq')), h('th', {}, t('decisions.when')),
        h('th', {}, t('decisions.who')), h('th', {}, t('decisions.what')), h('th', {}, t('decisions.subject')),
        h('th', {}, t('decisions.change')), h('th', {}, t('decisions.why')))),
      body));
  try {
    const [log, verification, signed] = await Promise.all([getDecisions({ limit: 200 }), verifyDecisions(),
      getCheckpoints({ limit: 1 }), loadEstateNames()]);
    status.textContent = verification.valid
      ? t('decisions.chainValid', { count: formatNumber(verification.entries) })
      : t('decisions.chainBroken', { seq: formatNumber(verification.firstBrokenSeq) });
    status.dataset.valid = String(Boolean(verification.valid));
    renderCheckpoints(checkpoints, verification, signed);
    // "from → to" reads the other way round in a right-to-left page.
    const arrow = document.documentElement.dir === 'rtl' ? ' ← ' : ' → ';
    body.replaceChildren(...log.decisions.map((d) => h('tr', { dataset: { seq: d.seq } },
      h('td', {}, formatNumber(d.seq, { useGrouping: false })),
      h('td', legacy(d) ? { className: 'legacy-when' } : {}, legacy(d)
        ? t('decisions.legacyWhen', { recorded: formatDate(d.occurredAt),
          happened: formatDate(d.details.occurredOn + 'T00:00:00Z', { dateStyle: 'medium', timeZone: 'UTC' }) })
        : formatDateTime(d.occurredAt)),
      h('td', {}, label(ROLE_KEYS, d.actorRole)),
      h('td', {}, legacy(d) ? t('decisions.legacyAction', { action: label(ACTION_KEYS, d.details.event) })
        : label(ACTION_KEYS, d.action)),
      h('td', {}, joinParts([label(SUBJECT_KEYS, d.subjectType),
        /^\d+$/.test(d.subjectId) ? formatNumber(d.subjectId, { useGrouping: false }) : d.subjectId,
        d.estate ? estateName(d.estate) : null])),
      h('td', {}, [d.fromState, d.toState].filter(Boolean).map((s) => stateLabel(d.subjectType, s)).join(arrow)),
      h('td', {}, d.reasonKey ? t(d.reasonKey) : (d.reason || '')))));
    if (!log.decisions.length) body.replaceChildren(h('tr', {}, h('td', { colSpan: 7 }, t('decisions.empty'))));
  } catch (error) {
    status.textContent = errorMessage(error);
  }
}
