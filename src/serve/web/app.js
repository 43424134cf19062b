/*
 * src/serve/web/app.js -- the page of `fil serve`: events, storylines and
 * search read from the JSON API of docs/API.md.
 *
 * Promise: hash routes, each drawn into <main id="view">:
 *   #/                 the river of events, newest first; filters as query
 *                      parameters (#/?lang=fr&source=...&entity=...&q=...&sort=growth)
 *   #/event/ID         one event: summary, timeline, quotes, entities,
 *                      copies and rewrites, all articles
 *   #/storyline/ID     one storyline: its events in time order and what
 *                      they say together
 *   #/search?q=...     articles matching a full-text query, with snippets
 * Safety: every string from the API is untrusted (article text is scraped
 * from the web): nodes are built with createElement and text nodes only,
 * never innerHTML; links to articles are kept only when http(s). Search
 * snippets mark matches with U+E000 ... U+E001; they become <mark> nodes.
 * States: each view shows "Loading" until its answer arrives and the API's
 * {"error"} (or a network failure) otherwise; an answer that arrives after
 * the reader has moved on is dropped.
 * No framework, no external request; plain ES2017 and DOM calls of browsers
 * from 2021 on (replaceChildren, requestSubmit).
 */
'use strict';

(function () {
  var PAGE = 20; /* events or results per request; "More" asks for the next */
  var TYPES = [['person', 'People'], ['org', 'Organisations'], ['place', 'Places'],
               ['other', 'Other']];
  var LANGS = {en: 'English', fr: 'French', de: 'German', es: 'Spanish', it: 'Italian',
               nl: 'Dutch', pt: 'Portuguese', ar: 'Arabic', tr: 'Turkish', ru: 'Russian'};
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov',
                'Dec'];
  var view = document.getElementById('view');
  var generation = 0; /* bumped on each route; stale answers compare against it */

  /* ---- DOM: text only ------------------------------------------------- */

  /* h('a', {href: x, class: 'c'}, child, ...): children are nodes, strings
     (as text), arrays of either, or null/false (skipped). */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) {
          return;
        }
        if (k === 'onclick' || k === 'onsubmit' || k === 'onchange') {
          el.addEventListener(k.slice(2), v);
        } else {
          el.setAttribute(k, String(v));
        }
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      append(el, arguments[i]);
    }
    return el;
  }

  function append(el, child) {
    if (child === null || child === undefined || child === false) {
      return;
    }
    if (Array.isArray(child)) {
      child.forEach(function (c) { append(el, c); });
    } else if (typeof child === 'object' && child.nodeType) {
      el.appendChild(child);
    } else {
      el.appendChild(document.createTextNode(String(child)));
    }
  }

  function show() {
    view.replaceChildren.apply(view, Array.prototype.slice.call(arguments).filter(Boolean));
  }

  /* A snippet with its U+E000/U+E001 marks as <mark> nodes, the rest text. */
  function marked(s) {
    var out = [];
    var parts = String(s || '').split('\uE000');
    out.push(parts[0]);
    for (var i = 1; i < parts.length; i++) {
      var end = parts[i].indexOf('\uE001');
      if (end < 0) {
        out.push(h('mark', null, parts[i]));
      } else {
        out.push(h('mark', null, parts[i].slice(0, end)), parts[i].slice(end + 1));
      }
    }
    return out;
  }

  /* Only web links leave the page; anything else (javascript:, data:) is dropped. */
  function safeUrl(u) {
    return typeof u === 'string' && /^https?:\/\//i.test(u) ? u : null;
  }

  /* ---- formatting ------------------------------------------------------ */

  function pad(n) {
    return n < 10 ? '0' + n : String(n);
  }

  /* "17 Feb 2026, 08:55" in UTC, the API's clock; "" when absent. */
  function when(iso, dayOnly) {
    if (!iso) {
      return '';
    }
    var d = new Date(iso);
    if (isNaN(d.getTime())) {
      return String(iso);
    }
    var day = d.getUTCDate() + ' ' + MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear();
    return dayOnly ? day : day + ', ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
  }

  function span(first, last) {
    var a = when(first), b = when(last);
    if (!a || a === b) {
      return a || b;
    }
    if (when(first, true) === when(last, true)) {
      return a + '–' + b.slice(b.indexOf(', ') + 2) + ' UTC';
    }
    return a + ' → ' + b + ' UTC';
  }

  /* A timeline date at its granularity: "9 Feb 2026", "Feb 2026", "2026". */
  function timelineDate(t) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(t.date || '');
    if (!m) {
      return String(t.date || '');
    }
    if (t.granularity === 'year' || !m[2]) {
      return m[1];
    }
    var month = MONTHS[parseInt(m[2], 10) - 1] || m[2];
    if (t.granularity === 'month' || !m[3]) {
      return month + ' ' + m[1];
    }
    return parseInt(m[3], 10) + ' ' + month + ' ' + m[1];
  }

  function plural(n, one, many) {
    return n + ' ' + (n === 1 ? one : many);
  }

  function langName(code) {
    return LANGS[code] || String(code).toUpperCase();
  }

  /* Keys of a {name: count} object, largest count first, then by name. */
  function byCount(obj) {
    return Object.keys(obj || {}).sort(function (a, b) {
      return obj[b] - obj[a] || (a < b ? -1 : a > b ? 1 : 0);
    });
  }

  /* ---- routes and the API --------------------------------------------- */

  function parseHash() {
    var hash = location.hash.replace(/^#/, '') || '/';
    var q = hash.indexOf('?');
    var path = q < 0 ? hash : hash.slice(0, q);
    var params = new URLSearchParams(q < 0 ? '' : hash.slice(q + 1));
    return {path: path, params: params};
  }

  function riverHash(params) {
    var s = params.toString();
    return '#/' + (s ? '?' + s : '');
  }

  /* The river's hash with one filter set (value) or removed (null). */
  function withFilter(name, value) {
    var p = new URLSearchParams();
    var cur = parseHash();
    if (cur.path === '/' || cur.path === '') {
      cur.params.forEach(function (v, k) { p.set(k, v); });
    }
    if (value === null || value === '') {
      p.delete(name);
    } else {
      p.set(name, value);
    }
    return riverHash(p);
  }

  /* GET an API path; resolves to its JSON, rejects with an Error whose
     message is the API's "error" (or what went wrong on the way). */
  function api(path) {
    return fetch(path, {headers: {Accept: 'application/json'}}).then(function (r) {
      return r.text().then(function (body) {
        var data = null;
        try {
          data = body ? JSON.parse(body) : null;
        } catch (e) {
          data = null;
        }
        if (!r.ok) {
          var msg = data && data.error ? data.error : 'HTTP ' + r.status;
          throw new Error(msg + ' (' + r.status + ')');
        }
        if (data === null) {
          throw new Error('the server sent no JSON for ' + path);
        }
        return data;
      });
    }, function () {
      throw new Error('the server did not answer (is fil serve running?)');
    });
  }

  /* Runs load() for the current route; its result is drawn only if the
     reader is still on that route. */
  function load(title, loader, draw) {
    var mine = ++generation;
    document.title = title + ' — fil';
    show(h('p', {class: 'state loading', role: 'status'}, 'Loading…'));
    view.setAttribute('aria-busy', 'true');
    /* A draw that throws (an answer of an unexpected shape) shows as an
       error too, rather than leaving "Loading" up. */
    loader().then(function (data) {
      if (mine === generation) {
        draw(data);
      }
    }).catch(function (err) {
      if (mine === generation) {
        show(errorBox(err));
      }
    }).then(function () {
      if (mine === generation) {
        view.removeAttribute('aria-busy');
      }
    });
  }

  function errorBox(err) {
    return h('div', {class: 'state error', role: 'alert'},
             h('strong', null, 'Could not load this page: '), err.message, '. ',
             h('a', {href: location.hash || '#/', onclick: function (e) {
               e.preventDefault();
               route();
             }}, 'Try again'), ' · ', h('a', {href: '#/'}, 'All events'));
  }

  /* ---- pieces shared by the views -------------------------------------- */

  function langChips(languages, linked) {
    return byCount(languages).map(function (code) {
      var label = [h('b', null, code.toUpperCase()), ' ', String(languages[code])];
      return linked ?
        h('a', {class: 'chip lang', href: withFilter('lang', code),
                title: 'Only events with ' + langName(code) + ' articles'}, label) :
        h('span', {class: 'chip lang', title: langName(code)}, label);
    });
  }

  function sourceChips(sources, linked) {
    return byCount(sources).map(function (name) {
      var label = [name, ' ', h('span', {class: 'count'}, String(sources[name]))];
      return linked ?
        h('a', {class: 'chip source', href: withFilter('source', name),
                title: 'Only events carried by ' + name}, label) :
        h('span', {class: 'chip source'}, label);
    });
  }

  function growthBadge(g) {
    if (!g || !(g.last_day > 0 || g.last_hour > 0)) {
      return null;
    }
    var hot = g.score >= 2;
    return h('span', {class: 'growth' + (hot ? ' hot' : ''),
                      title: 'growth score ' + Number(g.score || 0).toFixed(2) +
                             ' (new articles in the last day against what is usual)'},
             (hot ? '▲ ' : '') + '+' + g.last_day + ' in the last day' +
             (g.last_hour ? ', +' + g.last_hour + ' in the last hour' : ''));
  }

  /* The facts line of an event or storyline. */
  function facts(ev, linked) {
    return h('div', {class: 'facts'},
             h('span', null, plural(ev.size || 0, 'article', 'articles')),
             h('span', null, plural(Object.keys(ev.sources || {}).length, 'source', 'sources')),
             h('span', {class: 'when'}, span(ev.first, ev.last)),
             growthBadge(ev.growth),
             h('span', {class: 'langs'}, langChips(ev.languages, linked)));
  }

  /* The summary's sentences: one paragraph in a list (compact), one
     paragraph each on an event page (they come from different articles). */
  function summaryBlock(ev, compact) {
    if (!ev.summary || !ev.summary.length) {
      return null;
    }
    if (compact) {
      return h('div', {class: 'summary'}, h('p', null, ev.summary.join(' ')));
    }
    return h('div', {class: 'summary'}, ev.summary.map(function (s) {
      return h('p', null, s);
    }));
  }

  function eventTitle(ev) {
    return (ev.label && ev.label.title) || 'Event ' + ev.id;
  }

  /* One event in a list: what it is, how big, who carries it. */
  function eventCard(ev, compact) {
    var linked = !compact;
    var sources = byCount(ev.sources);
    return h('article', {class: 'card event', 'data-event': ev.id},
             h('h2', null, h('a', {href: '#/event/' + ev.id}, eventTitle(ev))),
             facts(ev, linked),
             h('div', {class: 'card-body'},
               summaryBlock(ev, true) || h('p', {class: 'empty'}, 'No summary yet.'),
               h('aside', {class: 'sources'},
                 h('h3', null, 'Sources'),
                 h('ul', {class: 'source-list'}, sources.map(function (name) {
                   return h('li', null,
                            linked ? h('a', {href: withFilter('source', name),
                                             title: 'Only events carried by ' + name}, name) : name,
                            h('span', {class: 'count'}, String(ev.sources[name])));
                 })),
                 ev.original_source ?
                   h('p', {class: 'origin'}, 'First published by ', h('b', null, ev.original_source)) :
                   null)),
             h('div', {class: 'card-foot'},
               h('a', {href: '#/event/' + ev.id}, 'Timeline, quotes and articles →'),
               ev.storyline !== undefined && ev.storyline !== null && linked ?
                 h('a', {href: '#/storyline/' + ev.storyline}, 'The whole storyline →') : null));
  }

  /* Hides the items of a long list past the first `keep`, behind a button
     that shows them all: a storyline's timeline can run to a hundred lines. */
  function clipped(list, keep, what) {
    var items = list.children;
    if (items.length <= keep + 2) {
      return list;
    }
    for (var i = keep; i < items.length; i++) {
      items[i].hidden = true;
    }
    var button = h('button', {type: 'button', class: 'show-all'},
                   'Show all ' + items.length + ' ' + what);
    button.addEventListener('click', function () {
      for (var j = keep; j < items.length; j++) {
        items[j].hidden = false;
      }
      button.remove();
    });
    return [list, button];
  }

  function section(title, count, body, cls) {
    return h('section', {class: 'block ' + (cls || '')},
             h('h2', null, title, count !== null ? h('span', {class: 'n'}, String(count)) : null),
             body);
  }

  function timelineBlock(items) {
    if (!items || !items.length) {
      return section('Timeline', 0, h('p', {class: 'empty'}, 'No dated facts found.'), 'timeline');
    }
    return section('Timeline', items.length, clipped(h('ol', {class: 'timeline'}, items.map(function (t) {
      return h('li', null,
               h('time', {datetime: t.date}, timelineDate(t)),
               h('div', {class: 'what'}, t.what,
                 h('div', {class: 'by'}, (t.sources || []).join(' · '))));
    })), 15, 'dated facts'), 'timeline');
  }

  function quotesBlock(items) {
    if (!items || !items.length) {
      return section('Quotes', 0, h('p', {class: 'empty'}, 'No quotes found.'), 'quotes');
    }
    return section('Quotes', items.length, clipped(h('ul', {class: 'quotes'}, items.map(function (q) {
      return h('li', null,
               h('blockquote', null, '“' + q.text + '”'),
               h('div', {class: 'who'},
                 q.speaker ? h('span', {class: 'speaker'}, '— ' + q.speaker) :
                             h('span', {class: 'speaker unknown'}, '— speaker unknown'),
                 h('span', {class: 'carried'}, 'carried by ' + (q.sources || []).join(', '))));
    })), 12, 'quotes'), 'quotes');
  }

  function entitiesBlock(items) {
    items = items || [];
    var groups = TYPES.map(function (t) {
      var mine = items.filter(function (e) {
        return (e.type || 'other') === t[0] || (t[0] === 'other' &&
          !TYPES.some(function (x) { return x[0] === e.type; }));
      });
      if (!mine.length) {
        return null;
      }
      return h('div', {class: 'group'}, h('h3', null, t[1]),
               h('ul', {class: 'entities'}, mine.map(function (e) {
                 return h('li', null,
                          h('a', {href: withFilter('entity', e.canonical || e.name),
                                  title: 'Events naming ' + e.name}, e.name),
                          h('span', {class: 'count',
                                     title: plural(e.articles || 0, 'article', 'articles') + ', ' +
                                            plural(e.mentions || 0, 'mention', 'mentions')},
                            String(e.articles || 0)));
               })));
    });
    return section('Entities', items.length,
                   items.length ? h('div', {class: 'entity-groups'}, groups) :
                                  h('p', {class: 'empty'}, 'No entities found.'), 'ents');
  }

  /* ---- the river -------------------------------------------------------- */

  var FILTERS = ['lang', 'source', 'entity', 'q', 'since', 'until', 'sort'];

  function eventsQuery(params, offset) {
    var p = new URLSearchParams();
    FILTERS.forEach(function (k) {
      if (params.get(k)) {
        p.set(k, params.get(k));
      }
    });
    p.set('limit', String(PAGE));
    p.set('offset', String(offset));
    return '/api/events?' + p.toString();
  }

  /* The filter bar: selects offer what the loaded events carry, plus the
     current choice (the API has no facet list). */
  function filterBar(params, events) {
    var langs = {}, sources = {};
    events.forEach(function (ev) {
      Object.keys(ev.languages || {}).forEach(function (k) { langs[k] = 1; });
      Object.keys(ev.sources || {}).forEach(function (k) { sources[k] = 1; });
    });
    if (params.get('lang')) {
      langs[params.get('lang')] = 1;
    }
    if (params.get('source')) {
      sources[params.get('source')] = 1;
    }
    function select(name, label, values, names) {
      return h('label', null, label,
               h('select', {name: name},
                 h('option', {value: ''}, 'any'),
                 values.sort().map(function (v) {
                   return h('option', {value: v, selected: params.get(name) === v ? 'selected' : null},
                            names ? names(v) : v);
                 })));
    }
    var sort = params.get('sort') || 'last';
    var form = h('form', {class: 'filters', onsubmit: function (e) {
        e.preventDefault();
        var p = new URLSearchParams();
        ['lang', 'source', 'entity', 'sort'].forEach(function (k) {
          var v = form.elements[k].value.trim();
          if (v && !(k === 'sort' && v === 'last')) {
            p.set(k, v);
          }
        });
        ['q', 'since', 'until'].forEach(function (k) { /* set by links, kept */
          if (params.get(k)) {
            p.set(k, params.get(k));
          }
        });
        location.hash = riverHash(p);
      }, onchange: function (e) {
        if (e.target.tagName === 'SELECT') {
          form.requestSubmit();
        }
      }},
      select('lang', 'Language', Object.keys(langs), function (c) {
        return langName(c) + ' (' + c + ')';
      }),
      select('source', 'Source', Object.keys(sources)),
      h('label', null, 'Entity',
        h('input', {type: 'text', name: 'entity', value: params.get('entity') || '',
                    placeholder: 'e.g. Rotterdam'})),
      h('label', null, 'Order',
        h('select', {name: 'sort'},
          [['last', 'latest'], ['growth', 'fastest growing'], ['size', 'largest']].map(function (o) {
            return h('option', {value: o[0], selected: sort === o[0] ? 'selected' : null}, o[1]);
          }))),
      h('button', {type: 'submit'}, 'Apply'));
    return form;
  }

  function activeFilters(params) {
    var names = {lang: 'language', source: 'source', entity: 'entity', q: 'matching',
                 since: 'since', until: 'until'};
    var chips = Object.keys(names).filter(function (k) { return params.get(k); }).map(function (k) {
      var v = params.get(k);
      return h('a', {class: 'chip active', href: withFilter(k, null), title: 'Remove this filter'},
               names[k] + ': ', h('b', null, k === 'lang' ? langName(v) : v), ' ✕');
    });
    if (!chips.length) {
      return null;
    }
    return h('div', {class: 'active-filters'}, chips, h('a', {href: '#/', class: 'clear'}, 'clear all'));
  }

  function river(params) {
    var filtered = FILTERS.some(function (k) { return k !== 'sort' && params.get(k); });
    load('Events', function () { return api(eventsQuery(params, 0)); }, function (data) {
      var events = data.events || [];
      var list = h('div', {class: 'river'}, events.map(function (ev) { return eventCard(ev); }));
      var shown = events.length;
      var count = h('p', {class: 'count-line'});
      var more = h('button', {class: 'more', type: 'button'}, 'More events');
      function update() {
        count.textContent = data.total ?
          'Showing ' + shown + ' of ' + plural(data.total, 'event', 'events') :
          (filtered ? 'No event matches these filters.' : 'No events yet: ingest some articles.');
        more.hidden = shown >= data.total;
      }
      more.addEventListener('click', function () {
        var mine = generation;
        more.disabled = true;
        more.textContent = 'Loading…';
        api(eventsQuery(params, shown)).then(function (next) {
          if (mine !== generation) {
            return;
          }
          (next.events || []).forEach(function (ev) { list.appendChild(eventCard(ev)); });
          shown += (next.events || []).length;
          data.total = next.total;
          more.disabled = false;
          more.textContent = 'More events';
          update();
        }, function (err) {
          more.disabled = false;
          more.textContent = 'More events (failed: ' + err.message + ')';
        });
      });
      update();
      show(h('div', {class: 'page-head'}, h('h1', null, filtered ? 'Events' : 'Current events'),
             count),
           filterBar(params, events), activeFilters(params), list,
           h('div', {class: 'more-row'}, more));
    });
  }

  /* ---- one event ---------------------------------------------------------- */

  function copiesBlock(ev) {
    var byId = {};
    (ev.articles || []).forEach(function (a) { byId[a.id] = a; });
    function name(id) {
      var a = byId[id];
      return a ? [h('b', null, a.source || '?'), ' “' + (a.title || id) + '”'] : [String(id)];
    }
    var dups = ev.duplicates || [];
    var body = [];
    if (ev.original_source) {
      body.push(h('p', {class: 'origin'}, 'First published by ', h('b', null, ev.original_source), '.'));
    }
    if (dups.length) {
      body.push(h('ul', {class: 'copies'}, dups.map(function (d) {
        return h('li', null, h('span', {class: 'mark ' + d.kind}, d.kind === 'copy' ? 'copy' : 'rewrite'),
                 ' ', name(d.id), d.kind === 'copy' ? ' copies ' : ' rewrites ', name(d.of));
      })));
    } else {
      body.push(h('p', {class: 'empty'}, 'Every article here was written on its own: no copies or rewrites.'));
    }
    return section('Copies and rewrites', dups.length, body, 'copies-block');
  }

  /* The text of one article, fetched when the reader opens it. */
  function readerRow(a) {
    var cell = h('td', {colspan: 4}, h('p', {class: 'state loading'}, 'Loading the article…'));
    api('/api/articles/' + encodeURIComponent(a.id)).then(function (full) {
      var url = safeUrl(full.url);
      var paras = String(full.text || '').split(/\n+/).filter(function (t) { return t.trim(); });
      cell.replaceChildren(h('div', {class: 'article-text'},
        paras.length ? paras.map(function (t) { return h('p', null, t); }) :
                       h('p', {class: 'empty'}, 'No text stored for this article.'),
        url ? h('p', {class: 'original'}, h('a', {href: url, rel: 'noopener noreferrer', target: '_blank'},
                                            'Read it at ' + (full.source || 'the source') + ' ↗')) : null));
    }, function (err) {
      cell.replaceChildren(h('p', {class: 'state error'}, 'Could not load the article: ' + err.message));
    });
    return h('tr', {class: 'reader'}, cell);
  }

  function articleRow(a) {
    var open = null; /* the reader row while shown */
    var toggle = h('button', {type: 'button', class: 'linkish', 'aria-expanded': 'false',
                              title: 'Show the text of this article'}, a.title || a.id);
    var row = h('tr', {class: a.kind ? 'dup' : null},
                h('td', {class: 'time'}, when(a.published)),
                h('td', null, a.source || ''),
                h('td', {class: 'lang'}, (a.lang || '').toUpperCase()),
                h('td', null, toggle,
                  a.kind ? h('span', {class: 'mark ' + a.kind,
                                      title: (a.kind === 'copy' ? 'a copy of ' : 'a rewrite of ') +
                                             (a.duplicate_of || '')},
                             a.kind) : null));
    toggle.addEventListener('click', function () {
      if (open) {
        open.remove();
        open = null;
      } else {
        open = readerRow(a);
        row.after(open);
      }
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
    return row;
  }

  function articlesBlock(articles) {
    articles = articles || [];
    return section('Articles', articles.length, [
      h('p', {class: 'hint'}, 'In time order; open a title to read the article.'),
      h('table', {class: 'articles'},
        h('thead', null, h('tr', null, h('th', null, 'Published (UTC)'), h('th', null, 'Source'),
                           h('th', null, 'Lang'), h('th', null, 'Title'))),
        h('tbody', null, articles.map(articleRow)))], 'arts');
  }

  function eventPage(id) {
    load('Event ' + id, function () { return api('/api/events/' + encodeURIComponent(id)); },
         function (ev) {
      document.title = eventTitle(ev) + ' — fil';
      var storyline = ev.storyline !== undefined && ev.storyline !== null ?
        h('a', {class: 'storyline-link', href: '#/storyline/' + ev.storyline},
          'Part of storyline ' + ev.storyline + ': see how this story developed →') : null;
      show(h('nav', {class: 'crumbs'}, h('a', {href: '#/'}, '← All events')),
           h('header', {class: 'page-head event-head'},
             h('h1', null, eventTitle(ev)), facts(ev, true), storyline),
           summaryBlock(ev),
           h('div', {class: 'sources wide'}, h('span', {class: 'label'}, 'Sources'),
             sourceChips(ev.sources, true)),
           h('div', {class: 'columns'},
             h('div', {class: 'col-main'}, timelineBlock(ev.timeline), quotesBlock(ev.quotes)),
             h('div', {class: 'col-side'}, entitiesBlock(ev.entities), copiesBlock(ev))),
           articlesBlock(ev.articles));
    });
  }

  /* ---- one storyline ------------------------------------------------------ */

  function storylinePage(id) {
    load('Storyline ' + id, function () { return api('/api/storylines/' + encodeURIComponent(id)); },
         function (s) {
      var events = (s.events || []).slice().sort(function (a, b) {
        return (a.first || '') < (b.first || '') ? -1 : (a.first || '') > (b.first || '') ? 1 : 0;
      });
      document.title = eventTitle(s) + ' — storyline — fil';
      show(h('nav', {class: 'crumbs'}, h('a', {href: '#/'}, '← All events')),
           h('header', {class: 'page-head event-head'},
             h('div', {class: 'kicker'}, 'Storyline · ' + plural(events.length, 'event', 'events')),
             h('h1', null, eventTitle(s)), facts(s, true)),
           section('Events in time order', events.length, h('ol', {class: 'story-events'},
             events.map(function (ev) { return h('li', null, eventCard(ev, true)); })), 'story'),
           h('div', {class: 'columns'},
             h('div', {class: 'col-main'}, timelineBlock(s.timeline), quotesBlock(s.quotes)),
             h('div', {class: 'col-side'}, entitiesBlock(s.entities))));
    });
  }

  /* ---- search ------------------------------------------------------------ */

  function resultItem(r) {
    var ev = r.event !== undefined && r.event !== null;
    return h('li', {class: 'result'},
             h('h3', null, ev ? h('a', {href: '#/event/' + r.event}, r.title || r.id) : (r.title || r.id)),
             h('div', {class: 'facts'}, h('span', null, r.source || ''),
               h('span', {class: 'chip lang'}, (r.lang || '').toUpperCase()),
               h('span', {class: 'when'}, when(r.published))),
             h('p', {class: 'snippet'}, marked(r.snippet)));
  }

  function searchPage(params) {
    var q = (params.get('q') || '').trim();
    document.getElementById('search-q').value = q;
    if (!q) {
      generation++;
      document.title = 'Search — fil';
      show(h('h1', null, 'Search'), h('p', {class: 'state'}, 'Type words to find in the articles above.'));
      return;
    }
    function url(offset) {
      return '/api/search?' + new URLSearchParams({q: q, limit: String(PAGE), offset: String(offset)});
    }
    load('Search: ' + q, function () { return api(url(0)); }, function (data) {
      var results = data.results || [];
      var list = h('ol', {class: 'results'}, results.map(resultItem));
      var shown = results.length;
      var count = h('p', {class: 'count-line'});
      var more = h('button', {class: 'more', type: 'button'}, 'More results');
      function update() {
        count.textContent = data.total ? 'Showing ' + shown + ' of ' + plural(data.total, 'article', 'articles') :
          'No article matches.';
        more.hidden = shown >= data.total;
      }
      more.addEventListener('click', function () {
        var mine = generation;
        more.disabled = true;
        api(url(shown)).then(function (next) {
          if (mine !== generation) {
            return;
          }
          (next.results || []).forEach(function (r) { list.appendChild(resultItem(r)); });
          shown += (next.results || []).length;
          more.disabled = false;
          update();
        }, function (err) {
          more.disabled = false;
          more.textContent = 'More results (failed: ' + err.message + ')';
        });
      });
      update();
      show(h('div', {class: 'page-head'}, h('h1', null, 'Articles matching “', q, '”'), count,
             data.total ? h('a', {href: riverHash(new URLSearchParams({q: q}))}, 'Show the events instead →') : null),
           list, h('div', {class: 'more-row'}, more));
    });
  }

  /* ---- routing ----------------------------------------------------------- */

  function route() {
    var r = parseHash();
    var ev = /^\/event\/([^/]+)$/.exec(r.path);
    var story = /^\/storyline\/([^/]+)$/.exec(r.path);
    /* The view names the location it draws, so a script that changed the
       location can wait for this route's view rather than the last one
       (hashchange arrives a moment after the location changes). */
    view.setAttribute('data-route', location.hash);
    window.scrollTo(0, 0);
    if (r.path !== '/search') {
      document.getElementById('search-q').value = '';
    }
    if (ev) {
      eventPage(decodeURIComponent(ev[1]));
    } else if (story) {
      storylinePage(decodeURIComponent(story[1]));
    } else if (r.path === '/search') {
      searchPage(r.params);
    } else if (r.path === '/' || r.path === '') {
      river(r.params);
    } else {
      generation++;
      document.title = 'Not found — fil';
      show(h('div', {class: 'state error', role: 'alert'}, 'No such page: ', r.path, '. ',
             h('a', {href: '#/'}, 'Back to the events')));
    }
  }

  document.getElementById('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var q = document.getElementById('search-q').value.trim();
    location.hash = q ? '#/search?' + new URLSearchParams({q: q}) : '#/search';
  });
  window.addEventListener('hashchange', route);
  route();
})();
