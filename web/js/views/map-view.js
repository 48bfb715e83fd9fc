// The public map view: wires the map, filters, legend, estate list and the list of plots in view to the API.
// The map draws estates and plots from vector tiles; this view fetches what is read as text (the plots in view,
// for the keyboard's list and the legend's counts; the plot under a click; infrastructure), debounced, with stale
// requests aborted, and keeps the view in the URL (a permalink: centre, zoom, language and the open plot).
import { getEstates, getParcels, getInfrastructure, getParcel, getTileJson, getBaseLayer } from '../api.js';
import { createMap, PARCEL_MIN_ZOOM } from '../map.js';
import { createFilters } from '../filters.js';
import { createLegend } from '../legend.js';
import { createEstateList } from '../estates.js';
import { STATUSES, statusLabel } from '../labels.js';
import { applyTranslations, t, formatArea, formatNumber, onLanguageChange, currentLanguage } from '../i18n.js';
import { h } from '../dom.js';

const DEBOUNCE_MS = 300;
/** The keyboard's list of plots in view stops here; zooming in lists the others. */
const PLOT_LIST_LIMIT = 150;

/** The permalink's parameters in a map hash (#/?z=…&lat=…&lng=…&lang=…&plot=…), or null when it has none. */
export function permalinkOf(hash) {
  const match = /^#\/\?(.*)$/.exec(hash || '');
  if (!match) return null;
  const q = new URLSearchParams(match[1]);
  const number = (key) => (q.has(key) && Number.isFinite(Number(q.get(key))) ? Number(q.get(key)) : null);
  const plot = number('plot');
  return {
    z: number('z'), lat: number('lat'), lng: number('lng'), lang: q.get('lang'),
    plot: plot !== null && Number.isInteger(plot) && plot > 0 ? plot : null,
  };
}

/** A hash the map view owns: the bare map, a permalink or a plot's link. */
function isMapHash(hash) {
  return !hash || hash === '#' || hash === '#/' || hash.startsWith('#/?') || /^#\/parcel\/\d+$/.test(hash);
}

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
  let plots = [];
  const listRequests = latestOnly();
  const infraRequests = latestOnly();
  const clickRequests = latestOnly();

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
    onPlotClick: showPlotAt,
    onReserve,
    onPopupChange: () => keepPermalink(),
  });
  getBaseLayer().then(map.setBaseLayer, () => showBasemapNote('failed'));
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
      map.setFilter(filters.params());
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

  // Plots in view as buttons: the keyboard's (and a screen reader's) way to a plot's popup and its actions, and
  // the way tests find a plot by id (the map itself is canvas).
  const plotList = document.getElementById('plot-list');
  const plotHint = document.getElementById('plot-list-hint');
  const plotMore = document.getElementById('plot-list-more');
  let matched = 0;
  function renderPlotList() {
    const sorted = plots.slice().sort((a, b) => String(a.properties.plotNumber)
      .localeCompare(String(b.properties.plotNumber), undefined, { numeric: true }));
    plotHint.hidden = sorted.length > 0;
    plotMore.hidden = matched <= sorted.length;
    plotMore.textContent = plotMore.hidden ? '' : t('plots.more', {
      shown: formatNumber(sorted.length), total: formatNumber(matched) });
    plotList.replaceChildren(...sorted.map((f) => {
      const p = f.properties;
      return h('li', {}, h('button', {
        type: 'button', className: 'estate-item plot-item', dataset: { parcelId: p.id, status: p.status },
        onclick: () => {
          header.closePanel();
          map.openParcel(f);
        },
      }, t('plots.item', { number: p.plotNumber, status: statusLabel(p.status), area: formatArea(p.areaM2) })));
    }));
    body.dataset.parcelsLoaded = String(sorted.length);
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

  function clearPlotList() {
    listRequests.cancel();
    plots = [];
    matched = 0;
    renderPlotList();
  }

  /** The plots in view (the first PLOT_LIST_LIMIT by id, with the count and counts by status of all of them). */
  async function loadPlotList(bbox) {
    const params = { ...filters.params(), bbox, limit: PLOT_LIST_LIMIT };
    if (Array.isArray(params.status) && params.status.length === 0) {
      clearPlotList();
      loading.hidden = true;
      emptyNote.hidden = false;
      legend.update({ scope: 'parcels', counts: {}, numberMatched: 0 });
      return;
    }
    const request = listRequests.start();
    loading.hidden = false;
    try {
      const collection = await getParcels(params, { signal: request.signal });
      if (!request.current()) return;
      plots = (collection.features || []).filter((f) => f && f.properties);
      matched = typeof collection.numberMatched === 'number' ? collection.numberMatched : plots.length;
      renderPlotList();
      emptyNote.hidden = matched > 0;
      legend.update({ scope: 'parcels', counts: collection.countsByStatus || {}, numberMatched: matched });
    } catch (error) {
      if (!request.current()) return;
      plots = [];
      matched = 0;
      renderPlotList();
      emptyNote.hidden = true;
      legend.update({ scope: 'none' });
      banner.show(error);
    } finally {
      if (request.current()) loading.hidden = true;
    }
  }

  /** Opens the popup of the plot at `latlng` (a click on the map), fetched with its details from the API. */
  async function showPlotAt(latlng) {
    const d = 1e-6;
    const request = clickRequests.start();
    try {
      const collection = await getParcels({ ...filters.params(),
        bbox: [latlng.lng - d, latlng.lat - d, latlng.lng + d, latlng.lat + d], limit: 1 }, { signal: request.signal });
      if (!request.current()) return;
      const feature = (collection.features || [])[0];
      if (feature) map.showParcel(feature, { fit: false });
    } catch (error) {
      if (request.current()) banner.show(error);
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
      infraRequests.cancel();
      lastInfraBbox = null;
      clearPlotList();
      map.clearInfrastructure();
      loading.hidden = true;
      emptyNote.hidden = true;
      zoomHint.hidden = false;
      legend.update({ scope: 'estates', counts: estateCounts(bbox) });
      return;
    }
    zoomHint.hidden = true;
    loadPlotList(bbox);
    loadInfrastructure(bbox);
  }

  let timer = null;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MS);
  }
  map.onMove(schedule);

  // The permalink: the URL of the map holds its centre, zoom, language and open plot, replaced (not pushed) as
  // they change, so a reload or a shared link shows the same place.
  function keepPermalink() {
    if (!isMapHash(location.hash)) return;
    const c = map.centre();
    const q = new URLSearchParams({ z: String(map.zoom()), lat: c.lat.toFixed(6), lng: c.lng.toFixed(6),
      lang: currentLanguage() });
    const plot = map.openParcelId();
    if (plot !== null && plot !== undefined) q.set('plot', String(plot));
    const hash = '#/?' + q.toString();
    if (hash !== location.hash) history.replaceState(history.state, '', hash);
  }
  map.onMove(keepPermalink);
  onLanguageChange(keepPermalink);

  async function loadEstates() {
    try {
      const collection = await getEstates();
      const features = Array.isArray(collection.features) ? collection.features : [];
      estates = features.map((f) => ({ ...(f.properties || {}), code: (f.properties || {}).code || f.id }));
      map.setEstates(estates);
      estateList.setEstates(estates);
      filters.setEstates(estates);
      schedule();
    } catch (error) {
      banner.show(error);
      estateList.setEstates([]);
      schedule();
    } finally {
      body.dataset.ready = 'true';
    }
  }

  /** Shows one plot by id (a shared or notified link); a plot that is gone shows the banner's error. */
  async function showParcel(id, { fit = true } = {}) {
    try {
      map.showParcel(await getParcel(id), { fit });
      keepPermalink();
    } catch (error) {
      banner.show(error);
    }
  }

  /** The first view: a permalink's place, else the extent of all estates (from the estates' TileJSON). */
  async function firstView() {
    const link = permalinkOf(location.hash);
    if (link && link.z !== null && link.lat !== null && link.lng !== null) {
      map.setView(link.lat, link.lng, link.z);
    } else {
      try {
        const tileJson = await getTileJson('estates');
        const b = tileJson.bounds;
        if (Array.isArray(b) && b.length === 4 && b[0] > -180) {
          map.leaflet.fitBounds([[b[1], b[0]], [b[3], b[2]]], { padding: [16, 16], animate: false });
        }
      } catch (error) {
        banner.show(error);
      }
    }
    if (link && link.plot !== null) showParcel(link.plot, { fit: link.z === null });
    schedule();
  }

  firstView();
  loadEstates();

  return {
    map,
    refresh: schedule,
    /** Fetches the plots again, tiles included (after the data changed: a reservation). */
    reload() {
      map.reloadPlots();
      schedule();
    },
    showPreview: (collection) => map.showPreview(collection),
    showParcel,
  };
}
