"""The page's own words when something fails: the error and status messages it shows (alerts,
live regions, invalid fields and what describes them, form validation, error-styled elements), so
a failure says what the visitor was told, not only what uxaudit expected."""

from __future__ import annotations

from playwright.async_api import Error, Page

from .bounded import within

MAX_MESSAGES = 3
_MESSAGES_JS = """([limit, since]) => {
  const shown = (el) => (el.checkVisibility ? el.checkVisibility() : !!el.offsetParent);
  const words = (el) => (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ');
  const nameOf = (el) => {
    const label = (el.labels && el.labels[0] && words(el.labels[0])) || el.getAttribute('aria-label');
    return (label || el.placeholder || el.name || el.id || el.tagName.toLowerCase()).replace(/[\\s:*]+$/, '');
  };
  const found = [];
  // Changed during the step (vitals.js marks each changed element): the element, its parent (where
  // it was added) or anything inside it.
  const changed = (el) => [el, el.parentElement, ...el.querySelectorAll('*')]
    .some((node) => node && node.__uxauditChanged >= since);
  const add = (text, el) => {
    if (text && text.length <= 300 && !found.some((f) => f.text.includes(text))) {
      found.push({text, recent: el ? changed(el) : true});
    }
  };
  // Announced to assistive technology: what the page means as its message.
  document.querySelectorAll('[role=alert],[role=alertdialog],[role=status],[aria-live=assertive],[aria-live=polite],output')
    .forEach((el) => { if (shown(el)) add(words(el), el); });
  // Fields marked invalid, with the text that explains why.
  document.querySelectorAll('[aria-invalid=true]').forEach((el) => {
    const ids = `${el.getAttribute('aria-errormessage') || ''} ${el.getAttribute('aria-describedby') || ''}`;
    ids.split(/\\s+/).filter(Boolean).forEach((id) => {
      const text = document.getElementById(id);
      if (text && shown(text)) add(words(text), text);
    });
  });
  // The browser's own form validation, for fields the visitor has tried to submit.
  document.querySelectorAll('input,select,textarea').forEach((el) => {
    if (el.matches(':user-invalid') && el.validationMessage) add(`${nameOf(el)}: ${el.validationMessage}`, null);
  });
  // Elements that present themselves as errors by class, id, test id or name.
  document.querySelectorAll('[class*=error i],[class*=alert i],[class*=danger i],[class*=invalid i],' +
                            '[id*=error i],[data-testid*=error i],[data-test*=error i],[name*=error i]')
    .forEach((el) => { if (shown(el) && !el.matches('input,select,textarea,form,body,html')) add(words(el), el); });
  // Messages that appeared during the step first, each group in the order above.
  return [...found.filter((f) => f.recent), ...found.filter((f) => !f.recent)].slice(0, limit).map((f) => f.text);
}"""


async def page_messages(page: Page, since_ms: float = 0) -> tuple[str, ...]:
    """Up to MAX_MESSAGES error or status messages the page shows now, those that appeared since
    `since_ms` (page time: when the step began) first; none if the page cannot be read.
    StepFailure: the page is stuck."""
    if not page.url.startswith(("http://", "https://")):
        return ()  # the browser's own error page (a redirect loop, no connection) is not the site's words
    try:
        found = await within(page.evaluate(_MESSAGES_JS, [MAX_MESSAGES, since_ms]), 2, "reading the page's messages")
    except Error:
        return ()
    return tuple(str(text) for text in found or () if str(text).strip())


def said(messages: tuple[str, ...]) -> str:
    """The messages as the end of a failure line: ‘; the page said: “…”, “…”’ (or nothing)."""
    return f"; the page said: {', '.join(f'“{m}”' for m in messages)}" if messages else ""
