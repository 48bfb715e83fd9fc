// The officer's idle board: open idle cases by score with the evidence behind each, the plot and its neighbours
// on a small map, and the due-process actions (notice, revival plan, extension, dismissal, reclaim, sub judice).
// A refused action shows its error code in plain words (e.g. reclaim before the reply deadline).
import { getIdleCases, idleCaseAction, getParcels, runIdleScan, uploadReadings } from '../api.js';
import { t, formatNumber, formatArea, formatDateTime, parseNumber, joinParts, plural } from '../i18n.js';
import { errorMessage, STATUS_COLOURS, statusLabel, utilityLabel } from '../labels.js';
import { h, textNode, fill } from '../dom.js';
import { confirmAction, actionErrorBox, showActionError } from '../confirm.js';
import { loadEstateNames, estateName } from '../estate-names.js';
import { formatDay, milestoneLabel, caseStateLabel } from './contract-view.js';
import { revivalSection } from './revival-desk.js';

let miniMap = null;

/** The idle board's orders. */
const ORDER_KEYS = { score: 'idle.order.score', opened: 'idle.order.opened', estate: 'idle.order.estate' };

/** What a refused line of a readings file says, by its code (ReadingsImport.RowError). */
const READING_ERROR_KEYS = {
  missing_column: 'readings.error.missing_column',
  too_many_rows: 'readings.error.too_many_rows',
  negative: 'readings.error.negative',
  future_month: 'readings.error.future_month',
  twice: 'readings.error.twice',
  not_whole_number: 'readings.error.not_whole_number',
  invalid_month: 'readings.error.invalid_month',
  too_few_columns: 'readings.error.too_few_columns',
  unreadable: 'readings.error.unreadable',
  no_active_allocation: 'readings.error.no_active_allocation',
};

function parseJson(text, fallback) {
  if (text === null || text === undefined) return fallback;
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return fallback;
  }
}

/** One piece of evidence in plain words. */
export function evidenceText(e) {
  const f = e.facts || {};
  switch (e.rule) {
    case 'MISSED_MILESTONE':
      return t('idle.evidenceMissedMilestone', { milestone: milestoneLabel(f.milestone), date: formatDay(f.deadline) });
    case 'LOW_ELECTRICITY':
      return t('idle.evidenceLowElectricity', {
        threshold: formatNumber(f.thresholdKwh),
        months: joinParts((f.months || []).map((m) => t('idle.evidenceMonth', { month: m.month, kwh: formatNumber(m.kwh) }))),
      });
    case 'INACTIVE_INSPECTION':
      return t('idle.evidenceInactiveInspection', { date: formatDay(f.inspectedOn) });
    case 'NO_PROGRESS_REPORT':
      return f.lastReportOn && f.lastReportOn !== 'none'
        ? t('idle.evidenceNoReport', { months: formatNumber(f.months), date: formatDay(f.lastReportOn) })
        : t('idle.evidenceNoReportEver', { months: formatNumber(f.months) });
    case 'REVIVAL_PLAN_MISSED':
      return t('idle.evidencePlanMissed', { date: formatDay(f.dueOn) });
    default:
      return e.rule;
  }
}

async function showMap(container, parcels) {
  if (miniMap) miniMap.remove();
  miniMap = L.map(container, { zoomControl: true, attributionControl: false });
  const pts = parcels.map((p) => p.centroid).filter(Array.isArray);
  if (!pts.length) return;
  const lons = pts.map((p) => p[0]);
  const lats = pts.map((p) => p[1]);
  const pad = 0.004;
  const bbox = [Math.min(...lons) - pad, Math.min(...lats) - pad, Math.max(...lons) + pad, Math.max(...lats) + pad];
  // A first view around the plots at once; the case's own plots then fill it once their shapes arrive.
  miniMap.fitBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]], { animate: false });
  const own = new Set(parcels.map((p) => p.id));
  const around = await getParcels({ bbox, limit: 500 });
  const mine = [];
  L.geoJSON(around, {
    style: (f) => {
      const c = STATUS_COLOURS[f.properties.status] || STATUS_COLOURS.NOT_OFFERED;
      const ours = own.has(f.properties.id);
      return { color: ours ? '#b71c1c' : c.stroke, weight: ours ? 3 : 1, fillColor: c.fill, fillOpacity: 0.6,
        className: ours ? 'idle-case-plot' : 'idle-case-neighbour' };
    },
    onEachFeature: (f, layer) => {
      if (own.has(f.properties.id)) mine.push(layer);
      layer.bindTooltip(() => textNode(t('idle.plotTooltip', {
        number: f.properties.plotNumber, status: statusLabel(f.properties.status),
      })));
    },
  }).addTo(miniMap);
  // The box may have been laid out after the map was made (a narrow page stacks it under the list).
  miniMap.invalidateSize({ animate: false });
  if (mine.length) {
    miniMap.fitBounds(L.featureGroup(mine).getBounds(), { animate: false, padding: [24, 24], maxZoom: 18 });
  }
}

/** The board's filters as chosen: estate, state, lowest score and order. */
function filterCases(cases, { estate, state, minScore, order }) {
  const shown = cases.filter((c) => (!estate || c.estate === estate) && (!state || c.state === state)
    && (minScore === null || Number(c.score) >= minScore));
  const by = {
    score: (a, b) => Number(b.score) - Number(a.score) || a.id - b.id,
    opened: (a, b) => String(a.openedAsOf).localeCompare(String(b.openedAsOf)) || a.id - b.id,
    estate: (a, b) => estateName(a.estate).localeCompare(estateName(b.estate)) || Number(b.score) - Number(a.score),
  }[order] || (() => 0);
  return shown.sort(by);
}

/** A refused line of a readings file, in the reader's words (numbers in their digits). */
function readingErrorText(e) {
  const params = Object.fromEntries(Object.entries(e.params || {}).map(([k, v]) =>
    [k, typeof v === 'number' ? formatNumber(v, { useGrouping: false }) : v]));
  return READING_ERROR_KEYS[e.code] ? t(READING_ERROR_KEYS[e.code], params) : e.message;
}

/**
 * The officers' upload of monthly utility readings (CSV: allocation, month, electricity_kwh, water_m3) with the
 * report of each refused line; `onDone` runs after an import that kept something (the scan may see new evidence).
 */
function readingsSection(onDone) {
  const file = h('input', { type: 'file', id: 'readings-file', accept: '.csv,text/csv', required: true });
  const strict = h('input', { type: 'checkbox', id: 'readings-strict' });
  const box = actionErrorBox('readings-error');
  const report = h('div', { id: 'readings-report', role: 'status' });
  const form = h('form', { className: 'form readings-form', id: 'readings-form',
    onsubmit: async (event) => {
      event.preventDefault();
      box.hidden = true;
      report.replaceChildren();
      if (!file.files.length) return;
      try {
        const r = await uploadReadings(file.files[0], strict.checked);
        fill(report,
          h('p', {}, t(r.strict && r.errors.length ? 'readings.nothingImported' : 'readings.imported',
            { imported: formatNumber(r.imported), rows: formatNumber(r.rows) })),
          r.errors.length ? h('table', { className: 'readings-errors' },
            h('thead', {}, h('tr', {}, h('th', {}, t('readings.line')), h('th', {}, t('readings.problem')))),
            h('tbody', {}, r.errors.map((e) => h('tr', { dataset: { line: e.line, code: e.code } },
              h('td', {}, formatNumber(e.line, { useGrouping: false })), h('td', {}, readingErrorText(e)))))) : null);
        if (r.imported > 0) onDone();
      } catch (error) {
        showActionError(box, error);
      }
    } },
  h('p', { className: 'hint' }, t('readings.hint')),
  h('div', { className: 'field' }, h('label', { htmlFor: file.id }, t('readings.file')), file),
  h('div', { className: 'field checkbox' }, strict, h('label', { htmlFor: strict.id }, t('readings.strict'))),
  h('button', { type: 'submit', className: 'button' }, t('readings.send')), box, report);
  return h('details', { className: 'readings-upload', id: 'readings-upload' },
    h('summary', {}, t('readings.title')), form);
}

/** Renders the officer's idle board into `root`. */
export async function renderIdleView(root) {
  const message = h('p', { className: 'form-error', role: 'alert', hidden: true, id: 'idle-error' });
  const status = h('p', { className: 'notice', role: 'status', hidden: true, id: 'idle-status' });
  const list = h('div', { className: 'card-list', id: 'idle-list' });
  const estateFilter = h('select', { id: 'idle-filter-estate' });
  const stateFilter = h('select', { id: 'idle-filter-state' });
  const scoreFilter = h('input', { id: 'idle-filter-score', type: 'text', inputMode: 'numeric', size: 4 });
  const orderFilter = h('select', { id: 'idle-filter-order' },
    Object.entries(ORDER_KEYS).map(([o, key]) => h('option', { value: o }, t(key))));
  const shownCount = h('p', { className: 'hint', id: 'idle-count', role: 'status' });
  const filters = h('form', { className: 'idle-filters', id: 'idle-filters', role: 'search',
    'aria-label': t('idle.filtersLabel'), onsubmit: (event) => event.preventDefault() },
  h('div', { className: 'field' }, h('label', { htmlFor: estateFilter.id }, t('idle.filterEstate')), estateFilter),
  h('div', { className: 'field' }, h('label', { htmlFor: stateFilter.id }, t('idle.filterState')), stateFilter),
  h('div', { className: 'field' }, h('label', { htmlFor: scoreFilter.id }, t('idle.filterMinScore')), scoreFilter),
  h('div', { className: 'field' }, h('label', { htmlFor: orderFilter.id }, t('idle.filterOrder')), orderFilter));
  let allCases = [];
  const detail = h('div', { className: 'review-detail', id: 'idle-detail' });
  const scanButton = h('button', { type: 'button', className: 'button', id: 'idle-scan' }, t('idle.scanNow'));
  root.replaceChildren(h('h2', {}, t('idle.title')), h('p', { className: 'hint' }, t('idle.intro')),
    h('div', { className: 'card-actions' }, scanButton), status, message, readingsSection(() => load()),
    filters, shownCount,
    h('div', { className: 'review-layout' }, list, detail));
  let selected = null;

  function fail(error) {
    message.textContent = errorMessage(error);
    message.dataset.code = (error && error.code) || 'unknown';
    message.hidden = false;
  }

  scanButton.addEventListener('click', async () => {
    message.hidden = true;
    try {
      const r = await runIdleScan();
      status.textContent = t('idle.scanDone', { scanned: formatNumber(r.scanned), opened: formatNumber(r.opened),
        updated: formatNumber(r.updated) });
      status.hidden = false;
    } catch (error) {
      fail(error);
    }
    await load();
  });

  // Irreversible actions ask first; a refused action says why beside its own button, announced and focused.
  async function act(c, action, body, doneKey, box) {
    message.hidden = true;
    status.hidden = true;
    box.hidden = true;
    const confirmKey = { reclaim: 'confirm.reclaim', dismiss: 'confirm.dismiss' }[action];
    if (confirmKey && !await confirmAction(t(confirmKey, { id: formatNumber(c.id, { useGrouping: false }) }))) return;
    try {
      const result = await idleCaseAction(c.id, action, body);
      status.textContent = t(doneKey, {
        area: result.freedAreaM2 !== undefined ? formatArea(result.freedAreaM2) : '',
      });
      if (Array.isArray(result.freedUtilities) && result.freedUtilities.length) {
        status.textContent += ' ' + t('idle.freedUtilities', { list: joinParts(result.freedUtilities.map((u) =>
          utilityLabel(u.utility) + ' ' + formatNumber(u.capacity, { maximumFractionDigits: 1 }) + ' ' + (u.unit || ''))) });
      }
      status.hidden = false;
      status.dataset.action = action;
    } catch (error) {
      showActionError(box, error);
      return;
    }
    await load();
  }

  function actionForm(c, spec) {
    const reason = h('input', { type: 'text', className: 'idle-reason', id: 'idle-' + spec.action + '-reason' });
    const extra = spec.extra ? spec.extra() : null;
    const box = actionErrorBox('idle-' + spec.action + '-error');
    return h('form', {
      className: 'idle-action', dataset: { action: spec.action },
      onsubmit: (event) => {
        event.preventDefault();
        act(c, spec.action, { reason: reason.value || null, ...(extra ? extra.value() : {}) }, spec.done, box);
      },
    },
    h('h4', {}, t(spec.title)),
    h('div', { className: 'field' }, h('label', { htmlFor: reason.id }, t('idle.reason')), reason),
    extra ? extra.el : null,
    h('button', { type: 'submit', className: 'button idle-action-submit' }, t(spec.button)),
    box);
  }

  function numberField(id, labelKey, initial) {
    const input = h('input', { id, type: 'text', inputMode: 'numeric', size: 4, value: initial });
    return { input, el: h('div', { className: 'field' }, h('label', { htmlFor: id }, t(labelKey)), input) };
  }

  function planItems() {
    const rows = h('div', { className: 'plan-items' });
    const addRow = () => rows.append(h('div', { className: 'plan-item' },
      h('input', { type: 'text', className: 'plan-description', 'aria-label': t('idle.planDescription'),
        placeholder: t('idle.planDescription') }),
      h('input', { type: 'date', className: 'plan-due', 'aria-label': t('idle.planDue') })));
    addRow();
    return {
      el: h('div', {}, rows, h('button', { type: 'button', className: 'button', onclick: addRow }, t('idle.planAddItem'))),
      value: () => ({
        items: [...rows.querySelectorAll('.plan-item')].map((row) => ({
          description: row.querySelector('.plan-description').value,
          dueOn: row.querySelector('.plan-due').value,
        })).filter((i) => i.description || i.dueOn),
      }),
    };
  }

  function open(c) {
    selected = c.id;
    for (const item of list.querySelectorAll('.idle-case')) item.classList.toggle('selected', item.dataset.id === String(c.id));
    const parcels = parseJson(c.parcels, []) || [];
    const mapBox = h('div', { className: 'review-map', id: 'idle-map' });
    // empty: the cure period of the estate class's rules for this warning
    const days = numberField('idle-reply-days', 'idle.replyDays', '');
    const replyDays = () => {
      const v = days.input.value.trim();
      return v ? { replyDays: parseNumber(v) } : {};
    };
    const months = numberField('idle-extend-months', 'idle.months', '6');
    const forms = [];
    if (c.subJudice) {
      forms.push(actionForm(c, { action: 'lift-stay', title: 'idle.liftStayTitle', button: 'idle.liftStay',
        done: 'idle.doneLiftStay' }));
    } else {
      if (c.state === 'OPEN') {
        forms.push(actionForm(c, { action: 'notice', title: 'idle.noticeTitle', button: 'idle.serveNotice',
          done: 'idle.doneNotice', extra: () => ({ el: days.el, value: replyDays }) }));
      }
      if (c.state === 'NOTICE_SERVED') {
        forms.push(actionForm(c, { action: 'notice', title: 'idle.warningTitle', button: 'idle.serveWarning',
          done: 'idle.doneNotice', extra: () => ({ el: days.el, value: replyDays }) }));
        forms.push(actionForm(c, { action: 'revival-plan', title: 'idle.planTitle', button: 'idle.startPlan',
          done: 'idle.donePlan', extra: planItems }));
        forms.push(actionForm(c, { action: 'extend', title: 'idle.extendTitle', button: 'idle.extend',
          done: 'idle.doneExtend', extra: () => ({ el: months.el, value: () => ({ months: parseNumber(months.input.value) }) }) }));
      }
      if (c.state === 'REVIVAL_PLAN') {
        forms.push(actionForm(c, { action: 'revive', title: 'idle.reviveTitle', button: 'idle.revive',
          done: 'idle.doneRevive' }));
      }
      if (c.state === 'NOTICE_SERVED' || c.state === 'REVIVAL_PLAN') {
        forms.push(actionForm(c, { action: 'reclaim', title: 'idle.reclaimTitle', button: 'idle.reclaim',
          done: 'idle.doneReclaim' }));
      }
      forms.push(actionForm(c, { action: 'dismiss', title: 'idle.dismissTitle', button: 'idle.dismiss',
        done: 'idle.doneDismiss' }));
      forms.push(actionForm(c, { action: 'sub-judice', title: 'idle.subJudiceTitle', button: 'idle.subJudice',
        done: 'idle.doneSubJudice' }));
    }
    fill(detail,
      h('h3', {}, t('idle.caseTitle', { id: formatNumber(c.id, { useGrouping: false }),
        allocation: formatNumber(c.allocationId, { useGrouping: false }) })),
      mapBox,
      h('p', {}, h('a', { href: '#/contract/' + c.allocationId, className: 'idle-contract-link' }, t('idle.openContract'))),
      h('dl', { className: 'card-fields' },
        h('dt', {}, t('idle.holder')), h('dd', {}, joinParts([c.holder, c.holderOrganisation])),
        h('dt', {}, t('idle.state')), h('dd', { id: 'idle-detail-state' }, caseStateLabel(c.state)),
        h('dt', {}, t('idle.score')), h('dd', {}, formatNumber(c.score)),
        h('dt', {}, t('idle.openedAsOf')), h('dd', {}, formatDay(c.openedAsOf)),
        c.replyDeadline ? [h('dt', {}, t('idle.replyDeadline')), h('dd', {}, formatDay(c.replyDeadline))] : [],
        h('dt', {}, t('idle.plots')), h('dd', {}, joinParts(parcels.map((p) => t('idle.plot', {
          number: p.plotNumber, area: formatArea(p.areaM2), status: statusLabel(p.status) }))))),
      h('h4', {}, t('idle.evidenceTitle')),
      h('ul', { className: 'plain-list evidence-list' }, (parseJson(c.evidence, []) || []).map((e) =>
        h('li', { dataset: { rule: e.rule } }, evidenceText(e), ' ', h('span', { className: 'hint' },
          t('idle.points', { score: formatNumber(e.score) }))))),
      c.reply ? [h('h4', {}, t('idle.replyTitle')), h('blockquote', { className: 'notice-reply', id: 'idle-reply' },
        c.reply, ' ', h('span', { className: 'hint' }, formatDateTime(c.repliedAt)))] : null,
      revivalSection(c, load),
      c.subJudice ? h('p', {}, t('idle.subJudiceNote')) : null,
      h('div', { className: 'idle-actions' }, forms));
    showMap(mapBox, parcels).catch(fail);
  }

  // The filters' choices: the estates and states the cases have, each once; "all" first.
  function fillChoices(select, values, label, allKey) {
    const chosen = select.value;
    select.replaceChildren(h('option', { value: '' }, t(allKey)),
      ...[...new Set(values)].map((v) => h('option', { value: v }, label(v)))
        .sort((a, b) => a.textContent.localeCompare(b.textContent)));
    select.value = [...select.options].some((o) => o.value === chosen) ? chosen : '';
  }

  function showList() {
    const typed = scoreFilter.value.trim();
    const minScore = typed === '' ? null : parseNumber(typed);
    scoreFilter.setAttribute('aria-invalid', String(typed !== '' && !Number.isFinite(minScore)));
    const cases = filterCases(allCases, { estate: estateFilter.value, state: stateFilter.value,
      minScore: Number.isFinite(minScore) ? minScore : null, order: orderFilter.value });
    shownCount.textContent = plural({ one: 'idle.shownOne', other: 'idle.shownOther' }, allCases.length,
      { shown: formatNumber(cases.length) });
    list.replaceChildren(...(cases.length ? cases.map((c) => h('button', {
      type: 'button', className: 'queue-item idle-case',
      dataset: { id: c.id, allocation: c.allocationId, state: c.state, score: c.score },
      onclick: () => open(c),
    }, t('idle.queueItem', { score: formatNumber(c.score), estate: estateName(c.estate),
      plots: (parseJson(c.parcels, []) || []).map((p) => p.plotNumber).join(', '), state: caseStateLabel(c.state) })))
      : [h('p', { className: 'empty-state' }, t(allCases.length ? 'idle.noneMatch' : 'idle.empty'))]));
    for (const item of list.querySelectorAll('.idle-case')) item.classList.toggle('selected', item.dataset.id === String(selected));
  }
  for (const control of [estateFilter, stateFilter, orderFilter]) control.addEventListener('change', showList);
  scoreFilter.addEventListener('input', showList);

  async function load() {
    try {
      await loadEstateNames();
      const { cases } = await getIdleCases({ open: 'true' });
      allCases = cases;
      fillChoices(estateFilter, cases.map((c) => c.estate), estateName, 'idle.allEstates');
      fillChoices(stateFilter, cases.map((c) => c.state), caseStateLabel, 'idle.allStates');
      showList();
      const again = cases.find((c) => c.id === selected);
      if (again) open(again);
      else if (selected !== null) detail.replaceChildren();
    } catch (error) {
      fail(error);
    }
  }
  await load();
}
