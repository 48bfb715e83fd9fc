// The Leaflet map: base map, estate outlines, parcels coloured by status and infrastructure lines.
// It draws what it is given and never fetches; the map view decides what to load.
import { t, currentLanguage, onLanguageChange, formatArea, formatRials, formatList, joinParts } from './i18n.js';
import {
  STATUS_COLOURS, INFRA_STYLES, UTILITIES, statusLabel, landUseLabel, utilityLabel, infraLabel, localName,
} from './labels.js';
import { textNode } from './dom.js';

/** Parcels and infrastructure are loaded from this zoom level up. */
export const PARCEL_MIN_ZOOM = 12;

/** Public statuses the idle layer outlines. */
const IDLE_STATUSES = ['IDLE', 'RECLAIMING'];

const DEFAULT_CENTER = [32.5, 53.7];
const DEFAULT_ZOOM = 5;

function parcelStyle(status, id) {
  const colours = STATUS_COLOURS[status] || STATUS_COLOURS.NOT_OFFERED;
  return {
    className: 'parcel parcel-' + (STATUS_COLOURS[status] ? status : 'UNKNOWN') + (id ? ' parcel-id-' + id : ''),
    color: colours.stroke,
    weight: 1,
    opacity: 1,
    fillColor: colours.fill,
    fillOpacity: 0.6,
  };
}

const ESTATE_STYLE = {
  className: 'estate',
  color: '#1f3a5f',
  weight: 2,
  opacity: 0.9,
  fill: true,
  fillColor: '#1f3a5f',
  fillOpacity: 0.04,
};

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

/**
 * Makes an estate's outline or marker a named button: Tab reaches it, a screen reader says which estate it is,
 * Enter or Space zooms to it (as a click does).
 */
function estateButton(layer, props, onActivate) {
  layer.on('add', () => {
    const el = layer.getElement();
    if (!el || el.dataset.estateButton) return;
    el.dataset.estateButton = props.code || '';
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', t('estates.zoomTo', { name: localName(props.name, props.nameFa) }));
    el.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      onActivate();
    });
  });
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

/**
 * Creates the map in `container`. `onBasemap(state)` is told "none", "ok" or "failed";
 * `onEstateClick(code)` fires when an estate outline is clicked while zoomed out.
 */
export function createMap(container, config, {
  onBasemap = () => {}, onEstateClick = () => {}, onReserve = null,
} = {}) {
  const map = L.map(container, {
    center: DEFAULT_CENTER,
    zoom: DEFAULT_ZOOM,
    zoomControl: false,
    minZoom: 3,
    maxZoom: 19,
  });
  map.createPane('estates').style.zIndex = 380;
  map.createPane('parcels').style.zIndex = 400;
  map.createPane('infrastructure').style.zIndex = 420;
  // The idle layer lies over the plots but lets clicks through to them (the popup stays the plot's).
  const idlePane = map.createPane('idle');
  idlePane.style.zIndex = 410;
  idlePane.style.pointerEvents = 'none';

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

  const estatesByCode = new Map();
  const estateLayer = L.geoJSON(null, {
    pane: 'estates',
    style: () => ESTATE_STYLE,
    onEachFeature(feature, layer) {
      const props = feature.properties || {};
      const code = props.code || feature.id;
      estatesByCode.set(code, { feature, layer });
      layer.bindTooltip(() => textNode(localName(props.name, props.nameFa)), {
        sticky: true, direction: 'top', className: 'estate-tooltip',
      });
      layer.on('click', () => {
        if (map.getZoom() < PARCEL_MIN_ZOOM) onEstateClick(code);
      });
      estateButton(layer, { ...props, code }, () => onEstateClick(code));
    },
  }).addTo(map);

  let openPopup = null;
  function showPopup(props, latlng) {
    openPopup = { id: props.id, popup: L.popup({ maxWidth: 320, className: 'parcel-popup-wrapper' }) };
    openPopup.popup.setLatLng(latlng).setContent(() => popupContent(props, onReserve)).openOn(map);
  }
  map.on('popupclose', (event) => {
    if (openPopup && event.popup === openPopup.popup) openPopup = null;
  });
  const parcelLayer = L.geoJSON(null, {
    pane: 'parcels',
    style: (feature) => parcelStyle(feature.properties && feature.properties.status,
      feature.properties && feature.properties.id),
    onEachFeature(feature, layer) {
      const props = feature.properties || {};
      // A free-standing popup (not bound to the layer) survives the redraw that its own auto-pan triggers.
      layer.on('click', (event) => showPopup(props, event.latlng));
      layer.on('mouseover', () => layer.setStyle({ weight: 2.5 }));
      layer.on('mouseout', () => layer.setStyle({ weight: 1 }));
    },
  }).addTo(map);

  // Idle land (public status IDLE or RECLAIMING) outlined and hatched, from the same public plot features.
  const idleLayer = L.geoJSON(null, {
    pane: 'idle',
    interactive: false,
    style: (feature) => ({
      className: 'idle-outline idle-outline-' + feature.properties.status + ' idle-id-' + feature.properties.id,
      color: '#b71c1c', weight: 2.5, dashArray: '5 3', fillOpacity: 1, fillColor: '#b71c1c',
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

  onLanguageChange(() => {
    placeZoomControl();
    for (const el of container.querySelectorAll('[data-estate-button]')) {
      const entry = estatesByCode.get(el.dataset.estateButton);
      const props = entry ? entry.feature.properties || {} : {};
      el.setAttribute('aria-label', t('estates.zoomTo', { name: localName(props.name, props.nameFa) }));
    }
    if (openPopup) openPopup.popup.update();
    map.eachLayer((layer) => {
      if (layer.getTooltip && layer.getTooltip() && layer.isTooltipOpen()) layer.getTooltip().update();
    });
  });

  // Estates are a few hundred metres across: at province zoom their outlines vanish, so a marker sized by
  // plot count stands in for each one until plots are drawn.
  const estateMarkers = L.layerGroup().addTo(map);
  function addEstateMarker(code, feature, layer) {
    const props = feature.properties || {};
    const radius = 5 + Math.min(12, Math.sqrt(props.parcelCount || 0) / 1.5);
    const marker = L.circleMarker(layer.getBounds().getCenter(), {
      pane: 'estates', radius, weight: 2, color: '#1f3a5f', fillColor: '#4a90c2', fillOpacity: 0.55,
      className: 'estate-marker',
    });
    marker.bindTooltip(() => textNode(localName(props.name, props.nameFa)), {
      direction: 'top', className: 'estate-tooltip',
    });
    marker.on('click', () => onEstateClick(code));
    estateButton(marker, { ...props, code }, () => onEstateClick(code));
    estateMarkers.addLayer(marker);
  }
  function toggleEstateMarkers() {
    const show = map.getZoom() < PARCEL_MIN_ZOOM - 1;
    if (show && !map.hasLayer(estateMarkers)) estateMarkers.addTo(map);
    if (!show && map.hasLayer(estateMarkers)) map.removeLayer(estateMarkers);
  }
  map.on('zoomend', toggleEstateMarkers);

  function fitBbox(bbox) {
    if (!Array.isArray(bbox) || bbox.length !== 4) return false;
    map.fitBounds([[bbox[1], bbox[0]], [bbox[3], bbox[2]]], { padding: [16, 16], animate: false });
    return true;
  }

  return {
    leaflet: map,
    zoom: () => map.getZoom(),
    bbox: () => clampBbox(map.getBounds()),

    /** Draws the estate boundaries (replacing any drawn before). */
    setEstates(collection) {
      estatesByCode.clear();
      estateLayer.clearLayers();
      estateMarkers.clearLayers();
      if (collection) estateLayer.addData(collection);
      estatesByCode.forEach(({ feature, layer }, code) => addEstateMarker(code, feature, layer));
    },

    /** Fits the map to all estates; false when there are none. */
    fitAll() {
      const bounds = estateLayer.getBounds();
      if (!bounds.isValid()) return false;
      map.fitBounds(bounds, { padding: [16, 16], animate: false });
      return true;
    },

    /** Fits the map to one estate (its bbox property, else its outline). */
    zoomToEstate(code) {
      const entry = estatesByCode.get(code);
      if (!entry) return false;
      if (fitBbox(entry.feature.properties && entry.feature.properties.bbox)) return true;
      map.fitBounds(entry.layer.getBounds(), { padding: [16, 16], animate: false });
      return true;
    },

    /** Fits the map to one plot (a GeoJSON Feature) and opens its popup: the target of a #/parcel/ID link. */
    showParcel(feature) {
      const bounds = L.geoJSON(feature).getBounds();
      if (!bounds.isValid()) return false;
      map.fitBounds(bounds, { padding: [48, 48], maxZoom: 17, animate: false });
      const props = feature.properties || {};
      openPopup = { id: props.id, popup: L.popup({ maxWidth: 320, className: 'parcel-popup-wrapper' }) };
      openPopup.popup.setLatLng(bounds.getCenter()).setContent(() => popupContent(props, onReserve)).openOn(map);
      return true;
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

    /** Replaces the drawn parcels; returns the number of plot shapes drawn. */
    setParcels(collection) {
      const features = collection && Array.isArray(collection.features) ? collection.features : [];
      if (openPopup && !features.some((f) => f.properties && f.properties.id === openPopup.id)) map.closePopup();
      parcelLayer.clearLayers();
      if (features.length) parcelLayer.addData(features);
      idleLayer.clearLayers();
      const idle = features.filter((f) => f.properties && IDLE_STATUSES.includes(f.properties.status));
      if (idle.length) idleLayer.addData(idle);
      return parcelLayer.getLayers().length;
    },

    /** The plots drawn now, as their popup properties (for the keyboard's list of plots in view). */
    drawnParcels() {
      return parcelLayer.getLayers().map((layer) => layer.feature.properties || {});
    },

    /** Opens plot `id`'s popup (as a click on it does) and moves the focus into it; false when it is not drawn. */
    openParcel(id) {
      const layer = parcelLayer.getLayers().find((l) => (l.feature.properties || {}).id === id);
      if (!layer) return false;
      showPopup(layer.feature.properties, layer.getBounds().getCenter());
      const popup = openPopup.popup.getElement();
      const target = popup && (popup.querySelector('.reserve-button') || popup.querySelector('.parcel-popup'));
      if (target) {
        if (!target.matches('button')) target.setAttribute('tabindex', '-1');
        target.focus();
      }
      return true;
    },

    clearParcels() {
      if (openPopup) map.closePopup();
      parcelLayer.clearLayers();
      idleLayer.clearLayers();
    },

    /** Shows or hides the idle-land layer (the legend's toggle). */
    setIdleVisible(visible) {
      if (visible && !map.hasLayer(idleLayer)) idleLayer.addTo(map);
      if (!visible && map.hasLayer(idleLayer)) map.removeLayer(idleLayer);
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
  };
}
