// The estate list in the side panel: a search field and, under it, at most ESTATE_LIST_LIMIT buttons (each zooms
// the map to its estate), with how many more match. A national set has thousands of estates: listing them all
// made the panel thousands of DOM nodes that no one scrolls through.
import { t, formatNumber, formatHectares, formatRials, onLanguageChange, plural, joinParts, latinDigits } from './i18n.js';
import { estateKindLabel, localName } from './labels.js';

/** The most estates the panel lists at once; the search finds the others. */
export const ESTATE_LIST_LIMIT = 25;

/** Text folded for matching: lower case, Latin digits, Arabic yeh and kaf as Persian, no tatweel or joiner. */
export function foldForSearch(text) {
  return latinDigits(text || '')
    .toLowerCase()
    .replace(/\u064A/g, '\u06CC')
    .replace(/\u0649/g, '\u06CC')
    .replace(/\u0643/g, '\u06A9')
    .replace(/[\u0640\u200C\u200D]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Binds the list and its search field; `onSelect(code)` fires when an estate is chosen. Returns {setEstates(list)}.
 * Enter in the search field chooses the first listed estate; Down moves to the list.
 */
export function createEstateList(root = document.getElementById('estate-list'), { onSelect = () => {} } = {}) {
  const empty = document.getElementById('estate-list-empty');
  const search = document.getElementById('estate-search');
  const more = document.getElementById('estate-list-more');
  let estates = [];
  let haystacks = [];
  let renderedQuery = null;

  function line(className, text) {
    const el = document.createElement('span');
    el.className = className;
    el.textContent = text;
    return el;
  }

  function item(estate) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'estate-item';
    button.dataset.estate = estate.code;
    const name = localName(estate.name, estate.nameFa);
    // Its name is its visible text (the estate's name first): an aria-label would hide the rest from a reader.
    const province = estate.province ? localName(estate.province.name, estate.province.nameFa) : '';
    const meta = joinParts([estateKindLabel(estate.kind), province]);
    const available = (estate.countsByStatus && estate.countsByStatus.AVAILABLE) || 0;
    const stats = [
      plural({ one: 'count.plotOne', other: 'count.plotOther' }, estate.parcelCount || 0),
      t('estates.available', { count: formatNumber(available) }),
    ];
    if (estate.areaM2) stats.push(formatHectares(estate.areaM2));
    button.append(line('estate-name', name), line('estate-meta', meta), line('estate-stats', joinParts(stats)));
    if (estate.landPricePerM2 !== null && estate.landPricePerM2 !== undefined) {
      button.append(line('estate-price', t('estates.landPrice', { price: formatRials(estate.landPricePerM2) })));
    }
    button.addEventListener('click', () => onSelect(estate.code));
    li.appendChild(button);
    return li;
  }

  /** The estates whose code, names or province's names hold every word typed, in the list's order. */
  function matches() {
    const words = search ? foldForSearch(search.value).split(' ').filter(Boolean) : [];
    if (words.length === 0) return estates;
    return estates.filter((e, i) => words.every((w) => haystacks[i].includes(w)));
  }

  function render() {
    renderedQuery = search ? search.value : null;
    const found = matches();
    const shown = found.slice(0, ESTATE_LIST_LIMIT);
    root.replaceChildren(...shown.map(item));
    const query = search ? search.value.trim() : '';
    empty.hidden = found.length > 0;
    empty.textContent = estates.length > 0 && query ? t('estates.noMatch', { query }) : t('estates.empty');
    more.hidden = found.length <= shown.length;
    more.textContent = more.hidden ? '' : t('estates.more', {
      shown: formatNumber(shown.length),
      total: formatNumber(found.length),
    });
  }

  if (search) {
    // 'change' as well: a value set without typing (a test driver's clear) fires no 'input'. Only a new query
    // redraws: 'change' also fires as the focus leaves the field for the list, whose buttons must stay.
    const searched = () => {
      if (search.value !== renderedQuery) render();
    };
    search.addEventListener('input', searched);
    search.addEventListener('change', searched);
    search.addEventListener('keydown', (event) => {
      const first = root.querySelector('.estate-item');
      if (event.key === 'Enter' && first) {
        event.preventDefault();
        onSelect(first.dataset.estate);
      } else if (event.key === 'ArrowDown' && first) {
        event.preventDefault();
        first.focus();
      }
    });
  }
  // Up and Down move between the listed estates; Up from the first goes back to the search field.
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...root.querySelectorAll('.estate-item')];
    const at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    const next = event.key === 'ArrowDown' ? buttons[Math.min(at + 1, buttons.length - 1)] : buttons[at - 1] || search;
    if (next) next.focus();
  });

  onLanguageChange(render);
  return {
    setEstates(list) {
      estates = list;
      haystacks = list.map((e) => foldForSearch([e.code, e.name, e.nameFa, e.province && e.province.name,
        e.province && e.province.nameFa, e.province && e.province.code].filter(Boolean).join(' ')));
      render();
    },
  };
}
