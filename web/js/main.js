// Entry point: reads the server config, picks the language, then mounts the header and the views.
// Views live under views/ and are reached through the links in <nav id="nav"> (hash routes); this file only
// wires them together.
import { getConfig, setMailLanguage } from './api.js';
import { setVocabularies } from './labels.js';
import { setLanguage, savedLanguage, supportedLanguages, onLanguageChange, t, formatNumber, currentLanguage } from './i18n.js';
import { createBanner } from './banner.js';
import { createHeader } from './header.js';
import { h } from './dom.js';
import { currentUser, onSessionChange, refreshSession, signOut } from './session.js';
import { mountMapView, permalinkOf } from './views/map-view.js';
import { renderAuthView } from './views/auth-view.js';
import { renderConfirmView } from './views/confirm-view.js';
import { renderReserveView } from './views/reserve-view.js';
import { renderApplicationsView, leaveApplicationsView } from './views/applications-view.js';
import { renderReviewView } from './views/review-view.js';
import { renderDecisionsView } from './views/decisions-view.js';
import { mountImportView } from './views/import-view.js';
import { mountPlanningView } from './views/planning-view.js';
import { mountStatsView } from './views/stats-view.js';
import { renderContractsView, renderContractView } from './views/contract-view.js';
import { renderIdleView } from './views/idle-view.js';
import { renderWorkingGroupView } from './views/working-group-view.js';
import { renderInboxView, unreadCount } from './views/inbox-view.js';
import { renderSandboxView, renderPaymentView, renderOverdueView } from './views/payment-view.js';
import { renderRoundsView } from './views/rounds-view.js';
import { renderOfferEditor, leaveOfferEditor } from './views/offer-editor.js';
import { renderCalendarView } from './views/calendar-view.js';
import { renderObjectionsView } from './views/objections-view.js';
import { renderDemandView } from './views/demand-view.js';
import { renderIdleRegisterView, renderRevivalView } from './views/register-view.js';

/** Full-page views with their own map, built the first time they are shown (planners and admins). */
const FULL_VIEWS = {
  '#/planning': { id: 'view-planning', mount: mountPlanningView },
  '#/stats': { id: 'view-stats', mount: mountStatsView },
};
const mountedViews = {};
let viewContext = null;

const page = document.getElementById('page');
let mapView = null;
let importView = null;
let pendingPlot = null;
let notice = null;
let unread = 0;

/** Re-reads the unread count of the signed-in user's inbox and shows it in the nav. */
async function refreshUnread() {
  unread = currentUser() ? await unreadCount() : 0;
  showUnread();
}

function showUnread() {
  const badge = document.getElementById('nav-inbox-count');
  if (!badge) return;
  badge.textContent = formatNumber(unread);
  badge.hidden = unread === 0;
  badge.dataset.count = String(unread);
}

function renderNav() {
  const nav = document.getElementById('nav');
  const user = currentUser();
  const link = (hash, key, id) => h('a', { href: hash, id, 'aria-current': location.hash === hash ? 'page' : null }, t(key));
  const links = [
    link('#/', 'nav.map', 'nav-map'),
    user && user.role === 'investor' ? link('#/applications', 'nav.applications', 'nav-applications') : null,
    user && user.role === 'investor' ? link('#/contracts', 'contract.nav', 'nav-contracts') : null,
    user && user.role === 'investor' ? link('#/demand', 'demand.nav', 'nav-demand') : null,
    user && user.role === 'officer' ? link('#/review', 'nav.review', 'nav-review') : null,
    user && (user.role === 'officer' || user.role === 'admin') ? link('#/idle', 'idle.nav', 'nav-idle') : null,
    user && (user.role === 'officer' || user.role === 'admin') ? link('#/overdue', 'payment.overdueNav', 'nav-overdue') : null,
    user && (user.role === 'officer' || user.role === 'admin')
      ? link('#/working-group', 'revival.wgNav', 'nav-working-group') : null,
    user ? h('a', { href: '#/inbox', id: 'nav-inbox', 'aria-current': location.hash === '#/inbox' ? 'page' : null },
      t('inbox.nav'), ' ', h('span', { className: 'nav-badge', id: 'nav-inbox-count', hidden: true,
        'aria-label': t('inbox.unreadLabel') })) : null,
    user && (user.role === 'admin' || user.role === 'officer') ? link('#/import', 'nav.import', 'nav-import') : null,
    isPlanner(user) ? link('#/planning', 'planning.nav', 'nav-planning') : null,
    isPlanner(user) ? link('#/stats', 'stats.nav', 'nav-stats') : null,
    isPlanner(user) ? link('#/demand', 'demand.stats.nav', 'nav-demand') : null,
    isPlanner(user) ? link('#/revival', 'revival.nav', 'nav-revival') : null,
    link('#/idle-register', 'register.nav', 'nav-idle-register'),
    link('#/rounds', 'nav.rounds', 'nav-rounds'),
    link('#/calendar', 'calendar.nav', 'nav-calendar'),
    user && (user.role === 'officer' || user.role === 'admin')
      ? link('#/offer-editor', 'offerEditor.nav', 'nav-offer-editor') : null,
    user && (user.role === 'officer' || user.role === 'admin')
      ? link('#/objections', 'objections.nav', 'nav-objections') : null,
    link('#/decisions', 'nav.decisions', 'nav-decisions'),
    user ? h('span', { className: 'nav-user', id: 'nav-user' }, user.email) : null,
    user
      ? h('a', { href: '#/', id: 'nav-signout', onclick: async (event) => {
        event.preventDefault();
        await signOut();
        location.hash = '#/';
      } }, t('nav.signOut'))
      : link('#/signin', 'nav.signIn', 'nav-signin'),
  ];
  // replaceChildren() would print a null as the text "null": leave out the links this user does not get.
  nav.replaceChildren(...links.filter(Boolean));
  showUnread();
}

function isPlanner(user) {
  return Boolean(user && (user.role === 'planner' || user.role === 'admin'));
}

/** Shows the full-page view for `hash` (or none) and hides the map page while one is shown. */
function showFullView(hash) {
  const active = isPlanner(currentUser()) && FULL_VIEWS[hash] ? hash : null;
  document.querySelector('body > .app-body').hidden = active !== null;
  for (const [key, spec] of Object.entries(FULL_VIEWS)) {
    const root = document.getElementById(spec.id);
    root.hidden = key !== active;
    if (key === active) {
      if (!mountedViews[key]) mountedViews[key] = spec.mount(root, viewContext);
      mountedViews[key].show();
    }
  }
  return active !== null;
}

function route() {
  const hash = location.hash || '#/';
  leaveApplicationsView();
  leaveOfferEditor();
  renderNav();
  if (hash !== '#/inbox') refreshUnread();
  if (showFullView(hash)) {
    document.body.dataset.view = hash.slice(2);
    return;
  }
  const show = () => {
    page.hidden = false;
    document.body.dataset.view = hash.split('/')[1] || 'map';
  };
  const user = currentUser();
  if (hash.startsWith('#/confirm?')) {
    show();
    renderConfirmView(page, new URLSearchParams(hash.slice('#/confirm?'.length)).get('token') || '');
  } else if (hash === '#/signin') {
    show();
    renderAuthView(page, {
      onDone: (u) => {
        location.hash = pendingPlot && u.role === 'investor' ? '#/reserve' : u.role === 'officer' ? '#/review'
          : u.role === 'investor' ? '#/applications' : '#/';
      },
    });
  } else if (hash === '#/reserve' && pendingPlot) {
    if (!user) {
      location.hash = '#/signin';
      return;
    }
    show();
    renderReserveView(page, {
      props: pendingPlot,
      onDone: () => {
        pendingPlot = null;
        notice = 'applications.heldNotice';
        if (mapView) mapView.reload();
        location.hash = '#/applications';
      },
    });
  } else if (hash === '#/applications' && user) {
    show();
    renderApplicationsView(page, { notice });
    notice = null;
  } else if (hash === '#/contracts' && user) {
    show();
    renderContractsView(page);
  } else if (/^#\/contract\/\d+$/.test(hash) && user) {
    show();
    renderContractView(page, Number(hash.split('/')[2]), { holder: user.role === 'investor' });
  } else if (hash === '#/idle' && user) {
    show();
    renderIdleView(page);
  } else if (hash === '#/working-group' && user) {
    show();
    renderWorkingGroupView(page);
  } else if (hash === '#/inbox' && user) {
    show();
    renderInboxView(page, { onChange: (n) => { unread = n; showUnread(); } });
  } else if (hash === '#/review' && user) {
    show();
    renderReviewView(page);
  } else if (hash === '#/import' && user && importView) {
    page.hidden = true;
    document.body.dataset.view = 'import';
    importView.open();
  } else if (hash === '#/demand' && user) {
    show();
    renderDemandView(page, { user });
  } else if (/^#\/parcel\/\d+$/.test(hash)) {
    page.hidden = true;
    page.replaceChildren();
    document.body.dataset.view = 'map';
    if (mapView) mapView.showParcel(Number(hash.split('/')[2]));
  } else if (/^#\/sandbox\/[A-Za-z0-9_-]+$/.test(hash)) {
    // payments: the sandbox gateway's page, the page it sends the payer back to, the overdue list (j-pay)
    show();
    renderSandboxView(page, hash.split('/')[2]);
  } else if (hash.startsWith('#/payment?') && user) {
    show();
    renderPaymentView(page, new URLSearchParams(hash.slice('#/payment?'.length)).get('token') || '');
  } else if (hash === '#/overdue' && user) {
    show();
    renderOverdueView(page);
  } else if (hash === '#/idle-register') {
    show();
    renderIdleRegisterView(page);
  } else if (hash === '#/revival' && user) {
    show();
    renderRevivalView(page, { user });
  } else if (hash === '#/rounds' || hash.startsWith('#/rounds?')) {
    show();
    renderRoundsView(page, { user, offer: Number(new URLSearchParams(hash.split('?')[1] || '').get('offer')) || null });
  } else if (hash === '#/offer-editor' && user && (user.role === 'officer' || user.role === 'admin')) {
    show();
    renderOfferEditor(page, { user, config: viewContext ? viewContext.config : {} });
  } else if (hash === '#/objections' && user && (user.role === 'officer' || user.role === 'admin')) {
    show();
    renderObjectionsView(page, { user });
  } else if (hash === '#/calendar' || hash.startsWith('#/calendar?')) {
    show();
    renderCalendarView(page, { date: new URLSearchParams(hash.split('?')[1] || '').get('date') });
  } else if (hash === '#/decisions') {
    show();
    renderDecisionsView(page);
  } else {
    page.hidden = true;
    page.replaceChildren();
    document.body.dataset.view = 'map';
    if (mapView) mapView.refresh();
  }
}

/** The values typed into the page's fields, by element id (files and passwords are not kept). */
function typedValues(root) {
  const values = new Map();
  for (const el of root.querySelectorAll('input[id], textarea[id], select[id]')) {
    if (el.type === 'file' || el.type === 'password') continue;
    values.set(el.id, el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value);
  }
  return values;
}

function restoreValues(root, values) {
  for (const [id, value] of values) {
    const el = root.querySelector('#' + CSS.escape(id));
    if (!el) continue;
    if (typeof value === 'boolean') el.checked = value;
    else if (value !== '') el.value = value;
  }
}

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
  setVocabularies(config.vocabularies);
  const offered = Array.isArray(config.languages) && config.languages.length ? config.languages : supportedLanguages();
  const saved = savedLanguage();
  // a permalink's language wins over the one this browser used last
  const linked = (permalinkOf(location.hash) || {}).lang;
  const language = linked && offered.includes(linked) ? linked : saved && offered.includes(saved) ? saved : config.language;
  try {
    await setLanguage(language);
  } catch (error) {
    configError = configError || error;
  }
  for (const button of document.querySelectorAll('.lang-button')) {
    button.hidden = !offered.includes(button.dataset.lang);
  }
  if (configError) banner.show(configError);
  try {
    await refreshSession();
  } catch (error) {
    banner.show(error);
  }
  mapView = mountMapView({
    config, banner, header,
    onReserve(props) {
      pendingPlot = props;
      location.hash = currentUser() ? '#/reserve' : '#/signin';
    },
  });
  viewContext = { config, banner };
  importView = mountImportView({ banner, onPreview: (collection) => mapView.showPreview(collection) });
  onSessionChange(renderNav);
  onSessionChange(refreshUnread);
  refreshUnread();
  setInterval(refreshUnread, 60000);
  // A language switch redraws the page in the other language: what the user typed is carried over.
  onLanguageChange(() => {
    const typed = typedValues(page);
    route();
    restoreValues(page, typed);
  });
  // The signed-in user's e-mails follow the language they read the pages in.
  const syncMailLanguage = () => { if (currentUser()) setMailLanguage(currentLanguage()).catch(() => {}); };
  onLanguageChange(syncMailLanguage);
  onSessionChange(syncMailLanguage);
  window.addEventListener('hashchange', route);
  route();
  document.body.dataset.session = currentUser() ? currentUser().role : 'none';
  onSessionChange((u) => { document.body.dataset.session = u ? u.role : 'none'; });
}

start();
