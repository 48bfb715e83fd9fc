// The public map view: wires the map, filters, legend and estate list to the API.
// Loads parcels and infrastructure for the current view from PARCEL_MIN_ZOOM up,
// debounced, with stale requests aborted.
import { getEstates, getParcels, getInfrastructure, getParcel } from '../api.js';
import { createMap, PARCEL_MIN_ZOOM } from '../map.js';
import { createFilters } from '../filters.js';
import { createLegend } from '../legend.js';
import { createEstateList } from '../estates.js';
import { STATUSES, statusLabel } from '../labels.js';
import { applyTranslations, t, formatArea, formatNumber, onLanguageChange } from '../i18n.js';
import { h } from '../dom.js';

const PARCEL_LIMIT = 5000;
const DEBOUNCE_MS = 300;
/** The keyboard's list of plots in view stops here; zooming in lists the others. */
const PLOT_LIST_LIMIT = 150;

function intersects(a, b) {
  return a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
}

/** A request slot: starting a new request aborts the previous one; only the latest may draw. */
function latestOnly() {
  let controller = null;
  let seq = 0;
  return {
    start() {
      if (controller) controller.abort();
      controller = new AbortController();
      seq += 1;
      const mine = seq;
      return { signal: controller.signal, current: () => mine === seq };
    },
    cancel() {
      if (controller) controller.abort();
      controller = null;
      seq += 1;
    },
  };
}

/** Mounts the map view; `banner` shows API errors, `header` closes the drawer after a pick. */
export function mountMapView({ config, banner, header, onReserve }) {
  const body = document.body;
  const zoomHint = document.getElementById('zoom-hint');
  const loading = document.getElementById('map-loading');
  const emptyNote = document.getElementById('map-empty');
  const basemapNote = document.getElementById('basemap-note');
  body.dataset.parcelsLoaded = '0';

  let estates = [];
  let lastInfraBbox = null;
  const parcelRequests = latestOnly();
  const infraRequests = latestOnly();

  function showBasemapNote(state) {
    if (state === 'ok') {
      basemapNote.hidden = true;
      return;
    }
    basemapNote.dataset.i18n = state === 'failed' ? 'basemap.failed' : 'basemap.none';
    basemapNote.dataset.state = state;
    basemapNote.textContent = '';
    applyTranslations(basemapNote);
    basemapNote.hidden = false;
    body.classList.add('no-basemap');
  }

  const map = createMap(document.getElementById('map'), config, {
    onBasemap: showBasemapNote,
    onEstateClick: (code) => map.zoomToEstate(code),
    onReserve,
  });
  const legend = createLegend();
  const idleToggle = document.getElementById('idle-layer-toggle');
  if (idleToggle) {
    idleToggle.addEventListener('change', () => {
      map.setIdleVisible(idleToggle.checked);
      body.dataset.idleLayer = idleToggle.checked ? 'on' : 'off';
    });
    body.dataset.idleLayer = idleToggle.checked ? 'on' : 'off';
  }
  const filters = createFilters(document.getElementById('filters'), {
    onChange({ estateChanged, estate }) {
      if (estateChanged) {
        if (estate) map.zoomToEstate(estate);
        else map.fitAll();
      }
      schedule();
    },
  });
  const estateList = createEstateList(document.getElementById('estate-list'), {
    onSelect(code) {
      map.zoomToEstate(code);
      header.closePanel();
    },
  });
  document.getElementById('zoom-all').addEventListener('click', () => {
    map.fitAll();
    header.closePanel();
  });

  function drawParcels(collection) {
    const drawn = map.setParcels(collection);
    body.dataset.parcelsLoaded = String(drawn);
    renderPlotList();
    return drawn;
  }

  // Plots in view as buttons: the keyboard's (and a screen reader's) way to a plot's popup and its actions.
  const plotList = document.getElementById('plot-list');
  const plotHint = document.getElementById('plot-list-hint');
  const plotMore = document.getElementById('plot-list-more');
  function renderPlotList() {
    const plots = map.drawnParcels().slice()
      .sort((a, b) => String(a.plotNumber).localeCompare(String(b.plotNumber), undefined, { numeric: true }));
    plotHint.hidden = plots.length > 0;
    plotMore.hidden = plots.length <= PLOT_LIST_LIMIT;
    plotMore.textContent = plotMore.hidden ? '' : t('plots.more', {
      shown: formatNumber(PLOT_LIST_LIMIT), total: formatNumber(plots.length) });
    plotList.replaceChildren(...plots.slice(0, PLOT_LIST_LIMIT).map((p) => h('li', {},
      h('button', { type: 'button', className: 'estate-item plot-item', dataset: { parcelId: p.id },
        onclick: () => {
          header.closePanel();
          map.openParcel(p.id);
        } },
      t('plots.item', { number: p.plotNumber, status: statusLabel(p.status), area: formatArea(p.areaM2) })))));
  }
  onLanguageChange(renderPlotList);

  function estateCounts(bbox) {
    const counts = {};
    for (const estate of estates) {
      if (Array.isArray(estate.bbox) && !intersects(estate.bbox, bbox)) continue;
      for (const status of STATUSES) {
        counts[status] = (counts[status] || 0) + ((estate.countsByStatus || {})[status] || 0);
      }
    }
    return counts;
  }

  async function loadParcels(bbox) {
    const params = { ...filters.params(), bbox, limit: PARCEL_LIMIT };
    if (Array.isArray(params.status) && params.status.length === 0) {
      parcelRequests.cancel();
      loading.hidden = true;
      drawParcels(null);
      emptyNote.hidden = false;
      legend.update({ scope: 'parcels', counts: {}, numberMatched: 0, numberReturned: 0, truncated: false });
      return;
    }
    const request = parcelRequests.start();
    loading.hidden = false;
    try {
      const collection = await getParcels(params, { signal: request.signal });
      if (!request.current()) return;
      const drawn = drawParcels(collection);
      const matched = typeof collection.numberMatched === 'number' ? collection.numberMatched : drawn;
      emptyNote.hidden = matched > 0;
      legend.update({
        scope: 'parcels',
        counts: collection.countsByStatus || {},
        numberMatched: matched,
        numberReturned: typeof collection.numberReturned === 'number' ? collection.numberReturned : drawn,
        truncated: Boolean(collection.truncated),
      });
    } catch (error) {
      if (!request.current()) return;
      // What is drawn belongs to another view or filter; better nothing than a wrong picture.
      drawParcels(null);
      emptyNote.hidden = true;
      legend.update({ scope: 'none' });
      banner.show(error);
    } finally {
      if (request.current()) loading.hidden = true;
    }
  }

  async function loadInfrastructure(bbox) {
    const key = bbox.join(',');
    if (key === lastInfraBbox) return;
    const request = infraRequests.start();
    try {
      const collection = await getInfrastructure(bbox, { signal: request.signal });
      if (!request.current()) return;
      lastInfraBbox = key;
      map.setInfrastructure(collection);
    } catch (error) {
      if (request.current()) banner.show(error);
    }
  }

  function refresh() {
    const bbox = map.bbox();
    if (map.zoom() < PARCEL_MIN_ZOOM) {
      parcelRequests.cancel();
      infraRequests.cancel();
      lastInfraBbox = null;
      map.clearParcels();
      map.clearInfrastructure();
      body.dataset.parcelsLoaded = '0';
      loading.hidden = true;
      emptyNote.hidden = true;
      zoomHint.hidden = false;
      legend.update({ scope: 'estates', counts: estateCounts(bbox) });
      return;
    }
    zoomHint.hidden = true;
    loadParcels(bbox);
    loadInfrastructure(bbox);
  }

  let timer = null;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MS);
  }
  map.onMove(schedule);

  async function loadEstates() {
    try {
      const collection = await getEstates();
      const features = Array.isArray(collection.features) ? collection.features : [];
      estates = features.map((f) => ({ ...(f.properties || {}), code: (f.properties || {}).code || f.id }));
      map.setEstates(collection);
      estateList.setEstates(estates);
      filters.setEstates(estates);
      if (!map.fitAll()) schedule();
    } catch (error) {
      banner.show(error);
      estateList.setEstates([]);
      schedule();
    } finally {
      body.dataset.ready = 'true';
    }
  }

  loadEstates();
  /** Shows one plot by id (a shared or notified link); a plot that is gone shows the banner's error. */
  async function showParcel(id) {
    try {
      map.showParcel(await getParcel(id));
    } catch (error) {
      banner.show(error);
    }
  }

  return { map, refresh: schedule, showPreview: (collection) => map.showPreview(collection), showParcel };
}
