// The planner's view: draw a polygon or a circle on the map (plain Leaflet), set filters, and see the
// matching available plots or vacant blocks highlighted, with a result table that lists what is in view.
import { getAvailability, getEstates, availabilityExportUrl } from '../api.js';
import { t, formatArea, formatNumber, parseNumber, onLanguageChange, applyTranslations, plural, formatList } from '../i18n.js';
import { LAND_USES, UTILITIES, landUseLabel, utilityLabel, localName } from '../labels.js';
import { h } from '../dom.js';

const RESULT_LIMIT = 500;
const EXPORT_FORMATS = [
  { format: 'geojson', key: 'planning.exportGeoJson' }, { format: 'csv', key: 'planning.exportCsv' },
  { format: 'gpkg', key: 'planning.exportGpkg' },
];
const INFRA_FIELDS = ['road', 'power', 'gas', 'water', 'rail'];
const INFRA_KEYS = {
  road: 'planning.maxRoad', power: 'planning.maxPower', gas: 'planning.maxGas', water: 'planning.maxWater',
  rail: 'planning.maxRail',
};

function field(labelKey, input) {
  return h('div', { className: 'field' }, h('label', { for: input.id, i18n: labelKey }), input);
}

function numberInput(id, placeholderKey) {
  return h('input', { id, type: 'text', inputmode: 'decimal', autocomplete: 'off', 'data-i18n-placeholder': placeholderKey });
}

/** Mounts the planner view into `root`; returns {show()} for the router. */
export function mountPlanningView(root, { config, banner }) {
  const estateSelect = h('select', { id: 'planning-estate' }, h('option', { value: '', i18n: 'planning.estateAll' }));
  const landUse = h('select', { id: 'planning-land-use' }, h('option', { value: '', i18n: 'planning.landUseAll' }),
    LAND_USES.map((u) => h('option', { value: u }, landUseLabel(u))));
  const utilityBoxes = UTILITIES.map((u) => h('label', { className: 'checkbox' },
    h('input', { type: 'checkbox', value: u, name: 'utility' }), h('span', { dataset: { utility: u } }, utilityLabel(u))));
  const minArea = numberInput('planning-min-area', 'planning.areaPlaceholder');
  const maxArea = numberInput('planning-max-area', 'planning.areaPlaceholder');
  const infraInputs = Object.fromEntries(INFRA_FIELDS.map((k) => [k, numberInput('planning-max-' + k, 'planning.metresPlaceholder')]));
  const contiguous = h('input', { id: 'planning-contiguous', type: 'checkbox' });
  const minBlock = numberInput('planning-min-block', 'planning.hectaresPlaceholder');
  const drawHint = h('p', { id: 'planning-draw-hint', className: 'hint', i18n: 'planning.drawNone' });
  const summary = h('p', { id: 'planning-summary', className: 'counts-summary', 'aria-live': 'polite' });
  const error = h('p', { id: 'planning-error', className: 'field-error', role: 'alert', hidden: true });
  const tableBody = h('tbody');
  // Download links for every match of the last search (not only the page shown); plain links, so no fetch.
  const exportLinks = EXPORT_FORMATS.map(({ format, key }) => h('a', { className: 'button', dataset: { format },
    download: '', i18n: key }));
  const exports = h('div', { id: 'planning-exports', className: 'inline-actions', hidden: true },
    h('span', { className: 'hint', i18n: 'planning.exportLabel' }), exportLinks);
  const tableNote = h('p', { id: 'planning-table-note', className: 'hint' });
  const mapEl = h('div', { id: 'planning-map', className: 'map', role: 'region', 'data-i18n-aria-label': 'planning.mapLabel' });

  const circleLat = numberInput('planning-circle-lat', 'planning.circleLat');
  const circleLon = numberInput('planning-circle-lon', 'planning.circleLon');
  const circleRadius = numberInput('planning-circle-radius', 'planning.circleRadius');
  const circleError = h('p', { id: 'planning-circle-error', className: 'field-error', role: 'alert', tabindex: '-1',
    hidden: true, i18n: 'planning.circleInvalid' });
  const circleForm = h('fieldset', { className: 'field', id: 'planning-circle' }, h('legend', { i18n: 'planning.circleTitle' }),
    h('div', { className: 'planning-circle' }, field('planning.circleLat', circleLat), field('planning.circleLon', circleLon),
      field('planning.circleRadius', circleRadius)),
    h('button', { type: 'button', id: 'planning-circle-use', className: 'button', i18n: 'planning.circleUse',
      on: { click: () => useCircle() } }),
    circleError);

  const tool = (mode, key) => h('button', { type: 'button', className: 'button planning-tool', dataset: { mode }, i18n: key,
    on: { click: () => startDrawing(mode) } });
  const form = h('form', { id: 'planning-form', className: 'filters', novalidate: true, on: { submit: (e) => { e.preventDefault(); search(); } } },
    field('planning.estate', estateSelect),
    h('fieldset', { className: 'field' }, h('legend', { i18n: 'planning.plotArea' }),
      h('div', { className: 'range' }, field('planning.minArea', minArea), field('planning.maxArea', maxArea))),
    field('planning.landUse', landUse),
    h('fieldset', { className: 'field' }, h('legend', { i18n: 'planning.utilities' }), h('div', { className: 'checkbox-grid' }, utilityBoxes)),
    h('fieldset', { className: 'field' }, h('legend', { i18n: 'planning.infraDistance' }),
      INFRA_FIELDS.map((k) => field(INFRA_KEYS[k], infraInputs[k]))),
    h('div', { className: 'field' }, h('label', { className: 'checkbox' }, contiguous, h('span', { i18n: 'planning.contiguous' }))),
    field('planning.minBlockArea', minBlock),
    h('button', { type: 'submit', id: 'planning-search', className: 'button button-primary', i18n: 'planning.search' }));

  root.append(h('div', { className: 'app-body planning' },
    h('aside', { className: 'side-panel', 'data-i18n-aria-label': 'planning.panelLabel' },
      h('section', { className: 'panel-section' },
        h('h2', { className: 'panel-heading', i18n: 'planning.title' }),
        h('p', { className: 'hint', i18n: 'planning.intro' }),
        h('div', { className: 'inline-actions' }, tool('polygon', 'planning.drawPolygon'), tool('circle', 'planning.drawCircle'),
          h('button', { type: 'button', id: 'planning-finish', className: 'button', i18n: 'planning.drawFinish', on: { click: () => finishPolygon() } }),
          h('button', { type: 'button', id: 'planning-clear', className: 'button', i18n: 'planning.drawClear', on: { click: () => clearShape() } })),
        drawHint, circleForm),
      h('section', { className: 'panel-section' }, form, error, summary, exports)),
    h('main', { className: 'map-area planning-main' }, mapEl,
      h('div', { className: 'planning-results' },
        h('table', { id: 'planning-table', className: 'data-table' },
          h('thead', {}, h('tr', {}, h('th', { i18n: 'planning.colResult' }), h('th', { i18n: 'planning.colEstate' }),
            h('th', { i18n: 'planning.colArea' }), h('th', { i18n: 'planning.colDistance' }))),
          tableBody),
        tableNote))));
  applyTranslations(root);

  const map = L.map(mapEl, { center: [32.5, 53.7], zoom: 5, minZoom: 3, maxZoom: 19 });
  if (config && config.basemapUrl) L.tileLayer(config.basemapUrl, { attribution: config.basemapAttribution || '', maxZoom: 19 }).addTo(map);
  const estateLayer = L.geoJSON(null, { style: () => ({ className: 'estate', color: '#1f3a5f', weight: 1.5, fillOpacity: 0.03 }) }).addTo(map);
  const shapeLayer = L.layerGroup().addTo(map);
  const resultLayer = L.geoJSON(null, {
    style: () => ({ className: 'planning-result', color: '#c2185b', weight: 2.5, fillColor: '#ff4081', fillOpacity: 0.45 }),
    onEachFeature(feature, layer) {
      layer.on('click', () => highlight(feature.id));
    },
  }).addTo(map);

  let estates = [];
  let shape = null; // {kind: 'polygon', latlngs} | {kind: 'circle', centre, radiusM}
  let mode = null;
  let vertices = [];
  let preview = null;
  let answer = null;
  const layersById = new Map();

  // Drawing with plain Leaflet: polygon vertices by click (finish with a double-click or the button),
  // a circle by its centre and then a point on its rim.
  function startDrawing(next) {
    clearShape();
    mode = next;
    map.doubleClickZoom.disable();
    mapEl.classList.add('drawing');
    setHint(next === 'polygon' ? 'planning.drawPolygonHint' : 'planning.drawCircleHint');
  }

  function setHint(key) {
    drawHint.dataset.i18n = key;
    drawHint.textContent = t(key);
  }

  function clearShape() {
    shapeLayer.clearLayers();
    shape = null;
    mode = null;
    vertices = [];
    preview = null;
    map.doubleClickZoom.enable();
    mapEl.classList.remove('drawing');
    setHint('planning.drawNone');
  }

  function finishPolygon() {
    if (mode !== 'polygon' || vertices.length < 3) return;
    shapeLayer.clearLayers();
    L.polygon(vertices, { className: 'planning-shape', color: '#1f3a5f', dashArray: '4 4', fillOpacity: 0.05 }).addTo(shapeLayer);
    shape = { kind: 'polygon', latlngs: vertices.slice() };
    endDrawing();
  }

  function endDrawing() {
    mode = null;
    vertices = [];
    preview = null;
    mapEl.classList.remove('drawing');
    setTimeout(() => map.doubleClickZoom.enable(), 0);
    setHint('planning.drawDone');
  }

  map.on('click', (event) => {
    if (mode === 'polygon') {
      vertices.push(event.latlng);
      shapeLayer.clearLayers();
      L.polyline(vertices, { className: 'planning-shape', color: '#1f3a5f' }).addTo(shapeLayer);
      vertices.forEach((v) => L.circleMarker(v, { radius: 3, className: 'planning-vertex' }).addTo(shapeLayer));
    } else if (mode === 'circle') {
      if (!preview) {
        preview = L.circle(event.latlng, { radius: 1, className: 'planning-shape', color: '#1f3a5f', dashArray: '4 4', fillOpacity: 0.05 }).addTo(shapeLayer);
      } else {
        const radiusM = Math.max(1, map.distance(preview.getLatLng(), event.latlng));
        preview.setRadius(radiusM);
        shape = { kind: 'circle', centre: preview.getLatLng(), radiusM };
        endDrawing();
      }
    }
  });
  map.on('mousemove', (event) => {
    if (mode === 'circle' && preview) preview.setRadius(Math.max(1, map.distance(preview.getLatLng(), event.latlng)));
  });
  map.on('dblclick', () => finishPolygon());

  function wkt(latlngs) {
    const ring = latlngs.concat([latlngs[0]]).map((p) => p.lng.toFixed(7) + ' ' + p.lat.toFixed(7));
    // Leaflet rings may run either way; the server accepts both orientations.
    return 'POLYGON((' + ring.join(', ') + '))';
  }

  function params() {
    const p = { limit: RESULT_LIMIT };
    if (shape && shape.kind === 'polygon') p.within = wkt(shape.latlngs);
    if (shape && shape.kind === 'circle') {
      p.near = [shape.centre.lng, shape.centre.lat];
      p.radiusM = Math.round(shape.radiusM);
    }
    if (estateSelect.value) p.estate = estateSelect.value;
    if (landUse.value) p.landUse = landUse.value;
    const utilities = utilityBoxes.map((l) => l.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
    if (utilities.length) p.utilities = utilities;
    const min = parseNumber(minArea.value);
    const max = parseNumber(maxArea.value);
    if (min !== null) p.minArea = min;
    if (max !== null) p.maxArea = max;
    const distances = {};
    for (const k of INFRA_FIELDS) {
      const v = parseNumber(infraInputs[k].value);
      if (v !== null) distances[k] = v;
    }
    if (Object.keys(distances).length) p.maxDistanceM = distances;
    if (contiguous.checked) {
      p.contiguous = true;
      const ha = parseNumber(minBlock.value);
      if (ha !== null) p.minBlockArea = Math.round(ha * 10000);
    }
    return p;
  }

  async function search() {
    error.hidden = true;
    document.body.dataset.planningState = 'loading';
    try {
      const searched = params();
      answer = await getAvailability(searched);
      for (const link of exportLinks) link.href = availabilityExportUrl(searched, link.dataset.format);
      exports.hidden = false;
      draw();
      document.body.dataset.planningState = 'done';
    } catch (err) {
      document.body.dataset.planningState = 'error';
      if (err && (err.code === 'invalid_geometry' || err.code === 'invalid_parameter' || err.code === 'unknown_province')) {
        error.textContent = t(err.code === 'invalid_geometry' ? 'planning.errorGeometry' : 'planning.errorParameter')
          + ' ' + (err.message || '');
        error.hidden = false;
      } else {
        banner.show(err);
      }
    }
  }

  function draw() {
    resultLayer.clearLayers();
    layersById.clear();
    if (!answer) return;
    resultLayer.addData(answer);
    resultLayer.eachLayer((layer) => layersById.set(layer.feature.id, layer));
    document.body.dataset.planningResults = String(answer.numberReturned);
    renderSummary();
    const bounds = resultLayer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
    renderTable();
  }

  function renderSummary() {
    if (!answer) return;
    const key = answer.mode === 'blocks' ? 'planning.summaryBlocks' : 'planning.summaryPlots';
    summary.textContent = t(key, { count: formatNumber(answer.numberMatched), area: formatArea(answer.totalAreaM2) })
      + (answer.truncated ? ' ' + t('planning.summaryTruncated', { shown: formatNumber(answer.numberReturned) }) : '')
      + (answer.limitClamped ? ' ' + t('planning.limitClamped', { limit: formatNumber(answer.limit) }) : '');
  }

  // The table follows the map: it lists the results that are in view, nearest or largest first.
  function renderTable() {
    tableBody.replaceChildren();
    if (!answer) return;
    const view = map.getBounds();
    let shown = 0;
    for (const feature of answer.features) {
      const layer = layersById.get(feature.id);
      if (!layer || !view.intersects(layer.getBounds())) continue;
      shown += 1;
      const p = feature.properties;
      const name = answer.mode === 'blocks'
        ? t('planning.blockNameCounted', { number: formatNumber(p.block),
          plots: plural({ one: 'count.plotOne', other: 'count.plotOther' }, p.plotCount) })
        : t('planning.plotName', { number: p.plotNumber });
      const estate = answer.mode === 'blocks' ? formatList((p.estates || []).map(estateLabel)) : localName(p.estateName, p.estateNameFa);
      const row = h('tr', { tabindex: '0', className: 'planning-row', dataset: { id: String(feature.id) },
        on: { click: () => zoomTo(feature.id), keydown: (e) => { if (e.key === 'Enter') zoomTo(feature.id); } } },
      h('td', {}, name), h('td', {}, estate), h('td', {}, formatArea(p.areaM2)),
      h('td', {}, p.distanceM === null || p.distanceM === undefined ? '–' : t('planning.metres', { value: formatNumber(Math.round(p.distanceM)) })));
      tableBody.append(row);
    }
    tableNote.textContent = t('planning.tableInView', { shown: formatNumber(shown), total: formatNumber(answer.features.length) });
  }

  function estateLabel(code) {
    const e = estates.find((x) => x.code === code);
    return e ? localName(e.name, e.nameFa) : code;
  }

  // A circle typed in (centre and radius): a search area without a mouse.
  function useCircle() {
    const lat = parseNumber(circleLat.value);
    const lon = parseNumber(circleLon.value);
    const radiusM = parseNumber(circleRadius.value);
    const valid = lat !== null && lon !== null && radiusM !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
      && radiusM > 0;
    circleError.hidden = valid;
    if (!valid) {
      circleError.focus();
      return;
    }
    clearShape();
    const centre = L.latLng(lat, lon);
    const circle = L.circle(centre, { radius: radiusM, className: 'planning-shape', color: '#1f3a5f', dashArray: '4 4',
      fillOpacity: 0.05 }).addTo(shapeLayer);
    shape = { kind: 'circle', centre, radiusM };
    map.fitBounds(circle.getBounds(), { animate: false });
    setHint('planning.drawDone');
  }

  function highlight(id) {
    resultLayer.eachLayer((layer) => layer.setStyle({ weight: layer.feature.id === id ? 5 : 2.5 }));
    for (const row of tableBody.children) row.classList.toggle('selected', row.dataset.id === String(id));
  }

  function zoomTo(id) {
    const layer = layersById.get(id);
    if (layer) map.fitBounds(layer.getBounds(), { maxZoom: 18 });
    highlight(id);
  }

  map.on('moveend', renderTable);
  onLanguageChange(() => {
    for (const span of root.querySelectorAll('[data-utility]')) span.textContent = utilityLabel(span.dataset.utility);
    for (const option of landUse.querySelectorAll('option[value]:not([value=""])')) option.textContent = landUseLabel(option.value);
    for (const option of estateSelect.querySelectorAll('option[value]:not([value=""])')) {
      const e = estates.find((x) => x.code === option.value);
      if (e) option.textContent = localName(e.name, e.nameFa);
    }
    renderSummary();
    renderTable();
  });

  getEstates().then((collection) => {
    estateLayer.addData(collection);
    estates = (collection.features || []).map((f) => f.properties || {});
    for (const e of estates) estateSelect.append(h('option', { value: e.code }, localName(e.name, e.nameFa)));
    const bounds = estateLayer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds);
    document.body.dataset.planningReady = 'true';
  }).catch((err) => banner.show(err));

  return {
    show() {
      map.invalidateSize();
    },
  };
}
