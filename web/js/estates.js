// The estate list in the side panel: one button per estate that zooms the map to it.
import { t, formatNumber, formatHectares, formatRials, onLanguageChange, plural, joinParts } from './i18n.js';
import { estateKindLabel, localName } from './labels.js';

/** Binds the list; `onSelect(code)` fires when an estate is chosen. Returns {setEstates(list)}. */
export function createEstateList(root = document.getElementById('estate-list'), { onSelect = () => {} } = {}) {
  const empty = document.getElementById('estate-list-empty');
  let estates = [];

  function line(className, text) {
    const el = document.createElement('span');
    el.className = className;
    el.textContent = text;
    return el;
  }

  function render() {
    root.replaceChildren();
    empty.hidden = estates.length > 0;
    for (const estate of estates) {
      const item = document.createElement('li');
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
      item.appendChild(button);
      root.appendChild(item);
    }
  }

  onLanguageChange(render);
  return {
    setEstates(list) {
      estates = list;
      render();
    },
  };
}
