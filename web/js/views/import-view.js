// The admin's import page: upload a parcel file with a dry-run preview on the map, then apply; export links.
import { getMe, uploadImport, exportUrl } from '../api.js';
import { t, formatNumber } from '../i18n.js';

const OUTCOME_KEYS = {
  applied: 'import.outcome.applied',
  dry_run: 'import.outcome.dry_run',
  refused: 'import.outcome.refused',
};

/** A dialog holding the upload form, the report and export links; the router opens it at #/import. */
export function mountImportView({ banner, onPreview }) {
  const dialog = document.createElement('dialog');
  dialog.className = 'import-dialog';
  dialog.innerHTML = `
    <form method="dialog" class="import-form">
      <h2 data-i18n="import.title">${t('import.title')}</h2>
      <label><span data-i18n="import.estate">${t('import.estate')}</span> <input name="estate" required></label>
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
  form.elements.estate.addEventListener('input', renderExports);
  renderExports();

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
        li.textContent = `#${formatNumber(p.feature)} ${p.plotNumber || ''} — ${p.code}: ${p.message}`;
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
      if (!dialog.open) dialog.showModal();
    },
  };
}
