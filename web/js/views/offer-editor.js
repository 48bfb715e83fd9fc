// The officer's offer editor: pick plots of an estate they manage on the map (a click adds or removes an AVAILABLE
// plot) or in the list of its available plots (checkboxes, for the keyboard), choose the mode and the round's rules
// and window, save a DRAFT, then publish it after a confirmation. The API decides who may act on which estate; its
// refusals are shown beside the form. The map is map.js's (vector tiles), filtered to the chosen estate.
import { createOffer, getEstateSummary, getParcels, offerAction } from '../api.js';
import { createMap } from '../map.js';
import { t, formatArea, formatDateTime, formatNumber, latinDigits, parseNumber } from '../i18n.js';
import { localName } from '../labels.js';
import { actionErrorBox, confirmAction, showActionError } from '../confirm.js';
import { h, fill } from '../dom.js';

/** The plots an offer may hold at most in this list (RoundService.MAX_PLOTS). */
const PLOT_LIMIT = 5000;
/** The rules' number fields: id suffix, i18n key, where the value goes, default. */
const WEIGHTS = [
  ['weight-jobs', 'offerEditor.weightJobs', 'jobsPerHectare', 30],
  ['weight-investment', 'offerEditor.weightInvestment', 'investmentPerM2', 30],
  ['weight-knowledge', 'offerEditor.weightKnowledge', 'knowledgeBased', 20],
  ['weight-exports', 'offerEditor.weightExports', 'exportShare', 20],
];

// The editor's map (one at a time) and the picks, kept across a redraw in the other language.
let active = null;
const picked = new Map();
let pickedEstate = null;

/** Removes the editor's map when the page shows another view. */
export function leaveOfferEditor() {
  if (active) {
    active.destroy();
    active = null;
  }
}

/** The Jalali year, month and day of a local date, through Intl's Persian calendar. */
function jalaliOf(date) {
  const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { year: 'numeric', month: 'numeric',
    day: 'numeric' }).formatToParts(date);
  const get = (type) => Number((parts.find((p) => p.type === type) || {}).value);
  return [get('year'), get('month'), get('day')];
}

/** The local Gregorian date (at noon) of a Jalali date, or null when there is no such day. */
function fromJalali(jy, jm, jd) {
  if (jm < 1 || jm > 12 || jd < 1 || jd > 31) return null;
  // Nowruz falls on 20 or 21 March: start near the day and correct by what Intl says it is
  const near = new Date(jy + 621, 2, 21 + (jm <= 6 ? (jm - 1) * 31 : 186 + (jm - 7) * 30) + jd - 1, 12);
  for (const shift of [0, -1, 1, -2, 2]) {
    const d = new Date(near.getFullYear(), near.getMonth(), near.getDate() + shift, 12);
    const [y, m, day] = jalaliOf(d);
    if (y === jy && m === jm && day === jd) return d;
  }
  return null;
}

/**
 * "2027-01-10 09:30" or, a year before 1700 being Jalali, "1405-10-20 09:30" (Latin or Persian digits, a T or a space
 * between date and time) in the browser's time zone as an ISO-8601 instant; null when it is not such a time.
 */
export function parseLocalDateTime(text) {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})[T\s]+(\d{1,2}):(\d{2})$/.exec(latinDigits(text || '').trim());
  if (!m) return null;
  let [y, mo, d, hh, mm] = m.slice(1).map(Number);
  if (y < 1700) {
    const day = fromJalali(y, mo, d);
    if (!day) return null;
    [y, mo, d] = [day.getFullYear(), day.getMonth() + 1, day.getDate()];
  }
  const date = new Date(y, mo - 1, d, hh, mm);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== hh
    || mm > 59) {
    return null;
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Renders the editor into `root` for a signed-in officer or admin. */
export async function renderOfferEditor(root, { user, config }) {
  leaveOfferEditor();
  const error = actionErrorBox('offer-error');
  const status = h('p', { className: 'hint', role: 'status', id: 'offer-status' });
  const estateSelect = h('select', { id: 'offer-estate' });
  const count = h('p', { className: 'hint', id: 'offer-count', 'aria-live': 'polite' });
  const plotList = h('div', { className: 'checkbox-grid offer-plot-list', id: 'offer-plots' });
  const mapEl = h('div', { className: 'offer-map', id: 'offer-map', role: 'region',
    'aria-label': t('offerEditor.mapLabel'), tabindex: '0' });
  const result = h('div', { id: 'offer-saved' });

  const field = (id, key, attrs = {}, hint = null) => h('div', { className: 'field' },
    h('label', { htmlFor: id }, t(key)),
    h('input', { id, autocomplete: 'off', ...attrs }),
    hint);
  const when = (id, key) => {
    const shown = h('p', { className: 'hint offer-when', id: id + '-shown', 'aria-live': 'polite' });
    const wrap = field(id, key, { inputMode: 'numeric', placeholder: t('offerEditor.timePlaceholder'),
      'aria-describedby': id + '-help ' + id + '-shown' },
    h('p', { className: 'hint', id: id + '-help' }, t('offerEditor.timeHelp')));
    wrap.append(shown);
    const input = wrap.querySelector('input');
    const update = () => {
      const iso = parseLocalDateTime(input.value);
      shown.textContent = iso ? t('offerEditor.timeShown', { when: formatDateTime(iso) })
        : input.value.trim() ? t('offerEditor.timeInvalid') : '';
      shown.dataset.iso = iso || '';
    };
    input.addEventListener('input', update);
    wrap.update = update;
    return wrap;
  };
  const opens = when('offer-opens', 'offerEditor.opensAt');
  const closes = when('offer-closes', 'offerEditor.closesAt');
  const mode = h('select', { id: 'offer-mode' },
    h('option', { value: 'ROUND' }, t('offerEditor.modeRound')),
    h('option', { value: 'OPEN', disabled: true }, t('offerEditor.modeOpen')));

  const save = h('button', { type: 'submit', className: 'button button-primary', id: 'offer-save' },
    t('offerEditor.save'));
  const form = h('form', { className: 'form offer-form', id: 'offer-form', novalidate: true },
    h('div', { className: 'field' }, h('label', { htmlFor: 'offer-estate' }, t('offerEditor.estate')), estateSelect),
    h('div', { className: 'field' }, h('label', { htmlFor: 'offer-mode' }, t('offerEditor.mode')), mode,
      h('p', { className: 'hint' }, t('offerEditor.modeHint'))),
    h('fieldset', { className: 'field' }, h('legend', {}, t('offerEditor.window')), opens, closes),
    field('offer-max-ranked', 'offerEditor.maxRanked', { inputMode: 'numeric', value: '3' }),
    h('fieldset', { className: 'field' }, h('legend', {}, t('offerEditor.weights')),
      h('p', { className: 'hint' }, t('offerEditor.weightsHint')),
      WEIGHTS.map(([id, key, , value]) => field('offer-' + id, key, { inputMode: 'numeric', value: String(value) }))),
    h('fieldset', { className: 'field' }, h('legend', {}, t('offerEditor.eligibility')),
      field('offer-min-score', 'offerEditor.minScore', { inputMode: 'numeric', value: '30' }),
      field('offer-min-investment', 'offerEditor.minInvestment', { inputMode: 'numeric', value: '0' }),
      h('p', { className: 'hint' }, t('offerEditor.eligibilityHint'))),
    error, save);

  fill(root, h('h2', {}, t('offerEditor.title')), h('p', { className: 'hint' }, t('offerEditor.intro')),
    h('div', { className: 'offer-editor' },
      h('section', { className: 'offer-plots', 'aria-labelledby': 'offer-plots-heading' },
        h('h3', { id: 'offer-plots-heading' }, t('offerEditor.plots')),
        h('p', { className: 'hint' }, t('offerEditor.plotsHint')), mapEl, status, count,
        h('fieldset', { className: 'field' }, h('legend', {}, t('offerEditor.plotList')), plotList)),
      h('section', { className: 'offer-rules', 'aria-labelledby': 'offer-rules-heading' },
        h('h3', { id: 'offer-rules-heading' }, t('offerEditor.rules')), form, result)));
  opens.update();
  closes.update();

  const map = createMap(mapEl, config, { onPlotClick: pickAt });
  active = map;
  // what tests read to find a place on this map: its centre and zoom, as the main map's permalink holds them
  const keepView = () => {
    const c = map.centre();
    Object.assign(mapEl.dataset, { lat: c.lat.toFixed(7), lng: c.lng.toFixed(7), zoom: String(map.zoom()) });
  };
  map.onMove(keepView);

  let available = [];
  const estate = () => estateSelect.value;

  function showPicks() {
    map.setPicked([...picked.values()]);
    count.textContent = t('offerEditor.count', { count: formatNumber(picked.size) });
    count.dataset.count = String(picked.size);
    for (const box of plotList.querySelectorAll('input[type=checkbox]')) box.checked = picked.has(Number(box.value));
  }

  function toggle(feature) {
    const id = feature.properties.id;
    if (picked.has(id)) picked.delete(id);
    else picked.set(id, feature);
    status.textContent = t(picked.has(id) ? 'offerEditor.added' : 'offerEditor.removed',
      { number: feature.properties.plotNumber });
    showPicks();
  }

  async function pickAt(latlng) {
    const d = 1e-6;
    try {
      const found = await getParcels({ estate: estate(), bbox: [latlng.lng - d, latlng.lat - d, latlng.lng + d,
        latlng.lat + d], limit: 1 });
      const feature = (found.features || [])[0];
      if (!feature) return;
      if (feature.properties.status !== 'AVAILABLE') {
        status.textContent = t('offerEditor.notAvailable', { number: feature.properties.plotNumber });
        return;
      }
      toggle(feature);
    } catch (err) {
      showActionError(error, err);
    }
  }

  async function loadEstate() {
    if (pickedEstate !== estate()) {
      picked.clear();
      pickedEstate = estate();
    }
    map.setFilter({ estate: estate() });
    map.zoomToEstate(estate());
    keepView();
    try {
      const found = await getParcels({ estate: estate(), status: 'AVAILABLE', limit: PLOT_LIMIT });
      available = found.features || [];
    } catch (err) {
      available = [];
      showActionError(error, err);
    }
    fill(plotList, available.length ? available.map((f) => h('label', { className: 'checkbox' },
      h('input', { type: 'checkbox', value: String(f.properties.id), id: 'offer-plot-' + f.properties.id,
        className: 'offer-plot', onchange: () => toggle(f) }),
      ' ', t('offerEditor.plotChoice', { number: f.properties.plotNumber, area: formatArea(f.properties.areaM2) })))
      : h('p', { className: 'empty-state' }, t('offerEditor.noPlots')));
    showPicks();
  }

  function number(id) {
    const value = parseNumber(form.querySelector('#' + id).value);
    return Number.isInteger(value) ? value : form.querySelector('#' + id).value;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const rules = { weights: {}, minScore: number('offer-min-score'),
      minInvestmentPerM2: number('offer-min-investment') };
    for (const [id, , name] of WEIGHTS) rules.weights[name] = number('offer-' + id);
    if (Object.values(rules.weights).concat(rules.minScore, rules.minInvestmentPerM2)
      .some((v) => !Number.isInteger(v))) {
      showActionError(error, { code: 'invalid_rules' });
      return;
    }
    const opensAt = parseLocalDateTime(form.querySelector('#offer-opens').value);
    const closesAt = parseLocalDateTime(form.querySelector('#offer-closes').value);
    if (!opensAt || !closesAt) {
      showActionError(error, { code: 'invalid_window' });
      return;
    }
    save.disabled = true;
    try {
      const offer = await createOffer({ estate: estate(), parcelIds: [...picked.keys()], mode: mode.value, opensAt,
        closesAt, maxRanked: latinDigits(form.querySelector('#offer-max-ranked').value).trim(), rules });
      picked.clear();
      showSaved(offer);
    } catch (err) {
      showActionError(error, err);
    } finally {
      save.disabled = false;
    }
  });

  /** The saved draft: what it holds, and its publish button (asked for confirmation: publishing cannot be undone). */
  function showSaved(offer) {
    const publishError = actionErrorBox('offer-publish-error');
    const state = h('p', { className: 'notice', role: 'status', id: 'offer-state', tabindex: '-1',
      dataset: { id: offer.id, state: offer.state } },
    t('offerEditor.saved', { id: formatNumber(offer.id, { useGrouping: false }), count: formatNumber(offer.plots.length),
      opens: formatDateTime(offer.opensAt), closes: formatDateTime(offer.closesAt) }));
    const links = h('p', {}, h('a', { href: '#/rounds?offer=' + offer.id, id: 'offer-open' }, t('offerEditor.seeOffer')),
      t('list.separator'), h('a', { href: '#/calendar?date=' + offer.opensAt.slice(0, 10), id: 'offer-calendar' },
        t('offerEditor.seeCalendar')));
    const publish = h('button', { type: 'button', className: 'button button-primary', id: 'offer-publish',
      onclick: async () => {
        const question = t('confirm.publishOffer', { id: formatNumber(offer.id, { useGrouping: false }),
          count: formatNumber(offer.plots.length) });
        if (!await confirmAction(question)) return;
        publishError.hidden = true;
        try {
          const published = await offerAction(offer.id, 'publish');
          state.dataset.state = published.state;
          state.textContent = t('offerEditor.published', { id: formatNumber(published.id, { useGrouping: false }) });
          publish.remove();
          state.focus();
        } catch (err) {
          showActionError(publishError, err);
        }
      } }, t('offerEditor.publish'));
    fill(result, h('section', { className: 'card', id: 'offer-draft' }, state, links, publishError, publish));
    state.focus();
    showPicks();
    map.reloadPlots();
  }

  estateSelect.addEventListener('change', loadEstate);
  try {
    const summary = await getEstateSummary();
    const estates = (summary.features || []).map((f) => ({ ...(f.properties || {}), code: (f.properties || {}).code
      || f.id }));
    const mine = user.role === 'admin' ? estates : estates.filter((e) => (user.estates || []).includes(e.code));
    map.setEstates(mine);
    fill(estateSelect, mine.map((e) => h('option', { value: e.code, selected: e.code === pickedEstate },
      localName(e.name, e.nameFa) || e.code)));
    if (!mine.length) {
      fill(plotList, h('p', { className: 'empty-state' }, t('offerEditor.noEstates')));
      save.disabled = true;
      return;
    }
    await loadEstate();
  } catch (err) {
    showActionError(error, err);
  }
}
