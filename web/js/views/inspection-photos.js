// Inspection photos on the officer's desk: the files, the device's position for photos without their own, and how
// far from the plot each photo was taken (flagged when farther than the service's limit).
import { t, formatNumber } from '../i18n.js';
import { h } from '../dom.js';

/** How a photo's position is known, by the service's code. */
const SOURCE_KEYS = { EXIF: 'desk.source.EXIF', DEVICE: 'desk.source.DEVICE' };

/**
 * The photo fields of the inspection form: `el` to show, `appendTo(form)` to add the files and the position taken
 * (if any) to a FormData.
 */
export function photoFields() {
  const files = h('input', { id: 'desk-inspection-photos', type: 'file', multiple: true,
    accept: 'image/jpeg,image/png,image/webp' });
  const lon = h('input', { type: 'hidden', id: 'desk-device-lon' });
  const lat = h('input', { type: 'hidden', id: 'desk-device-lat' });
  const said = h('p', { className: 'hint', id: 'desk-position-status', role: 'status' }, t('desk.positionNone'));
  const locate = h('button', { type: 'button', className: 'button', id: 'desk-locate',
    onclick: () => {
      if (!navigator.geolocation) {
        said.textContent = t('desk.positionUnavailable');
        return;
      }
      said.textContent = t('desk.positionAsking');
      navigator.geolocation.getCurrentPosition((p) => {
        lon.value = String(p.coords.longitude);
        lat.value = String(p.coords.latitude);
        said.textContent = t('desk.positionTaken', {
          lat: formatNumber(p.coords.latitude, { maximumFractionDigits: 5 }),
          lon: formatNumber(p.coords.longitude, { maximumFractionDigits: 5 }),
          accuracy: formatNumber(Math.round(p.coords.accuracy || 0)) });
      }, () => { said.textContent = t('desk.positionUnavailable'); }, { enableHighAccuracy: true, timeout: 15000 });
    } }, t('desk.locate'));
  return {
    el: h('div', { className: 'field inspection-photos' },
      h('label', { htmlFor: files.id }, t('desk.photos')), files,
      h('p', { className: 'hint' }, t('desk.photosHint')), locate, lon, lat, said),
    appendTo(form) {
      for (const file of files.files) form.append('files', file);
      if (lon.value && lat.value) {
        form.set('deviceLon', lon.value);
        form.set('deviceLat', lat.value);
      }
    },
  };
}

/** Each photo of an inspection: where it was taken, and a warning when that is far from the plot. */
export function photoList(inspection) {
  const photos = inspection.photos || [];
  if (!photos.length) return null;
  return h('ul', { className: 'plain-list inspection-photo-list' }, photos.map((p, i) => h('li', {
    className: p.far ? 'photo-far' : 'photo-near', dataset: { photo: p.id, source: p.source || 'NONE' } },
  p.source === null || p.source === undefined
    ? t('desk.photoUnplaced', { n: formatNumber(i + 1) })
    : t(p.far ? 'desk.photoFar' : 'desk.photoNear', { n: formatNumber(i + 1),
      distance: formatNumber(p.distanceM), source: t(SOURCE_KEYS[p.source] || SOURCE_KEYS.DEVICE) }))));
}
