// The station chief's reports for a month, a quarter or a year: JSON from
// /api/v1/reports/..., charts drawn here as plain SVG (no chart library, no
// CDN), tables, CSV downloads, and the paper copy in Vietnamese
// (print_report.js) printed by the browser.
import { api, ApiError } from '/common/api.js';
import { ChiefSession } from '/common/chief_session.js';
import { applyTexts, label, lang, t, toggleLanguage } from '/common/i18n.js';
import { decimal, dayText, percent as percentIn, pointsChange, ROMAN } from './format.js';
import { renderPrintable } from './print_report.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const LEVEL_COLORS = {
  very_satisfied: '#1e7b34',
  satisfied: '#6aa84f',
  neutral: '#bcbcbc',
  dissatisfied: '#e69138',
  very_dissatisfied: '#b3261e',
};

const view = { catalog: null, satisfaction: null, queue: null, officers: [] };
window.motcuaReports = view;

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const percent = (rate) => percentIn(rate, lang());

// The period the controls name: "2026-11", "2026-Q4" or "2026".
function chosenPeriod() {
  const kind = $('kind').value;
  if (kind === 'year') return $('year').value;
  if (kind === 'quarter') return `${$('year').value}-Q${$('quarter').value}`;
  return $('month').value;
}

function showPeriodFields() {
  const kind = $('kind').value;
  $('month-field').classList.toggle('hidden', kind !== 'month');
  $('quarter-field').classList.toggle('hidden', kind !== 'quarter');
  $('year-field').classList.toggle('hidden', kind === 'month');
}

// The controls set from a period text; false when it is none of the forms.
function choosePeriod(text) {
  let m;
  if ((m = /^(\d{4})$/.exec(text))) {
    $('kind').value = 'year';
    $('year').value = m[1];
  } else if ((m = /^(\d{4})-Q([1-4])$/.exec(text))) {
    $('kind').value = 'quarter';
    $('year').value = m[1];
    $('quarter').value = m[2];
  } else if ((m = /^(\d{4})-(\d{2})$/.exec(text))) {
    $('kind').value = 'month';
    $('month').value = text;
    $('year').value = m[1];
  } else return false;
  showPeriodFields();
  return true;
}

function periodTitle(period) {
  const [year, rest] = period.label.split('-');
  if (period.kind === 'year') return t('reports.period.year', { year });
  if (period.kind === 'quarter') return t('reports.period.quarter', { year, quarter: lang() === 'vi' ? ROMAN[Number(rest.slice(1))] : rest.slice(1) });
  return t('reports.period.month', { year, month: Number(rest) });
}

// "▲ 10 points on the previous period" on a KPI, coloured by whether it is
// good news (`higherIsBetter`).
function showDelta(node, text, change, higherIsBetter = true) {
  node.className = 'delta';
  node.textContent = text;
  if (change) node.classList.add(change > 0 === higherIsBetter ? 'up' : 'down');
}

// Horizontal bars: [{label, value, color}], the value written at the bar's end.
function bars(items, { format = String } = {}) {
  const width = 520;
  const row = 28;
  const left = 170;
  const max = Math.max(1, ...items.map((i) => i.value));
  const svg = el('svg', { viewBox: `0 0 ${width} ${Math.max(1, items.length) * row + 8}`, role: 'img' });
  items.forEach((item, i) => {
    const y = i * row + 4;
    svg.append(el('text', { x: left - 8, y: y + 17, 'text-anchor': 'end' }, item.label));
    const w = ((width - left - 60) * item.value) / max;
    svg.append(el('rect', { x: left, y, width: Math.max(w, 1), height: row - 8, rx: 3, fill: item.color || '#0b5394' }));
    svg.append(el('text', { x: left + w + 6, y: y + 17 }, format(item.value)));
  });
  return svg;
}

// Vertical columns: [{label, value}].
function columns(items) {
  const width = 520;
  const height = 200;
  const bottom = 24;
  const max = Math.max(1, ...items.map((i) => i.value));
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img' });
  const step = items.length ? Math.min(48, (width - 20) / items.length) : 0;
  items.forEach((item, i) => {
    const h = ((height - bottom - 24) * item.value) / max;
    const x = 10 + i * step;
    svg.append(el('rect', { x: x + 3, y: height - bottom - h, width: Math.max(step - 6, 2), height: h, fill: '#0b5394' }));
    svg.append(el('text', { x: x + step / 2, y: height - bottom - h - 4, 'text-anchor': 'middle' }, String(item.value)));
    svg.append(el('text', { x: x + step / 2, y: height - 6, 'text-anchor': 'middle' }, item.label));
  });
  return svg;
}

// Weekday × hour: each cell's colour is its satisfaction rate, its text the
// number of ratings; empty cells stay pale.
function heatmap(cells) {
  const hours = [];
  for (let h = 7; h <= 17; ++h) hours.push(h);
  for (const c of cells) if (!hours.includes(c.hour)) hours.push(c.hour);
  hours.sort((a, b) => a - b);
  const days = [1, 2, 3, 4, 5, 6, 0];
  const cw = 40;
  const ch = 30;
  const left = 44;
  const top = 22;
  const svg = el('svg', { viewBox: `0 0 ${left + hours.length * cw + 4} ${top + days.length * ch + 4}`, role: 'img' });
  hours.forEach((h, i) => svg.append(el('text', { x: left + i * cw + cw / 2, y: 15, 'text-anchor': 'middle' }, `${h}h`)));
  days.forEach((d, j) => {
    svg.append(el('text', { x: left - 8, y: top + j * ch + 20, 'text-anchor': 'end' }, t('weekday.' + d)));
    hours.forEach((h, i) => {
      const cell = cells.find((c) => c.weekday === d && c.hour === h);
      const fill = cell ? `hsl(${Math.round(cell.rate * 120)}, 60%, ${70 - cell.rate * 25}%)` : '#eef2f5';
      const rect = el('rect', { x: left + i * cw + 1, y: top + j * ch + 1, width: cw - 2, height: ch - 2, rx: 3, fill });
      if (cell) rect.append(el('title', {}, `${percent(cell.rate)} (${cell.total})`));
      svg.append(rect);
      if (cell) svg.append(el('text', { x: left + i * cw + cw / 2, y: top + j * ch + 20, 'text-anchor': 'middle' }, String(cell.total)));
    });
  });
  return svg;
}

function table(node, header, rows) {
  const head = document.createElement('tr');
  for (const h of header) {
    const th = document.createElement('th');
    th.textContent = h;
    head.append(th);
  }
  const body = rows.map((r) => {
    const tr = document.createElement('tr');
    for (const v of r) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.append(td);
    }
    return tr;
  });
  node.replaceChildren(head, ...body);
}

function serviceLabel(id) {
  if (!id) return t('reports.unknown');
  const s = view.catalog && view.catalog.services.find((x) => x.id === id);
  return s ? `${s.prefix} · ${label(s.label)}` : id;
}

const minutes = (v) => decimal(v, lang());

function render() {
  applyTexts();
  session.show($('report'));
  const s = view.satisfaction;
  const q = view.queue;
  if (!s || !q) return;
  $('kpi-rate').textContent = s.total ? percent(s.rate) : '—';
  $('kpi-ratings').textContent = String(s.total);
  if (s.rate_change !== null)
    showDelta($('kpi-rate-delta'), `${t('reports.change_points', { change: pointsChange(s.rate_change, lang()) })} · ${t('reports.previous')}: ${percent(s.previous.rate)}`, s.rate_change);
  else showDelta($('kpi-rate-delta'), '', 0);
  $('kpi-ratings-previous').textContent = `${t('reports.previous')}: ${s.previous.total}`;
  $('period-text').textContent = t('reports.period.range', {
    title: periodTitle(s.period),
    from: dayText(s.period.from),
    to: dayText(s.period.to),
    previous: periodTitle(s.previous.period),
  });
  $('chart-levels').replaceChildren(
    bars(Object.entries(s.levels).filter(([k, n]) => n > 0 || ['very_satisfied', 'satisfied', 'dissatisfied'].includes(k)).map(([k, n]) => ({ label: t('level.' + k), value: n, color: LEVEL_COLORS[k] })))
  );
  $('chart-reasons').replaceChildren(bars(s.reasons.map((r) => ({ label: t('reason.' + r.reason), value: r.count, color: '#e69138' }))));
  $('chart-heat').replaceChildren(heatmap(s.heatmap));
  // A month by day; a quarter or a year by month.
  const byMonth = s.period.kind !== 'month';
  $('chart-periods-title').textContent = t(byMonth ? 'reports.per_month' : 'reports.per_day');
  const periods = byMonth ? s.per_month : s.per_day;
  $('chart-days').replaceChildren(columns(periods.map((d) => ({ label: byMonth ? d.key.slice(5) : d.key.slice(8), value: d.total }))));
  const groupRows = (groups, name) => groups.map((g) => [name(g.key), String(g.total), String(g.satisfied), percent(g.rate)]);
  const head = [ '', t('reports.ratings'), t('level.satisfied'), t('reports.rate') ];
  table($('table-counter'), head, groupRows(s.per_counter, (k) => (k ? t('board.counter', { counter: k }) : t('reports.unknown'))));
  table($('table-officer'), head, groupRows(s.per_officer, (k) => k || t('reports.unknown')));
  table($('table-service'), head, groupRows(s.per_service, serviceLabel));

  $('kpi-tickets').textContent = String(q.tickets);
  const moreTickets = q.tickets - q.previous.tickets;
  showDelta($('kpi-tickets-delta'), t('reports.change_count', { change: `${moreTickets >= 0 ? '▲' : '▼'} ${Math.abs(moreTickets)}`, before: q.previous.tickets }), 0);
  $('kpi-within-title').textContent = t('reports.within', { n: q.within_target.minutes });
  $('kpi-within').textContent = q.tickets ? percent(q.within_target.share) : '—';
  if (q.tickets && q.previous.tickets) {
    const c = q.within_target.share - q.previous.within_target.share;
    showDelta($('kpi-within-delta'), t('reports.change_points', { change: pointsChange(c, lang()) }), c);
  } else showDelta($('kpi-within-delta'), '', 0);
  $('kpi-wait').textContent = `${minutes(q.wait_minutes.median)} / ${minutes(q.wait_minutes.p90)}`;
  $('kpi-service').textContent = `${minutes(q.service_minutes.median)} / ${minutes(q.service_minutes.p90)}`;
  $('kpi-no-shows').textContent = String(q.no_shows);
  $('kpi-priority').textContent = percent(q.priority_share);
  $('chart-hours').replaceChildren(columns(q.per_hour.map((h) => ({ label: `${h.hour}h`, value: h.tickets }))));
  $('chart-ticket-periods-title').textContent = t(byMonth ? 'reports.tickets_per_month' : 'reports.tickets_per_day');
  $('chart-ticket-days').replaceChildren(columns((byMonth ? q.per_month : q.per_day).map((d) => ({ label: byMonth ? d.key.slice(5) : d.key.slice(8), value: d.tickets }))));
  table(
    $('table-queue'),
    ['', t('reports.tickets'), t('reports.median') + ' (' + t('reports.wait') + ')', t('reports.p90'), t('reports.within', { n: q.within_target.minutes }), t('reports.no_shows'), t('reports.priority_share')],
    q.per_service.map((x) => [serviceLabel(x.service_id), String(x.tickets), minutes(x.wait_minutes.median), minutes(x.wait_minutes.p90), percent(x.within_target.share), String(x.no_shows), percent(x.priority_share)])
  );
  renderPrintable($('printable'), { catalog: view.catalog, satisfaction: s, queue: q, officers: view.officers, printedAt: new Date() });
}

function showError(e) {
  $('error').classList.toggle('hidden', !e);
  if (e) $('error').textContent = e.status === 0 ? t('error.unreachable') : t('error.generic', { message: e.message });
}

function query() {
  return `period=${encodeURIComponent(chosenPeriod())}&target_minutes=${encodeURIComponent($('target').value)}`;
}

async function load() {
  try {
    if (!view.catalog) view.catalog = await api('GET', '/api/v1/catalog');
    const [s, q, o] = await Promise.all([
      api('GET', `/api/v1/reports/satisfaction?${query()}`, { token: session.token }),
      api('GET', `/api/v1/reports/queue?${query()}`, { token: session.token }),
      // Names for the paper copy; usernames will do without them.
      api('GET', '/api/v1/admin/officers', { token: session.token }).catch(() => ({ officers: [] })),
    ]);
    view.satisfaction = s;
    view.queue = q;
    view.officers = o.officers;
    showError(null);
  } catch (e) {
    session.check(e);
    showError(e);
  }
  render();
}

async function download(kind) {
  try {
    const response = await fetch(`/api/v1/reports/${kind}?${query()}&format=csv`, { headers: { Authorization: `Bearer ${session.token}` } });
    if (!response.ok) throw new ApiError(response.status, 'http_' + response.status, response.statusText);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await response.blob());
    a.download = `motcua-${kind}-${chosenPeriod()}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  } catch (e) {
    showError(e instanceof ApiError ? e : new ApiError(0, 'unreachable', String(e)));
  }
}

const session = new ChiefSession('motcua.reports.token', { onLogin: load, onLogout: render });
$('show').addEventListener('click', load);
$('csv-satisfaction').addEventListener('click', () => download('satisfaction'));
$('csv-queue').addEventListener('click', () => download('queue'));
$('print').addEventListener('click', () => {
  if (view.satisfaction && view.queue) window.print();
});
$('kind').addEventListener('change', showPeriodFields);
$('lang').addEventListener('click', () => {
  toggleLanguage();
  render();
});

const params = new URLSearchParams(location.search);
const now = new Date();
$('year').value = String(now.getFullYear());
$('quarter').value = String(Math.floor(now.getMonth() / 3) + 1);
if (!choosePeriod(params.get('period') || params.get('month') || '')) choosePeriod(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`);
if (/^\d{1,3}$/.test(params.get('target') || '')) $('target').value = params.get('target');
render();
if (session.token) load();
