// How the reports write their numbers, in a given language: the page in
// the reader's, the paper copy always in Vietnamese.
const LOCALES = { vi: 'vi-VN', en: 'en-GB' };

export function percent(rate, lang) {
  return `${(rate * 100).toLocaleString(LOCALES[lang] || LOCALES.vi, { maximumFractionDigits: 1 })} %`;
}

export function decimal(value, lang) {
  return value === null || value === undefined ? '—' : value.toLocaleString(LOCALES[lang] || LOCALES.vi, { maximumFractionDigits: 1 });
}

// A change in a share, as percentage points with its direction.
export function pointsChange(change, lang) {
  const points = (Math.abs(change) * 100).toLocaleString(LOCALES[lang] || LOCALES.vi, { maximumFractionDigits: 1 });
  return `${change >= 0 ? '▲' : '▼'} ${points}`;
}

// "2026-11-30" → "30/11/2026".
export function dayText(day) {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

// The roman quarter numbers Vietnamese reports use: "Quý IV".
export const ROMAN = ['', 'I', 'II', 'III', 'IV'];
