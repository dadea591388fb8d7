/* The matching board while a run goes on: poll its progress every 2 s, show it, reload when it is done.
   Progressive enhancement only: without this script the page offers a link to reload. */
(function () {
  "use strict";
  var box = document.querySelector(".matching-progress[data-progress-url]");
  if (!box || !window.fetch) {
    return;
  }
  var url = box.getAttribute("data-progress-url");
  var bar = box.querySelector("progress");
  var status = box.querySelector(".matching-progress__status");
  var INTERVAL = 2000;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (bar) {
          bar.value = data.progress;
          bar.textContent = data.progress + "%";
        }
        if (status && data.text) {
          status.textContent = data.text;
        }
        if (data.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, INTERVAL);
        }
      })
      .catch(function () {
        // A lost connection or an expired session: stop polling; the reload link still works.
      });
  }

  window.setTimeout(poll, INTERVAL);
})();
