// Installed before any page script runs: buffered observers for paint, LCP and layout shifts, so
// the values are there to read whenever uxaudit asks, even for a page that loaded long ago.
(() => {
  if (window.__uxaudit) return;
  const state = (window.__uxaudit = { fcp: null, lcp: null, lcpElement: null, cls: 0, shifted: [], mutations: 0 });
  // Counts changes to the page, so a click that changed nothing can be told from one that did.
  new MutationObserver((records) => { state.mutations += records.length; })
    .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const observe = (type, onEntry) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true });
    } catch (e) { /* an entry type this browser does not support */ }
  };
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return null;
    const classes = typeof node.className === 'string' && node.className.trim()
      ? '.' + node.className.trim().split(/\s+/).slice(0, 2).join('.') : '';
    return node.tagName.toLowerCase() + (node.id ? '#' + node.id : classes);
  };
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') state.fcp = e.startTime; });
  observe('largest-contentful-paint', (e) => { state.lcp = e.startTime; state.lcpElement = describe(e.element); });
  // CLS as Web Vitals defines it: shifts grouped in session windows (gaps under 1 s, at most 5 s
  // long); the page's score is its worst window. The elements that moved in it are kept.
  let windowValue = 0, windowStart = 0, windowLast = 0, windowNodes = [];
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    const nodes = (e.sources || []).map((s) => describe(s.node)).filter(Boolean);
    if (windowValue && e.startTime - windowLast < 1000 && e.startTime - windowStart < 5000) {
      windowValue += e.value;
      windowNodes = windowNodes.concat(nodes);
    } else {
      windowValue = e.value; windowStart = e.startTime; windowNodes = nodes;
    }
    windowLast = e.startTime;
    if (windowValue > state.cls) {
      state.cls = windowValue;
      state.shifted = [...new Set(windowNodes)].slice(0, 5);
    }
  });
})();
