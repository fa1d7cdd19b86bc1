/* Search: a button in the header opens a dialog over the Pagefind bundle at
   the site root (pagefind/, built by the gwr plugin; generator/search.py
   says what is in it). Nothing under pagefind/ is fetched before the reader
   types. Each paragraph is a record in Chinese (with both scripts) and in
   English, so a hit lands on the clause; glossary entries whose form is the
   query come first. Keys: / or s opens, Esc closes, ↑ ↓ move through results. */
(function () {
  var header = document.querySelector(".md-header__inner");
  // The plugin says whether the site has an index (search: false: none).
  var stamp = document.querySelector('meta[name="gwr-search-index"]');
  if (!header || !window.fetch || !stamp || !stamp.content) return;
  var html = document.documentElement;
  var hant = /^zh-hant/i.test(html.getAttribute("lang") || "");
  var english = /^en\b/i.test(html.getAttribute("lang") || "");
  var configNode = document.getElementById("__config");
  var base = configNode ? JSON.parse(configNode.textContent).base : ".";
  var root = new URL(base.replace(/\/?$/, "/"), location.href);
  var bundle = new URL("pagefind/", root).href;
  var T = english
    ? { open: "Search", label: "Search this site", glossary: "Glossary", none: "No results", count: " results", stale: "The search index is older than this page (being rebuilt); results may be out of date.", failed: "The search index could not be loaded", hint: "Type English or Chinese", more: "More results" }
    : hant
    ? { open: "搜尋", label: "搜尋本站 · Search", glossary: "術語 · Glossary", none: "沒有結果 · No results", count: " 條結果 · results", stale: "搜尋索引舊於本頁：正在重建，結果可能過時。· The search index is older than this page (being rebuilt); results may be out of date.", failed: "搜尋索引無法載入 · The search index could not be loaded", hint: "輸入中文或英文 · Type Chinese or English", more: "更多結果 · More results" }
    : { open: "搜索", label: "搜索本站 · Search", glossary: "术语 · Glossary", none: "没有结果 · No results", count: " 条结果 · results", stale: "搜索索引旧于本页：正在重建，结果可能过时。· The search index is older than this page (being rebuilt); results may be out of date.", failed: "搜索索引无法加载 · The search index could not be loaded", hint: "输入中文或英文 · Type Chinese or English", more: "更多结果 · More results" };

  /* The button where Material's search sits: in the header, before the repository link. */
  var button = document.createElement("button");
  button.type = "button";
  button.className = "gwr-search-open md-header__button";
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-keyshortcuts", "/ s");
  button.title = (english ? T.open : T.open + " · Search") + " ( / )";
  button.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" width="20" height="20"><path fill="currentColor" d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg><span class="gwr-search-word"></span>';
  button.querySelector(".gwr-search-word").textContent = english ? T.open : T.open + " · Search";
  var before = header.querySelector(".md-header__source");
  header.insertBefore(button, before);

  var dialog = document.createElement("dialog");
  dialog.className = "gwr-search";
  dialog.setAttribute("aria-label", T.label);
  dialog.innerHTML =
    '<form method="dialog" class="gwr-search-bar" role="search">' +
    '<label class="md-visually-hidden" for="gwr-search-input"></label>' +
    '<input id="gwr-search-input" type="search" autocomplete="off" spellcheck="false" enterkeyhint="search">' +
    '<button type="submit" class="gwr-search-close" value="close">Esc</button></form>' +
    '<p class="gwr-search-status" role="status" aria-live="polite"></p>' +
    '<div class="gwr-search-results"></div>';
  document.body.appendChild(dialog);
  var input = dialog.querySelector("input");
  var status = dialog.querySelector(".gwr-search-status");
  var results = dialog.querySelector(".gwr-search-results");
  dialog.querySelector("label").textContent = T.label;
  dialog.querySelector(".gwr-search-close").setAttribute("aria-label", english ? "Esc: Close" : "Esc: " + (hant ? "關閉" : "关闭") + " · Close");
  input.placeholder = T.hint;

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
  }
  button.addEventListener("click", open);
  dialog.addEventListener("close", function () { button.focus(); });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close(); // the backdrop
    if (event.target.closest("a")) dialog.close();
  });
  document.addEventListener("keydown", function (event) {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey) return;
    var el = document.activeElement;
    if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
    if (event.key === "/" || event.key === "s" || event.key === "S") {
      event.preventDefault();
      event.stopPropagation();
      open();
    }
  }, true);
  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(results.querySelectorAll("a, button"));
    if (!links.length) return;
    event.preventDefault();
    var at = links.indexOf(document.activeElement);
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  });

  /* Pagefind, loaded on the first keystroke, one module per index language:
     its WebAssembly glue is one per module, and two languages' instances in
     one module overwrite each other's memory. Pagefind picks an instance's
     index from <html lang> when the instance is created, so the attribute is
     set for that moment (synchronously) and restored. */
  var engines = {};
  function engine(language) {
    if (!engines[language]) {
      engines[language] = import(bundle + "pagefind.js?" + language).then(function (pagefind) {
        var was = html.getAttribute("lang");
        html.setAttribute("lang", language);
        try {
          // No web worker: it is one more script to fetch (11.6 KB gzipped), and
          // searching this small index on the page's thread takes milliseconds.
          return pagefind.createInstance({ basePath: bundle, excerptLength: 36, noWorker: true });
        } finally {
          html.setAttribute("lang", was);
        }
      });
    }
    return engines[language];
  }

  /* The bundle's stamp, its digest, against the digest the site's last build
     asked for (search-index.json, beside the pages; under `mkdocs serve` the
     new bundle follows a rebuild): the search box says when the index is
     older than the pages. Fetched with the first query. Not in each page: a
     page a rebuild did not touch would name an old index. */
  var made = null;
  function bundleStamp() {
    if (!made) {
      var stampOf = function (url) {
        return fetch(url, { cache: "no-store" }).then(function (r) { return r.json(); });
      };
      made = Promise.all([stampOf(bundle + "gwr-index.json"), stampOf(new URL(stamp.content, root).href)])
        .then(function (m) {
          if (m[0].digest !== m[1].digest) dialog.setAttribute("data-stale", T.stale);
        }).catch(function () {});
    }
    return made;
  }

  /* The character maps with which a query in either script is read and a hit
     shown in it (generator/search.py: script_map, read_map). Fetched with the
     first Chinese query. */
  var scripts = { toHans: {}, toHant: {}, hansOnly: {} }, mapped = null;
  function scriptMaps() {
    if (!mapped) {
      mapped = fetch(bundle + "gwr-scripts.json").then(function (r) { return r.json(); }).then(function (m) {
        var toHant = pairs(m.to_hant), toHans = {}, hansOnly = {};
        Object.keys(toHant).forEach(function (s) { toHans[toHant[s]] = s; hansOnly[s] = true; });
        Object.assign(toHans, pairs(m.hant));
        Array.from(m.hans_also || "").forEach(function (s) { delete hansOnly[s]; });
        scripts = { toHans: toHans, toHant: toHant, hansOnly: hansOnly };
        return scripts;
      }).catch(function () { return scripts; });
    }
    return mapped;
  }
  function pairs(text) {
    var map = {}, chars = Array.from(text || "");
    for (var i = 0; i + 1 < chars.length; i += 2) map[chars[i]] = chars[i + 1];
    return map;
  }

  /* A record's Traditional text: its Simplified text converted character by
     character, then its own corrections ("17髮,45乾": where the converter,
     reading words, chose otherwise). */
  function traditional(text, fix) {
    var chars = Array.from(text || "").map(function (c) { return scripts.toHant[c] || c; });
    (fix || "").split(",").forEach(function (one) {
      var at = /^(\d+)(.+)$/.exec(one);
      if (at) chars[+at[1]] = at[2];
    });
    return chars.join("");
  }

  /* A query's script: Traditional if it holds a character that converts
     (經), Simplified if it holds one the Traditional text never has (经);
     otherwise (民生) the reader's. Hits are shown, and open, in that script. */
  function readQuery(query, map) {
    var simplified = "", isTraditional = false, simplifiedOnly = false;
    Array.from(query).forEach(function (c) {
      var s = map.toHans[c];
      if (s) isTraditional = true;
      else if (map.hansOnly[c]) simplifiedOnly = true;
      simplified += s || c;
    });
    var script = isTraditional ? "x-hant" : simplifiedOnly ? "x-hans" : mine;
    return { simplified: simplified, script: script };
  }

  var han = /[\u3400-\u9fff\uf900-\ufaff]/;
  var latin = /[A-Za-z]/;
  function squeeze(text) { return text.replace(/\s+/g, "").toLowerCase(); }

  /* The words of the Chinese indexes, as generator/search.py's bigrams()
     makes them: each two characters side by side, a lone character alone,
     runs of Latin letters and digits lowercased. */
  function bigrams(text) {
    var words = [];
    text.replace(/([\u3400-\u9fff\uf900-\ufaff]+)|([A-Za-z0-9]+)/g, function (_, hanRun, latinRun) {
      if (latinRun) words.push(latinRun.toLowerCase());
      else if (hanRun.length === 1) words.push(hanRun);
      else for (var i = 0; i + 1 < hanRun.length; i++) words.push(hanRun.slice(i, i + 2));
      return _;
    });
    return words;
  }
  window.gwrBigrams = bigrams; // the tests compare it with the Python

  /* Which index a query goes to: Chinese (both scripts are one index, of
     the Simplified text) and, for Latin letters, the English. Each index
     searched costs the reader its chunks, so no index is asked in vain. */
  var mine = hant ? "x-hant" : "x-hans";

  var PAGE = 10; // clauses whose data (a fragment each, ~1 KB gzipped) a view fetches at a time

  /* A query's hits in one index, ranked before any fragment is fetched:
     Pagefind's results for the query's words, each marked exact when it is
     also a result of the same words in quotes (Pagefind's phrase search:
     the words side by side and in order, so the query's characters stand
     together in the text). Glossary hits, a few, come with their data;
     clauses fetch theirs when shown (more()). */
  function searchIn(lang, asked, shownAs) {
    return engine(lang).then(function (pagefind) {
      return Promise.all(["text", "glossary"].map(function (kind) {
        var options = { filters: { kind: kind } };
        return Promise.all([pagefind.search(asked, options), pagefind.search('"' + asked + '"', options)]).then(function (found) {
          var exact = {};
          found[1].results.forEach(function (r) { exact[r.id] = true; });
          var hits = found[0].results.map(function (r, i) {
            return { kind: kind, lang: shownAs, at: i, score: r.score, exact: !!exact[r.id], result: r };
          });
          return kind === "glossary" ? load(hits.slice(0, 6)) : hits;
        });
      }));
    }).then(function (lists) { return [].concat.apply([], lists); });
  }

  function load(hits) {
    return Promise.all(hits.map(function (hit) {
      return hit.result.data().then(function (d) { hit.data = d; return shown(hit); });
    }));
  }

  /* A Chinese hit as the reader sees it: in Traditional, its Traditional
     text, labels and page, from the record's hant_* fields; a term's, from a
     page of the English edition, at its English page (en_url). */
  function shown(hit) {
    var m = hit.data.meta;
    hit.url = hit.data.url;
    hit.text = m.text;
    hit.title = m.title;
    hit.report = m.report;
    hit.label = m.label;
    if (hit.lang === "x-hant") {
      hit.url = m.hant_url || hit.url;
      hit.text = m.hant_text || traditional(m.text, m.hant_fix);
      hit.title = m.hant_title || hit.title;
      hit.report = m.hant_report || hit.report;
      hit.label = m.hant_label || hit.label;
    }
    // A term found in Chinese from a page of the English edition opens its English page.
    if (english && hit.kind === "glossary" && m.en_url) hit.url = m.en_url;
    return hit;
  }

  async function run(query) {
    var chinese = han.test(query);
    var searches = [], read = null;
    var stamped = bundleStamp();
    if (chinese) {
      read = readQuery(query, (await Promise.all([scriptMaps(), stamped]))[0]);
      searches.push(searchIn("x-hans", bigrams(read.simplified).join(" "), read.script));
    }
    if (latin.test(query) || !chinese) searches.push(searchIn("en", query.replace(/"/g, " ").trim(), "en"));
    var found = rank([].concat.apply([], await Promise.all(searches)), query, read);
    await more(found);
    return found;
  }

  /* The data of the next PAGE clauses, newer report first among equals. */
  function more(found) {
    return load(found.pending.splice(0, PAGE)).then(function (loaded) {
      loaded.sort(function (a, b) {
        return (b.exact - a.exact) || (b.score - a.score) || ((+b.data.meta.year || 0) - (+a.data.meta.year || 0)) || (a.at - b.at);
      });
      found.clauses = found.clauses.concat(loaded);
      found.batches.push(loaded);
      return found;
    });
  }

  /* Glossary: entries with the query as one of their forms, then entries with a
     form containing it. Text: clauses holding the query's exact words first
     (and, when some clause holds them, only those), then Pagefind's
     relevance; their data is fetched a page at a time. */
  function rank(hits, query, read) {
    var q = squeeze(query), qs = read ? squeeze(read.simplified) : q;
    var terms = [], clauses = [], seen = {};
    hits.forEach(function (hit) {
      if (hit.kind === "glossary") {
        var forms = (hit.data.meta.forms || "").split("|").map(squeeze);
        hit.tier = forms.indexOf(q) >= 0 || forms.indexOf(qs) >= 0 ? 0 :
          forms.some(function (f) { return f.indexOf(q) >= 0 || f.indexOf(qs) >= 0; }) ? 1 : 2;
        if (hit.tier < 2) terms.push(hit);
      } else {
        clauses.push(hit);
      }
    });
    if (clauses.some(function (hit) { return hit.exact && hit.lang !== "en"; })) {
      clauses = clauses.filter(function (hit) { return hit.exact || hit.lang === "en"; });
    }
    // From a page of the English edition, English clauses first, and a
    // term's English record (its page in the English edition) before its
    // Chinese one; from a Chinese page, the Chinese record.
    var first = function (hit) { return english && hit.lang === "en" ? 1 : 0; };
    var ours = function (hit) { return (hit.lang === "en") === english ? 1 : 0; };
    terms.sort(function (a, b) {
      return (a.tier - b.tier) || (ours(b) - ours(a)) || (b.exact - a.exact) || (b.score - a.score) || (a.at - b.at);
    });
    clauses.sort(function (a, b) {
      return (first(b) - first(a)) || (b.exact - a.exact) || (b.score - a.score) || (a.at - b.at);
    });
    var keptTerms = [];
    terms.forEach(function (hit) {
      if (seen[hit.data.meta.slug]) return;
      seen[hit.data.meta.slug] = true;
      keptTerms.push(hit);
    });
    return { terms: keptTerms.slice(0, 4), clauses: [], batches: [], pending: clauses };
  }

  /* Pagefind's excerpt with its <mark>s, as text and marks only; or, for a
     clause holding the query's exact words, those words marked in context. */
  function snippet(hit, query) {
    var out = document.createDocumentFragment();
    if (hit.lang !== "en" && hit.text) {
      // The text with every run of the query's characters marked: the whole
      // query where it stands together, its pairs where they stand apart.
      var text = hit.text, covered = new Array(text.length), first = -1;
      var q = query.trim();
      var whole = q ? text.indexOf(q) : -1;
      var pieces = whole >= 0 ? [q] : bigrams(q);
      pieces.forEach(function (piece) {
        for (var at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
          for (var k = at; k < at + piece.length; k++) covered[k] = true;
          if (first < 0 || at < first) first = at;
        }
      });
      var from = Math.max(0, (whole >= 0 ? whole : first) - 28), to = Math.min(text.length, from + 110);
      if (from > 0) out.append("…");
      for (var i = from; i < to;) {
        var j = i;
        while (j < to && !!covered[j] === !!covered[i]) j++;
        if (covered[i]) {
          var mark = document.createElement("mark");
          mark.textContent = text.slice(i, j);
          out.append(mark);
        } else {
          out.append(text.slice(i, j));
        }
        i = j;
      }
      if (to < text.length) out.append("…");
      return out;
    }
    var parsed = new DOMParser().parseFromString("<p>" + (hit.data.excerpt || "") + "</p>", "text/html").body.firstChild;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = node.textContent;
        out.append(m);
      } else {
        out.append(node.textContent);
      }
    });
    return out;
  }

  /* A hit's index language as the language tag of what shows it. */
  function langTag(lang) {
    return lang === "en" ? "en" : lang === "x-hant" ? "zh-Hant" : "zh-Hans";
  }

  function link(hit, query, withReport) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = new URL(hit.url, root).href;
    var lang = langTag(hit.lang);
    var head = document.createElement("span");
    head.className = "gwr-search-pinpoint";
    if (hit.kind === "glossary") {
      var term = document.createElement("strong");
      term.textContent = hit.lang === "en" ? hit.data.meta.english : hit.title;
      term.lang = lang;
      var other = document.createElement("span");
      other.textContent = hit.lang === "en" ? hit.data.meta.term : hit.data.meta.english;
      other.lang = hit.lang === "en" ? "zh" : "en";
      head.append(term, " · ", other);
    } else {
      head.textContent = withReport ? hit.report + " · " + hit.label : hit.label;
      head.lang = lang;
    }
    var text = document.createElement("span");
    text.className = "gwr-search-snippet";
    text.lang = lang;
    text.append(snippet(hit, query));
    a.append(head, text);
    li.append(a);
    return li;
  }

  function group(title, lang, hits, query) {
    var section = document.createElement("section");
    var h = document.createElement("h2");
    h.textContent = title;
    if (lang) h.lang = lang;
    var list = document.createElement("ol");
    hits.forEach(function (hit) { list.append(link(hit, query, false)); });
    section.append(h, list);
    return section;
  }

  function show(found, query) {
    results.textContent = "";
    results.setAttribute("data-query", query); // what the results answer (the tests wait for it)
    var stale = dialog.getAttribute("data-stale");
    if (stale) {
      var p = document.createElement("p");
      p.className = "gwr-search-stale";
      p.textContent = stale;
      results.append(p);
    }
    if (found.terms.length) results.append(group(T.glossary, null, found.terms, query));
    // Grouped by report, in the order of each report's best hit; the clauses
    // "More" brings come after those shown already, which keep their places.
    found.batches.forEach(function (batch) {
      var reports = [], byReport = {};
      batch.forEach(function (hit) {
        var key = hit.report;
        if (!byReport[key]) { byReport[key] = []; reports.push({ key: key, lang: hit.lang }); }
        byReport[key].push(hit);
      });
      reports.forEach(function (r) {
        results.append(group(r.key, langTag(r.lang), byReport[r.key], query));
      });
    });
    if (found.pending.length) {
      // The rest on request: each shown clause costs the reader its fragment.
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gwr-search-more";
      button.textContent = T.more + " (" + found.pending.length + ")";
      button.addEventListener("click", function () {
        var before = results.querySelectorAll("a").length;
        button.disabled = true;
        more(found).then(function () {
          show(found, query);
          var links = results.querySelectorAll("a");
          if (links[before]) links[before].focus(); // the first clause just shown
        });
      });
      results.append(button);
    }
    var n = found.terms.length + found.clauses.length + found.pending.length;
    status.textContent = n ? n + T.count : T.none;
    if (!n) holdings().then(function (said) { if (said && status.textContent === T.none) results.append(said); });
  }

  /* No results: say what the edition holds of each report, which may be why
     (api/edition.json, written by the generator from each report's metadata). */
  var holdsNote = null;
  function holdings() {
    if (!holdsNote) {
      holdsNote = fetch(new URL("api/edition.json", root)).then(function (r) { return r.json(); }).then(function (data) {
        data.reports = data.reports.filter(function (r) { return !r.whole; });
        if (!data.reports.length) return null;
        var note = document.createElement("div");
        note.className = "gwr-search-holds";
        var zh = document.createElement("p"), en = document.createElement("p");
        zh.lang = hant ? "zh-Hant" : "zh-Hans";
        en.lang = "en";
        zh.textContent = (hant ? "本版只收錄各年報告的節選：" : "本版只收录各年报告的节选：") + data.reports.map(function (r) {
          return r.year + "年：" + (hant ? r.holds_hant : r.holds);
        }).join("；") + (hant ? "。其餘部分未收入。" : "。其余部分未收入。");
        en.textContent = "This edition holds excerpts only: " + data.reports.map(function (r) {
          return r.year + ": " + r.holds_en;
        }).join("; ") + ". The rest of each report is not included.";
        note.append(zh, en);
        data.reports.forEach(function (r) {
          if (!r.official_text) return;
          var p = document.createElement("p"), a = document.createElement("a");
          a.href = r.official_text;
          a.rel = "external";
          a.textContent = r.year + " · " + "官方全文" + " · official full text";
          p.append(a);
          note.append(p);
        });
        return note;
      }).catch(function () { return null; });
    }
    return holdsNote.then(function (note) { return note && note.cloneNode(true); });
  }

  var latest = 0;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var query = input.value.trim();
    var ticket = ++latest;
    if (!query) { results.textContent = ""; status.textContent = ""; return; }
    timer = setTimeout(function () {
      run(query).then(function (found) {
        if (ticket === latest) show(found, query);
      }).catch(function (error) {
        console.warn("gwr search:", error);
        if (ticket === latest) status.textContent = T.failed;
      });
    }, 120);
  });
})();
