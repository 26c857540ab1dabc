// Installed before any page script runs: buffered observers for paint, LCP and layout shifts, so
// the values are there to read whenever uxaudit asks, even for a page that loaded long ago.
(() => {
  if (window.__uxaudit) return;
  const state = (window.__uxaudit = { fcp: null, lcp: null, cls: 0, shifts: [], mutations: 0 });
  // Counts changes to the page, so a click that changed nothing can be told from one that did.
  new MutationObserver((records) => { state.mutations += records.length; })
    .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const observe = (type, onEntry) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(onEntry)).observe({ type, buffered: true });
    } catch (e) { /* an entry type this browser does not support */ }
  };
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') state.fcp = e.startTime; });
  observe('largest-contentful-paint', (e) => { state.lcp = e.startTime; });
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    state.cls += e.value;
    const node = (e.sources || []).map((s) => s.node).find((n) => n && n.nodeType === 1);
    state.shifts.push({ value: e.value, time: e.startTime, node: node ? node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') : null });
  });
})();
