/* bantin: the search box in the header. Without JavaScript it stays hidden and a link to the archive
   shows instead (the search page needs JavaScript). */
(function () {
  "use strict";
  var form = document.querySelector("[data-search-box]");
  if (!form) return;
  form.hidden = false;
  var fallback = form.parentNode.querySelector(".search-fallback");
  if (fallback) fallback.hidden = true;
  var params = new URLSearchParams(window.location.search);
  if (window.location.pathname === form.getAttribute("action") && params.get("q")) {
    form.elements.q.value = params.get("q").slice(0, 200);
  }
})();
