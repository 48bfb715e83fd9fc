// The admin's import page: upload a parcel file with a dry-run preview on the map, then apply; export links.
import { getMe, getEstateSummary, uploadImport, exportUrl } from '../api.js';
import { t, formatNumber, latinDigits } from '../i18n.js';
import { localName, statusLabel } from '../labels.js';
import { h } from '../dom.js';

const OUTCOME_KEYS = {
  applied: 'import.outcome.applied',
  dry_run: 'import.outcome.dry_run',
  refused: 'import.outcome.refused',
};

// Literal keys, one per problem code of the import report (so the i18n test sees every one).
const PROBLEM_KEYS = {
  missing_plot_number: 'import.problem.missing_plot_number',
  bad_plot_number: 'import.problem.bad_plot_number',
  bad_land_use: 'import.problem.bad_land_use',
  bad_price: 'import.problem.bad_price',
  bad_utilities: 'import.problem.bad_utilities',
  multi_polygon: 'import.problem.multi_polygon',
  not_polygon: 'import.problem.not_polygon',
  empty_geometry: 'import.problem.empty_geometry',
  has_z_or_m: 'import.problem.has_z_or_m',
  unreadable_geometry: 'import.problem.unreadable_geometry',
  ring_not_closed: 'import.problem.ring_not_closed',
  too_few_points: 'import.problem.too_few_points',
  self_intersection: 'import.problem.self_intersection',
  hole_outside_shell: 'import.problem.hole_outside_shell',
  invalid_geometry: 'import.problem.invalid_geometry',
  duplicate_plot_number: 'import.problem.duplicate_plot_number',
  reprojection_failed: 'import.problem.reprojection_failed',
  swapped_coordinates: 'import.problem.swapped_coordinates',
  outside_extent: 'import.problem.outside_extent',
  outside_estate: 'import.problem.outside_estate',
  overlaps_feature: 'import.problem.overlaps_feature',
  overlaps_plot: 'import.problem.overlaps_plot',
  plot_taken: 'import.problem.plot_taken',
};

/** "POINT(49.61 37.2)" → "49.61, 37.2" in the page's digits; other WKT as it is. */
function formatLocation(wkt) {
  const point = /^POINT\s*\(\s*(\S+)\s+(\S+)\s*\)$/i.exec(wkt || '');
  if (!point) return wkt || '';
  return [point[1], point[2]].map((v) => formatNumber(v, { maximumFractionDigits: 7, useGrouping: false }))
    .join(t('import.coordinateSeparator'));
}

/** One report problem in the page's language: its code's text with the figures, the plot and the location. */
export function problemText(p) {
  const area = { maximumFractionDigits: 2 };
  const key = PROBLEM_KEYS[p.code];
  const message = key ? t(key, {
    plot: p.plotNumber || '',
    other: p.other === undefined || p.other === null ? '' : p.other,
    amount: formatNumber(p.amount, area),
    km: formatNumber(p.amount / 1000, { maximumFractionDigits: 0 }),
    status: statusLabel(p.other),
  }) : p.message;
  const line = t('import.problemLine', {
    feature: formatNumber(p.feature),
    plot: p.plotNumber ? t('import.problemPlot', { plot: p.plotNumber }) : '',
    message,
  });
  return p.location ? line + ' — ' + t('import.problemAt', { location: formatLocation(p.location) }) : line;
}

/** A dialog holding the upload form, the report and export links; the router opens it at #/import. */
export function mountImportView({ banner, onPreview }) {
  // Built as DOM nodes, never as an HTML string: the page writes text into the DOM only with textContent.
  const label = (key) => h('span', { i18n: key }, t(key));
  const summary = h('p', { className: 'import-summary', 'aria-live': 'polite' });
  const problems = h('ol', { className: 'import-problems' });
  const exports = h('p', { className: 'export-links' });
  const previewLegend = h('p', { className: 'hint import-preview-legend', i18n: 'import.previewLegend', hidden: true },
    t('import.previewLegend'));
  const form = h('form', { method: 'dialog', className: 'import-form' },
    h('h2', { i18n: 'import.title', id: 'import-title' }, t('import.title')),
    h('label', {}, label('import.estate'), ' ',
      h('select', { name: 'estate', required: true },
        h('option', { value: '', i18n: 'import.estatePick' }, t('import.estatePick')))),
    h('label', {}, label('import.file'), ' ',
      h('input', { name: 'file', type: 'file', accept: '.geojson,.json,.gpkg,.zip,.csv', required: true })),
    h('label', {}, label('import.srid'), ' ', h('input', { name: 'srid', inputMode: 'numeric' })),
    h('label', {}, h('input', { name: 'skipInvalid', type: 'checkbox', value: 'true' }), ' ', label('import.skipInvalid')),
    h('div', { className: 'inline-actions' },
      h('button', { type: 'button', className: 'button', dataset: { action: 'preview' }, i18n: 'import.preview' },
        t('import.preview')),
      h('button', { type: 'button', className: 'button', dataset: { action: 'apply' }, i18n: 'import.apply' },
        t('import.apply')),
      h('button', { type: 'submit', className: 'link-button', i18n: 'import.close' }, t('import.close'))),
    summary,
    previewLegend,
    problems,
    h('h3', { i18n: 'export.title' }, t('export.title')),
    exports);
  const dialog = h('dialog', { className: 'import-dialog', 'aria-labelledby': 'import-title' }, form);
  document.body.appendChild(dialog);

  function renderExports() {
    const estate = form.elements.estate.value.trim();
    exports.replaceChildren(...['geojson', 'gpkg', 'csv', 'shp', 'fgb'].map((format) => {
      const a = document.createElement('a');
      a.href = exportUrl(format, estate);
      a.textContent = format.toUpperCase() + ' ';
      a.title = t('export.download');
      return a;
    }));
  }
  form.elements.estate.addEventListener('change', renderExports);
  renderExports();

  // The estates this user may import into: all for an admin, the managed ones for an officer.
  async function loadEstates() {
    try {
      const [me, collection] = await Promise.all([getMe(), getEstateSummary()]);
      const managed = me && me.role === 'officer' ? new Set(me.estates || []) : null;
      const select = form.elements.estate;
      const chosen = select.value;
      const options = collection.features.map((f) => f.properties)
        .filter((e) => !managed || managed.has(e.code))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((e) => {
          const option = document.createElement('option');
          option.value = e.code;
          option.textContent = `${e.code} — ${localName(e.name, e.nameFa)}`;
          return option;
        });
      select.replaceChildren(select.options[0], ...options);
      select.value = chosen;
    } catch (error) {
      banner.show(error);
    }
  }

  async function send(dryRun) {
    const data = new FormData(form);
    data.set('dryRun', dryRun ? 'true' : 'false');
    data.set('srid', latinDigits(form.elements.srid.value).trim());
    summary.textContent = t('import.working');
    problems.replaceChildren();
    try {
      await getMe(); // refreshes the session's CSRF token that uploads send back
      const report = await uploadImport(data);
      summary.textContent = t('import.summary')
        .replace('{outcome}', t(OUTCOME_KEYS[report.outcome] || 'import.outcome.refused'))
        .replace('{features}', formatNumber(report.features)).replace('{created}', formatNumber(report.created))
        .replace('{updated}', formatNumber(report.updated)).replace('{invalid}', formatNumber(report.invalid));
      problems.replaceChildren(...report.problems.map((p) => {
        const li = document.createElement('li');
        li.textContent = problemText(p);
        li.dataset.code = p.code;
        li.title = p.message;
        return li;
      }));
      // The report's preview is an array of GeoJSON features; the map draws a FeatureCollection.
      const preview = Array.isArray(report.preview) ? { type: 'FeatureCollection', features: report.preview } : report.preview;
      previewLegend.hidden = true;
      if (preview && onPreview && onPreview(preview) > 0) {
        summary.textContent += ' ' + t('import.previewShown');
        previewLegend.hidden = false;
      }
    } catch (error) {
      summary.textContent = t('import.failed');
      banner.show(error);
    }
  }
  dialog.querySelector('[data-action="preview"]').addEventListener('click', () => send(true));
  dialog.querySelector('[data-action="apply"]').addEventListener('click', () => send(false));

  dialog.addEventListener('close', () => {
    if (location.hash === '#/import') location.hash = '#/';
  });
  return {
    open() {
      loadEstates();
      if (!dialog.open) dialog.showModal();
    },
  };
}
