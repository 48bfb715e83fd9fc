// The statistics view: totals, plots by status per province or estate (Chart.js from its WebJar), a
// choropleth of idle rate by estate, and the what-if slider for reclaiming land idle for more than N years.
import { getStats, getWhatIf, getEstates } from '../api.js';
import { t, formatNumber, formatHectares, onLanguageChange, applyTranslations } from '../i18n.js';
import { STATUSES, STATUS_COLOURS, statusLabel, localName } from '../labels.js';
import { h } from '../dom.js';

const IDLE_CLASSES = [
  { max: 0.1, colour: '#fee5d9' }, { max: 0.2, colour: '#fcae91' }, { max: 0.3, colour: '#fb6a4a' },
  { max: 0.4, colour: '#de2d26' }, { max: Infinity, colour: '#a50f15' },
];
const NO_DATA = '#d9dee4';

function percent(v) {
  return v === null || v === undefined ? '–' : t('stats.percent', { value: formatNumber(v * 100, { maximumFractionDigits: 1 }) });
}

function idleColour(rate) {
  if (rate === null || rate === undefined) return NO_DATA;
  return IDLE_CLASSES.find((c) => rate < c.max).colour;
}

/** Mounts the statistics view into `root`; returns {show()} for the router, which loads the data. */
export function mountStatsView(root, { banner }) {
  const cards = h('div', { id: 'stats-cards', className: 'stats-cards' });
  const groupSelect = h('select', { id: 'stats-group-by' },
    h('option', { value: 'province', i18n: 'stats.byProvince' }), h('option', { value: 'estate', i18n: 'stats.byEstate' }));
  const chartCanvas = h('canvas', { id: 'stats-chart', height: '260' });
  const tableBody = h('tbody');
  const mapEl = h('div', { id: 'stats-map', className: 'stats-map', role: 'region', 'data-i18n-aria-label': 'stats.mapLabel' });
  const legend = h('ul', { id: 'stats-legend', className: 'stats-legend' });
  function renderLegend() {
    legend.replaceChildren(...IDLE_CLASSES.map((c, i) => h('li', {},
      h('span', { className: 'legend-swatch', style: 'background:' + c.colour }),
      i === IDLE_CLASSES.length - 1
        ? t('stats.legendAtLeast', { value: percent(IDLE_CLASSES[i - 1].max) })
        : t('stats.legendBelow', { value: percent(c.max) }))),
    h('li', {}, h('span', { className: 'legend-swatch', style: 'background:' + NO_DATA }), t('stats.noData')));
  }
  const slider = h('input', { id: 'whatif-years', type: 'range', min: '0', max: '10', step: '1', value: '3' });
  const sliderValue = h('output', { id: 'whatif-years-value', for: 'whatif-years' });
  const whatIfSummary = h('p', { id: 'whatif-summary', className: 'whatif-summary', 'aria-live': 'polite' });
  const whatIfCanvas = h('canvas', { id: 'whatif-chart', height: '240' });
  const whatIfBody = h('tbody');

  root.append(h('div', { className: 'stats-view' },
    h('h2', { i18n: 'stats.title' }), cards,
    h('section', { className: 'stats-section' },
      h('div', { className: 'stats-section-head' }, h('h3', { i18n: 'stats.byStatus' }),
        h('label', { for: 'stats-group-by', i18n: 'stats.groupBy' }), groupSelect),
      h('div', { className: 'chart-box' }, chartCanvas),
      h('table', { id: 'stats-table', className: 'data-table' },
        h('thead', {}, h('tr', {}, h('th', { i18n: 'stats.colGroup' }), h('th', { i18n: 'stats.colPlots' }),
          h('th', { i18n: 'stats.colArea' }), h('th', { i18n: 'stats.colAvailable' }), h('th', { i18n: 'stats.colOccupancy' }),
          h('th', { i18n: 'stats.colIdleRate' }))), tableBody)),
    h('section', { className: 'stats-section' }, h('h3', { i18n: 'stats.choropleth' }),
      h('p', { className: 'hint', i18n: 'stats.idleRateHelp' }), mapEl, legend),
    h('section', { className: 'stats-section' }, h('h3', { i18n: 'whatif.title' }),
      h('p', { className: 'hint', i18n: 'whatif.help' }),
      h('div', { className: 'whatif-control' }, h('label', { for: 'whatif-years', i18n: 'whatif.years' }), slider, sliderValue),
      whatIfSummary, h('div', { className: 'chart-box' }, whatIfCanvas),
      h('table', { id: 'whatif-table', className: 'data-table' },
        h('thead', {}, h('tr', {}, h('th', { i18n: 'whatif.colEstate' }), h('th', { i18n: 'whatif.colIdle' }),
          h('th', { i18n: 'whatif.colFreedPlots' }), h('th', { i18n: 'whatif.colFreedArea' }))), whatIfBody)),
    h('p', { className: 'hint', i18n: 'stats.notYet' })));
  applyTranslations(root);
  renderLegend();

  let stats = null;
  let estateStats = null;
  let whatIf = null;
  let estatesGeo = null;
  let chart = null;
  let whatIfChart = null;
  let map = null;
  let choropleth = null;
  let loaded = false;

  function groupName(g) {
    return localName(g.name, g.nameFa) || g.code;
  }

  function renderCards() {
    if (!stats) return;
    const s = stats.totals;
    const card = (key, value, id) => h('div', { className: 'stat-card', dataset: { stat: id } },
      h('span', { className: 'stat-value' }, value), h('span', { className: 'stat-label', i18n: key }, t(key)));
    cards.replaceChildren(card('stats.plots', formatNumber(s.plots), 'plots'),
      card('stats.availableArea', formatHectares(s.availableAreaM2), 'available'),
      card('stats.occupancy', percent(s.occupancy), 'occupancy'),
      card('stats.idleRate', percent(s.idleRate), 'idleRate'),
      card('stats.idleArea', formatHectares(s.idleAreaM2), 'idleArea'));
  }

  function renderGroups() {
    if (!stats) return;
    tableBody.replaceChildren(...stats.groups.map((g) => h('tr', { dataset: { code: g.code } },
      h('td', {}, groupName(g)), h('td', {}, formatNumber(g.plots)), h('td', {}, formatHectares(g.areaM2)),
      h('td', {}, formatHectares(g.availableAreaM2)), h('td', {}, percent(g.occupancy)), h('td', {}, percent(g.idleRate)))));
    if (!window.Chart) return;
    const groups = stats.groups.filter((g) => g.plots > 0);
    const data = {
      labels: groups.map(groupName),
      datasets: STATUSES.map((status) => ({
        label: statusLabel(status),
        data: groups.map((g) => ((g.byStatus || {})[status] || { plots: 0 }).plots),
        backgroundColor: STATUS_COLOURS[status].fill,
      })),
    };
    if (chart) chart.destroy();
    chart = new window.Chart(chartCanvas, {
      type: 'bar',
      data,
      options: { animation: false, responsive: true, maintainAspectRatio: false,
        scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: t('stats.colPlots') } } } },
    });
  }

  function renderChoropleth() {
    if (!estatesGeo || !estateStats) return;
    if (!map) {
      map = L.map(mapEl, { center: [32.5, 53.7], zoom: 5, minZoom: 3, maxZoom: 16 });
    }
    const rates = new Map(estateStats.groups.map((g) => [g.code, g]));
    if (choropleth) choropleth.remove();
    choropleth = L.geoJSON(estatesGeo, {
      style: (f) => {
        const g = rates.get(f.properties.code);
        return { className: 'choropleth-estate', color: '#1f3a5f', weight: 1, fillOpacity: 0.85,
          fillColor: idleColour(g ? g.idleRate : null) };
      },
      onEachFeature(f, layer) {
        const g = rates.get(f.properties.code);
        layer.bindTooltip(() => localName(f.properties.name, f.properties.nameFa) + ': '
          + t('stats.idleRateValue', { rate: percent(g ? g.idleRate : null) }), { sticky: true });
      },
    }).addTo(map);
    const bounds = choropleth.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds);
    document.body.dataset.choroplethDrawn = String(choropleth.getLayers().length);
  }

  function renderWhatIf() {
    sliderValue.textContent = t('whatif.yearsValue', { years: formatNumber(Number(slider.value)) });
    if (!whatIf) return;
    const freed = whatIf.estates.filter((e) => e.freedPlots > 0);
    whatIfSummary.textContent = t('whatif.summary', {
      plots: formatNumber(whatIf.totals.freedPlots), area: formatHectares(whatIf.totals.freedAreaM2),
      years: formatNumber(whatIf.idleYears), estates: formatNumber(freed.length),
    });
    whatIfSummary.dataset.freedPlots = String(whatIf.totals.freedPlots);
    whatIfBody.replaceChildren(...freed.map((e) => h('tr', { dataset: { code: e.estate } },
      h('td', {}, localName(e.name, e.nameFa)), h('td', {}, formatNumber(e.idlePlots)),
      h('td', {}, formatNumber(e.freedPlots)), h('td', {}, formatHectares(e.freedAreaM2)))));
    if (!window.Chart) return;
    const top = freed.slice(0, 15);
    if (whatIfChart) whatIfChart.destroy();
    whatIfChart = new window.Chart(whatIfCanvas, {
      type: 'bar',
      data: { labels: top.map((e) => localName(e.name, e.nameFa)),
        datasets: [{ label: t('whatif.colFreedArea'), data: top.map((e) => e.freedHectares), backgroundColor: '#db3b30' }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, indexAxis: 'y' },
    });
  }

  async function loadGroups() {
    try {
      stats = await getStats(groupSelect.value);
      renderCards();
      renderGroups();
    } catch (err) {
      banner.show(err);
    }
  }

  let whatIfSeq = 0;
  async function loadWhatIf() {
    const mine = ++whatIfSeq;
    renderWhatIf();
    try {
      const answer = await getWhatIf(Number(slider.value));
      if (mine !== whatIfSeq) return;
      whatIf = answer;
      renderWhatIf();
    } catch (err) {
      banner.show(err);
    }
  }

  async function load() {
    await loadGroups();
    try {
      [estateStats, estatesGeo] = await Promise.all([getStats('estate'), getEstates()]);
      renderChoropleth();
    } catch (err) {
      banner.show(err);
    }
    await loadWhatIf();
    document.body.dataset.statsReady = 'true';
  }

  groupSelect.addEventListener('change', loadGroups);
  slider.addEventListener('input', loadWhatIf);
  onLanguageChange(() => {
    renderLegend();
    renderCards();
    renderGroups();
    renderWhatIf();
  });

  return {
    show() {
      if (!loaded) {
        loaded = true;
        load();
      }
      if (map) map.invalidateSize();
    },
  };
}
