// The waitlist: an investor registers what land they need and sees their requests with the plots offered to
// them; a planner sees unmet demand against available land by province or estate (a table, a map of estates
// sized by unmet area, and month-by-month history).
import { getDemand, registerDemand, withdrawDemand, getDemandStats, getEstates } from '../api.js';
import { t, formatNumber, formatArea, formatDateTime, parseNumber } from '../i18n.js';
import { errorMessage, landUseLabel, utilityLabel, localName } from '../labels.js';
import { h, textNode } from '../dom.js';

const LAND_USES = ['industrial', 'warehouse', 'workshop', 'services'];
const UTILITIES = ['water', 'power', 'gas', 'telecom', 'wastewater'];

/** Renders the investor's waitlist (or, for planners and admins, the demand statistics) into `root`. */
export async function renderDemandView(root, { user }) {
  if (user.role === 'planner' || user.role === 'admin') return renderDemandStats(root);
  return renderWaitlist(root);
}

function field(labelKey, control) {
  return h('label', { className: 'field' }, h('span', {}, t(labelKey)), control);
}

async function renderWaitlist(root) {
  const status = h('p', { className: 'form-status', role: 'status', 'aria-live': 'polite', id: 'demand-status' });
  const error = h('p', { className: 'form-error', role: 'alert', id: 'demand-error', tabIndex: -1, hidden: true });
  const list = h('div', { className: 'card-list', id: 'demand-list' });
  const estateSelect = h('select', { id: 'demand-estates', multiple: true, size: 6 });
  const provinceSelect = h('select', { id: 'demand-province' }, h('option', { value: '' }, '—'));
  const minArea = h('input', { id: 'demand-min-area', inputMode: 'numeric', autocomplete: 'off', required: true });
  const maxArea = h('input', { id: 'demand-max-area', inputMode: 'numeric', autocomplete: 'off' });
  const landUse = h('select', { id: 'demand-land-use' },
    ...LAND_USES.map((u) => h('option', { value: u }, landUseLabel(u))));
  const utilities = UTILITIES.map((u) => h('label', { className: 'check' },
    h('input', { type: 'checkbox', value: u, className: 'demand-utility' }), ' ', utilityLabel(u)));
  const activity = h('input', { id: 'demand-activity', inputMode: 'numeric', autocomplete: 'off', maxLength: 4,
    required: true });
  const form = h('form', { id: 'demand-form', className: 'form card', noValidate: true },
    h('h3', {}, t('demand.new')),
    field('demand.province', provinceSelect), field('demand.estates', estateSelect),
    field('demand.minArea', minArea), field('demand.maxArea', maxArea), field('demand.landUse', landUse),
    h('fieldset', {}, h('legend', {}, t('demand.utilities')), ...utilities),
    field('demand.activity', activity),
    error,
    h('button', { type: 'submit', className: 'button button-primary', id: 'demand-submit' }, t('demand.submit')));
  root.replaceChildren(h('h2', {}, t('demand.title')), h('p', { className: 'hint' }, t('demand.intro')), status,
    form, list);

  try {
    const estates = await getEstates();
    const provinces = new Map();
    for (const f of estates.features || []) {
      const p = f.properties || {};
      estateSelect.append(h('option', { value: p.code }, localName(p.name, p.nameFa)));
      if (p.province) provinces.set(p.province.code, p.province);
    }
    for (const p of provinces.values()) provinceSelect.append(h('option', { value: p.code }, localName(p.name, p.nameFa)));
  } catch (err) {
    showError(err);
  }

  function showError(err) {
    error.textContent = errorMessage(err);
    error.hidden = false;
    error.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const min = parseNumber(minArea.value);
    const max = parseNumber(maxArea.value);
    const body = {
      province: provinceSelect.value || null,
      estates: [...estateSelect.selectedOptions].map((o) => o.value),
      minAreaM2: min === null ? minArea.value : String(min),
      maxAreaM2: max === null ? (maxArea.value.trim() ? maxArea.value : null) : String(max),
      landUse: landUse.value,
      utilities: [...form.querySelectorAll('.demand-utility:checked')].map((c) => c.value),
      activity: activity.value,
    };
    try {
      await registerDemand(body);
      form.reset();
      status.textContent = t('demand.registered');
      await load();
    } catch (err) {
      showError(err);
    }
  });

  function place(r) {
    if (r.estates && r.estates.length) return r.estates.map((e) => localName(e.name, e.nameFa)).join(t('list.separator'));
    return t('demand.anyEstate', { province: localName(r.provinceName, r.provinceNameFa) });
  }

  async function load() {
    try {
      const { requests } = await getDemand();
      list.replaceChildren(...(requests.length ? requests.map((r) => h('article', {
        className: 'card demand-item', dataset: { id: r.id, open: String(r.open) },
      },
      h('header', { className: 'card-header' },
        h('h3', {}, place(r)),
        h('span', { className: 'badge' }, t(r.open ? 'demand.open' : 'demand.withdrawn'))),
      h('p', {}, [formatArea(r.minAreaM2) + ' – ' + formatArea(r.maxAreaM2), landUseLabel(r.landUse),
        formatNumber(Number(r.activity), { useGrouping: false })].join(t('list.separator'))),
      h('p', { className: 'hint' }, formatDateTime(r.createdAt)),
      r.open ? h('p', { className: 'demand-available' }, t('demand.availableNow', { count: formatNumber(r.availableNow) })) : null,
      r.matches.length ? h('div', {}, h('h4', {}, t('demand.matches')), h('ul', {}, ...r.matches.map((m) => h('li', {},
        h('a', { href: '#/parcel/' + m.parcelId }, t('demand.match', {
          plot: m.plot, estate: localName(m.estateName, m.estateNameFa), area: formatArea(m.areaM2),
          position: formatNumber(m.position),
        })))))) : null,
      r.open ? h('div', { className: 'card-actions' }, h('button', {
        type: 'button', className: 'button demand-withdraw', onclick: async () => {
          try {
            await withdrawDemand(r.id);
            await load();
          } catch (err) {
            showError(err);
          }
        },
      }, t('demand.withdraw'))) : null))
        : [h('p', { className: 'empty-state' }, t('demand.none'))]));
    } catch (err) {
      showError(err);
    }
  }
  await load();
}

async function renderDemandStats(root) {
  const error = h('p', { className: 'form-error', role: 'alert', hidden: true, id: 'demand-stats-error' });
  const groupBy = h('select', { id: 'demand-group-by' },
    h('option', { value: 'province' }, t('stats.byProvince')), h('option', { value: 'estate' }, t('stats.byEstate')));
  const body = h('tbody');
  const historyBody = h('tbody');
  const mapEl = h('div', { id: 'demand-map', className: 'stats-map', role: 'region', 'aria-label': t('demand.stats.title') });
  const headers = (...keys) => h('thead', {}, h('tr', {}, ...keys.map((k) => h('th', { scope: 'col' }, t(k)))));
  root.replaceChildren(h('h2', {}, t('demand.stats.title')), h('p', { className: 'hint' }, t('demand.stats.intro')),
    field('demand.stats.groupBy', groupBy), error,
    h('table', { className: 'data-table', id: 'demand-table' },
      headers('demand.stats.place', 'demand.stats.openRequests', 'demand.stats.wanted', 'demand.stats.unmet',
        'demand.stats.available'), body),
    mapEl,
    h('h3', {}, t('demand.stats.history')),
    h('table', { className: 'data-table', id: 'demand-history' },
      headers('demand.stats.month', 'demand.stats.openRequests', 'demand.stats.wanted', 'demand.stats.available'),
      historyBody));
  const map = L.map(mapEl, { zoomControl: true, attributionControl: false }).setView([32.5, 53.7], 5);
  const circles = L.layerGroup().addTo(map);

  async function load() {
    try {
      const stats = await getDemandStats(groupBy.value);
      body.replaceChildren(...stats.rows.map((r) => h('tr', { dataset: { code: r.code } },
        h('th', { scope: 'row' }, localName(r.name, r.nameFa)),
        h('td', {}, formatNumber(r.openRequests)), h('td', {}, formatArea(r.wantedM2)),
        h('td', {}, formatArea(r.unmetM2), ' (', formatNumber(r.unmetRequests), ')'),
        h('td', {}, formatArea(r.availableM2), ' (', formatNumber(r.availablePlots), ')'))));
      historyBody.replaceChildren(...stats.history.map((m) => h('tr', {},
        h('th', { scope: 'row' }, m.month), h('td', {}, formatNumber(m.openRequests)), h('td', {}, formatArea(m.wantedM2)),
        h('td', {}, m.availableM2 === null ? t('demand.stats.noData') : formatArea(m.availableM2)))));
      circles.clearLayers();
      const located = stats.rows.filter((r) => typeof r.lat === 'number' && typeof r.lon === 'number');
      for (const r of located) {
        const radius = 4 + Math.sqrt(r.unmetM2 || 0) / 40;
        L.circleMarker([r.lat, r.lon], { radius, color: r.unmetM2 > 0 ? '#c62828' : '#2e7d32', weight: 1, fillOpacity: 0.5 })
          .bindTooltip(() => textNode(localName(r.name, r.nameFa) + ': ' + formatArea(r.unmetM2)))
          .addTo(circles);
      }
      mapEl.hidden = located.length === 0;
      if (located.length) {
        map.invalidateSize();
        map.fitBounds(L.latLngBounds(located.map((r) => [r.lat, r.lon])), { padding: [24, 24], maxZoom: 10 });
      }
    } catch (err) {
      error.textContent = errorMessage(err);
      error.hidden = false;
    }
  }
  groupBy.addEventListener('change', load);
  groupBy.value = 'estate';
  await load();
}
