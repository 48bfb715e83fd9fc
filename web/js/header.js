// The header: language switch, the side-panel toggle and the menu button used on narrow screens.
import { currentLanguage, onLanguageChange, setLanguage } from './i18n.js';

/** Binds the header controls; `onError(error)` reports a failed language load. */
export function createHeader({ onError = () => {} } = {}) {
  const buttons = Array.from(document.querySelectorAll('.lang-button'));
  const toggle = document.getElementById('panel-toggle');
  const panel = document.getElementById('panel');

  function renderLanguage() {
    for (const button of buttons) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === currentLanguage()));
    }
  }
  for (const button of buttons) {
    button.addEventListener('click', () => {
      if (button.dataset.lang === currentLanguage()) return;
      setLanguage(button.dataset.lang, { remember: true }).catch(onError);
    });
  }
  onLanguageChange(renderLanguage);

  // On a phone the links and the language switch fold into a menu opened by a disclosure button.
  const menuToggle = document.getElementById('menu-toggle');
  function setMenuOpen(open) {
    menuToggle.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('menu-open', open);
  }
  menuToggle.addEventListener('click', () => setMenuOpen(menuToggle.getAttribute('aria-expanded') !== 'true'));
  document.getElementById('menu').addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && document.body.classList.contains('menu-open')) {
      setMenuOpen(false);
      menuToggle.focus();
    }
  });
  window.addEventListener('hashchange', () => setMenuOpen(false));

  function setPanelOpen(open) {
    toggle.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('panel-open', open);
  }
  toggle.addEventListener('click', () => setPanelOpen(toggle.getAttribute('aria-expanded') !== 'true'));
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && document.body.classList.contains('panel-open')) {
      setPanelOpen(false);
      toggle.focus();
    }
  });

  return {
    /** Closes the side panel (only visible as a drawer on narrow screens). */
    closePanel: () => setPanelOpen(false),
  };
}
