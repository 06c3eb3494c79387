// Keeps the status page live: every second (or every data-period ms) it fetches the server-rendered runs and
// deliveries, or a run's tasks (already escaped by the server), and swaps them in. Without JavaScript the page still
// reads; it then refreshes itself every 10 s.
(function () {
  'use strict';
  var live = document.getElementById('live');
  var status = document.getElementById('live-status');
  if (!live || !window.fetch) {
    return;
  }
  var url = live.getAttribute('data-src');
  // A run's page reads the cluster for its tasks on each fetch, so it asks for a slower pace.
  var period = Number(live.getAttribute('data-period')) || 1000;
  var failures = 0;
  var timer = null;
  var busy = false;
  var last = null;

  function show(text, on) {
    status.textContent = text;
    status.className = 'live-status ' + (on ? 'on' : 'off');
  }

  function schedule(delay) {
    timer = setTimeout(poll, delay);
  }

  function poll() {
    timer = null;
    if (document.hidden) {
      return; // resumed by the visibilitychange listener
    }
    busy = true;
    fetch(url, { cache: 'no-store', credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (response.status === 401) {
          show('Signed out: reload to sign in again', false);
          return null;
        }
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text().then(function (html) {
          if (html !== last) {
            live.innerHTML = html;
            last = html;
          }
          failures = 0;
          show('Live', true);
          schedule(period);
        });
      })
      .catch(function () {
        // The service restarts or the network blips: back off, up to 30 s, and keep trying.
        failures += 1;
        show('Offline, retrying', false);
        schedule(Math.min(30000, period * Math.pow(2, failures)));
      })
      .then(function () {
        busy = false;
      });
  }

  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && timer === null && !busy) {
      poll();
    }
  });
  show('Live', true);
  schedule(period);
})();
