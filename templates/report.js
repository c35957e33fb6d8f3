(function () {
  "use strict";
  var buttons = document.querySelectorAll(".filters button[data-filter]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", function (e) {
      var b = e.currentTarget;
      var v = b.getAttribute("data-filter");
      var shown = b.getAttribute("aria-pressed") !== "false";
      b.setAttribute("aria-pressed", shown ? "false" : "true");
      document.body.classList.toggle("hide-" + v, shown);
    });
  }
  // Jumping to a hidden finding shows its verdict again.
  window.addEventListener("hashchange", function () {
    var t = document.getElementById(location.hash.slice(1));
    if (t && t.getAttribute("data-verdict")) {
      var v = t.getAttribute("data-verdict");
      document.body.classList.remove("hide-" + v);
      var b = document.querySelector('.filters button[data-filter="' + v + '"]');
      if (b) { b.setAttribute("aria-pressed", "true"); }
    }
  });
})();
// The policy lets only this script run: a page whose filters work says so.
document.documentElement.setAttribute("data-script", "ready");
