// An officer's answer to one objection to a round's result: the outcome, the published reasons and, to uphold it,
// the application as corrected (the server recomputes the result from it). Used on the result page and in the
// officer's queue of open objections.
import { answerRoundObjection } from '../api.js';
import { t } from '../i18n.js';
import { h } from '../dom.js';

/**
 * The answer form of `objection` to `offer`; `onAnswered()` runs once the answer is recorded, `onError(error)` when
 * the server refuses it.
 */
export function objectionAnswerForm(offer, objection, { onAnswered, onError }) {
  const id = (name) => 'objection-' + objection.id + '-' + name;
  const field = (name, key) => h('div', { className: 'field' }, h('label', { htmlFor: id(name) }, t(key)),
    h('input', { id: id(name), inputMode: 'numeric' }));
  const outcome = h('select', { id: id('outcome') },
    h('option', { value: 'DISMISSED' }, t('rounds.objectionDismissed')),
    h('option', { value: 'UPHELD' }, t('rounds.objectionUpheld')));
  const correction = h('fieldset', { hidden: true, className: 'objection-correction' },
    h('legend', {}, t('rounds.correction')),
    field('activity', 'reserve.activity'), field('investment', 'reserve.investment'), field('jobs', 'reserve.jobs'),
    field('exports', 'rounds.exportShare'),
    h('label', { className: 'checkbox' }, h('input', { type: 'checkbox', id: id('knowledge') }), ' ',
      t('reserve.knowledgeBased')));
  outcome.addEventListener('change', () => { correction.hidden = outcome.value !== 'UPHELD'; });
  const reasons = h('textarea', { id: id('answer'), rows: 2, maxLength: 4000 });
  const form = h('form', { className: 'form objection-answer', novalidate: true },
    h('label', { htmlFor: id('outcome') }, t('rounds.objectionOutcome')), outcome,
    h('label', { htmlFor: id('answer') }, t('rounds.objectionAnswer')), reasons, correction,
    h('button', { type: 'submit', className: 'button', id: id('send') }, t('rounds.objectionSend')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => form.querySelector('#' + id(name)).value.trim();
    const body = { outcome: outcome.value, answer: reasons.value };
    if (outcome.value === 'UPHELD') {
      body.correction = { activity: value('activity'), investment: value('investment'), jobs: value('jobs'),
        exportSharePct: value('exports') || '0', knowledgeBased: form.querySelector('#' + id('knowledge')).checked };
    }
    try {
      await answerRoundObjection(offer.id, objection.id, body);
    } catch (err) {
      onError(err);
      return;
    }
    await onAnswered();
  });
  return form;
}
