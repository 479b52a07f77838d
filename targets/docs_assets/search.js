/* The catalog's search (dcc gen -t docs): filters products, datasets, types and fields as you
 * type, from the index in search-index.js. Runs offline; builds every result with DOM calls
 * (textContent, never innerHTML), so no text from a contract can become markup. */
(function () {
  "use strict";
  var index = window.DCC_SEARCH_INDEX;
  var form = document.getElementById("search");
  if (!index || !form) return;
  var input = document.getElementById("q");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var products = document.querySelectorAll("li.product");
  var MAX = 50;
  var entries = index.map(function (e) {
    return { e: e, hay: (e.kind + " " + e.name + " " + e.product + " " + e.text).toLowerCase() };
  });

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function run() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    clear(results);
    if (!words.length) {
      status.textContent = "";
      products.forEach(function (li) { li.hidden = false; });
      return;
    }
    var hits = entries.filter(function (x) {
      return words.every(function (w) { return x.hay.indexOf(w) >= 0; });
    });
    var matched = {};
    hits.forEach(function (x) { matched[x.e.product] = true; });
    products.forEach(function (li) { li.hidden = !matched[li.getAttribute("data-product")]; });
    hits.slice(0, MAX).forEach(function (x) {
      var li = document.createElement("li");
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = x.e.kind;
      var a = document.createElement("a");
      a.href = x.e.href;
      a.textContent = x.e.kind === "product" || x.e.kind === "library" ? x.e.name : x.e.product + " › " + x.e.name;
      li.appendChild(kind);
      li.appendChild(a);
      if (x.e.text) li.appendChild(document.createTextNode(" — " + x.e.text));
      results.appendChild(li);
    });
    status.textContent = hits.length === 0 ? "No match." :
      hits.length + (hits.length === 1 ? " match" : " matches") + (hits.length > MAX ? ", the first " + MAX + " shown." : ".");
  }

  form.hidden = false;
  form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
  input.addEventListener("input", run);
})();
