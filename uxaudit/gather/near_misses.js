// Run only after a target found nothing, or several things. page.evaluate(fn, args): the elements
// whose name, label, placeholder, text or test id is close to the target's words, visible or not,
// each with why it was not taken (hidden, disabled, not a form field…). locator.evaluateAll(fn,
// args): what each of several matches is and where it is. Reads the page, never changes it; bounded
// in time (args.budgetMs) and in what it returns (args.limit).
(first, second) => {
  const matches = Array.isArray(first) ? first : null;
  const args = (matches ? second : first) || {};
  const started = performance.now();
  const fold = (s) => String(s || '').replace(/\s+/g, ' ').trim().toLowerCase();
  const clip = (s) => String(s || '').replace(/\s+/g, ' ').trim().slice(0, 80);
  const NOT_TYPED = new Set(['button', 'submit', 'reset', 'image', 'hidden', 'checkbox', 'radio', 'file', 'range', 'color']);
  const INPUT_ROLES = { button: 'button', submit: 'button', reset: 'button', image: 'button', checkbox: 'checkbox',
    radio: 'radio', range: 'slider', number: 'spinbutton', search: 'searchbox' };
  const TAG_ROLES = { button: 'button', summary: 'button', textarea: 'textbox', option: 'option', img: 'img',
    h1: 'heading', h2: 'heading', h3: 'heading', h4: 'heading', h5: 'heading', h6: 'heading' };
  const FROM_CONTENT = new Set(['button', 'link', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'tab', 'checkbox',
    'radio', 'switch', 'option', 'heading', 'treeitem', 'cell', 'columnheader', 'rowheader', 'tooltip']);
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'BR', 'HEAD', 'META', 'LINK', 'TITLE']);

  const tag = (el) => el.tagName.toLowerCase();
  const roleOf = (el) => {
    const explicit = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
    if (explicit) return explicit;
    if (tag(el) === 'a' || tag(el) === 'area') return el.hasAttribute('href') ? 'link' : '';
    if (tag(el) === 'input') return el.type === 'password' ? '' : INPUT_ROLES[(el.type || '').toLowerCase()] || 'textbox';
    if (tag(el) === 'select') return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    return TAG_ROLES[tag(el)] || '';
  };
  const isField = (el) => {
    if (tag(el) === 'input') return !NOT_TYPED.has((el.type || 'text').toLowerCase());
    if (tag(el) === 'textarea' || tag(el) === 'select') return true;
    return el.isContentEditable || ['textbox', 'searchbox', 'combobox', 'spinbutton', 'listbox'].includes(el.getAttribute('role'));
  };
  const textOutside = (node, skip) => {  // a label's words without the words of the field inside it
    let text = '';
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) if (!skip.contains(t)) text += ' ' + t.data;
    return text;
  };
  const labelOf = (el) => {
    const ids = el.getAttribute('aria-labelledby');
    const byIds = ids ? ids.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean) : [];
    if (byIds.length) return clip(byIds.map((n) => n.textContent).join(' '));
    if (el.getAttribute('aria-label')) return clip(el.getAttribute('aria-label'));
    if (el.labels && el.labels.length) return clip(Array.from(el.labels).map((l) => textOutside(l, el)).join(' '));
    return '';
  };
  const nameOf = (el, role) => {
    const label = labelOf(el);
    if (label) return label;
    if (tag(el) === 'input' && ['button', 'submit', 'reset'].includes(el.type)) return clip(el.value || el.type);
    if (tag(el) === 'img' || (tag(el) === 'input' && el.type === 'image')) return clip(el.alt);
    if (FROM_CONTENT.has(role)) return clip(el.textContent) || clip(el.title);
    return clip(el.title);
  };
  const hasOwnText = (el) => Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.data.trim());
  const testIdOf = (el) => el.getAttribute('data-testid') || el.getAttribute('data-test') || '';
  const describe = (n) => {
    const classes = typeof n.className === 'string' && n.className.trim()
      ? '.' + n.className.trim().split(/\s+/).slice(0, 2).join('.') : '';
    return '<' + tag(n) + (n.id ? '#' + n.id : classes) + '>';
  };
  const unique = (selector) => { try { return document.querySelectorAll(selector).length === 1; } catch (e) { return false; } };
  const cssOf = (el) => {
    if (el.id && unique('#' + CSS.escape(el.id))) return '#' + CSS.escape(el.id);
    const name = el.getAttribute('name');
    const byName = name && `${tag(el)}[name='${name.replace(/'/g, "\\'")}']`;
    return byName && unique(byName) ? byName : '';
  };

  // Why an element is hidden, as Playwright sees it (an empty box, or visibility other than visible).
  const MENU = /menu|nav|dropdown|drawer|flyout|burger|popover|submenu/i;
  const DIALOG = /modal|dialog|popup|overlay/i;
  const hiddenBy = (el) => {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      if (getComputedStyle(n).display === 'none') return n;
      if (tag(n) === 'details' && !n.open && n !== el && el.closest('summary')?.parentElement !== n) return n;
    }
    return null;
  };
  const hiddenReason = (el) => {
    const rect = el.getBoundingClientRect();
    const visible = (!el.checkVisibility || el.checkVisibility()) && rect.width > 0 && rect.height > 0
      && getComputedStyle(el).visibility === 'visible';
    if (visible) return '';
    const by = hiddenBy(el);
    if (!by || by === el) return getComputedStyle(el).visibility !== 'visible' ? 'hidden (visibility)' : 'hidden';
    const words = `${by.getAttribute('role') || ''} ${by.id} ${typeof by.className === 'string' ? by.className : ''}`;
    if (tag(by) === 'details') return 'hidden: inside a closed <details>';
    if (tag(by) === 'nav' || MENU.test(words)) return 'hidden: inside a closed menu';
    if (tag(by) === 'dialog' || DIALOG.test(words)) return 'hidden: inside a closed dialog';
    if (/tabpanel|tab-?pane/i.test(words)) return 'hidden: inside a tab not shown';
    return `hidden: inside ${describe(by)}`;
  };
  const coveredBy = (el) => {
    const r = el.getBoundingClientRect();
    if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0 || r.width * r.height <= 1) return 'off-screen';
    if (r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) return '';
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    return top && top !== el && !el.contains(top) && !top.contains(el) && !(el.labels && Array.from(el.labels).includes(top))
      ? `covered by ${describe(top)}` : '';
  };
  const reasonsOf = (el, role) => {
    const out = [];
    const hidden = hiddenReason(el);
    if (hidden) out.push(['hidden', hidden]);
    else if (el.closest('[aria-hidden="true"]')) out.push(['hidden', 'hidden from assistive technology (aria-hidden)']);
    if (el.matches(':disabled') || el.closest('[aria-disabled="true"]')) out.push(['disabled', 'disabled']);
    if (args.fieldsOnly && !isField(el)) out.push(['field', 'not a form field']);
    if (args.fieldsOnly && isField(el) && el.readOnly) out.push(['disabled', 'read-only']);
    if (args.role && role !== args.role) out.push(['role', `not a ${args.role}`]);
    const covered = hidden ? '' : coveredBy(el);
    if (covered) out.push([covered === 'off-screen' ? 'offscreen' : 'covered', covered]);
    return out;
  };
  const kindOf = (el, role) => {
    if (tag(el) === 'input' && el.type === 'password') return 'password field';
    return isField(el) && ['', 'textbox', 'searchbox'].includes(role) ? 'field' : role;
  };
  const info = (el) => {
    const role = roleOf(el);
    return { tag: tag(el), role, kind: kindOf(el, role), name: nameOf(el, role), field: isField(el),
      label: isField(el) ? labelOf(el) : '',
      placeholder: clip(el.getAttribute('placeholder')), testId: testIdOf(el), css: cssOf(el) };
  };

  // Several matches: what each is and what tells it apart (its container's heading, id or place).
  const ordinal = (n) => n + (n % 100 >= 11 && n % 100 <= 13 ? 'th' : { 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th');
  const KINDS = /\b(card|product|item|tile|row|entry|result|panel|offer)\b/i;
  const container = (node) => {
    const heading = node.querySelector('h1, h2, h3, h4, h5, h6, [role=heading], legend, caption');
    const title = clip(heading ? heading.textContent : node.getAttribute('aria-label')).slice(0, 40);
    const word = (typeof node.className === 'string' && node.className.match(KINDS)?.[1]?.toLowerCase())
      || { li: 'list item', tr: 'row', article: 'article', section: 'section', form: 'form', fieldset: 'fieldset' }[tag(node)]
      || tag(node);
    const twins = Array.from(node.parentElement.children).filter((c) => tag(c) === tag(node) && c.className === node.className);
    const place = twins.length > 1 ? `${ordinal(twins.indexOf(node) + 1)} ` : '';
    if (title) return `in the ${place}${word} “${title}”`;
    return node.id ? `in #${node.id}` : `in the ${place}${word}`;
  };
  const whereOf = (el, all) => {
    let node = el;
    while (node.parentElement && node.parentElement !== document.body
           && !all.some((other) => other !== el && node.parentElement.contains(other))) node = node.parentElement;
    return node === el || !node.parentElement ? '' : container(node);
  };
  if (matches) {
    return matches.slice(0, args.limit).map((el) => ({ ...info(el), text: nameOf(el, roleOf(el)) || clip(el.textContent),
      via: roleOf(el) ? 'name' : 'text', where: whereOf(el, matches) }));
  }

  // Nothing matched: score what is close to the target's words.
  const target = fold(args.words);
  const grams = (s) => { const m = new Map(); for (let i = 0; i < s.length - 1; i++) m.set(s.slice(i, i + 2), (m.get(s.slice(i, i + 2)) || 0) + 1); return m; };
  const targetGrams = grams(target);
  const similar = (s) => {  // Dice over letter pairs: a cheap first cut, Python keeps difflib's close matches
    if (s.length < 2 || target.length < 2 || s.length > 3 * target.length || target.length > 3 * s.length) return 0;
    let shared = 0;
    for (const [pair, n] of grams(s)) shared += Math.min(n, targetGrams.get(pair) || 0);
    return (2 * shared) / (s.length + target.length - 2);
  };
  const score = (text) => {
    const s = fold(text);
    if (!s || !target) return 0;
    if (s === target) return 3;
    if (s.includes(target) || (s.length >= 3 && ` ${target} `.includes(` ${s} `))) return 2;
    return similar(s) >= 0.5 ? 1 : 0;
  };
  const wordsOf = (el, role) => {
    if (args.css !== undefined) return [['css', '']];
    if (args.testId !== undefined) return [['test id', testIdOf(el)]];
    if (args.anyRole) return role === args.role ? [['role', '']] : [];
    const out = [['name', nameOf(el, role)], ['placeholder', el.getAttribute('placeholder')], ['test id', testIdOf(el)]];
    if (isField(el) && el.getAttribute('name')) out.push(['name attribute', el.getAttribute('name')]);
    const text = !role && hasOwnText(el) && el.childElementCount <= 10 ? fold(el.textContent) : '';
    if (text && text.length <= 3 * target.length + 10) out.push(['text', text]);  // not a paragraph using the words
    return out;
  };
  let pool;
  try {
    pool = args.css !== undefined ? document.querySelectorAll(args.css) : document.body.querySelectorAll('*');
  } catch (e) {
    return { items: [], total: 0 };
  }
  const found = [];
  let looked = 0;
  for (const el of pool) {
    if (++looked % 200 === 0 && performance.now() - started > args.budgetMs) break;
    if (looked > 20000 || found.length >= 200) break;
    if (SKIP.has(el.tagName) || (tag(el) === 'input' && el.type === 'hidden')) continue;
    const role = roleOf(el);
    let best = null;
    for (const [via, text] of wordsOf(el, role)) {
      const s = via === 'css' || via === 'role' ? 3 : score(text);
      if (s && (!best || s > best.score)) best = { via, text: clip(text), score: s };
    }
    if (best) found.push({ el, role, ...best });
  }
  // The innermost text, not each container of it; the control, not the words inside it or its label.
  const kept = found.filter((c) => !found.some((o) => o !== c && o.score >= c.score && (
    (c.via === 'text' && (c.el.contains(o.el) || (o.via !== 'text' && o.el.contains(c.el))))
    || (tag(c.el) === 'label' && c.el.control === o.el))));
  kept.sort((a, b) => b.score - a.score);
  const items = kept.slice(0, args.limit).map((c) => {
    const seen = info(c.el);
    const twins = kept.filter((o) => o.role === c.role && fold(nameOf(o.el, o.role)) === fold(seen.name) && !hiddenReason(o.el));
    return { ...seen, via: c.via, text: c.text || seen.name || clip(c.el.textContent), score: c.score,
      reasons: reasonsOf(c.el, c.role), nth: twins.indexOf(c) + 1, same: twins.length };
  });
  return { items, total: kept.length };
}
