// The admin's import page: upload a parcel file with a dry-run preview on the map, then apply; export links.
import { getMe, getEstates, uploadImport, exportUrl } from '../api.js';
import { t, formatNumber } from '../i18n.js';
import { localName, statusLabel } from '../labels.js';

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
  const dialog = document.createElement('dialog');
  dialog.className = 'import-dialog';
  dialog.innerHTML = `
    <form method="dialog" class="import-form">
      <h2 data-i18n="import.title">${t('import.title')}</h2>
      <label><span data-i18n="import.estate">${t('import.estate')}</span>
        <select name="estate" required><option value="" data-i18n="import.estatePick">${t('import.estatePick')}</option></select></label>
      <label><span data-i18n="import.file">${t('import.file')}</span>
        <input name="file" type="file" accept=".geojson,.json,.gpkg,.zip,.csv" required></label>
      <label><span data-i18n="import.srid">${t('import.srid')}</span> <input name="srid" inputmode="numeric"></label>
      <label><input name="skipInvalid" type="checkbox" value="true"> <span data-i18n="import.skipInvalid">${t('import.skipInvalid')}</span></label>
      <div class="inline-actions">
        <button type="button" class="button" data-action="preview" data-i18n="import.preview">${t('import.preview')}</button>
        <button type="button" class="button" data-action="apply" data-i18n="import.apply">${t('import.apply')}</button>
        <button type="submit" class="link-button" data-i18n="import.close">${t('import.close')}</button>
      </div>
      <p class="import-summary" aria-live="polite"></p>
      <ol class="import-problems"></ol>
      <h3 data-i18n="export.title">${t('export.title')}</h3>
      <p class="export-links"></p>
    </form>`;
  document.body.appendChild(dialog);
  const form = dialog.querySelector('form');
  const summary = dialog.querySelector('.import-summary');
  const problems = dialog.querySelector('.import-problems');
  const exports = dialog.querySelector('.export-links');

  function renderExports() {
    const estate = form.elements.estate.value.trim();
    exports.replaceChildren(...['geojson', 'gpkg', 'csv', 'shp'].map((format) => {
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
      const [me, collection] = await Promise.all([getMe(), getEstates()]);
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
      if (report.preview && onPreview && onPreview(report.preview) > 0) {
        summary.textContent += ' ' + t('import.previewShown');
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
