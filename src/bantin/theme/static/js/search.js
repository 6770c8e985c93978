/* bantin: the search page /tim-kiem/. Reads the Pagefind index the build wrote in /pagefind/ (same
   origin, nothing else is fetched), shows results as text nodes (never as HTML), in Vietnamese.

   Matching: Pagefind folds tone marks itself but keeps "đ" apart from "d", so the build also indexes
   every word with "đ" folded ("Đồng" also as "dong"), after the mark FOLD_MARK. The query is folded the
   same way (fold() below is bantin's vi.fold), which finds every article the raw query finds and more;
   articles the raw query finds too (the exact words, diacritics included) come first.

   Every result holds every query word. Pagefind answers a word that one year's index lacks with the
   longest prefix that index has ("2016" -> "2", "antt" -> "an"), for every page of that year or for
   none; so one page of each year's results tells whether that year's results hold the query
   (validYears), and the others are left out. Every query is then re-ranked: the words as typed, in a
   row or whole, before the words folded, before words that only start with them. */
(function () {
  "use strict";
  var FOLD_MARK = "\u2063";
  var MAX_QUERY = 200;          // characters: a pasted page of text does not hang the page
  var MAX_WORDS = 12;
  var PAGE = 20;                // results shown at a time
  var EXCERPT_WORDS = 32;
  var RANKED = 50;              // results re-ranked for exact words (their data is fetched first)

  var form = document.querySelector("[data-search-page]");
  if (!form) return;
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var more = document.querySelector("[data-search-more]");
  var input = form.elements.q;
  var params = new URLSearchParams(window.location.search);
  var state = { query: "", section: "", year: "", newest: false };

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase()
      .replace(/\s+/g, " ").trim();
  }

  function clean(text) {
    var words = (text || "").normalize("NFC").slice(0, MAX_QUERY).split(/\s+/).filter(Boolean);
    return words.slice(0, MAX_WORDS).join(" ");
  }

  function say(text) { status.textContent = text; }

  function select(name, value) {
    var field = form.elements[name];
    if (!field) return "";
    var ok = Array.prototype.some.call(field.options, function (o) { return o.value === value; });
    field.value = ok ? value : "";
    return field.value;
  }

  state.query = clean(params.get("q"));
  input.value = state.query;
  state.section = select("chuyen-muc", params.get("chuyen-muc") || "");
  state.year = select("nam", params.get("nam") || "");
  state.newest = select("sap-xep", params.get("sap-xep") || "") === "moi-nhat";

  Array.prototype.forEach.call(form.querySelectorAll("select"), function (field) {
    field.addEventListener("change", function () {
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  });

  if (!state.query && !state.section && !state.year) {
    say("Nhập từ khóa rồi nhấn Tìm kiếm.");
    return;
  }
  say("Đang tìm…");

  /* One Pagefind index per year (/pagefind/2024/ ...): the newest is loaded, the others merged into
     it; with a year chosen, only that year's index is loaded. */
  var base = form.getAttribute("data-index");
  var years = (form.getAttribute("data-years") || "").split(" ").filter(Boolean);
  if (state.year) years = years.filter(function (y) { return y === state.year; });
  var pagefind;
  (years.length ? import(base + years[0] + "/pagefind.js") : Promise.reject(new Error("no index")))
    .then(function (module) {
      pagefind = module;
      return pagefind.options({ excerptLength: EXCERPT_WORDS });
    }).then(function () {
      return Promise.all(years.slice(1).map(function (y) { return pagefind.mergeIndex(base + y + "/"); }));
    }).then(run).catch(function () {
      say("Chưa tìm kiếm được lúc này: chỉ mục tìm kiếm chưa sẵn sàng.");
    });

  function filters() {
    var f = {};
    if (state.section) f.section = state.section;
    if (state.year) f.year = state.year;
    return f;
  }

  /* Newest first: Pagefind orders merged indexes by score, so each year is searched on its own (its
     results come sorted by date) and the years are put one after the other, newest first; a year
     whose results do not hold the query (see above) is left out. */
  function newestFirst(folded, terms) {
    return Promise.all(years.map(function (year) {
      var f = filters();
      f.year = year;
      return pagefind.search(folded || null, { filters: f, sort: { date: "desc" } }).then(function (found) {
        return folded ? holding(found.results, terms) : found.results;
      });
    })).then(function (found) {
      return found.reduce(function (all, one) { return all.concat(one); }, []);
    });
  }

  /* The results of one year's index, or none when its first result does not hold every query word:
     then Pagefind has answered with a shorter word for all of them. */
  function holding(results, terms) {
    if (!results.length) return Promise.resolve(results);
    return results[0].data().then(function (data) {
      results[0].loaded = data;
      return holds(data.content || "", terms) ? results : [];
    });
  }

  /* The ids of the results whose year's index holds every query word (one page per year is read). */
  function validYears(folded, terms) {
    return Promise.all(years.map(function (year) {
      var f = filters();
      f.year = year;
      return pagefind.search(folded, { filters: f }).then(function (found) { return holding(found.results, terms); });
    })).then(function (perYear) {
      var ids = {};
      perYear.forEach(function (results) { results.forEach(function (r) { ids[r.id] = true; }); });
      return ids;
    });
  }

  /* Whether an article's text (its folded copy included) has, for every query word, a word that
     starts with it, marks and "đ" folded. */
  function holds(content, terms) {
    var words = fold(content.split(FOLD_MARK).join(" ")).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return terms.every(function (t) {
      return words.some(function (w) { return w.indexOf(t) === 0; });
    });
  }

  function run() {
    var folded = fold(state.query);
    var raw = state.query.toLowerCase();
    var exact = folded && raw !== folded ? plainWords(raw) : [];
    var terms = plainWords(folded);
    if (state.newest || !folded) {
      return newestFirst(folded, terms).then(function (results) { show(results, terms, exact); });
    }
    var options = { filters: filters() };
    var searches = [pagefind.search(folded, options), validYears(folded, terms)];
    // With diacritics, the articles the query as typed finds come first.
    if (exact.length) searches.push(pagefind.search(raw, options));
    return Promise.all(searches).then(function (found) {
      var valid = found[1];
      var results = found[0].results.filter(function (r) { return r.id in valid; });
      if (found.length > 2) {
        var exactIds = {};
        found[2].results.forEach(function (r, i) { exactIds[r.id] = i; });
        results = results.map(function (r, i) { return { r: r, i: i }; }).sort(function (a, b) {
          var ea = a.r.id in exactIds, eb = b.r.id in exactIds;
          if (ea !== eb) return ea ? -1 : 1;
          return ea ? exactIds[a.r.id] - exactIds[b.r.id] : a.i - b.i;
        }).map(function (x) { return x.r; });
      }
      return rank(results, exact, terms).then(function (list) { show(list, terms, exact); });
    });
  }

  /* Words of the readable text, lower case, without punctuation: for exact (diacritics-aware) matching. */
  function plainWords(text) {
    return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").split(" ").filter(Boolean);
  }

  function lower(word) { return word.toLowerCase(); }

  /* How well an article's readable text matches: 0 the words as typed, in a row (one word: the whole
     word); 1 the folded words in a row (the whole folded word); 2 every word as typed; 3 every word
     folded; 4 only in the folded copy. Vietnamese words are syllables, so the phrase matters. */
  function closeness(content, exact, terms) {
    var words = content.split(FOLD_MARK)[0].split(/\s+/).filter(Boolean);
    if (exact.length && (phrase(words, exact, lower) >= 0 || whole(words, exact, lower))) return 0;
    if (phrase(words, terms, fold) >= 0 || whole(words, terms, fold)) return 1;
    var plain = plainWords(words.join(" "));
    var all = exact.length && exact.every(function (t) {
      return plain.some(function (w) { return w.indexOf(t) === 0; });
    });
    if (all) return 2;
    return holds(words.join(" "), terms) ? 3 : 4;
  }

  /* Whether the one word of a one-word query stands whole in `words` ("antt" in "ANTT", not "anttx"). */
  function whole(words, wanted, normal) {
    if (wanted.length !== 1) return false;
    return words.some(function (w) {
      return normal(w).split(/[^\p{L}\p{N}]+/u).indexOf(wanted[0]) >= 0;
    });
  }

  /* In relevance order, the first RANKED results are re-ranked by `closeness` (a stable sort: Pagefind's
     order within each rank), so "Đặng" comes before "đang", "tín dụng đen" before "tin ... đến" and
     "ANTT" before "anttx"; one that does not hold the query after all is left out. */
  function rank(results, exact, terms) {
    var head = results.slice(0, RANKED);
    return Promise.all(head.map(function (r) { return r.loaded || r.data(); })).then(function (items) {
      var keyed = head.map(function (r, i) {
        r.loaded = items[i];
        return { r: r, i: i, k: closeness(items[i].content || "", exact, terms) };
      }).filter(function (x) { return holds(x.r.loaded.content || "", terms); });
      keyed.sort(function (a, b) { return a.k - b.k || a.i - b.i; });
      return keyed.map(function (x) { return x.r; }).concat(results.slice(RANKED));
    });
  }

  function show(results, terms, exact) {
    var label = state.query ? "“" + state.query + "”" : "bộ lọc đã chọn";
    if (!results.length) {
      say("Không tìm thấy kết quả nào cho " + label + ".");
      return;
    }
    var shown = 0;
    function next() {
      var page = results.slice(shown, shown + PAGE);
      shown += page.length;
      more.hidden = true;
      return Promise.all(page.map(function (r) { return r.loaded || r.data(); })).then(function (items) {
        items.forEach(function (data) { list.appendChild(card(data, terms, exact)); });
        say("Tìm thấy " + results.length.toLocaleString("vi-VN") + " kết quả cho " + label +
            (shown < results.length ? "; đang hiện " + shown + "." : "."));
        more.hidden = shown >= results.length;
      });
    }
    more.addEventListener("click", function () {
      var first = list.children.length;
      next().then(function () {
        var link = list.children[first] && list.children[first].querySelector("a");
        if (link) link.focus();
      });
    });
    return next();
  }

  function card(data, terms, exact) {
    var meta = data.meta || {};
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = meta.title || data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var line = document.createElement("p");
    line.className = "meta";
    if (meta.date) {
      var time = document.createElement("span");
      time.textContent = meta.date;
      line.appendChild(time);
    }
    if (meta.section) {
      if (line.childNodes.length) line.appendChild(document.createTextNode(" · "));
      var section = document.createElement("span");
      section.className = "result-section";
      section.textContent = meta.section;
      line.appendChild(section);
    }
    item.appendChild(line);
    item.appendChild(excerpt(data.content || "", terms, exact));
    return item;
  }

  /* Where the query's words follow each other in `words` (the phrase itself), or -1. */
  function phrase(words, wanted, normal) {
    if (wanted.length < 2) return -1;
    for (var i = 0; i + wanted.length <= words.length; i++) {
      var all = true;
      for (var k = 0; k < wanted.length && all; k++) {
        all = normal(words[i + k].replace(/[^\p{L}\p{N}]+/gu, "")).indexOf(wanted[k]) === 0;
      }
      if (all) return i;
    }
    return -1;
  }

  /* The excerpt from the readable text (before FOLD_MARK), around the first matching word, with every
     matching word in <mark>: words starting with a query word as typed (marks included) when there
     are any, else words whose folded form starts with a folded query word. */
  function excerpt(content, terms, exact) {
    var readable = content.split(FOLD_MARK)[0];
    var words = readable.split(/\s+/).filter(Boolean);
    function matcher(wanted, normal) {
      return words.map(function (word) {
        var parts = normal(word.replace(/[^\p{L}\p{N}]+/gu, " ")).split(" ");
        return wanted.some(function (t) {
          return parts.some(function (part) { return part && part.indexOf(t) === 0; });
        });
      });
    }
    var exactMatches = exact.length ? matcher(exact, lower) : [];
    var matches = exactMatches.indexOf(true) < 0 ? matcher(terms, fold) : exactMatches;
    var wanted = exact.length && matches === exactMatches ? exact : terms;
    var first = phrase(words, wanted, matches === exactMatches ? lower : fold);
    if (first < 0) first = matches.indexOf(true);
    var start = Math.max(0, first - 8);
    var end = Math.min(words.length, start + EXCERPT_WORDS);
    var p = document.createElement("p");
    p.className = "excerpt";
    if (start > 0) p.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i++) {
      if (i > start) p.appendChild(document.createTextNode(" "));
      if (matches[i]) {
        var mark = document.createElement("mark");
        mark.textContent = words[i];
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(words[i]));
      }
    }
    if (end < words.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }
})();
