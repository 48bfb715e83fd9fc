// A small dismissible banner that shows the translated message of the latest API error.
import { onLanguageChange } from './i18n.js';
import { errorMessage } from './labels.js';

/** Binds the banner in the page; returns {show(error), hide()}. */
export function createBanner(root = document.getElementById('error-banner')) {
  const text = root.querySelector('#error-banner-text');
  const close = root.querySelector('#error-banner-close');
  let current = null;

  function render() {
    if (!current) return;
    text.textContent = errorMessage(current);
  }

  function hide() {
    current = null;
    root.hidden = true;
    delete root.dataset.code;
  }

  function show(error) {
    if (error && error.name === 'AbortError') return;
    if (!(error && error.code)) console.error(error);
    current = error || { code: 'unknown' };
    root.dataset.code = current.code || 'unknown';
    render();
    root.hidden = false;
  }

  close.addEventListener('click', hide);
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') hide();
  });
  onLanguageChange(render);
  return { show, hide };
}
