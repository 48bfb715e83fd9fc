// Entry point: reads the server config, picks the language, then mounts the header and the views.
// New views (sign-in, my applications, review queue, decision log) get their own module under
// views/ and a link in <nav id="nav">; this file only wires them together.
import { getConfig } from './api.js';
import { setLanguage, savedLanguage, supportedLanguages } from './i18n.js';
import { createBanner } from './banner.js';
import { createHeader } from './header.js';
import { mountMapView } from './views/map-view.js';
import { startRouter } from './views/router.js';

async function start() {
  const banner = createBanner();
  const header = createHeader({ onError: banner.show });
  let config = { basemapUrl: null, basemapAttribution: null, language: 'en', languages: supportedLanguages() };
  let configError = null;
  try {
    config = { ...config, ...(await getConfig()) };
  } catch (error) {
    configError = error;
  }
  const offered = Array.isArray(config.languages) && config.languages.length ? config.languages : supportedLanguages();
  const saved = savedLanguage();
  const language = saved && offered.includes(saved) ? saved : config.language;
  try {
    await setLanguage(language);
  } catch (error) {
    configError = configError || error;
  }
  for (const button of document.querySelectorAll('.lang-button')) {
    button.hidden = !offered.includes(button.dataset.lang);
  }
  if (configError) banner.show(configError);
  mountMapView({ config, banner, header });
  startRouter({ config, banner });
}

start();
