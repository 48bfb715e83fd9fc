// The adviser's part of the idle board: the diagnoses recorded on a case and the form to record one (causes from
// the fixed list, evidence, a recommendation, the day of the visit), and the plan with its agencies, the stopped
// clock and a "met" button per open item. Only officers marked as advisers may record a diagnosis; the server
// says so otherwise (shown beside the form).
import { getRevivalVocabularies, recordDiagnosis, markPlanItemMet } from '../api.js';
import { t, latinDigits } from '../i18n.js';
import { h } from '../dom.js';
import { actionErrorBox, showActionError } from '../confirm.js';
import { revivalLabel, planTable, stoppedClock, diagnosesList, parseJson } from './revival-plan.js';

let vocabularies = null;

/** The desk's vocabularies, read once. */
export async function revivalVocabularies() {
  if (!vocabularies) vocabularies = await getRevivalVocabularies();
  return vocabularies;
}

/** A YYYY-MM-DD day typed with any digits, as Latin digits (null when empty). */
export function isoDay(text) {
  const v = latinDigits(text || '').trim();
  return v === '' ? null : v;
}

/** The revival part of a case's detail on the idle board; `reload` runs after a change. */
export function revivalSection(c, reload) {
  const plan = parseJson(c.plan, []) || [];
  const diagnoses = parseJson(c.diagnoses, []) || [];
  const metBox = actionErrorBox('revival-met-error');
  return h('section', { className: 'revival-section', id: 'revival-section' },
    h('h4', {}, t('revival.diagnosesTitle')),
    diagnosesList(diagnoses) || h('p', { className: 'hint', id: 'revival-no-diagnosis' }, t('revival.noDiagnosis')),
    c.state === 'OPEN' || c.state === 'NOTICE_SERVED' || c.state === 'REVIVAL_PLAN' ? diagnosisForm(c, reload) : null,
    plan.length ? [h('h4', {}, t('revival.planTitle')), stoppedClock(c), planTable(plan, {
      onMet: async (item) => {
        metBox.hidden = true;
        try {
          await markPlanItemMet(c.id, item.id);
          await reload();
        } catch (error) {
          showActionError(metBox, error);
        }
      },
    }), metBox] : null);
}

function diagnosisForm(c, reload) {
  const causes = h('fieldset', { className: 'revival-causes', id: 'diagnosis-causes' },
    h('legend', {}, t('revival.causes')));
  const recommendation = h('select', { id: 'diagnosis-recommendation' });
  const evidence = h('textarea', { id: 'diagnosis-evidence', rows: 3, maxLength: 4000 });
  const visited = h('input', { id: 'diagnosis-visited', type: 'date' });
  const box = actionErrorBox('diagnosis-error');
  revivalVocabularies().then((v) => {
    causes.append(...v.causes.map((code) => h('label', { className: 'checkbox' },
      h('input', { type: 'checkbox', name: 'cause', value: code, className: 'diagnosis-cause' }), ' ',
      revivalLabel('cause', code))));
    recommendation.append(...v.recommendations.map((code) => h('option', { value: code },
      revivalLabel('recommendation', code))));
  }).catch((error) => showActionError(box, error));
  return h('form', {
    className: 'idle-action revival-diagnosis-form', id: 'diagnosis-form',
    onsubmit: async (event) => {
      event.preventDefault();
      box.hidden = true;
      try {
        await recordDiagnosis(c.id, {
          causes: [...causes.querySelectorAll('input:checked')].map((i) => i.value),
          evidence: evidence.value,
          recommendation: recommendation.value,
          visitedOn: isoDay(visited.value),
        });
        await reload();
      } catch (error) {
        showActionError(box, error);
      }
    },
  },
  h('h4', {}, t('revival.diagnoseTitle')),
  causes,
  h('div', { className: 'field' }, h('label', { htmlFor: evidence.id }, t('revival.evidence')), evidence),
  h('div', { className: 'field' }, h('label', { htmlFor: recommendation.id }, t('revival.recommendation')), recommendation),
  h('div', { className: 'field' }, h('label', { htmlFor: visited.id }, t('revival.visitedOn')), visited),
  h('button', { type: 'submit', className: 'button idle-action-submit', id: 'diagnosis-submit' }, t('revival.diagnose')),
  box);
}
