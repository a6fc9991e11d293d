// The station's admin page (chief or technician): kiosks and their health,
// enrollment codes, services, counters, officers. Everything is read from and
// written to /api/v1/admin/... and /api/v1/counters; the page keeps nothing
// of its own, so a reload shows what the station holds.
import { api } from '/common/api.js';
import { ChiefSession } from '/common/chief_session.js';
import { applyTexts, label, lang, t, toggleLanguage } from '/common/i18n.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 15000; // a kiosk gone silent shows at most 15 s after its deadline

const view = { services: null, counters: [], officers: [], kiosks: [], code: null, saved: '' };
window.motcuaAdmin = view; // for the browser tests and the curious

function node(tag, props = {}, ...children) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') n.className = v;
    else if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else if (k in n) n[k] = v;
    else n.setAttribute(k, v);
  }
  n.append(...children.filter((c) => c !== null && c !== undefined));
  return n;
}

function fillTable(table, header, rows) {
  table.replaceChildren(node('tr', {}, ...header.map((h) => node('th', {}, h))), ...rows);
}

function showError(e) {
  $('error').classList.toggle('hidden', !e);
  if (e) $('error').textContent = e.status === 0 ? t('error.unreachable') : t('error.generic', { message: e.message });
}

// "3 phút trước" from an RFC 3339 time; "—" when never.
function ago(when) {
  if (!when) return t('admin.never');
  const minutes = Math.max(0, Math.round((Date.now() - Date.parse(when)) / 60000));
  return minutes < 1 ? t('admin.just_now') : t('admin.minutes_ago', { n: minutes });
}

function serviceChecks(name, chosen) {
  return node(
    'span',
    { class: 'checks' },
    ...view.services.services.map((s) =>
      node('label', { class: 'check' }, node('input', { type: 'checkbox', name, value: s.id, checked: chosen.includes(s.id) }), ` ${s.prefix} · ${label(s.label)}`)
    )
  );
}

function checked(root) {
  return [...root.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value);
}

// Runs one change, then reads everything again; true when the station took it.
async function act(what, key) {
  try {
    await what();
  } catch (e) {
    session.check(e);
    view.saved = '';
    showError(e);
    return false;
  }
  view.saved = key;
  await load();
  return true;
}

function renderKiosks() {
  const alerts = [];
  const rows = view.kiosks.map((k) => {
    const h = k.last_health || {};
    for (const a of k.alerts) alerts.push(t('admin.alert_line', { name: k.name, alert: t('alert.' + a) }));
    return node(
      'tr',
      { class: k.alerts.length ? 'alerting' : '', 'data-kiosk': k.id },
      node('td', {}, k.name),
      node('td', {}, ago(k.last_seen)),
      node('td', {}, h.printer_state || '—'),
      node('td', {}, h.paper ? t('paper.' + h.paper) : '—'),
      node('td', {}, h.outbox_depth === undefined ? '—' : String(h.outbox_depth)),
      node('td', {}, h.version || '—'),
      node('td', { class: 'alerts' }, k.alerts.map((a) => t('alert.' + a)).join(', ') || t('admin.ok'))
    );
  });
  fillTable($('table-kiosks'), [t('admin.kiosk'), t('admin.last_seen'), t('admin.printer'), t('admin.paper'), t('admin.outbox'), t('admin.version'), t('admin.alerts')], rows);
  $('alerts').classList.toggle('hidden', alerts.length === 0);
  $('alerts').replaceChildren(...alerts.map((a) => node('div', {}, a)));
  $('code-box').classList.toggle('hidden', !view.code);
  if (view.code) {
    $('enroll-code').textContent = view.code.code;
    const when = new Date(view.code.madeAt + view.code.expires_in_seconds * 1000);
    $('code-expiry').textContent = t('admin.code_expiry', { when: when.toLocaleString(lang() === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) });
  }
}

function renderServices() {
  const rows = view.services.services.map((s) => {
    const input = (field, value, attrs = {}) => node('input', { name: field, value: String(value ?? ''), ...attrs });
    const row = node(
      'tr',
      { 'data-service': s.id },
      node('td', {}, s.id),
      node('td', {}, input('prefix', s.prefix, { maxLength: 1, size: 2 })),
      node('td', {}, input('vi', s.label.vi, { maxLength: 128 })),
      node('td', {}, input('en', s.label.en || '', { maxLength: 128 })),
      node('td', {}, input('daily_cap', s.daily_cap, { type: 'number', min: 1, max: 999 })),
      node('td', {}, input('avg_service_minutes', s.avg_service_minutes, { type: 'number', min: 1, max: 240 })),
      node('td', {}, node('button', { class: 'save', textContent: view.saved === 'service:' + s.id ? t('admin.saved') : t('admin.save') }))
    );
    row.querySelector('button').addEventListener('click', () => {
      const value = (name) => row.querySelector(`[name=${name}]`).value;
      act(
        () =>
          api('PUT', `/api/v1/admin/services/${encodeURIComponent(s.id)}`, {
            token: session.token,
            body: {
              prefix: value('prefix').trim().toUpperCase(),
              label: { vi: value('vi'), en: value('en') },
              daily_cap: Number(value('daily_cap')),
              avg_service_minutes: Number(value('avg_service_minutes')),
            },
          }),
        'service:' + s.id
      );
    });
    return row;
  });
  fillTable($('table-services'), [t('admin.service_id'), t('admin.prefix'), t('admin.label_vi'), t('admin.label_en'), t('admin.daily_cap'), t('admin.avg_minutes'), ''], rows);
}

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAY_NUMBER = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

// One row per service: a cell per weekday of "07:30-11:30 13:30-16:30", the
// service's own hours or, greyed, the usual ones it follows.
function renderHours() {
  const rows = view.services.services.map((s) => {
    const own = !!s.issuing_hours;
    const hours = s.issuing_hours || view.services.usual_issuing_hours || {};
    const cells = WEEK.map((day) =>
      node('td', {}, node('textarea', { name: day, value: (hours[day] || []).join('\n'), className: own ? '' : 'usual', rows: 2 }))
    );
    const save = node('button', { class: 'save', textContent: view.saved === 'hours:' + s.id ? t('admin.saved') : t('admin.save') });
    const usual = node('button', { class: 'save', textContent: t('admin.hours.usual'), disabled: !own });
    const row = node('tr', { 'data-service': s.id }, node('td', {}, `${s.prefix} · ${label(s.label)}`), ...cells, node('td', {}, save, ' ', usual));
    const put = (issuing_hours) =>
      act(() => api('PUT', `/api/v1/admin/services/${encodeURIComponent(s.id)}`, { token: session.token, body: { issuing_hours } }), 'hours:' + s.id);
    save.addEventListener('click', () => {
      const body = {};
      for (const day of WEEK) {
        const ranges = row.querySelector(`[name=${day}]`).value.split(/[\s,;]+/).filter(Boolean);
        if (ranges.length) body[day] = ranges;
      }
      put(body);
    });
    usual.addEventListener('click', () => put(null));
    return row;
  });
  fillTable($('table-hours'), [t('admin.service'), ...WEEK.map((d) => t('weekday.' + WEEKDAY_NUMBER[d])), ''], rows);
}

function renderCounters() {
  const rows = view.counters.map((c) => {
    const checks = serviceChecks('services-' + c.id, c.services);
    const save = node('button', { class: 'save', textContent: view.saved === 'counter:' + c.id ? t('admin.saved') : t('admin.save') });
    save.addEventListener('click', () =>
      act(() => api('PUT', `/api/v1/admin/counters/${encodeURIComponent(c.id)}`, { token: session.token, body: { services: checked(checks) } }), 'counter:' + c.id)
    );
    const state = c.open ? t('admin.counter_open', { officer: c.officer || '—' }) : t('counter.closed');
    return node('tr', { 'data-counter': c.id }, node('td', {}, c.id), node('td', {}, state), node('td', {}, checks), node('td', {}, save));
  });
  fillTable($('table-counters'), [t('admin.counter_id'), t('admin.state'), t('admin.counter_services'), ''], rows);
  const fresh = $('counter-new-services');
  fresh.replaceChildren(node('legend', { textContent: t('admin.counter_services') }), serviceChecks('new-counter', []));
}

function renderOfficers() {
  const rows = view.officers.map((o) =>
    node('tr', { 'data-officer': o.username }, node('td', {}, o.username), node('td', {}, o.display_name), node('td', {}, t('role.' + o.role)), node('td', {}, o.created_at.slice(0, 10)))
  );
  fillTable($('table-officers'), [t('login.username'), t('admin.display_name'), t('admin.role'), t('admin.created')], rows);
}

// The form shows the station's policy unless the admin is changing it.
function renderPolicy() {
  const p = view.policy;
  if (!p || $('priority-policy').contains(document.activeElement)) return;
  $('policy-strict').checked = p.policy === 'strict';
  $('policy-one-in-n').checked = p.policy === 'one_in_n';
  if (p.policy === 'one_in_n') $('policy-n').value = String(p.n);
  $('policy-save').textContent = view.saved === 'policy' ? t('admin.saved') : t('admin.save');
}

function render() {
  applyTexts();
  if (!session.show($('admin')) || !view.services) return;
  renderPolicy();
  renderKiosks();
  renderServices();
  renderHours();
  renderCounters();
  renderOfficers();
}

async function load() {
  try {
    const token = session.token;
    const [services, counters, officers, kiosks, policy] = await Promise.all([
      api('GET', '/api/v1/admin/services', { token }),
      api('GET', '/api/v1/counters', { token }),
      api('GET', '/api/v1/admin/officers', { token }),
      api('GET', '/api/v1/admin/kiosks', { token }),
      api('GET', '/api/v1/admin/priority-policy', { token }),
    ]);
    view.policy = policy;
    view.services = services;
    view.counters = counters.counters;
    view.officers = officers.officers;
    view.kiosks = kiosks.kiosks;
    view.loadedAt = Date.now();
    showError(null);
  } catch (e) {
    session.check(e);
    showError(e);
  }
  render();
}

const session = new ChiefSession('motcua.admin.token', { onLogin: load, onLogout: render });

$('new-code').addEventListener('click', () =>
  act(async () => {
    view.code = { ...(await api('POST', '/api/v1/admin/enrollment-codes', { token: session.token })), madeAt: Date.now() };
  }, 'code')
);
$('add-counter').addEventListener('submit', (event) => {
  event.preventDefault();
  act(
    () => api('POST', '/api/v1/admin/counters', { token: session.token, body: { id: $('counter-new-id').value.trim(), services: checked($('counter-new-services')) } }),
    'counter:' + $('counter-new-id').value.trim()
  ).then((ok) => ok && ($('counter-new-id').value = ''));
});
$('priority-policy').addEventListener('submit', (event) => {
  event.preventDefault();
  const oneInN = $('policy-one-in-n').checked;
  const body = oneInN ? { policy: 'one_in_n', n: Number($('policy-n').value) } : { policy: 'strict' };
  document.activeElement.blur();
  act(() => api('PUT', '/api/v1/admin/priority-policy', { token: session.token, body }), 'policy');
});
$('add-officer').addEventListener('submit', (event) => {
  event.preventDefault();
  const body = { username: $('officer-username').value.trim(), display_name: $('officer-name').value.trim() || undefined, role: $('officer-role').value, password: $('officer-password').value };
  act(() => api('POST', '/api/v1/admin/officers', { token: session.token, body }), 'officer:' + body.username).then((ok) => {
    if (ok) for (const id of ['officer-username', 'officer-name', 'officer-password']) $(id).value = '';
  });
});
$('lang').addEventListener('click', () => {
  toggleLanguage();
  render();
});

render();
if (session.token) load();
// The kiosk list is what a technician watches: refreshed while the page is
// open. Only that list: the forms keep what the admin is typing.
setInterval(async () => {
  if (!session.token || !view.services) return;
  try {
    view.kiosks = (await api('GET', '/api/v1/admin/kiosks', { token: session.token })).kiosks;
    showError(null);
  } catch (e) {
    session.check(e);
    showError(e);
  }
  applyTexts();
  renderKiosks();
}, REFRESH_MS);

