//! Checks run on every page a journey visits: axe-core with the WCAG 2.1
//! A and AA rules, and our own: exactly one `h1`, a skip link to `#main`
//! as the first focusable element, every form field labelled, a visible
//! focus indicator on every focusable element, and no horizontal
//! scrolling at phone width.
//!
//! axe-core is injected through WebDriver's execute-script, which the
//! page's Content-Security-Policy does not govern (`journeys/setup.rs` shows it).
//! With JavaScript switched off in the profile, Chromium still runs
//! injected scripts and their promise callbacks, but never timers; axe
//! schedules its work with `setTimeout`, so on such pages the harness
//! first turns short timers into promise callbacks (the page's own
//! scripts do not run there, so nothing else sees the difference).

use fantoccini::key::Key;
use serde_json::{Value, json};

use crate::harness::{Browser, DESKTOP, HEIGHT, Js, PHONE};

/// The rule sets axe runs.
pub const TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// Makes `setTimeout` work where the profile forbids page scripts: short
/// delays become promise callbacks; long ones are axe's own give-up
/// timers, which must never fire.
const TIMER_SHIM: &str = r"
if (!window.__timersShimmed) {
  window.__timersShimmed = true;
  window.setTimeout = function (fn, ms) {
    var args = Array.prototype.slice.call(arguments, 2);
    if (!(ms >= 1000)) { Promise.resolve().then(function () { fn.apply(null, args); }); }
    return 0;
  };
  window.clearTimeout = function () {};
  window.queueMicrotask = function (fn) { Promise.resolve().then(fn); };
}";

/// Runs axe and returns its violations, simplified.
const RUN_AXE: &str = r"
return axe.run(document, {
  runOnly: { type: 'tag', values: arguments[0] },
  resultTypes: ['violations'],
}).then(function (result) {
  return result.violations.map(function (v) {
    return {
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(function (n) {
        return { target: n.target.join(' '), html: n.html, summary: n.failureSummary };
      }),
    };
  });
});";

/// Shared by the two checks below: `describe`, `problems` (what each
/// returns) and `focusable`, the elements Tab stops at, in DOM order.
const PRELUDE: &str = r"
const describe = (el) => el.outerHTML.slice(0, 160);
const problems = [];
const focusable = [...document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]')]
  .filter((el) => el.tabIndex >= 0 && !el.disabled && el.type !== 'hidden'
    && el.getClientRects().length > 0);
";

/// Structure and labels; returns a list of problems.
const STRUCTURE: &str = r"
const h1 = document.querySelectorAll('h1').length;
if (h1 !== 1) problems.push(`expected exactly one h1, found ${h1}`);
for (const el of document.querySelectorAll('[tabindex]')) {
  if (el.tabIndex > 0) problems.push(`a positive tabindex changes the focus order: ${describe(el)}`);
}
const first = focusable[0];
if (!first || first.tagName !== 'A' || first.getAttribute('href') !== '#main') {
  problems.push(`the first focusable element is not a skip link to #main: ${first ? describe(first) : 'none'}`);
} else if (!document.getElementById('main')) {
  problems.push('the skip link points at #main, which does not exist');
}
const fields = [...document.querySelectorAll('input, select, textarea')]
  .filter((f) => !['hidden', 'submit', 'button', 'reset', 'image'].includes(f.type));
const hasText = (el) => !!el && el.textContent.trim() !== '';
for (const f of fields) {
  const labelled = [...(f.labels || [])].some(hasText)
    || (f.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
      .some((id) => hasText(document.getElementById(id)));
  if (!labelled) problems.push(`a form field has no label: ${describe(f)}`);
}
return problems;
";

/// Visible focus: after a real Tab key press (keyboard modality), focuses
/// each focusable element and reads its computed outline and box-shadow.
/// Ends with the skip link focused, as on a fresh page after one Tab.
const FOCUS: &str = r"
for (const el of focusable) {
  el.focus({ preventScroll: true });
  if (document.activeElement !== el) continue;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  if (!el.matches(':focus-visible') || (!outline && s.boxShadow === 'none')) {
    problems.push(`no visible focus indicator: ${describe(el)}`);
  }
}
const skip = focusable[0];
if (skip) {
  skip.focus();
  const r = skip.getBoundingClientRect();
  if (r.bottom <= 0 || r.top >= window.innerHeight || r.width < 2) {
    problems.push('the skip link stays off screen when focused');
  }
}
return problems;
";

/// Elements wider than the window at phone width (outside scrolling boxes).
const OVERFLOW: &str = r"
const width = window.innerWidth;
if (document.documentElement.scrollWidth <= width) return [];
// Inside a scrolling box (for a positioned element: one that holds its
// containing block; boxes in between do not clip it).
const clipped = (el) => {
  const holder = getComputedStyle(el).position === 'absolute' ? el.offsetParent : null;
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (holder && !p.contains(holder)) continue;
    if (getComputedStyle(p).overflowX !== 'visible') return true;
  }
  return false;
};
const wide = [...document.body.querySelectorAll('*')]
  .filter((el) => el.getBoundingClientRect().right > width + 1 && !clipped(el))
  .slice(0, 5).map((el) => el.outerHTML.slice(0, 120));
return [`the page scrolls sideways at ${width} px (content ${document.documentElement.scrollWidth} px wide): ${wide.join(' | ')}`];
";

/// Checks the page shown; panics with every problem found.
pub async fn check_page(b: &Browser<'_>, step: &str) {
    let found = problems(b).await;
    assert!(
        found.is_empty(),
        "{} problem(s) on {} (step {step}):\n- {}",
        found.len(),
        b.path().await,
        found.join("\n- ")
    );
}

/// Every problem of the page shown: our checks and axe's violations.
pub async fn problems(b: &Browser<'_>) -> Vec<String> {
    let mut problems = strings(b.script(&format!("{PRELUDE}{STRUCTURE}"), vec![]).await);

    // Keyboard modality first, so that :focus-visible applies as it would.
    b.press(Key::Tab).await;
    problems.extend(strings(
        b.script(&format!("{PRELUDE}{FOCUS}"), vec![]).await,
    ));

    for v in violations(b).await {
        let mut text = format!(
            "axe {} ({}): {}\n    {}",
            v["id"], v["impact"], v["help"], v["helpUrl"]
        );
        for node in v["nodes"].as_array().into_iter().flatten() {
            text.push_str(&format!(
                "\n    at {}: {}\n      {}",
                node["target"],
                node["html"],
                node["summary"]
                    .as_str()
                    .unwrap_or("")
                    .replace('\n', "\n      ")
            ));
        }
        problems.push(text);
    }

    b.resize(PHONE, HEIGHT).await;
    problems.extend(strings(b.script(OVERFLOW, vec![]).await));
    b.resize(DESKTOP, HEIGHT).await;
    problems
}

/// axe-core's violations on the current page (injected once per page).
async fn violations(b: &Browser<'_>) -> Vec<Value> {
    let present = b
        .script("return typeof window.axe === 'object'", vec![])
        .await;
    if present != json!(true) {
        let shim = if b.js() == Js::Off { TIMER_SHIM } else { "" };
        let source = format!("{shim}\n{}\nreturn typeof window.axe;", b.axe_source());
        let loaded = b.script(&source, vec![]).await;
        assert_eq!(loaded, json!("object"), "axe-core did not load");
    }
    match b.script(RUN_AXE, vec![json!(TAGS)]).await {
        Value::Array(all) => all,
        other => panic!("axe returned {other}"),
    }
}

fn strings(value: Value) -> Vec<String> {
    match value {
        Value::Array(items) => items
            .into_iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect(),
        other => panic!("a check returned {other}"),
    }
}
