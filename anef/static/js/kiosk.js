// Kiosk mode: after a while without a touch, ask whether the person is still there; without an answer, end
// the visit (the server clears the session and the browser's data). Also the "print" buttons.
(function () {
  "use strict";
  var root = document.documentElement;
  var idleMs = Number(root.getAttribute("data-kiosk-idle")) * 1000;
  var warning = Number(root.getAttribute("data-kiosk-warning"));
  var dialog = document.getElementById("kiosk-idle");
  var endForm = document.getElementById("kiosk-end");

  document.querySelectorAll("[data-kiosk-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  if (document.querySelector("[data-kiosk-autoprint]")) {
    window.addEventListener("load", function () { window.print(); });
  }
  if (!idleMs || !dialog || !endForm || typeof dialog.showModal !== "function") { return; }

  var idleTimer = null, tick = null, left = warning;
  var countdown = dialog.querySelector("[data-kiosk-countdown]");

  function endVisit() {
    clearInterval(tick);
    endForm.submit();
  }
  function warn() {
    left = warning;
    countdown.textContent = String(left);
    dialog.showModal();
    tick = setInterval(function () {
      left -= 1;
      countdown.textContent = String(Math.max(left, 0));
      if (left <= 0) { endVisit(); }
    }, 1000);
  }
  function restart() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(warn, idleMs);
  }
  function stay() {
    clearInterval(tick);
    dialog.close();
    restart();
    // Tell the server too, so that its own idle limit starts again.
    var token = endForm.querySelector("input[name=csrf_token]");
    fetch(root.getAttribute("data-kiosk-presence"), {
      method: "POST", credentials: "same-origin",
      headers: {"X-CSRFToken": token ? token.value : ""}
    }).catch(function () {});
  }
  dialog.querySelector("[data-kiosk-stay]").addEventListener("click", stay);
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); stay(); });
  ["pointerdown", "keydown", "touchstart", "wheel", "input"].forEach(function (name) {
    document.addEventListener(name, function () { if (!dialog.open) { restart(); } }, {passive: true});
  });
  restart();
})();
