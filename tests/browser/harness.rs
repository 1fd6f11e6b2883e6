//! The browser harness: journeys on a fresh portal and database, a fresh
//! Chromium profile per browser session, and sessions that are always
//! closed, also when a journey fails or hangs: stopping chromedriver
//! would leave its Chromiums running.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use futures_util::FutureExt;
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

use crate::driver::{Tools, tools};
use crate::support::TestApp;

/// Whether pages may run JavaScript.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Js {
    On,
    Off,
}

/// Window widths: desktop, and a common phone.
pub const DESKTOP: u32 = 1280;
pub const PHONE: u32 = 390;
/// Window height while a journey runs.
pub const HEIGHT: u32 = 900;
/// A journey that takes longer than this has hung.
const JOURNEY_LIMIT: Duration = Duration::from_secs(240);
/// How long to wait for an element to appear.
const WAIT: Duration = Duration::from_secs(10);

/// One journey: the portal on a fresh database, and every browser session
/// the journey opened, closed at the end whatever happens.
pub struct Journey {
    pub app: TestApp,
    pub js: Js,
    name: String,
    tools: &'static Tools,
    sessions: Mutex<Vec<(Client, tempfile::TempDir)>>,
    shots: AtomicUsize,
}

/// Runs `body` as the journey `name`; skips when the tools are missing.
/// Sessions are closed when the body returns, fails or hangs; on failure
/// each open browser leaves a screenshot and its address.
pub async fn run(name: &str, js: Js, body: impl AsyncFnOnce(&Journey)) {
    let Some(tools) = tools() else { return };
    run_on(tools, TestApp::spawn().await, name, js, body).await;
}

/// As [`run`], on a portal the journey set up itself (`make`, called only
/// when the tools are there).
pub async fn run_with(
    name: &str,
    js: Js,
    make: impl AsyncFnOnce() -> TestApp,
    body: impl AsyncFnOnce(&Journey),
) {
    let Some(tools) = tools() else { return };
    run_on(tools, make().await, name, js, body).await;
}

async fn run_on(
    tools: &'static Tools,
    app: TestApp,
    name: &str,
    js: Js,
    body: impl AsyncFnOnce(&Journey),
) {
    let journey = Journey {
        app,
        js,
        name: name.to_string(),
        tools,
        sessions: Mutex::new(Vec::new()),
        shots: AtomicUsize::new(0),
    };
    let outcome = tokio::time::timeout(
        JOURNEY_LIMIT,
        AssertUnwindSafe(body(&journey)).catch_unwind(),
    )
    .await;
    if !matches!(outcome, Ok(Ok(()))) {
        journey.keep_evidence().await;
    }
    let sessions = std::mem::take(&mut *journey.sessions.lock().unwrap());
    for (client, profile) in sessions {
        let _ = client.close().await;
        drop(profile);
    }
    match outcome {
        Ok(Ok(())) => {}
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(_) => panic!("the journey {name} took longer than {JOURNEY_LIMIT:?}"),
    }
}

/// Where screenshots go.
pub fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots")
}

impl Journey {
    /// A new browser session with a fresh profile, at desktop width.
    pub async fn browser(&self, who: &str) -> Browser<'_> {
        let profile = tempfile::Builder::new()
            .prefix("jc-chromium-")
            .tempdir()
            .expect("profile folder");
        let mut options = json!({
            "binary": self.tools.chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                format!("--user-data-dir={}", profile.path().display()),
                format!("--window-size={DESKTOP},{HEIGHT}"),
                "--lang=nl-BE",
            ],
            // A Belgian user: Dutch first (the portal's default language too).
            "prefs": { "intl.accept_languages": "nl-BE,nl" },
        });
        if self.js == Js::Off {
            options["prefs"]["profile.managed_default_content_settings.javascript"] = json!(2);
        }
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": options,
            "timeouts": { "script": 30_000, "pageLoad": 30_000, "implicit": 0 },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.tools.driver_url)
            .await
            .unwrap_or_else(|err| panic!("cannot open a browser session: {err}"));
        self.sessions
            .lock()
            .unwrap()
            .push((client.clone(), profile));
        Browser {
            client,
            journey: self,
            who: who.to_string(),
        }
    }

    /// The file name of the next screenshot of this journey.
    fn shot_path(&self, who: &str, step: &str, width: u32) -> PathBuf {
        let n = self.shots.fetch_add(1, Ordering::Relaxed);
        screenshot_dir().join(format!("{}-{n:02}-{who}-{step}-{width}.png", self.name))
    }

    /// Screenshots and addresses of every open browser, for a failed journey.
    async fn keep_evidence(&self) {
        let clients: Vec<Client> = self
            .sessions
            .lock()
            .unwrap()
            .iter()
            .map(|(c, _)| c.clone())
            .collect();
        for (i, client) in clients.iter().enumerate() {
            let url = client.current_url().await.map(|u| u.to_string());
            let path = self.shot_path(&format!("FAILED{i}"), "last", DESKTOP);
            if let Ok(png) = client.screenshot().await {
                let _ = std::fs::create_dir_all(screenshot_dir());
                let _ = std::fs::write(&path, png);
            }
            eprintln!(
                "browser {i} of {} was at {url:?}; screenshot {}",
                self.name,
                path.display()
            );
        }
    }
}

/// One browser session of a journey.
pub struct Browser<'j> {
    pub client: Client,
    pub journey: &'j Journey,
    who: String,
}

impl Browser<'_> {
    pub fn js(&self) -> Js {
        self.journey.js
    }

    /// The axe-core script.
    pub fn axe_source(&self) -> &'static str {
        &self.journey.tools.axe
    }

    /// The portal's address of `path`.
    pub fn url(&self, path: &str) -> String {
        self.journey.app.url(path)
    }

    /// Opens `path` and checks the page.
    pub async fn goto(&self, path: &str, step: &str) {
        self.client.goto(&self.url(path)).await.expect("navigate");
        self.arrive(step).await;
    }

    /// Checks the page now shown (axe-core and our own checks).
    pub async fn arrive(&self, step: &str) {
        crate::axe::check_page(self, step).await;
    }

    /// The path and query of the current address.
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("current url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// The element matching `css`, waiting for it to appear.
    pub async fn find(&self, css: &str) -> Element {
        let found = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(err) => panic!("no element {css} at {}: {err}", self.path().await),
        }
    }

    /// Marks the page shown, so that `wait_for_next_page` can tell when
    /// another page has replaced it.
    pub async fn mark_page(&self) {
        self.script("document.jcLeft = true", vec![]).await;
    }

    /// Waits until a page other than the marked one has finished loading
    /// (right after a click, the old page may still be shown, or the new
    /// one may not have run its scripts yet).
    pub async fn wait_for_next_page(&self) {
        const NEW_AND_LOADED: &str =
            "return !document.jcLeft && document.readyState === 'complete'";
        let start = std::time::Instant::now();
        loop {
            match self.client.execute(NEW_AND_LOADED, vec![]).await {
                Ok(Value::Bool(true)) => return,
                Err(err) if err.is_unexpected_alert_open() => panic!("a dialog opened: {err}"),
                // Not yet, or the page is being replaced.
                Ok(_) | Err(_) => {}
            }
            assert!(start.elapsed() < WAIT, "no new page after {WAIT:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The element matching an `XPath` expression.
    pub async fn find_xpath(&self, xpath: &str) -> Element {
        let found = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(xpath))
            .await;
        match found {
            Ok(element) => element,
            Err(err) => panic!("no element {xpath} at {}: {err}", self.path().await),
        }
    }

    /// How many elements match `css` (not waiting).
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map_or(0, |all| all.len())
    }

    /// Visible text of the element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("text")
    }

    /// A DOM property of the element matching `css`.
    pub async fn prop(&self, css: &str, name: &str) -> Option<String> {
        self.find(css).await.prop(name).await.expect("property")
    }

    /// An HTML attribute of the element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css).await.attr(name).await.expect("attribute")
    }

    /// Runs a script in the page; `arguments[i]` are `args`.
    pub async fn script(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|err| panic!("script failed: {err}\n{script}"))
    }

    /// Clicks the element matching `css` (no navigation expected).
    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.expect("click");
    }

    /// Clicks a link or button that leads to another page, and checks it.
    pub async fn follow(&self, css: &str, step: &str) {
        self.mark_page().await;
        self.click(css).await;
        self.wait_for_next_page().await;
        self.arrive(step).await;
    }

    /// Replaces the text of a field by typing.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    /// Sets the window size.
    pub async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("resize");
    }

    /// Saves full-page screenshots at desktop and phone width.
    pub async fn shot(&self, step: &str) {
        std::fs::create_dir_all(screenshot_dir()).expect("screenshot folder");
        self.script(
            "document.activeElement && document.activeElement.blur()",
            vec![],
        )
        .await;
        for width in [DESKTOP, PHONE] {
            self.resize(width, HEIGHT).await;
            let sizes = self
                .script(
                    "return [document.documentElement.scrollHeight, window.innerHeight]",
                    vec![],
                )
                .await;
            let page = sizes[0].as_u64().unwrap_or(0) as u32;
            let viewport = sizes[1].as_u64().unwrap_or(0) as u32;
            // The window is a little taller than its viewport.
            let height = (page + HEIGHT.saturating_sub(viewport)).clamp(HEIGHT, 12_000);
            self.resize(width, height).await;
            let png = self.client.screenshot().await.expect("screenshot");
            let path = self.journey.shot_path(&self.who, step, width);
            std::fs::write(&path, png).expect("write screenshot");
        }
        self.resize(DESKTOP, HEIGHT).await;
    }
}
