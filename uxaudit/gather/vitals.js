// Installed before any page script runs: buffered observers for paint, LCP, layout shifts, long
// tasks and input timing, a log of in-app route changes, and a count of the changes a visitor could
// see, so the values are there to read whenever uxaudit asks, even for a page that loaded long ago.
(() => {
  if (window.__uxaudit) return;
  const state = (window.__uxaudit = {
    fcp: null, lcp: null, lcpElement: null, cls: 0, shifted: [],
    mutations: 0, lastChange: 0,  // visible changes to the page, and when the last one happened
    routes: [],  // in-app navigations: {via, url, at}
    timeline: { tasks: [], frames: [], events: [], paints: [] },  // drained by uxaudit after each step
  });
  const LIMIT = 200;  // entries kept per list between two drains: a runaway page cannot eat memory
  const keep = (list, entry) => { list.push(entry); if (list.length > LIMIT) list.shift(); };
  const observers = [];
  const observe = (type, onEntry, options = {}) => {
    try {
      const observer = new PerformanceObserver((list) => list.getEntries().forEach(onEntry));
      observer.observe({ type, buffered: true, ...options });
      observers.push([observer, onEntry]);
    } catch (e) { /* an entry type this browser does not support */ }
  };
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return null;
    const classes = typeof node.className === 'string' && node.className.trim()
      ? '.' + node.className.trim().split(/\s+/).slice(0, 2).join('.') : '';
    return node.tagName.toLowerCase() + (node.id ? '#' + node.id : classes);
  };

  // A change counts when a visitor could see it: an attribute set to the value it already had, or
  // a change inside something hidden, is not one (a "dead" button that rewrites a hidden menu).
  // The observer's callback only notes the records: judging visibility costs style and layout work,
  // which inside the page's own task would show up as the site's long task. uxaudit judges them
  // when it asks (`changes()`), from an evaluate of its own, which the page's timeline never sees.
  const visible = (node) => {
    const element = node && (node.nodeType === 1 ? node : node.parentElement);
    if (!element || !element.isConnected) return false;
    return element.checkVisibility ? element.checkVisibility() : true;
  };
  const seen = (record) => {
    if (record.type === 'attributes') {
      if (record.target.getAttribute(record.attributeName) === record.oldValue) return false;
      return visible(record.target) || visible(record.target.parentElement);
    }
    if (record.type === 'characterData') return record.target.data !== record.oldValue && visible(record.target);
    // Nodes added into a box-less wrapper (display: contents) are seen through what was added.
    return visible(record.target) || [...record.addedNodes].some(visible);
  };
  const PENDING_LIMIT = 2000;
  let pending = [];  // [record, when] not judged yet
  let overflowAt = 0;  // more records than kept arrived: counted as a change, unjudged
  const changedAt = new Map();  // target → [last change, changes in a row less than 2 s apart]
  let restless = new Set();  // what kept changing by itself before the step (a ticker, a carousel)
  new MutationObserver((records) => {
    const now = performance.now();
    if (document.readyState === 'loading') {
      // The parser building the page: one change, noted without keeping thousands of records
      // (which would cost the page memory and garbage collection in its own tasks later).
      overflowAt = now;
      return;
    }
    for (const r of records) {
      // Each changed element keeps when it changed, so a failure can quote the messages that are new.
      const element = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (element) element.__uxauditChanged = now;
      if (pending.length < PENDING_LIMIT) pending.push([r, now]); else overflowAt = now;
      const before = changedAt.get(r.target);
      changedAt.set(r.target, [now, before && now - before[0] < 2000 && before[0] !== now ? before[1] + 1 : 1]);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true,
                         attributeOldValue: true, characterDataOldValue: true });
  // Whether anything visible changed (`mutations` grows), and when the page last changed in a way
  // that is not its own motion (`lastChange`: when a new screen was drawn).
  // A popover opened or closed changes no attribute (the top layer is not in the DOM): counted too.
  let popovers = 0;
  const openPopovers = () => { try { return document.querySelectorAll(':popover-open').length; } catch (e) { return 0; } };
  state.changes = () => {
    const latest = [...pending].reverse();
    const any = latest.find(([r]) => seen(r));
    const shown = openPopovers();
    if (any || overflowAt || shown !== popovers) state.mutations += 1;
    popovers = shown;
    const drawn = any && !restless.has(any[0].target) ? any : latest.find(([r]) => !restless.has(r.target) && seen(r));
    state.lastChange = Math.max(state.lastChange, drawn ? drawn[1] : 0, overflowAt);
    pending = [];
    overflowAt = 0;
    return { mutations: state.mutations, lastChange: state.lastChange };
  };
  // At a step's start: what changed twice or more in the last 2 s is the page's own motion.
  const markRestless = () => {
    const since = performance.now() - 2000;
    restless = new Set();
    for (const [target, [at, count]] of changedAt) {
      if (at < since) changedAt.delete(target); else if (count >= 2) restless.add(target);
    }
  };

  // In-app navigations: the History API, back/forward, hash routes and the Navigation API.
  let lastUrl = location.href;
  const route = (via, at = performance.now()) => {
    if (location.href === lastUrl) return;  // the same screen pushed again, or a state-only change
    lastUrl = location.href;
    keep(state.routes, { via, url: location.href, at });
  };
  for (const name of ['pushState', 'replaceState']) {
    const original = history[name];
    history[name] = function (...args) {
      const result = original.apply(this, args);
      route(name);
      return result;
    };
  }
  addEventListener('popstate', () => route('popstate'));
  addEventListener('hashchange', () => route('hashchange'));
  if (window.navigation) {
    // An app that navigates with the Navigation API: named as the History API would name it, and
    // timed when it began (its success event comes after the app's own handler has finished).
    const KINDS = { push: 'pushState', replace: 'replaceState', traverse: 'popstate' };
    let began = null;
    navigation.addEventListener('navigate', (e) => { began = { via: KINDS[e.navigationType] || 'navigation', at: performance.now() }; });
    navigation.addEventListener('navigatesuccess', () => { route(began ? began.via : 'navigation', began ? began.at : undefined); began = null; });
  }

  observe('paint', (e) => { if (e.name === 'first-contentful-paint') state.fcp = e.startTime; });
  observe('largest-contentful-paint', (e) => { state.lcp = e.startTime; state.lcpElement = describe(e.element); });
  // Paints after an interaction (Chromium's soft-navigation heuristics): when the new screen was drawn.
  observe('interaction-contentful-paint', (e) => keep(state.timeline.paints, {
    at: e.startTime + e.duration, size: e.size || 0, element: describe(e.element) }));
  observe('longtask', (e) => keep(state.timeline.tasks, { at: e.startTime, ms: e.duration }));
  observe('long-animation-frame', (e) => keep(state.timeline.frames, {
    at: e.startTime, ms: e.duration, blocking: e.blockingDuration || 0,
    scripts: (e.scripts || []).filter((s) => s.duration >= 20).slice(0, 3).map((s) => ({
      what: s.invoker || s.sourceFunctionName || '', source: s.sourceURL || '', ms: s.duration })) }));
  // Event Timing, as INP measures it: input delay + processing + presentation, per interaction.
  observe('event', (e) => {
    if (!e.interactionId) return;
    keep(state.timeline.events, {
      name: e.name, at: e.startTime, ms: e.duration, id: e.interactionId,
      delay: e.processingStart - e.startTime, processing: e.processingEnd - e.processingStart,
      target: describe(e.target) });
  }, { durationThreshold: 16 });

  // CLS as Web Vitals defines it: shifts grouped in session windows (gaps under 1 s, at most 5 s
  // long); the page's score is its worst window. The elements that moved in it are kept. Shifts
  // are also kept one by one, so a screen reached by an in-app route has its own score.
  const shifts = [];
  state.clsSince = (since) => {
    let worst = 0, worstNodes = [], value = 0, start = 0, last = 0, nodes = [];
    for (const s of shifts) {
      if (s.at < since) continue;
      if (value && s.at - last < 1000 && s.at - start < 5000) { value += s.value; nodes = nodes.concat(s.nodes); }
      else { value = s.value; start = s.at; nodes = s.nodes; }
      last = s.at;
      if (value > worst) { worst = value; worstNodes = [...new Set(nodes)].slice(0, 5); }
    }
    return { cls: worst, shifted: worstNodes };
  };
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    keep(shifts, { at: e.startTime, value: e.value, nodes: (e.sources || []).map((s) => describe(s.node)).filter(Boolean) });
    const whole = state.clsSince(0);
    if (whole.cls > state.cls) { state.cls = whole.cls; state.shifted = whole.shifted; }
  });

  // Pictures of the screen in view (or above it) still arriving: a new screen is drawn once they are.
  state.pendingPictures = () => [...document.images].filter((img) => !img.complete && img.loading !== 'lazy'
    && img.getBoundingClientRect().top < innerHeight && (!img.checkVisibility || img.checkVisibility())).length;

  // What happened since the last drain, emptied as it is read (pending entries are flushed first).
  const flush = () => observers.forEach(([observer, onEntry]) => observer.takeRecords().forEach(onEntry));
  const emptyTimeline = () => ({ tasks: [], frames: [], events: [], paints: [] });
  state.drain = () => {
    flush();
    const drained = { now: performance.now(), lastChange: state.lastChange, routes: state.routes, ...state.timeline };
    state.routes = [];
    state.timeline = emptyTimeline();
    return drained;
  };
  // Before a step: what the main thread did meanwhile was uxaudit's own work (axe, screenshots).
  state.forget = () => { flush(); state.timeline = emptyTimeline(); markRestless(); return performance.now(); };
})();
