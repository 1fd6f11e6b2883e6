//! Whether a page ran a script it should not have: the WebDriver user
//! prompt state says whether a JavaScript dialog (`alert`, `confirm`,
//! `prompt`) opened, however early the code that opened it ran.
//!
//! The portal's Content-Security-Policy stops inline scripts and event
//! handlers, so it would hide a lapse in escaping from this check. Pages
//! meant to be probed are therefore opened with the CSP bypassed (a
//! `DevTools` command, through chromedriver): what is left is the escaping
//! itself.

use fantoccini::error::CmdError;
use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::{Value, json};

use crate::harness::Browser;

/// `url::ParseError`, named through reqwest (url is no direct dependency).
type ParseError = <reqwest::Url as std::str::FromStr>::Err;

/// A Chrome `DevTools` Protocol command sent through chromedriver.
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &reqwest::Url,
        session_id: Option<&str>,
    ) -> Result<reqwest::Url, ParseError> {
        let session = session_id.expect("a session");
        base_url.join(&format!("session/{session}/goog/cdp/execute"))
    }

    fn method_and_body(&self, _: &reqwest::Url) -> (axum::http::Method, Option<String>) {
        let body = json!({ "cmd": self.cmd, "params": self.params });
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

/// Waits for handlers that run after the load event (a failed image, a
/// toggled `<details>`), then returns.
const SETTLE: &str = "const done = arguments[arguments.length - 1]; setTimeout(done, 150);";

impl Browser<'_> {
    /// Stops enforcing the Content-Security-Policy of the pages this
    /// browser opens from now on.
    pub async fn bypass_csp(&self) {
        self.client
            .issue_cmd(Cdp {
                cmd: "Page.setBypassCSP",
                params: json!({ "enabled": true }),
            })
            .await
            .expect("Page.setBypassCSP");
    }

    /// Opens `url` (a path of the portal, or any address) and returns the
    /// text of any dialog that opened while it loaded and settled.
    pub async fn open_watching(&self, url: &str) -> Option<String> {
        let url = if url.starts_with('/') {
            self.url(url)
        } else {
            url.to_string()
        };
        let navigated = self.client.goto(&url).await;
        self.dialog_after(navigated.err(), "navigate").await
    }

    /// Runs `script` in the page shown and returns the text of any dialog
    /// that opened.
    pub async fn script_watching(&self, script: &str) -> Option<String> {
        let ran = self.client.execute(script, vec![]).await;
        self.dialog_after(ran.err(), "run a script").await
    }

    /// The dialog that `error` (of `doing`) reports, or one that opens
    /// while the page settles; a dialog still open is dismissed.
    async fn dialog_after(&self, error: Option<CmdError>, doing: &str) -> Option<String> {
        let mut seen = error.map(|err| opened(err, doing));
        if seen.is_none()
            && let Err(err) = self.client.execute_async(SETTLE, vec![]).await
        {
            seen = Some(opened(err, "settle"));
        }
        match self.client.get_alert_text().await {
            Ok(text) => {
                let _ = self.client.dismiss_alert().await;
                seen.or(Some(text))
            }
            Err(err) if err.is_no_such_alert() => seen,
            Err(err) => seen.or_else(|| Some(opened(err, "read the prompt state"))),
        }
    }
}

/// The dialog an error reports ("unexpected alert open"); any other error
/// fails the test.
fn opened(err: CmdError, doing: &str) -> String {
    if err.is_unexpected_alert_open() {
        err.to_string()
    } else {
        panic!("cannot {doing}: {err}")
    }
}
