// The waiting-room display board (a 1920×1080 TV, nobody touches it). It
// follows the stream; on a call the number flashes, a chime plays and the
// call-out is spoken — by the browser's Vietnamese voice when it has one,
// else as a WAV the station renders with espeak-ng — repeated per config.
// It never reloads: after a station restart the stream reconnects and the
// board asks for the whole picture again.
//
// Address options: ?code=XXXX-XXXX-XXXX enrolls the board once (like a kiosk)
// and keeps its token; ?repeat=N speaks each call-out N times (default 2);
// ?voice=server always uses the station's voice; ?lang=en.
import { api, ApiError, Stream } from '/common/api.js';
import { applyTexts, label, t } from '/common/i18n.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const REPEAT = Math.max(1, Math.min(5, Number(params.get('repeat')) || 2));
const SERVER_VOICE_ONLY = params.get('voice') === 'server';
const RECENT = 6;

const board = {
  token: localStorage.getItem('motcua.board.token') || '',
  catalog: null,
  counters: new Map(), // id → {id, open, services, current}
  recent: [], // [{number, counter_id, service_id}], newest first
  counts: [],
  connected: false,
  // What the board said last, for the browser tests and the technician.
  lastCallout: '',
  calloutMethod: '', // 'speech' | 'server' | 'none'
  calloutsSpoken: 0,
  chimes: 0,
  lastAudioBytes: 0, // the station's WAV of the last call-out
  lastError: '',
};
window.motcuaBoard = board;

function serviceLabel(id) {
  const s = board.catalog && board.catalog.services.find((x) => x.id === id);
  return s ? label(s.label) : id;
}

function render() {
  applyTexts();
  if (board.catalog && board.catalog.station && board.catalog.station.name) $('station').textContent = board.catalog.station.name;
  const slots = [...board.counters.values()]
    .filter((c) => c.open || c.current)
    .sort((a, b) => a.id.localeCompare(b.id, 'vi', { numeric: true }))
    .map((c) => {
      const slot = document.createElement('div');
      slot.className = 'slot';
      slot.id = 'slot-' + c.id;
      const name = document.createElement('span');
      name.className = 'counter';
      name.textContent = t('board.counter', { counter: c.id });
      const number = document.createElement('span');
      number.className = 'number';
      number.textContent = c.current ? c.current.number : '—';
      slot.append(name, number);
      return slot;
    });
  $('serving').replaceChildren(...slots);
  $('recent').replaceChildren(
    ...board.recent.map((r) => {
      const li = document.createElement('li');
      const number = document.createElement('span');
      number.className = 'number';
      number.textContent = r.number;
      const where = document.createElement('span');
      where.textContent = t('board.counter', { counter: r.counter_id });
      li.append(number, where);
      return li;
    })
  );
  $('waiting').replaceChildren(
    ...board.counts.map((c) => {
      const li = document.createElement('li');
      li.dataset.service = c.service_id;
      const name = document.createElement('span');
      name.textContent = serviceLabel(c.service_id);
      const n = document.createElement('span');
      n.className = 'n';
      n.textContent = t('board.people', { n: c.waiting });
      li.append(name, n);
      return li;
    })
  );
  $('offline').classList.toggle('hidden', board.connected);
}

function tick() {
  const now = new Date();
  $('clock').textContent = now.toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit' });
}

function remember(ticket) {
  board.recent = [ticket, ...board.recent.filter((r) => r.number !== ticket.number)].slice(0, RECENT);
}

// ---- sound -------------------------------------------------------------

let audio = null;
function audioContext() {
  if (!audio && window.AudioContext) audio = new AudioContext();
  return audio;
}

// Two soft tones, "ding-dong", drawn by WebAudio: no sound file to ship.
function chime() {
  return new Promise((resolve) => {
    const ctx = audioContext();
    if (!ctx) return resolve();
    if (ctx.state === 'suspended') {
      ctx.resume().catch(() => {});
      $('sound').classList.remove('hidden'); // a browser that wants a click first
    }
    const start = ctx.currentTime + 0.05;
    [
      [880, 0],
      [660, 0.45],
    ].forEach(([freq, at]) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      osc.type = 'sine';
      gain.gain.setValueAtTime(0.0001, start + at);
      gain.gain.exponentialRampToValueAtTime(0.4, start + at + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + at + 0.8);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + at);
      osc.stop(start + at + 0.85);
    });
    board.chimes += 1;
    setTimeout(resolve, 1300);
  });
}

function vietnameseVoice() {
  if (SERVER_VOICE_ONLY || !window.speechSynthesis) return null;
  return speechSynthesis.getVoices().find((v) => (v.lang || '').toLowerCase().startsWith('vi')) || null;
}

// Resolves when the utterance ends, or after a bound: a voice that never
// reports its end must not stop the next call-out.
function speakWithBrowser(text, voice) {
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice;
    u.lang = voice.lang;
    u.rate = 0.9;
    const timer = setTimeout(resolve, 15000);
    u.onend = u.onerror = () => {
      clearTimeout(timer);
      resolve();
    };
    speechSynthesis.speak(u);
  });
}

const wavCache = new Map(); // text → object URL
async function speakWithServer(text) {
  let url = wavCache.get(text);
  if (!url) {
    const headers = board.token ? { Authorization: `Bearer ${board.token}` } : {};
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 10000);
    try {
      const response = await fetch(`/api/v1/callout.wav?text=${encodeURIComponent(text)}`, { headers, signal: controller.signal });
      if (!response.ok) throw new Error('callout.wav ' + response.status);
      const wav = await response.blob();
      board.lastAudioBytes = wav.size;
      url = URL.createObjectURL(wav);
    } finally {
      clearTimeout(timer);
    }
    wavCache.set(text, url);
    if (wavCache.size > 20) {
      const [oldText, oldUrl] = wavCache.entries().next().value;
      URL.revokeObjectURL(oldUrl);
      wavCache.delete(oldText);
    }
  }
  await new Promise((resolve) => {
    const player = new Audio(url);
    const timer = setTimeout(resolve, 15000);
    const finish = () => {
      clearTimeout(timer);
      resolve();
    };
    player.onended = player.onerror = finish;
    player.play().catch(finish);
  });
}

// One call-out at a time, in call order: two counters calling at once are
// announced one after the other, never over each other.
let announcing = Promise.resolve();
function announce(ticket) {
  const text = t('board.callout', { number: ticket.number, counter: ticket.counter_id });
  announcing = announcing.then(async () => {
    const slot = $('slot-' + ticket.counter_id);
    if (slot) {
      slot.classList.remove('flash');
      void slot.offsetWidth; // restart the animation
      slot.classList.add('flash');
    }
    $('callout').textContent = text;
    $('callout').classList.remove('hidden');
    board.lastCallout = text;
    try {
      await chime();
      const voice = vietnameseVoice();
      board.calloutMethod = voice ? 'speech' : 'server';
      for (let i = 0; i < REPEAT; ++i) {
        if (voice) await speakWithBrowser(text, voice);
        else await speakWithServer(text);
        board.calloutsSpoken += 1;
      }
    } catch (e) {
      board.calloutMethod = 'none';
      board.lastError = String(e.message || e);
    }
    setTimeout(() => {
      if (board.lastCallout === text) $('callout').classList.add('hidden');
    }, 4000);
  });
}

// ---- state -------------------------------------------------------------

async function refresh() {
  try {
    if (!board.catalog) board.catalog = await api('GET', '/api/v1/catalog');
    const data = await api('GET', '/api/v1/board', { token: board.token });
    board.counters = new Map(data.counters.map((c) => [c.id, c]));
    // Keep what this board heard before the restart; add what the station knows.
    for (const r of [...data.recent].reverse()) remember(r);
    board.counts = data.counts;
    board.lastError = '';
  } catch (e) {
    board.lastError = e.message;
    if (e instanceof ApiError && e.status === 401) {
      $('callout').textContent = t('board.enroll_needed');
      $('callout').classList.remove('hidden');
    }
  }
  render();
}

function onEvent(m) {
  if (m.counts) board.counts = m.counts;
  if (m.counter) {
    const old = board.counters.get(m.counter.id);
    board.counters.set(m.counter.id, {
      id: m.counter.id,
      open: m.counter.open,
      services: m.counter.services,
      current: m.counter.current_ticket === null ? null : old ? old.current : null,
    });
  }
  const ticket = m.ticket;
  if (ticket && ticket.counter_id) {
    const counter = board.counters.get(ticket.counter_id) || { id: ticket.counter_id, open: true, services: [], current: null };
    if (m.event === 'called' || m.event === 'recalled' || m.event === 'started') {
      counter.current = { number: ticket.number, service_id: ticket.service_id, counter_id: ticket.counter_id, state: ticket.state };
    } else if (['done', 'no_show', 'transferred'].includes(m.event)) {
      if (counter.current && counter.current.number === ticket.number) counter.current = null;
    }
    board.counters.set(counter.id, counter);
    if (m.event === 'called' || m.event === 'recalled') {
      remember({ number: ticket.number, counter_id: ticket.counter_id, service_id: ticket.service_id });
      render();
      announce(ticket);
      return;
    }
  }
  if (m.event === 'day_started') {
    board.recent = [];
    refresh();
  }
  render();
}

function onState(s) {
  board.connected = s === 'open';
  if (s === 'open') refresh();
  render();
}

async function enroll(code) {
  try {
    const grant = await api('POST', '/api/v1/kiosks/enroll', { body: { code, name: 'display board' } });
    board.token = grant.token;
    localStorage.setItem('motcua.board.token', grant.token);
  } catch (e) {
    board.lastError = e.message;
  }
  params.delete('code');
  history.replaceState(null, '', location.pathname + (params.toString() ? '?' + params : ''));
}

$('sound').addEventListener('click', () => {
  const ctx = audioContext();
  if (ctx) ctx.resume();
  $('sound').classList.add('hidden');
});
if (window.speechSynthesis) speechSynthesis.onvoiceschanged = () => {}; // loads the voice list

tick();
setInterval(tick, 1000);
render();
(async () => {
  if (params.get('code')) await enroll(params.get('code'));
  new Stream({ token: board.token, onMessage: onEvent, onState }).start();
})();
