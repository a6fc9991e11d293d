// The citizen's ticket page (/t/{day}/{number}), kept current without
// reloading. A WebSocket on the page's own address brings the page anew from
// the station whenever it changes (and once on connecting); its card replaces
// the one shown, so the station's page stays the one place that words a
// ticket's state. While the socket is down the page fetches itself every 10 s
// and reconnects with a growing pause. It stops once the ticket is final (the
// new page is no longer marked data-live), leaving the rating form alone.
(function () {
  'use strict';
  const main = document.querySelector('main[data-live]');
  if (!main) return;

  const pollMs = 10000;
  const maxRetryMs = 30000;

  let socket = null;
  let retryMs = 1000;
  let retryTimer = null;
  let pollTimer = null;
  let finished = false;

  function finish() {
    finished = true;
    main.removeAttribute('data-live');
    clearTimeout(retryTimer);
    clearInterval(pollTimer);
    if (socket) socket.close();
  }

  // A whole page from the station: its card goes in, the rest stays.
  function show(html) {
    if (finished) return;
    const page = new DOMParser().parseFromString(html, 'text/html');
    const next = page.querySelector('main');
    if (!next) return; // not a ticket page (an error): keep the card
    main.innerHTML = next.innerHTML;
    document.title = page.title;
    if (!next.hasAttribute('data-live')) finish();
  }

  async function fetchPage() {
    try {
      const response = await fetch(location.href, { cache: 'no-store' });
      show(await response.text());
    } catch (e) {
      // The station or the Wi-Fi is away: the last card stays until it is back.
    }
  }

  function poll(on) {
    clearInterval(pollTimer);
    pollTimer = on && !finished ? setInterval(fetchPage, pollMs) : null;
  }

  function connect() {
    retryTimer = null;
    if (finished || socket) return;
    const url = new URL(location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.hash = '';
    const ws = new WebSocket(url.href);
    socket = ws;
    ws.onopen = () => {
      retryMs = 1000;
      poll(false);
    };
    ws.onmessage = (event) => show(event.data);
    ws.onclose = () => {
      if (socket === ws) socket = null;
      if (finished) return;
      poll(true);
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, maxRetryMs);
    };
  }

  // A phone that slept may have lost its socket: try again at once.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || finished) return;
    if (!socket && retryTimer !== null) {
      clearTimeout(retryTimer);
      fetchPage();
      connect();
    }
  });

  poll(true);
  connect();
})();
