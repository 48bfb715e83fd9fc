// Hash routes between the public map (#/) and the other views (#/planning, #/stats). A view is built the
// first time it is shown; the nav link of the current view carries aria-current="page".
import { mountPlanningView } from './planning-view.js';
import { mountStatsView } from './stats-view.js';

const VIEWS = {
  planning: { id: 'view-planning', mount: mountPlanningView },
  stats: { id: 'view-stats', mount: mountStatsView },
};

/** Starts routing; `context` ({config, banner}) is handed to each view when it is mounted. */
export function startRouter(context) {
  const mapBody = document.querySelector('body > .app-body');
  const mounted = {};

  function route() {
    const name = (window.location.hash || '').replace(/^#\/?/, '').split('?')[0];
    const current = VIEWS[name] ? name : 'map';
    mapBody.hidden = current !== 'map';
    for (const [view, spec] of Object.entries(VIEWS)) {
      const root = document.getElementById(spec.id);
      root.hidden = view !== current;
      if (view === current) {
        if (!mounted[view]) mounted[view] = spec.mount(root, context);
        mounted[view].show();
      }
    }
    for (const link of document.querySelectorAll('#nav a[data-view]')) {
      if (link.dataset.view === current) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    document.body.dataset.view = current;
  }

  window.addEventListener('hashchange', route);
  route();
}
