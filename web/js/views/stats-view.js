// The statistics view: totals, plots by status per province or estate (Chart.js from its WebJar), the monthly
// history (whole country or one estate, with that estate's exports), the provinces compared month by month
// (occupancy and idle rate), land reclaimed per year, a choropleth of idle rate by estate, and the what-if slider for
// reclaiming land idle for N years.
import { getStats, getWhatIf, getEstates, exportUrl } from '../api.js';
import { t, formatNumber, formatHectares, formatDate, onLanguageChange, applyTranslations, plural } from '../i18n.js';
import { STATUSES, STATUS_COLOURS, statusLabel, localName } from '../labels.js';
import { h, textNode } from '../dom.js';

const IDLE_CLASSES = [
  { max: 0.1, colour: '#fee5d9' }, { max: 0.2, colour: '#fcae91' }, { max: 0.3, colour: '#fb6a4a' },
  { max: 0.4, colour: '#de2d26' }, { max: Infinity, colour: '#a50f15' },
];
const NO_DATA = '#d9dee4';

function percent(v) {
  return v === null || v === undefined ? '–' : t('stats.percent', { value: formatNumber(v * 100, { maximumFractionDigits: 1 }) });
}

function months(v) {
  return v === null || v === undefined ? '–' : plural({ one: 'count.monthOne', other: 'count.monthOther' }, v);
}

function year(y) {
  return formatNumber(y, { useGrouping: false });
}

// The last day of a history month: the answer's asOf is the first instant after it (or now), shown in UTC so
// the day is the month's own in either calendar.
function monthEnd(entry) {
  return formatDate(new Date(Date.parse(entry.asOf) - 1), { dateStyle: 'medium', timeZone: 'UTC' });
}

// A history month's label on a chart axis: its last day, short, in the reader's calendar (Jalali month names and
// Persian digits in Persian).
function monthLabel(entry) {
  return formatDate(new Date(Date.parse(entry.asOf) - 1), { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

// One colour per province line, in turn.
const PROVINCE_COLOURS = ['#1f77b4', '#d95f02', '#1b9e77', '#7570b3', '#e7298a', '#66a61e', '#a6761d', '#666666'];

const EXPORT_FORMATS = [
  { format: 'geojson', key: 'stats.exportGeoJson' }, { format: 'csv', key: 'stats.exportCsv' },
  { format: 'gpkg', key: 'stats.exportGpkg' },
];

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
  const historyEstate = h('select', { id: 'stats-history-estate' }, h('option', { value: '', i18n: 'stats.historyAll' }));
  const historyCanvas = h('canvas', { id: 'stats-history-chart', height: '280' });
  const historyNote = h('p', { id: 'stats-history-note', className: 'hint' });
  const exportLinks = EXPORT_FORMATS.map(({ format, key }) => h('a', { className: 'button', dataset: { format },
    download: '', i18n: key }));
  const exports = h('div', { id: 'stats-exports', className: 'inline-actions', hidden: true },
    h('span', { className: 'hint', i18n: 'stats.exportLabel' }), exportLinks);
  const reclaimedBody = h('tbody');
  const provincesCanvas = h('canvas', { id: 'stats-provinces-chart', height: '280',
    role: 'img', 'data-i18n-aria-label': 'stats.provincesLabel' });
  const provincesBody = h('tbody');

  root.append(h('div', { className: 'stats-view' },
    h('h2', { i18n: 'stats.title' }), cards,
    h('section', { className: 'stats-section' },
      h('div', { className: 'stats-section-head' }, h('h3', { i18n: 'stats.byStatus' }),
        h('label', { for: 'stats-group-by', i18n: 'stats.groupBy' }), groupSelect),
      h('div', { className: 'chart-box' }, chartCanvas),
      h('table', { id: 'stats-table', className: 'data-table' },
        h('thead', {}, h('tr', {}, h('th', { i18n: 'stats.colGroup' }), h('th', { i18n: 'stats.colPlots' }),
          h('th', { i18n: 'stats.colArea' }), h('th', { i18n: 'stats.colAvailable' }), h('th', { i18n: 'stats.colOccupancy' }),
          h('th', { i18n: 'stats.colIdleRate' }), h('th', { i18n: 'stats.colToProduction' }))), tableBody)),
    h('section', { className: 'stats-section' },
      h('div', { className: 'stats-section-head' }, h('h3', { i18n: 'stats.history' }),
        h('label', { for: 'stats-history-estate', i18n: 'stats.historyScope' }), historyEstate),
      h('p', { className: 'hint', i18n: 'stats.historyHelp' }), exports,
      h('div', { className: 'chart-box' }, historyCanvas), historyNote),
    h('section', { className: 'stats-section', id: 'stats-provinces' }, h('h3', { i18n: 'stats.provinces' }),
      h('p', { className: 'hint', i18n: 'stats.provincesHelp' }),
      h('div', { className: 'chart-box' }, provincesCanvas),
      h('table', { id: 'stats-provinces-table', className: 'data-table' },
        h('thead', {}, h('tr', {}, h('th', { i18n: 'stats.colGroup' }), h('th', { i18n: 'stats.provincesMonths' }),
          h('th', { i18n: 'stats.provincesOccupancyThen' }), h('th', { i18n: 'stats.provincesOccupancyNow' }),
          h('th', { i18n: 'stats.provincesIdleThen' }), h('th', { i18n: 'stats.provincesIdleNow' }))), provincesBody)),
    h('section', { className: 'stats-section' }, h('h3', { i18n: 'stats.reclaimed' }),
      h('table', { id: 'stats-reclaimed', className: 'data-table' },
        h('thead', {}, h('tr', {}, h('th', { i18n: 'stats.colYear' }), h('th', { i18n: 'stats.colPlots' }),
          h('th', { i18n: 'stats.colArea' }))), reclaimedBody)),
    h('section', { className: 'stats-section' }, h('h3', { i18n: 'stats.choropleth' }),
      h('p', { className: 'hint', i18n: 'stats.idleRateHelp' }), mapEl, legend),
    h('section', { className: 'stats-section' }, h('h3', { i18n: 'whatif.title' }),
      h('p', { className: 'hint', i18n: 'whatif.help' }),
      h('div', { className: 'whatif-control' }, h('label', { for: 'whatif-years', i18n: 'whatif.years' }), slider, sliderValue),
      whatIfSummary, h('div', { className: 'chart-box' }, whatIfCanvas),
      h('table', { id: 'whatif-table', className: 'data-table' },
        h('thead', {}, h('tr', {}, h('th', { i18n: 'whatif.colEstate' }), h('th', { i18n: 'whatif.colIdle' }),
          h('th', { i18n: 'whatif.colFreedPlots' }), h('th', { i18n: 'whatif.colFreedArea' }))), whatIfBody))));
  applyTranslations(root);
  renderLegend();

  let stats = null;
  let estateStats = null;
  let whatIf = null;
  let estatesGeo = null;
  let chart = null;
  let history = null;
  let historyChart = null;
  let provinceHistory = null;
  let provincesChart = null;
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
      card('stats.idleArea', formatHectares(s.idleAreaM2), 'idleArea'),
      card('stats.toProduction', months(s.averageMonthsAllocationToProduction), 'toProduction'),
      card('stats.reclaimedTotal', formatHectares(s.reclaimedByYear.reduce((sum, y) => sum + y.areaM2, 0)), 'reclaimed'));
    reclaimedBody.replaceChildren(...s.reclaimedByYear.map((y) => h('tr', { dataset: { year: y.year } },
      h('td', {}, year(y.year)), h('td', {}, formatNumber(y.plots)), h('td', {}, formatHectares(y.areaM2)))));
    if (!s.reclaimedByYear.length) {
      reclaimedBody.replaceChildren(h('tr', {}, h('td', { colSpan: 3, i18n: 'stats.reclaimedNone' }, t('stats.reclaimedNone'))));
    }
  }

  function renderGroups() {
    if (!stats) return;
    tableBody.replaceChildren(...stats.groups.map((g) => h('tr', { dataset: { code: g.code } },
      h('td', {}, groupName(g)), h('td', {}, formatNumber(g.plots)), h('td', {}, formatHectares(g.areaM2)),
      h('td', {}, formatHectares(g.availableAreaM2)), h('td', {}, percent(g.occupancy)), h('td', {}, percent(g.idleRate)),
      h('td', {}, months(g.averageMonthsAllocationToProduction)))));
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

  // Plots by status at each month's end as stacked bars, occupancy and idle rate as lines on a percent axis.
  function renderHistory() {
    if (!history) return;
    const entries = history.history;
    historyNote.textContent = t('stats.historyNote', { months: formatNumber(entries.length),
      from: entries.length ? monthEnd(entries[0]) : '', to: entries.length ? monthEnd(entries[entries.length - 1]) : '' });
    document.body.dataset.historyMonths = String(entries.length);
    const code = historyEstate.value;
    for (const link of exportLinks) link.href = exportUrl(link.dataset.format, code);
    exports.hidden = !code;
    if (!window.Chart) return;
    const pct = (v) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10);
    const datasets = STATUSES.map((status) => ({
      type: 'bar', label: statusLabel(status), stack: 'plots', yAxisID: 'y',
      data: entries.map((e) => ((e.byStatus || {})[status] || { plots: 0 }).plots),
      backgroundColor: STATUS_COLOURS[status].fill,
    })).filter((d) => d.data.some((v) => v > 0));
    datasets.push({ type: 'line', label: t('stats.occupancy'), yAxisID: 'y1', borderColor: '#1f3a5f',
      backgroundColor: '#1f3a5f', data: entries.map((e) => pct(e.occupancy)) });
    datasets.push({ type: 'line', label: t('stats.idleRate'), yAxisID: 'y1', borderColor: '#a50f15',
      backgroundColor: '#a50f15', data: entries.map((e) => pct(e.idleRate)) });
    if (historyChart) historyChart.destroy();
    historyChart = new window.Chart(historyCanvas, {
      data: { labels: entries.map(monthLabel), datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
        scales: {
          x: { stacked: true },
          y: { stacked: true, position: 'left', title: { display: true, text: t('stats.colPlots') },
            ticks: { callback: (v) => formatNumber(v) } },
          y1: { min: 0, max: 100, position: 'right', grid: { drawOnChartArea: false },
            title: { display: true, text: t('stats.percentAxis') },
            ticks: { callback: (v) => t('stats.percent', { value: formatNumber(v) }) } },
        } },
    });
  }

  // The provinces side by side over time: occupancy (solid) and idle rate (dashed) per province, one line each, and
  // a table of where each began and stands.
  function renderProvinces() {
    if (!provinceHistory) return;
    const provinces = provinceHistory.filter((p) => p.history.some((e) => e.plots > 0));
    const first = (p) => p.history.find((e) => e.plots > 0) || p.history[0];
    const last = (p) => p.history[p.history.length - 1];
    provincesBody.replaceChildren(...provinces.map((p) => h('tr', { dataset: { code: p.code } },
      h('td', {}, groupName(p)), h('td', {}, formatNumber(p.history.length)),
      h('td', {}, percent(first(p).occupancy)), h('td', {}, percent(last(p).occupancy)),
      h('td', {}, percent(first(p).idleRate)), h('td', {}, percent(last(p).idleRate)))));
    provincesCanvas.dataset.months = provinces.map((p) => p.code + ':' + p.history.length).join(' ');
    if (!window.Chart || !provinces.length) return;
    const pct = (v) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10);
    const datasets = [];
    provinces.forEach((p, i) => {
      const colour = PROVINCE_COLOURS[i % PROVINCE_COLOURS.length];
      datasets.push({ type: 'line', label: t('stats.provinceOccupancy', { province: groupName(p) }), borderColor: colour,
        backgroundColor: colour, pointRadius: 2, data: p.history.map((e) => pct(e.occupancy)) });
      datasets.push({ type: 'line', label: t('stats.provinceIdleRate', { province: groupName(p) }), borderColor: colour,
        backgroundColor: colour, borderDash: [6, 4], pointRadius: 2, data: p.history.map((e) => pct(e.idleRate)) });
    });
    if (provincesChart) provincesChart.destroy();
    provincesChart = new window.Chart(provincesCanvas, {
      data: { labels: provinces[0].history.map(monthLabel), datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
        scales: {
          x: { ticks: { autoSkip: true, maxRotation: 0 } },
          y: { min: 0, max: 100, title: { display: true, text: t('stats.percentAxis') },
            ticks: { callback: (v) => t('stats.percent', { value: formatNumber(v) }) } },
        } },
    });
  }

  let historySeq = 0;
  async function loadHistory() {
    const mine = ++historySeq;
    try {
      const answer = await getStats('estate', undefined, historyEstate.value ? { estate: historyEstate.value } : {});
      if (mine !== historySeq) return;
      history = answer;
      renderHistory();
    } catch (err) {
      banner.show(err);
    }
  }

  function fillEstates() {
    if (!estatesGeo) return;
    const chosen = historyEstate.value;
    const options = estatesGeo.features.map((f) => f.properties)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((p) => h('option', { value: p.code }, localName(p.name, p.nameFa) || p.code));
    historyEstate.replaceChildren(historyEstate.options[0], ...options);
    historyEstate.value = chosen;
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
        layer.bindTooltip(() => textNode(localName(f.properties.name, f.properties.nameFa) + ': '
          + t('stats.idleRateValue', { rate: percent(g ? g.idleRate : null) })), { sticky: true });
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
      if (stats.provinceHistory) provinceHistory = stats.provinceHistory;
      renderCards();
      renderGroups();
      renderProvinces();
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
    if (!provinceHistory) {
      try {
        provinceHistory = (await getStats('province')).provinceHistory;
        renderProvinces();
      } catch (err) {
        banner.show(err);
      }
    }
    try {
      [estateStats, estatesGeo] = await Promise.all([getStats('estate'), getEstates()]);
      // The country-wide history comes with the estate figures; one estate's is asked for when chosen.
      history = estateStats;
      fillEstates();
      renderHistory();
      renderChoropleth();
    } catch (err) {
      banner.show(err);
    }
    await loadWhatIf();
    document.body.dataset.statsReady = 'true';
  }

  groupSelect.addEventListener('change', loadGroups);
  historyEstate.addEventListener('change', loadHistory);
  slider.addEventListener('input', loadWhatIf);
  onLanguageChange(() => {
    renderLegend();
    renderCards();
    renderGroups();
    renderHistory();
    renderProvinces();
    fillEstates();
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
