// Redirect pages of old addresses with a query string (aliases: /chi-tiet.aspx?id=123): the new
// address is picked from location.search in the map of the page's <script type="application/json"
// id="dia-chi-moi"> block. A file, not an inline script, so a Content-Security-Policy of
// script-src 'self' lets it run. data-root is the site's root ("/", or "/tin-tuc/" under a sub-path).
(function () {
  var script = document.currentScript;
  var block = document.getElementById("dia-chi-moi");
  if (!script || !block) { return; }
  var root = (script.getAttribute("data-root") || "/").replace(/\/$/, "");
  var map = JSON.parse(block.textContent);
  var query = location.search.replace(/^\?/, "").split("&").filter(Boolean).sort().join("&");
  if (Object.prototype.hasOwnProperty.call(map, query)) { location.replace(root + map[query] + location.hash); }
})();
