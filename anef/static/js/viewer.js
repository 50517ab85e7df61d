// The agent's document viewer: one page at a time, zoom, rotation. Without JavaScript every page is shown.
(function () {
  "use strict";
  document.querySelectorAll("[data-anef-viewer]").forEach(function (viewer) {
    var pages = Array.prototype.slice.call(viewer.querySelectorAll("[data-page]"));
    var toolbar = viewer.querySelector("[data-anef-toolbar]");
    var position = viewer.querySelector("[data-anef-position]");
    var current = 0, zoom = 1, rotation = 0;
    viewer.classList.add("anef-viewer--js");
    toolbar.hidden = false;
    function show() {
      pages.forEach(function (page, i) {
        page.hidden = i !== current;
        var img = page.querySelector("img");
        img.style.transform = "rotate(" + rotation + "deg) scale(" + zoom + ")";
      });
      position.textContent = (current + 1) + " / " + pages.length;
      toolbar.querySelector("[data-action=previous]").disabled = current === 0;
      toolbar.querySelector("[data-action=next]").disabled = current === pages.length - 1;
    }
    toolbar.addEventListener("click", function (event) {
      var action = event.target.closest("[data-action]");
      if (!action) { return; }
      switch (action.dataset.action) {
        case "previous": current = Math.max(0, current - 1); break;
        case "next": current = Math.min(pages.length - 1, current + 1); break;
        case "zoom-in": zoom = Math.min(4, zoom * 1.25); break;
        case "zoom-out": zoom = Math.max(0.5, zoom / 1.25); break;
        case "rotate": rotation = (rotation + 90) % 360; break;
      }
      show();
    });
    show();
  });
})();
