// The map on the OGC API's HTML pages: draws the page's features (the JSON data block the server wrote, never
// fetched again) with Leaflet, and fits the view to them. A classic script: the CSP allows scripts of this origin
// only, never inline code.
(function () {
  'use strict';
  var holder = document.getElementById('ogc-map');
  var data = document.getElementById('ogc-data');
  if (!holder || !data || typeof L === 'undefined') {
    return;
  }
  var geojson = JSON.parse(data.textContent);
  var map = L.map(holder, { attributionControl: false });
  var layer = L.geoJSON(geojson, { style: { color: '#1f6f5c', weight: 1, fillOpacity: 0.3 } }).addTo(map);
  var bounds = layer.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { maxZoom: 17 });
  } else {
    map.setView([32, 53], 4);
  }
  holder.setAttribute('data-features', String(layer.getLayers().length));
}());
