// The map's offline base layer: Iran's provinces (outlines, names) and main cities (points, names), drawn from the
// server's own /basemap/iran-basemap.geojson (gis-data/basemap: Natural Earth provinces, GeoNames cities), so the map
// can be read with no tile server and no request leaving the server. It draws what it is given, in the page's
// language, and shows each kind of name only at the zooms where it can be read.
import { t, currentLanguage, onLanguageChange } from './i18n.js';
import { localName } from './labels.js';

/** Province names from this zoom to PROVINCE_LABEL_MAX_ZOOM (closer in, one province fills the view). */
const PROVINCE_LABEL_MIN_ZOOM = 6;
const PROVINCE_LABEL_MAX_ZOOM = 9;
/** Which cities are named from which zoom, by rank (0 the capital, 1 a province's capital, 2 a county seat). */
const CITY_LABEL_ZOOM = [5, 6, 8];
/** Which cities are drawn as points from which zoom, by rank. */
const CITY_POINT_ZOOM = [5, 5, 8];

const PROVINCE_STYLE = {
  color: '#8a7f6c', weight: 1.2, opacity: 0.9, fill: true, fillColor: '#f4f1e8', fillOpacity: 0.85,
};
const CITY_STYLE = {
  radius: 3.5, color: '#4a4a4a', weight: 1.5, fill: true, fillColor: '#ffffff', fillOpacity: 1,
};

function cssCode(code) {
  return String(code).replace(/[^A-Za-z0-9_-]/g, '-');
}

function label(latlng, kind, text, code) {
  const el = document.createElement('span');
  el.className = 'base-label-text base-label-' + kind;
  el.textContent = text;
  el.lang = currentLanguage();
  const marker = L.marker(latlng, {
    pane: 'baseLabels',
    interactive: false,
    keyboard: false,
    icon: L.divIcon({ className: 'base-label', html: el, iconSize: null }),
  });
  marker.on('add', () => {
    const root = marker.getElement();
    root.dataset.baseLabel = kind;
    root.dataset.code = code;
  });
  return marker;
}

/**
 * Adds the base layer's panes to `map` (under the estates) and returns `set(collection)`, which draws a base
 * layer FeatureCollection (features with `layer` "province" or "city"); `container.dataset.baseLayer` is "drawn"
 * with `baseProvinces` and `baseCities` counted once it is. Over a tile base map (`overTiles`) the provinces are
 * outlines only.
 */
export function createBaseLayer(map, container, { overTiles = false } = {}) {
  map.createPane('base').style.zIndex = 250;
  map.createPane('baseLabels').style.zIndex = 370;
  const renderer = L.svg({ pane: 'base' });
  let provinces = [];
  let cities = [];
  const shapes = L.layerGroup().addTo(map);
  const points = L.layerGroup().addTo(map);
  const labels = L.layerGroup().addTo(map);
  let attribution = null;

  function renderAttribution() {
    if (!map.attributionControl) return;
    if (attribution) map.attributionControl.removeAttribution(attribution);
    // Leaflet writes attributions as HTML: the translated text goes in escaped
    attribution = t('basemap.attribution').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    map.attributionControl.addAttribution(attribution);
  }

  function renderPoints() {
    const zoom = map.getZoom();
    points.clearLayers();
    for (const city of cities) {
      if (zoom < CITY_POINT_ZOOM[city.rank]) continue;
      const marker = L.circleMarker(city.latlng, {
        ...CITY_STYLE, renderer, pane: 'base', interactive: false, className: 'base-city base-city-' + city.id,
      });
      points.addLayer(marker);
    }
  }

  function renderLabels() {
    const zoom = map.getZoom();
    const view = map.getBounds().pad(0.1);
    labels.clearLayers();
    let provinceCount = 0;
    let cityCount = 0;
    if (zoom >= PROVINCE_LABEL_MIN_ZOOM && zoom <= PROVINCE_LABEL_MAX_ZOOM) {
      for (const province of provinces) {
        if (!view.contains(province.labelAt)) continue;
        labels.addLayer(label(province.labelAt, 'province', localName(province.name, province.nameFa), province.code));
        provinceCount += 1;
      }
    }
    for (const city of cities) {
      if (zoom < CITY_LABEL_ZOOM[city.rank] || !view.contains(city.latlng)) continue;
      labels.addLayer(label(city.latlng, 'city', localName(city.name, city.nameFa), String(city.id)));
      cityCount += 1;
    }
    container.dataset.baseProvinceLabels = String(provinceCount);
    container.dataset.baseCityLabels = String(cityCount);
  }

  map.on('zoomend', renderPoints);
  map.on('moveend', renderLabels);
  onLanguageChange(() => {
    renderLabels();
    renderAttribution();
  });

  return function set(collection) {
    const features = collection && Array.isArray(collection.features) ? collection.features : [];
    provinces = [];
    cities = [];
    shapes.clearLayers();
    for (const feature of features) {
      const props = feature.properties || {};
      if (props.layer === 'province' && feature.geometry) {
        const at = Array.isArray(props.labelAt) ? props.labelAt : null;
        provinces.push({ ...props, labelAt: at ? L.latLng(at[1], at[0]) : null });
        shapes.addLayer(L.geoJSON(feature, {
          renderer,
          pane: 'base',
          interactive: false,
          style: { ...PROVINCE_STYLE, ...(overTiles ? { fill: false } : {}), className: 'base-province base-province-' + cssCode(props.code) },
        }));
      } else if (props.layer === 'city' && feature.geometry && feature.geometry.type === 'Point') {
        const [lng, lat] = feature.geometry.coordinates;
        cities.push({ ...props, rank: Math.min(Math.max(Number(props.rank) || 0, 0), 2), latlng: L.latLng(lat, lng) });
      }
    }
    provinces = provinces.filter((p) => p.labelAt);
    renderPoints();
    renderLabels();
    renderAttribution();
    container.dataset.baseProvinces = String(provinces.length);
    container.dataset.baseCities = String(cities.length);
    container.dataset.baseLayer = 'drawn';
  };
}
