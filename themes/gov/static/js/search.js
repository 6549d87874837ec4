/* Site search: finds every issue and notice whose text contains the query.
 *
 * The index (built by pipeline/outputs/search.py, in the format of postings.py, read by
 * search-format.js) is split into shards by bigram, so a query fetches only the shards
 * of its own bigrams, then only the files of the ten result documents it shows.  A term
 * matches a field when its covering bigrams sit at consecutive offsets there: exact
 * substring semantics.  Results: matches in title or problem first, then newer notices
 * first (the index numbers documents in that order).  Everything shown is set as text. */
(function () {
  'use strict';
  var T = window.SearchTokens;
  var F = window.SearchFormat;
  var app = document.getElementById('search-app');
  if (!app || !T || !F) { return; }
  var form = document.getElementById('search-form');
  var count = document.getElementById('search-count');
  var list = document.getElementById('search-results');
  var pager = document.getElementById('search-pager');
  var siteRoot = app.getAttribute('data-root');
  var indexRoot = siteRoot + 'search/';
  var PAGE_SIZE = 10;
  // The index's manifest comes with the page (built together), saving a round trip: shard
  // counts, version stamp, the facets a filter may name and the fields whose hits rank first.
  var index = JSON.parse(app.getAttribute('data-manifest'));
  var FACETS = index.facets;
  var FIELDS = index.fields;
  var RANKED_FIELDS = index.ranked;
  var files = new Map();

  function fetchBytes(path) {
    return fetch(indexRoot + path + '?v=' + index.version).then(function (response) {
      if (!response.ok) { throw new Error(path + ': HTTP ' + response.status); }
      return response.arrayBuffer();
    }).then(F.inflate);
  }

  /* Each index file is fetched and decoded once per page view. */
  function load(path, decode) {
    if (!files.has(path)) { files.set(path, fetchBytes(path).then(decode)); }
    return files.get(path);
  }

  function shardPath(kind, token) {
    var shards = index[kind];
    var width = String(shards - 1).length;
    var number = String(T.shardOf(token, shards));
    while (number.length < width) { number = '0' + number; }
    return kind + '/' + number + '.bin.gz';
  }

  function loadShard(kind, token) {
    return load(shardPath(kind, token), function (bytes) { return new F.Shard(bytes); });
  }

  function loadDocument(n) {
    var per = index.docs_per_file;
    return load('docs/' + Math.floor(n / per) + '.json.gz', function (bytes) {
      return JSON.parse(new TextDecoder('utf-8').decode(bytes));
    }).then(function (documents) { return documents[n % per]; });
  }

  /* Documents containing one term: number → Set of fields it occurs in. */
  function termMatches(term) {
    if (Array.from(term).length === 1) {
      return loadShard('uni', term).then(function (shard) { return shard.fieldsOf(term, FIELDS); });
    }
    var parts = T.coveringBigrams(term);
    return Promise.all(parts.map(function (p) {
      return loadShard('bi', p[0]).then(function (shard) { return shard.positions(p[0], FIELDS); });
    })).then(function (lists) {
      var out = new Map();
      lists[0].forEach(function (firstFields, n) {
        var fields = new Set();
        Object.keys(firstFields).forEach(function (field) {
          var starts = Array.from(firstFields[field]);
          var hit = starts.some(function (start) {
            return parts.every(function (p, i) {
              var f = lists[i].get(n);
              return f && f[field] && f[field].has(start + p[1]);
            });
          });
          if (hit) { fields.add(field); }
        });
        if (fields.size) { out.set(n, fields); }
      });
      return out;
    });
  }

  function filterSet(facet, value) {
    return load('filter/' + facet + '/' + encodeURIComponent(value) + '.bin.gz', F.numbers)
      .catch(function () { return []; })
      .then(function (numbers) { return new Set(numbers); });
  }

  /* All matching documents in rank order: [{n, ranked}]. */
  function matchAll(query, filters) {
    var terms = T.queryTerms(query);
    var active = FACETS.filter(function (f) { return filters && filters[f]; });
    if (!terms.length && !active.length) { return Promise.resolve(null); }
    return Promise.all([
      Promise.all(terms.map(termMatches)),
      Promise.all(active.map(function (f) { return filterSet(f, filters[f]); }))
    ]).then(function (found) {
      var perTerm = found[0], sets = found[1];
      var candidates;
      if (perTerm.length) {
        candidates = Array.from(perTerm[0].keys());
      } else {
        candidates = Array.from(sets[0]);
      }
      var results = [];
      candidates.forEach(function (n) {
        if (!perTerm.every(function (m) { return m.has(n); })) { return; }
        if (!sets.every(function (s) { return s.has(n); })) { return; }
        var ranked = perTerm.some(function (m) {
          return RANKED_FIELDS.some(function (f) { return m.get(n).has(f); });
        });
        results.push({ n: n, ranked: ranked || !perTerm.length });
      });
      results.sort(function (a, b) { return (b.ranked - a.ranked) || (a.n - b.n); });
      return results;
    });
  }

  // -- rendering ----------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /* Every occurrence of the terms in a value, in source code points: [start, end, term]. */
  function findTerms(value, terms) {
    var norm = T.normalizeWithMap(value);
    var text = norm.chars.join('');
    var hits = [];
    terms.forEach(function (term, t) {
      var at = text.indexOf(term);
      while (at >= 0) {
        var first = Array.from(text.slice(0, at)).length, len = Array.from(term).length;
        hits.push([norm.from[first], norm.from[first + len - 1] + 1, t]);
        at = text.indexOf(term, at + term.length);
      }
    });
    return hits.sort(function (a, b) { return a[0] - b[0]; });
  }

  /* Up to two short excerpts that together show each term once, matches in <mark>;
   * body values say which field they come from. */
  function snippets(doc, terms) {
    var out = [], shown = new Set();
    ['problem', 'body', 'title'].forEach(function (field) {  // the heading already shows the title
      (doc.fields[field] || []).forEach(function (value, v) {
        if (out.length >= 2 || shown.size === terms.length) { return; }
        var hits = findTerms(value, terms);
        var fresh = hits.filter(function (h) { return !shown.has(h[2]); })[0];
        if (!fresh) { return; }
        var p = excerpt(Array.from(value), hits, fresh, shown);
        if (field === 'body') { p.insertBefore(el('span', 'label', doc.body_labels[v] + '：'), p.firstChild); }
        out.push(p);
      });
    });
    return out;
  }

  function excerpt(chars, hits, around, shown) {
    var from = Math.max(0, around[0] - 30), to = Math.min(chars.length, around[1] + 60);
    var p = el('p', 'snippet');
    var at = from;
    if (from > 0) { p.appendChild(document.createTextNode('…')); }
    hits.forEach(function (h) {
      if (h[0] < at || h[1] > to) { return; }
      p.appendChild(document.createTextNode(chars.slice(at, h[0]).join('')));
      p.appendChild(el('mark', '', chars.slice(h[0], h[1]).join('')));
      shown.add(h[2]);
      at = h[1];
    });
    p.appendChild(document.createTextNode(chars.slice(at, to).join('') + (to < chars.length ? '…' : '')));
    return p;
  }

  function link(href, text) {
    var a = el('a', '', text);
    a.href = siteRoot + href;
    return a;
  }

  function resultItem(doc, terms) {
    var li = el('li', 'result');
    var kicker = el('p', 'kicker');
    var kind = doc.kind === 'notice' ? '通知' : doc.kind === 'edition' ? '督办公开' : '整改事项';
    kicker.appendChild(document.createTextNode(kind + ' · ' + doc.region + ' · '));
    kicker.appendChild(link(doc.notice.url, doc.notice.title));
    li.appendChild(kicker);
    var h = el('h3');
    h.appendChild(link(doc.url, doc.kind === 'notice' || doc.kind === 'edition' ? doc.heading : doc.label + '：' + doc.heading));
    li.appendChild(h);
    snippets(doc, terms).forEach(function (p) { li.appendChild(p); });
    var meta = el('p', 'meta');
    if (doc.kind === 'notice') {
      meta.textContent = (doc.date ? '发布日期：' + doc.date + ' · ' : '') + doc.issue_count + ' 项整改事项';
    } else if (doc.kind === 'edition') {
      meta.textContent = (doc.date ? '日期：' + doc.date + ' · ' : '') + doc.row_count + ' 行';
    } else {
      meta.appendChild(document.createTextNode('整改时限：' + doc.deadline + ' '));
      meta.appendChild(el('span', 'st st-' + doc.status.category, doc.status.label));
    }
    li.appendChild(meta);
    return li;
  }

  function pageHref(state, page) {
    var params = stateParams(state);
    if (page > 1) { params.set('page', String(page)); } else { params.delete('page'); }
    return '?' + params.toString();
  }

  function renderPager(state, total) {
    pager.textContent = '';
    var pages = Math.ceil(total / PAGE_SIZE);
    pager.hidden = pages <= 1;
    if (pages <= 1) { return; }
    var ul = el('ul');
    function add(page, text, rel) {
      var li = el('li');
      if (page === state.page) {
        var current = el('span', 'current', text);
        current.setAttribute('aria-current', 'page');
        li.appendChild(current);
      } else {
        var a = el('a', '', text);
        a.href = pageHref(state, page);
        if (rel) { a.rel = rel; }
        a.setAttribute('data-page', String(page));
        li.appendChild(a);
      }
      ul.appendChild(li);
    }
    if (state.page > 1) { add(state.page - 1, '上一页', 'prev'); }
    for (var p = 1; p <= pages; p++) {
      if (p === 1 || p === pages || Math.abs(p - state.page) <= 2) {
        add(p, String(p));
      } else if (Math.abs(p - state.page) === 3) {
        ul.appendChild(el('li', 'gap', '…'));
      }
    }
    if (state.page < pages) { add(state.page + 1, '下一页', 'next'); }
    pager.appendChild(ul);
  }

  function describe(state) {
    var parts = [];
    if (state.q.trim()) { parts.push('“' + state.q.trim() + '”'); }
    FACETS.forEach(function (f) {
      if (!state.filters[f]) { return; }
      var select = form.elements[f];
      var option = select && Array.from(select.options).filter(function (o) { return o.value === state.filters[f]; })[0];
      parts.push(option ? option.textContent.trim() : state.filters[f]);
    });
    return parts.join('，');
  }

  function finish() {
    document.documentElement.setAttribute('data-search-rendered', String(performance.now()));
  }

  function showMessage(text) {
    list.textContent = '';
    pager.textContent = '';
    pager.hidden = true;
    count.textContent = text;
  }

  function render(state, results, isCurrent) {
    if (results === null) {
      showMessage('请输入要查找的词语，或选择筛选条件。');
      return Promise.resolve();
    }
    var total = results.length;
    if (!total) {
      showMessage('没有找到符合' + describe(state) + '的事项或通知（0 条结果）。请检查用字，或减少词语和筛选条件。');
      return Promise.resolve();
    }
    var pages = Math.ceil(total / PAGE_SIZE);
    state.page = Math.min(Math.max(state.page, 1), pages);
    var shown = results.slice((state.page - 1) * PAGE_SIZE, state.page * PAGE_SIZE);
    var terms = T.queryTerms(state.q);
    return Promise.all(shown.map(function (r) { return loadDocument(r.n); })).then(function (docs) {
      if (!isCurrent()) { return; }
      count.textContent = '找到 ' + total + ' 条结果（' + describe(state) + '）' +
        (pages > 1 ? '，第 ' + state.page + ' / ' + pages + ' 页' : '') + '。';
      list.replaceChildren.apply(list, docs.map(function (doc) { return resultItem(doc, terms); }));
      list.start = (state.page - 1) * PAGE_SIZE + 1;
      renderPager(state, total);
    });
  }

  // -- state in the address ---------------------------------------------------

  function readState(search) {
    var params = new URLSearchParams(search);
    var filters = {};
    FACETS.forEach(function (f) { filters[f] = params.get(f) || ''; });
    var page = parseInt(params.get('page') || '1', 10);
    return { q: params.get('q') || '', filters: filters, page: page > 0 ? page : 1 };
  }

  function stateParams(state) {
    var params = new URLSearchParams();
    if (state.q) { params.set('q', state.q); }
    FACETS.forEach(function (f) { if (state.filters[f]) { params.set(f, state.filters[f]); } });
    if (state.page > 1) { params.set('page', String(state.page)); }
    return params;
  }

  function fillForm(state) {
    form.elements.q.value = state.q;
    FACETS.forEach(function (f) { if (form.elements[f]) { form.elements[f].value = state.filters[f]; } });
    if (FACETS.some(function (f) { return state.filters[f]; })) { form.querySelector('details').open = true; }
  }

  function formState() {
    var filters = {};
    FACETS.forEach(function (f) { filters[f] = form.elements[f] ? form.elements[f].value : ''; });
    return { q: form.elements.q.value, filters: filters, page: 1 };
  }

  var latest = 0;
  function run(state) {
    var ticket = ++latest;
    function isCurrent() { return ticket === latest; }
    fillForm(state);
    app.setAttribute('aria-busy', 'true');
    count.textContent = '正在搜索…';
    return matchAll(state.q, state.filters).then(function (results) {
      return isCurrent() ? render(state, results, isCurrent) : null;
    }).catch(function (error) {
      if (isCurrent()) { showMessage('搜索索引加载失败，请稍后重试，或浏览全部事项表格。（' + error.message + '）'); }
    }).then(function () {
      if (isCurrent()) { app.removeAttribute('aria-busy'); finish(); }
    });
  }

  function go(state) {
    history.pushState(null, '', '?' + stateParams(state).toString());
    return run(state);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    go(formState());
  });
  pager.addEventListener('click', function (event) {
    var a = event.target.closest('a[data-page]');
    if (!a) { return; }
    event.preventDefault();
    var state = readState(location.search);
    state.page = Number(a.getAttribute('data-page'));
    go(state).then(function () { count.focus(); });
  });
  window.addEventListener('popstate', function () { run(readState(location.search)); });

  window.siteSearch = {
    matches: function (query, filters) {
      return matchAll(query, filters || {}).then(function (r) { return (r || []).map(function (x) { return x.n; }); });
    }
  };
  run(readState(location.search));
}());
