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
  const visible = (node) => {
    const element = node && (node.nodeType === 1 ? node : node.parentElement);
    if (!element || !element.isConnected) return false;
    return element.checkVisibility ? element.checkVisibility() : true;
  };
  const MAY_SHOW_OR_HIDE = new Set(['hidden', 'style', 'class', 'open']);
  const seen = (record) => {
    if (record.type === 'attributes') {
      const now = record.target.getAttribute(record.attributeName);
      if (now === record.oldValue) return false;
      return visible(record.target) || (MAY_SHOW_OR_HIDE.has(record.attributeName) && visible(record.target.parentElement));
    }
    if (record.type === 'characterData') return record.target.data !== record.oldValue && visible(record.target);
    return visible(record.target);
  };
  new MutationObserver((records) => {
    const now = performance.now();
    // Each changed element keeps when it changed, so a failure can quote the messages that are new.
    records.forEach((r) => { const el = r.target.nodeType === 1 ? r.target : r.target.parentElement; if (el) el.__uxauditChanged = now; });
    if (records.some(seen)) { state.mutations += records.length; state.lastChange = now; }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true,
                         attributeOldValue: true, characterDataOldValue: true });

  // In-app navigations: the History API, back/forward, hash routes and the Navigation API.
  let lastUrl = location.href;
  const route = (via) => {
    if (location.href === lastUrl) return;  // the same screen pushed again, or a state-only change
    lastUrl = location.href;
    keep(state.routes, { via, url: location.href, at: performance.now() });
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
  if (window.navigation) navigation.addEventListener('navigatesuccess', () => route('navigation'));

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
  state.forget = () => { flush(); state.timeline = emptyTimeline(); return performance.now(); };
})();
