// The counter page: one officer at one counter. State comes from the
// station (GET /api/v1/counters, then the stream); the page keeps nothing
// the station does not know, so a reload or a reconnect shows the truth.
import { api, ApiError, Stream } from '/common/api.js';
import { applyTexts, label, t, toggleLanguage } from '/common/i18n.js';

const $ = (id) => document.getElementById(id);
const ACTIONS = { call_next: 'call-next', recall: 'recall', start: 'start', done: 'done', no_show: 'no-show' };

const state = {
  token: null,
  username: '',
  displayName: '',
  counterId: '',
  catalog: null, // {services:[{id, prefix, label:{vi,en}}]}
  counter: null, // {id, services, open, officer, current_ticket}
  ticket: null, // the counter's current ticket, or null
  counts: [], // [{service_id, waiting, estimated_wait_minutes}]
  busy: false,
  stream: null,
};
// For the browser tests and the curious: what the page shows, as data.
window.motcuaCounter = state;

function showError(error) {
  const box = $('error');
  if (!error) {
    box.classList.add('hidden');
    box.textContent = '';
    return;
  }
  box.textContent =
    error instanceof ApiError && error.status === 0 ? t('error.unreachable') : t('error.generic', { message: error.message });
  box.classList.remove('hidden');
}

function serviceLabel(id) {
  const s = state.catalog && state.catalog.services.find((x) => x.id === id);
  return s ? label(s.label) : id;
}

function save() {
  sessionStorage.setItem(
    'motcua.counter',
    JSON.stringify({ token: state.token, username: state.username, displayName: state.displayName, counterId: state.counterId })
  );
}

function render() {
  applyTexts();
  const loggedIn = !!state.token && !!state.counter;
  $('login').classList.toggle('hidden', loggedIn);
  $('desk').classList.toggle('hidden', !loggedIn);
  $('logout').classList.toggle('hidden', !state.token);
  $('conn').classList.toggle('hidden', !state.token);
  if (!loggedIn) {
    $('title').textContent = t('login.title');
    $('officer').textContent = '';
    return;
  }
  $('title').textContent = t('counter.title', { counter: state.counterId });
  $('officer').textContent = t('counter.officer', { name: state.displayName || state.username });
  const open = state.counter.open;
  const ticket = state.ticket;
  $('number').textContent = ticket ? ticket.number : '—';
  $('number').dataset.ticket = ticket ? ticket.number : '';
  let stateText = open ? t('counter.none') : t('counter.paused');
  if (ticket) {
    stateText = `${serviceLabel(ticket.service_id)} · ${t('counter.state.' + (ticket.state === 'serving' ? 'serving' : 'called'))}`;
    if (ticket.recall_count > 0) stateText += ` · ${t('counter.recalls', { n: ticket.recall_count })}`;
  }
  $('state').textContent = stateText;
  const called = ticket && ticket.state === 'called';
  const serving = ticket && ticket.state === 'serving';
  const enabled = {
    call_next: open && !ticket,
    recall: called,
    start: called,
    done: called || serving,
    no_show: called,
    transfer: called || serving,
    pause: !ticket,
  };
  for (const [action, on] of Object.entries(enabled)) $('btn-' + action).disabled = !on || state.busy;
  $('pause-label').textContent = open ? t('btn.pause') : t('btn.resume');

  $('services').replaceChildren(
    ...state.counter.services.map((id) => {
      const li = document.createElement('li');
      li.textContent = serviceLabel(id);
      return li;
    })
  );
  const mine = new Set(state.counter.services);
  $('counts').replaceChildren(
    ...state.counts.map((c) => {
      const li = document.createElement('li');
      li.dataset.service = c.service_id;
      if (mine.has(c.service_id)) li.classList.add('mine');
      const name = document.createElement('span');
      name.textContent = serviceLabel(c.service_id);
      const n = document.createElement('span');
      n.className = 'n';
      n.textContent = String(c.waiting);
      li.append(name, n);
      return li;
    })
  );
}

function setConnection(s) {
  const el = $('conn');
  el.className = 'conn ' + s;
  el.textContent = t('conn.' + s);
  if (s === 'open') refresh(); // events missed while away: ask for the whole picture
}

// Bumped by every answer and event the page applies: a picture asked for
// before one of them is older than what the page shows.
let changes = 0;

// The whole picture: the counter, its ticket and every count. A picture
// that an action's answer or an event overtook (a reconnect's refresh racing
// the officer's first key press) is asked for again rather than shown.
async function refresh(tries = 3) {
  try {
    if (!state.catalog) state.catalog = await api('GET', '/api/v1/catalog');
    const asked = changes;
    const data = await api('GET', '/api/v1/counters', { token: state.token });
    if (changes !== asked && tries > 1) return refresh(tries - 1);
    state.counts = data.counts;
    state.counter = data.counters.find((c) => c.id === state.counterId) || null;
    state.ticket =
      state.counter && state.counter.current_ticket !== null
        ? data.open_tickets.find((x) => x.id === state.counter.current_ticket) || null
        : null;
    showError(null);
    if (!state.counter) throw new ApiError(404, 'unknown_counter', state.counterId);
  } catch (e) {
    if (e.status === 401) return logout(false);
    showError(e);
  }
  render();
}

function onEvent(message) {
  ++changes;
  if (message.counts) state.counts = message.counts;
  if (message.counter && message.counter.id === state.counterId) {
    state.counter = message.counter;
    if (message.counter.current_ticket === null) state.ticket = null;
  }
  if (message.ticket && message.ticket.counter_id === state.counterId) {
    const t = message.ticket;
    const final = ['done', 'no_show', 'transferred', 'expired'].includes(t.state);
    if (final) {
      if (state.ticket && state.ticket.id === t.id) state.ticket = null;
    } else if (t.state === 'called' || t.state === 'serving') {
      state.ticket = t;
    }
  }
  if (message.event === 'day_started') refresh();
  render();
}

async function act(action, extra) {
  if (state.busy) return;
  state.busy = true;
  render();
  try {
    if (action === 'pause') {
      const verb = state.counter.open ? 'close' : 'open';
      await api('POST', `/api/v1/counters/${encodeURIComponent(state.counterId)}/${verb}`, { token: state.token });
      await refresh();
    } else {
      const path = action === 'transfer' ? 'transfer' : ACTIONS[action];
      const data = await api('POST', `/api/v1/counters/${encodeURIComponent(state.counterId)}/${path}`, {
        token: state.token,
        body: action === 'transfer' ? { service_id: extra } : undefined,
      });
      const ticket = data.ticket;
      ++changes;
      state.ticket = ['called', 'serving'].includes(ticket.state) ? ticket : null;
      showError(null);
    }
  } catch (e) {
    if (e.status === 401) return logout(false);
    showError(e);
  } finally {
    state.busy = false;
    render();
  }
}

function openTransfer() {
  const choices = state.catalog.services
    .filter((s) => !state.ticket || s.id !== state.ticket.service_id)
    .map((s) => {
      const b = document.createElement('button');
      b.textContent = `${s.prefix} · ${label(s.label)}`;
      b.addEventListener('click', () => {
        $('transfer').close();
        act('transfer', s.id);
      });
      return b;
    });
  $('transfer-choices').replaceChildren(...choices);
  $('transfer').showModal();
}

async function start() {
  state.stream = new Stream({ token: state.token, onMessage: onEvent, onState: setConnection });
  state.stream.start();
  await refresh();
}

async function login(event) {
  event.preventDefault();
  $('login-message').textContent = '';
  const username = $('username').value.trim();
  const counterId = $('counter-id').value.trim();
  try {
    const grant = await api('POST', '/api/v1/auth/login', { body: { username, password: $('password').value } });
    state.token = grant.token;
    state.username = grant.username;
    state.displayName = grant.display_name;
    state.counterId = counterId;
    // Logging in at a counter opens it under this officer.
    await api('POST', `/api/v1/counters/${encodeURIComponent(counterId)}/open`, { token: state.token });
    $('password').value = '';
    save();
    await start();
  } catch (e) {
    const message = e.status === 0 ? t('error.unreachable') : t('login.failed', { message: e.message });
    $('login-message').textContent = message;
    if (state.token && e.status !== 0) {
      // the password was right but the counter is not: the session goes
      api('POST', '/api/v1/auth/logout', { token: state.token }).catch(() => {});
      state.token = null;
    }
  }
}

async function logout(tell = true) {
  if (state.stream) state.stream.stop();
  if (tell && state.token) {
    if (state.counter && state.counter.open && !state.ticket)
      await api('POST', `/api/v1/counters/${encodeURIComponent(state.counterId)}/close`, { token: state.token }).catch(() => {});
    await api('POST', '/api/v1/auth/logout', { token: state.token }).catch(() => {});
  }
  Object.assign(state, { token: null, counter: null, ticket: null, stream: null });
  sessionStorage.removeItem('motcua.counter');
  render();
}

function onKey(event) {
  if (!state.counter || event.ctrlKey || event.altKey || event.metaKey) return;
  if ($('transfer').open || ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement.tagName)) return;
  const key = event.key.toLowerCase();
  const button = document.querySelector(`.actions button[data-key="${key}"]`);
  if (!button || button.disabled) return;
  event.preventDefault();
  button.click();
}

for (const button of document.querySelectorAll('.actions button')) {
  button.addEventListener('click', () => {
    const action = button.dataset.action;
    if (action === 'transfer') openTransfer();
    else act(action);
  });
}
$('login').addEventListener('submit', login);
$('logout').addEventListener('click', () => logout(true));
$('lang').addEventListener('click', () => {
  toggleLanguage();
  render();
});
$('transfer-cancel').addEventListener('click', () => $('transfer').close());
document.addEventListener('keydown', onKey);

const saved = JSON.parse(sessionStorage.getItem('motcua.counter') || 'null');
if (saved && saved.token) {
  Object.assign(state, saved);
  start().catch((e) => {
    showError(e);
    render();
  });
}
render();
