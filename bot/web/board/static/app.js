/* The board's Telegram Mini App shell: no telegram.org script. Telegram opens the page with
   its signed initData in the fragment (#tgWebAppData=...); we post it to the server, which
   checks the signature and sets the session cookie, then go to the board. */
(function () {
  "use strict";
  var root = document.getElementById("miniapp");

  function show(id, text) {
    ["miniapp-signing-in", "miniapp-no-data", "miniapp-refused", "miniapp-failed"].forEach(
      function (other) { document.getElementById(other).hidden = other !== id; }
    );
    if (text) document.getElementById(id).textContent = text;
  }

  function initData() {
    // The fragment is a query string: tgWebAppData is the raw initData, URL-encoded once.
    var fragment = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    return fragment.get("tgWebAppData") || "";
  }

  var data = initData();
  if (!data) {
    show("miniapp-no-data");
    return;
  }
  fetch(root.dataset.sessionUrl, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ init_data: data })
  }).then(function (response) {
    return response.json().then(function (body) {
      if (response.ok) {
        window.location.replace(body.next || root.dataset.next);
      } else {
        show("miniapp-refused", body.error);
      }
    });
  }).catch(function () {
    show("miniapp-failed");
  });
})();
