// The station API as the pages use it: JSON over fetch with a deadline, and
// the /api/v1/stream WebSocket that reconnects by itself. No page reloads:
// a counter PC or the waiting-room TV keeps running through a station restart.

export class ApiError extends Error {
  // status 0: the station did not answer (down, network, deadline).
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function api(method, path, { token, body, timeoutMs = 8000 } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, 'unreachable', String(e && e.message ? e.message : e));
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = text; // CSV and WAV callers read it themselves
  }
  if (!response.ok) {
    const err = data && data.error ? data.error : { code: 'http_' + response.status, message: text };
    throw new ApiError(response.status, err.code, err.message);
  }
  return data;
}

// The live queue events. onState('connecting' | 'open' | 'closed'); after a
// close it tries again, waiting 0.5 s, 1 s, 2 s ... up to 10 s, forever.
export class Stream {
  constructor({ token, onMessage, onState }) {
    this.token = token;
    this.onMessage = onMessage;
    this.onState = onState || (() => {});
    this.delay = 500;
    this.stopped = false;
    this.socket = null;
    this.timer = null;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close();
  }

  connect() {
    if (this.stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // Browsers cannot set an Authorization header on a WebSocket: the token
    // travels as a query parameter, to this origin only.
    const query = this.token ? `?access_token=${encodeURIComponent(this.token)}` : '';
    this.onState('connecting');
    let socket;
    try {
      socket = new WebSocket(`${scheme}://${location.host}/api/v1/stream${query}`);
    } catch (e) {
      this.retry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.delay = 500;
      this.onState('open');
    };
    socket.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      this.onMessage(message);
    };
    socket.onclose = () => {
      if (this.socket === socket) this.socket = null;
      this.onState('closed');
      this.retry();
    };
  }

  retry() {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), this.delay);
    this.delay = Math.min(this.delay * 2, 10000);
  }
}

// "A015" → "A015"; a number's parts for speech: "A 0 1 5" would be read
// digit by digit, "A015" as a word, so the letter and the number go apart.
export function spokenNumber(number) {
  const m = /^([A-Za-z]+)0*(\d+)$/.exec(number || '');
  return m ? `${m[1]} ${m[2]}` : number;
}
