// The contract page's revival section: the unit's revival plan with each item's agency and deadlines (after the
// stopped clock), whether the delay is government-caused, the working group's decisions and the advisers'
// diagnoses. Kept apart from contract-view.js, which includes it with one call.
import { getRevival } from '../api.js';
import { t } from '../i18n.js';
import { h, fill } from '../dom.js';
import { caseStateLabel } from './contract-view.js';
import { planTable, stoppedClock, diagnosesList, decisionsList, parseJson } from './revival-plan.js';

/** A section that fills itself with allocation `id`'s revival, or stays hidden when there is none. */
export function revivalPanel(id) {
  const section = h('section', { className: 'contract-section revival-panel', id: 'contract-revival', hidden: true });
  getRevival(id).then((r) => {
    if (!r || !r.id) return;
    const plan = parseJson(r.plan, []) || [];
    const decisions = parseJson(r.decisions, []) || [];
    const diagnoses = parseJson(r.diagnoses, []) || [];
    fill(section,
      h('h3', {}, t('revival.panelTitle')),
      h('p', {}, t('revival.caseState', { state: caseStateLabel(r.state) })),
      stoppedClock(r),
      plan.length ? [h('h4', {}, t('revival.planTitle')), planTable(plan)] : h('p', { className: 'hint' }, t('revival.noPlan')),
      decisions.length ? [h('h4', {}, t('revival.decisionsTitle')), decisionsList(decisions)] : null,
      diagnoses.length ? [h('h4', {}, t('revival.diagnosesTitle')), diagnosesList(diagnoses)] : null);
    section.hidden = false;
  }).catch(() => {
    section.hidden = true;
  });
  return section;
}
