// The Leaflet map: base map, estates and plots drawn from the server's vector tiles (/tiles, Leaflet.VectorGrid on
// canvas: a whole country costs a few canvases, not a DOM node per shape), estate labels at province zoom, the open
// plot's outline and popup, infrastructure lines and an import preview.
// It draws what it is given and never fetches data itself (the tile layer fetches its tiles); the map view decides.
import { t, currentLanguage, onLanguageChange, formatArea, formatRials, formatList, joinParts } from './i18n.js';
import {
  STATUS_COLOURS, INFRA_STYLES, UTILITIES, statusLabel, landUseLabel, utilityLabel, infraLabel, localName,
} from './labels.js';
import { textNode } from './dom.js';
import { createBaseLayer } from './base-layer.js';

/** Plots are drawn (and listed) from this zoom level up; below it the estates stand for them. */
export const PARCEL_MIN_ZOOM = 12;
/** Estate names are written on the map when at most this many estates are in view (province zoom and closer). */
const LABEL_LIMIT = 40;
/** Below this zoom the estates tiles hold points (sql/tiles/estates.sql), from it outlines. */
const ESTATE_OUTLINE_ZOOM = 10;

/** Public statuses the idle layer hatches. */
const IDLE_STATUSES = ['IDLE', 'RECLAIMING'];
const IDLE_COLOUR = '#b71c1c';

const DEFAULT_CENTER = [32.5, 53.7];
const DEFAULT_ZOOM = 5;

const ESTATE_STYLE = {
  color: '#1f3a5f', weight: 2, opacity: 0.9, fill: true, fillColor: '#1f3a5f', fillOpacity: 0.04,
};
const ESTATE_POINT_STYLE = {
  radius: 5, color: '#1f3a5f', weight: 2, fill: true, fillColor: '#4a90c2', fillOpacity: 0.7,
};

/** The status colour crossed by dark red stripes: idle land as a canvas fill (the SVG map's hatch, on canvas). */
const hatches = {};
function idleHatch(fill) {
  if (!hatches[fill]) {
    const tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    const ctx = tile.getContext('2d');
    ctx.fillStyle = fill;
    ctx.fillRect(0, 0, 8, 8);
    ctx.strokeStyle = IDLE_COLOUR;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (const d of [-8, 0, 8]) {
      ctx.moveTo(d, 8);
      ctx.lineTo(d + 8, 0);
    }
    ctx.stroke();
    hatches[fill] = ctx.createPattern(tile, 'repeat');
  }
  return hatches[fill];
}

function parcelStyle(props, idleVisible) {
  const colours = STATUS_COLOURS[props.status] || STATUS_COLOURS.NOT_OFFERED;
  if (idleVisible && IDLE_STATUSES.includes(props.status)) {
    return {
      color: IDLE_COLOUR, weight: 2, opacity: 1, dashArray: '5 3', fill: true, fillColor: idleHatch(colours.fill),
      fillOpacity: 0.85,
    };
  }
  return { color: colours.stroke, weight: 1, opacity: 1, fill: true, fillColor: colours.fill, fillOpacity: 0.6 };
}

function element(tag, className, text) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text !== undefined) el.textContent = text;
  return el;
}

function utilityOrder(utility) {
  const index = UTILITIES.indexOf(utility);
  return index < 0 ? UTILITIES.length : index;
}

function popupContent(props, onReserve) {
  const root = element('div', 'parcel-popup');
  root.dir = currentLanguage() === 'fa' ? 'rtl' : 'ltr';
  root.dataset.parcelId = String(props.id);
  root.appendChild(element('h3', 'parcel-popup-title', t('popup.title', { number: props.plotNumber })));
  const list = element('dl', 'parcel-popup-fields');
  const row = (label, value, field) => {
    const dt = element('dt', null, label);
    const dd = element('dd', null, value);
    dd.dataset.field = field;
    list.append(dt, dd);
    return dd;
  };
  const utilities = (Array.isArray(props.utilities) ? props.utilities.slice() : [])
    .sort((a, b) => utilityOrder(a) - utilityOrder(b));
  const priced = (v) => (v === null || v === undefined ? t('popup.notPriced') : formatRials(v));
  row(t('popup.estate'), localName(props.estateName, props.estateNameFa) || props.estate || '', 'estate');
  row(t('popup.area'), formatArea(props.areaM2), 'area');
  row(t('popup.landUse'), landUseLabel(props.landUse), 'landUse');
  row(t('popup.pricePerM2'), priced(props.pricePerM2), 'pricePerM2');
  row(t('popup.price'), priced(props.price), 'price');
  row(t('popup.utilities'), utilities.length ? formatList(utilities.map(utilityLabel)) : t('popup.noUtilities'),
    'utilities');
  const status = row(t('popup.status'), '', 'status');
  const badge = element('span', 'status-badge status-badge-' + props.status, statusLabel(props.status));
  const colours = STATUS_COLOURS[props.status];
  if (colours) badge.style.setProperty('--swatch', colours.fill);
  status.appendChild(badge);
  root.appendChild(list);
  if (props.status === 'AVAILABLE' && onReserve) {
    const reserve = element('button', 'button button-primary reserve-button', t('reserve.button'));
    reserve.type = 'button';
    reserve.addEventListener('click', () => onReserve(props));
    root.appendChild(reserve);
  }
  return root;
}

function clampBbox(bounds) {
  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  return [
    clamp(bounds.getWest(), -180, 180),
    clamp(bounds.getSouth(), -90, 90),
    clamp(bounds.getEast(), -180, 180),
    clamp(bounds.getNorth(), -90, 90),
  ];
}

function bboxBounds(bbox) {
  return L.latLngBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]]);
}

/** The query string of a plots tile: the filter, as /api/parcels takes it. */
function tileQuery(filter) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(filter || {})) {
    if (value === null || value === undefined) continue;
    q.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = q.toString();
  return text ? '?' + text : '';
}

/**
 * Creates the map in `container`. `onBasemap(state)` is told "none", "ok" or "failed"; `onEstateClick(code)` fires
 * when an estate (its point, outline or label) is chosen while zoomed out; `onPlotClick(latlng)` when the map is
 * clicked where plots are drawn (the view looks up the plot there and calls showPlot).
 */
export function createMap(container, config, {
  onBasemap = () => {}, onEstateClick = () => {}, onPlotClick = () => {}, onReserve = null, onPopupChange = () => {},
} = {}) {
  const map = L.map(container, {
    center: DEFAULT_CENTER,
    zoom: DEFAULT_ZOOM,
    zoomControl: false,
    minZoom: 3,
    maxZoom: 19,
  });
  // The side panel and the header settle after the map is made (and change with the window): a map that kept its
  // first size would centre its view (and its permalink) on the wrong point.
  const resizes = typeof ResizeObserver === 'function'
    ? new ResizeObserver(() => map.invalidateSize({ animate: false })) : null;
  if (resizes) resizes.observe(container);
  map.createPane('estates').style.zIndex = 380;
  map.createPane('parcels').style.zIndex = 400;
  map.createPane('selected').style.zIndex = 415;
  map.createPane('infrastructure').style.zIndex = 420;
  map.createPane('labels').style.zIndex = 610;
  // Iran's provinces and main cities, drawn from the server's own file (under a tile base map when one is set).
  const setBaseLayer = createBaseLayer(map, container, { overTiles: Boolean(config && config.basemapUrl) });

  let zoomControl = null;
  function placeZoomControl() {
    if (zoomControl) zoomControl.remove();
    zoomControl = L.control.zoom({
      position: currentLanguage() === 'fa' ? 'topright' : 'topleft',
      zoomInTitle: t('map.zoomIn'),
      zoomOutTitle: t('map.zoomOut'),
    }).addTo(map);
  }
  placeZoomControl();

  if (config && config.basemapUrl) {
    let loaded = false;
    const tiles = L.tileLayer(config.basemapUrl, {
      attribution: config.basemapAttribution || '',
      maxZoom: 19,
    });
    tiles.on('tileload', () => {
      if (!loaded) {
        loaded = true;
        onBasemap('ok');
      }
    });
    tiles.on('tileerror', () => {
      if (!loaded) onBasemap('failed');
    });
    tiles.addTo(map);
  } else {
    onBasemap('none');
  }

  // Estates: points below zoom 10, outlines from there, from the estates tiles.
  const estateTiles = L.vectorGrid.protobuf('/tiles/estates/{z}/{x}/{y}.mvt', {
    pane: 'estates',
    rendererFactory: L.canvas.tile,
    interactive: false,
    maxNativeZoom: 16,
    vectorTileLayerStyles: {
      estates: (props, zoom) => (zoom < ESTATE_OUTLINE_ZOOM ? ESTATE_POINT_STYLE : ESTATE_STYLE),
    },
  }).addTo(map);

  // Plots: every plot of every tile in view, coloured by status, idle land hatched; filtered by the server.
  let idleVisible = true;
  let filter = {};
  let drawnOnce = false;
  const parcelTiles = L.vectorGrid.protobuf('/tiles/parcels/{z}/{x}/{y}.mvt', {
    pane: 'parcels',
    rendererFactory: L.canvas.tile,
    interactive: false,
    minZoom: PARCEL_MIN_ZOOM,
    maxNativeZoom: 16,
    // a plot's status changes (a hold, an approval): each tile is revalidated by its ETag (a 304 when unchanged)
    // rather than taken from the browser's cache for its max-age
    fetchOptions: { cache: 'no-cache' },
    vectorTileLayerStyles: { parcels: (props) => parcelStyle(props, idleVisible) },
  });
  // What tests and the first-view bench wait for: tiles asked for and all of them drawn.
  parcelTiles.on('loading', () => { container.dataset.tiles = 'loading'; });
  parcelTiles.on('load', () => {
    container.dataset.tiles = 'drawn';
    if (!drawnOnce) {
      drawnOnce = true;
      container.dataset.firstTilesMs = String(Math.round(performance.now()));
    }
  });
  estateTiles.on('load', () => {
    container.dataset.estateTiles = 'drawn';
    if (!container.dataset.firstEstateTilesMs) {
      container.dataset.firstEstateTilesMs = String(Math.round(performance.now()));
    }
  });
  function togglePlots() {
    const none = Array.isArray(filter.status) && filter.status.length === 0;
    const show = map.getZoom() >= PARCEL_MIN_ZOOM && !none;
    if (show && !map.hasLayer(parcelTiles)) parcelTiles.addTo(map);
    if (!show && map.hasLayer(parcelTiles)) {
      map.removeLayer(parcelTiles);
      container.dataset.tiles = 'none';
    }
  }
  map.on('zoomend', togglePlots);
  togglePlots();
  function redrawPlots() {
    parcelTiles.setUrl('/tiles/parcels/{z}/{x}/{y}.mvt' + tileQuery(filter), !map.hasLayer(parcelTiles));
  }

  // The open plot: its outline (one path) and its popup.
  const selectedLayer = L.geoJSON(null, {
    pane: 'selected',
    interactive: false,
    style: (feature) => ({
      className: 'parcel-selected parcel-id-' + feature.properties.id,
      color: '#111', weight: 3, fill: false,
    }),
  }).addTo(map);
  let openPopup = null;
  function showPopup(feature, latlng) {
    const props = feature.properties || {};
    selectedLayer.clearLayers();
    if (feature.geometry) selectedLayer.addData(feature);
    openPopup = { id: props.id, popup: L.popup({ maxWidth: 320, className: 'parcel-popup-wrapper' }) };
    openPopup.popup.setLatLng(latlng).setContent(() => popupContent(props, onReserve)).openOn(map);
    onPopupChange(props.id);
  }
  map.on('popupclose', (event) => {
    if (openPopup && event.popup === openPopup.popup) {
      openPopup = null;
      selectedLayer.clearLayers();
      onPopupChange(null);
    }
  });

  // Plots picked for something (an offer being drafted): outlined and filled above the tiles.
  const pickedLayer = L.geoJSON(null, {
    pane: 'selected',
    interactive: false,
    style: (feature) => ({
      className: 'parcel-picked parcel-picked-' + feature.properties.id,
      color: '#0b3d91', weight: 3, fillColor: '#2f6fb3', fillOpacity: 0.45,
    }),
  }).addTo(map);

  const previewLayer = L.geoJSON(null, {
    style: () => ({ color: '#d81b60', weight: 2, dashArray: '6 4', fillOpacity: 0.08, className: 'import-preview' }),
  }).addTo(map);

  const infraLayer = L.geoJSON(null, {
    pane: 'infrastructure',
    style(feature) {
      const kind = feature.properties && feature.properties.kind;
      const style = INFRA_STYLES[kind] || INFRA_STYLES.road;
      return { ...style, className: 'infra infra-' + (INFRA_STYLES[kind] ? kind : 'other'), opacity: 0.9 };
    },
    onEachFeature(feature, layer) {
      const props = feature.properties || {};
      layer.bindTooltip(() => textNode(joinParts([infraLabel(props.kind), props.name])), {
        sticky: true, className: 'infra-tooltip',
      });
    },
  }).addTo(map);

  // Estate names: a label (a named button: Tab reaches it, Enter zooms to the estate) per estate in view, only
  // when few enough are in view to be read; a country of estates is points.
  let estates = [];
  const labelLayer = L.layerGroup().addTo(map);
  function estateLabel(estate) {
    const name = localName(estate.name, estate.nameFa) || estate.code;
    const el = element('span', 'estate-label-text', name);
    // above the estate (its top edge's middle), so that zoomed in the name does not cover its plots
    const box = bboxBounds(estate.bbox);
    const marker = L.marker([box.getNorth(), box.getCenter().lng], {
      pane: 'labels',
      keyboard: false,
      icon: L.divIcon({ className: 'estate-label', html: el, iconSize: null }),
    });
    marker.on('add', () => {
      const root = marker.getElement();
      root.dataset.estateButton = estate.code;
      root.setAttribute('tabindex', '0');
      root.setAttribute('role', 'button');
      root.setAttribute('aria-label', t('estates.zoomTo', { name }));
      root.lang = currentLanguage();
      root.addEventListener('keydown', (event) => {
        if (event.key !== 'Enter' && event.key !== ' ') return;
        event.preventDefault();
        onEstateClick(estate.code);
      });
    });
    marker.on('click', () => onEstateClick(estate.code));
    return marker;
  }
  function estatesInView() {
    const view = map.getBounds();
    return estates.filter((e) => Array.isArray(e.bbox) && view.intersects(bboxBounds(e.bbox)));
  }
  function renderLabels() {
    const inView = estatesInView();
    labelLayer.clearLayers();
    container.dataset.estateLabels = inView.length <= LABEL_LIMIT ? String(inView.length) : '0';
    if (inView.length > LABEL_LIMIT) return;
    for (const estate of inView) labelLayer.addLayer(estateLabel(estate));
  }
  map.on('moveend', renderLabels);

  // A click: the plot under it where plots are drawn, else the estate nearest to it (within a few pixels).
  map.on('click', (event) => {
    if (map.getZoom() >= PARCEL_MIN_ZOOM) {
      onPlotClick(event.latlng);
      return;
    }
    const at = map.latLngToContainerPoint(event.latlng);
    let best = null;
    for (const estate of estatesInView()) {
      const box = bboxBounds(estate.bbox);
      const d = box.contains(event.latlng) ? 0 : map.latLngToContainerPoint(box.getCenter()).distanceTo(at);
      if (d <= 12 && (!best || d < best.d)) best = { d, code: estate.code };
    }
    if (best) onEstateClick(best.code);
  });

  const stopLanguage = onLanguageChange(() => {
    placeZoomControl();
    renderLabels();
    if (openPopup) openPopup.popup.update();
    map.eachLayer((layer) => {
      if (layer.getTooltip && layer.getTooltip() && layer.isTooltipOpen()) layer.getTooltip().update();
    });
  });

  function fitBbox(bbox, options = {}) {
    if (!Array.isArray(bbox) || bbox.length !== 4) return false;
    map.fitBounds(bboxBounds(bbox), { padding: [16, 16], animate: false, ...options });
    return true;
  }

  return {
    leaflet: map,
    zoom: () => map.getZoom(),
    bbox: () => clampBbox(map.getBounds()),
    centre: () => map.getCenter(),

    /** Draws the offline base layer (provinces and cities: the FeatureCollection of GET /basemap/…). */
    setBaseLayer,

    /** Shows the view at `lat`, `lng`, `zoom` (a permalink's). */
    setView(lat, lng, zoom) {
      map.setView([lat, lng], zoom, { animate: false });
    },

    /** The estates (their list properties with bbox): the labels and the clicks at low zoom. */
    setEstates(list) {
      estates = Array.isArray(list) ? list : [];
      renderLabels();
    },

    /** Fits the map to all estates; false when there are none. */
    fitAll() {
      const boxes = estates.filter((e) => Array.isArray(e.bbox));
      if (!boxes.length) return false;
      const all = bboxBounds(boxes[0].bbox);
      for (const e of boxes) all.extend(bboxBounds(e.bbox));
      map.fitBounds(all, { padding: [16, 16], animate: false });
      return true;
    },

    /** Fits the map to one estate (its bbox). */
    zoomToEstate(code) {
      const estate = estates.find((e) => e.code === code);
      return Boolean(estate) && fitBbox(estate.bbox);
    },

    /** Fits the map to one plot (a GeoJSON Feature) and opens its popup: the target of a shared link. */
    showParcel(feature, { fit = true } = {}) {
      const bounds = L.geoJSON(feature).getBounds();
      if (!bounds.isValid()) return false;
      if (fit) map.fitBounds(bounds, { padding: [48, 48], maxZoom: 17, animate: false });
      showPopup(feature, bounds.getCenter());
      return true;
    },

    /** Opens a plot's popup (a GeoJSON Feature, as the plot list has it) and moves the focus into it. */
    openParcel(feature) {
      const bounds = L.geoJSON(feature).getBounds();
      if (!bounds.isValid()) return false;
      showPopup(feature, bounds.getCenter());
      const popup = openPopup.popup.getElement();
      const target = popup && (popup.querySelector('.reserve-button') || popup.querySelector('.parcel-popup'));
      if (target) {
        if (!target.matches('button')) target.setAttribute('tabindex', '-1');
        target.focus();
      }
      return true;
    },

    /** The id of the plot whose popup is open, or null. */
    openParcelId: () => (openPopup ? openPopup.id : null),

    closeParcel() {
      if (openPopup) map.closePopup();
    },

    /** Outlines the features of an import dry run (replacing any earlier preview) and fits the map to them. */
    showPreview(collection) {
      previewLayer.clearLayers();
      if (!collection || !Array.isArray(collection.features) || !collection.features.length) return 0;
      previewLayer.addData(collection);
      const bounds = previewLayer.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], animate: false });
      return previewLayer.getLayers().length;
    },

    /** Draws the plots that pass `params` (the /api/parcels filter; status [] draws none). */
    setFilter(params) {
      if (tileQuery(params) === tileQuery(filter)) return;
      filter = { ...params };
      redrawPlots();
      togglePlots();
    },

    /** Fetches the plots tiles again (after a change of the data, such as a reservation). */
    reloadPlots() {
      if (map.hasLayer(parcelTiles)) parcelTiles.redraw();
    },

    /** Shows or hides the idle-land hatch (the legend's toggle). */
    setIdleVisible(visible) {
      if (visible === idleVisible) return;
      idleVisible = visible;
      parcelTiles.redraw();
    },

    setInfrastructure(collection) {
      infraLayer.clearLayers();
      if (collection && Array.isArray(collection.features)) infraLayer.addData(collection);
    },

    clearInfrastructure() {
      infraLayer.clearLayers();
    },

    onMove(fn) {
      map.on('moveend', fn);
    },

    /** Outlines and fills the picked plots (GeoJSON Features), replacing the earlier ones. */
    setPicked(features) {
      pickedLayer.clearLayers();
      if (Array.isArray(features) && features.length) pickedLayer.addData({ type: 'FeatureCollection', features });
    },

    /** Removes the map and its language listener (a view that made its own map and is left). */
    destroy() {
      stopLanguage();
      if (resizes) resizes.disconnect();
      map.remove();
    },
  };
}
