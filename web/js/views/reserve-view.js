// The application form for one plot, opened from "Reserve" in the plot popup.
import { createReservation } from '../api.js';
import { t, formatArea, formatRials, latinDigits } from '../i18n.js';
import { errorMessage, localName } from '../labels.js';
import { h, newKey } from '../dom.js';

/** Renders the form for plot `props` (popup properties); `onDone(reservation)` after the hold is made. */
export function renderReserveView(root, { props, onDone }) {
  const error = h('p', { className: 'form-error', role: 'alert', hidden: true });
  // One key per form: a double click or a retry after a lost answer cannot hold twice.
  const key = newKey();
  const form = h('form', { className: 'form', id: 'reserve-form', novalidate: true },
    h('h2', {}, t('reserve.title', { number: props.plotNumber })),
    h('p', { className: 'hint' }, t('reserve.summary', {
      estate: localName(props.estateName, props.estateNameFa) || props.estate,
      area: formatArea(props.areaM2),
      price: formatRials(props.price),
    })),
    h('div', { className: 'field' },
      h('label', { htmlFor: 'reserve-activity' }, t('reserve.activity')),
      h('input', { id: 'reserve-activity', inputMode: 'numeric', pattern: '[0-9]{4}', required: true, maxLength: 4 }),
      h('p', { className: 'hint' }, t('reserve.activityHint'))),
    h('div', { className: 'field' },
      h('label', { htmlFor: 'reserve-investment' }, t('reserve.investment')),
      h('input', { id: 'reserve-investment', inputMode: 'numeric', required: true })),
    h('div', { className: 'field' },
      h('label', { htmlFor: 'reserve-jobs' }, t('reserve.jobs')),
      h('input', { id: 'reserve-jobs', inputMode: 'numeric', required: true })),
    h('label', { className: 'checkbox' },
      h('input', { type: 'checkbox', id: 'reserve-knowledge-based' }), ' ', t('reserve.knowledgeBased')),
    h('p', { className: 'hint' }, t('reserve.holdHint')),
    error,
    h('button', { type: 'submit', className: 'button button-primary', id: 'reserve-submit' }, t('reserve.submit')));
  const digits = (id) => {
    const text = latinDigits(form.querySelector('#' + id).value).replace(/[,٬\s]/g, '');
    return /^[0-9]+$/.test(text) ? Number(text) : null;
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      const reservation = await createReservation({
        parcelIds: [props.id],
        activity: latinDigits(form.querySelector('#reserve-activity').value.trim()),
        investment: digits('reserve-investment'),
        jobs: digits('reserve-jobs'),
        knowledgeBased: form.querySelector('#reserve-knowledge-based').checked,
      }, key);
      onDone(reservation);
    } catch (err) {
      error.textContent = errorMessage(err);
      error.dataset.code = err.code || 'unknown';
      error.hidden = false;
    }
  });
  root.replaceChildren(form);
}
