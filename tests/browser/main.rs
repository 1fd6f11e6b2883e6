//! Browser tests: whole user journeys in Chromium, driven through
//! chromedriver, with and without JavaScript. Every page a journey visits
//! is checked with axe-core (WCAG 2.1 A and AA) and with checks of our own
//! (one `h1`, a skip link, labelled fields, visible focus, no horizontal
//! scrolling at phone width); key pages are saved as screenshots in
//! `target/screenshots/`.
//!
//! Needs `chromium`, `chromedriver` and axe-core (`AXE_CORE_JS`, default
//! `node_modules/axe-core/axe.min.js`); without them the suite is skipped
//! outside CI and fails in CI. See `harness`.

// The harness shared with the `it` tests (tests/support).
use jobclass_test_support as support;

mod axe;
mod dialogs;
mod driver;
mod harness;
mod journeys;
mod keyboard;
