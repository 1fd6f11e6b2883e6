//! A real OpenID provider for the single sign-on tests: the npm package
//! `oidc-provider` run by node with `tests/oidc/provider.mjs`, one per
//! test process (started on first use, stopped when the process ends: it
//! quits when its standard input closes). Each test registers its own
//! client and accounts, so tests do not see each other's.
//!
//! `OIDC_PROVIDER_MODULES` names the `node_modules` folder holding
//! `oidc-provider` (`.ci/run` installs it); default
//! `~/.cache/jobclass-oidc/node_modules`. `OIDC_PROVIDER_LOG` names a file
//! for the provider's own log (none by default).

use std::io::{BufRead, BufReader};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};

use jobclass::config::Config;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::TestApp;
use crate::html::Page;

/// The running provider.
pub struct Provider {
    /// Its issuer URL (`http://127.0.0.1:port`).
    pub issuer: String,
}

static PROVIDER: OnceLock<Provider> = OnceLock::new();
/// Keeps the provider's standard input open for the life of the process.
static STDIN: Mutex<Option<ChildStdin>> = Mutex::new(None);

/// The shared provider, started on first use.
pub fn provider() -> &'static Provider {
    PROVIDER.get_or_init(start)
}

fn modules() -> String {
    std::env::var("OIDC_PROVIDER_MODULES").unwrap_or_else(|_| {
        format!(
            "{}/.cache/jobclass-oidc/node_modules",
            std::env::var("HOME").unwrap_or_default()
        )
    })
}

/// Whether the provider can run (node and oidc-provider installed). When
/// not, a test should return: outside CI it is skipped with one line;
/// in CI (`CI` set) this fails instead.
pub fn installed() -> bool {
    let modules = modules();
    let found = std::path::Path::new(&modules)
        .join("oidc-provider")
        .is_dir()
        && Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "node or oidc-provider (in {modules}) is missing; .ci/run installs them"
        );
        eprintln!("skipped: node or oidc-provider (in {modules}) is missing");
    }
    found
}

fn start() -> Provider {
    let modules = modules();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../oidc/provider.mjs");
    let mut child = Command::new("node")
        .arg(script)
        .env("OIDC_MODULES", &modules)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        // Its warnings (and errors) go to OIDC_PROVIDER_LOG when set.
        .stderr(match std::env::var("OIDC_PROVIDER_LOG") {
            Ok(path) => Stdio::from(std::fs::File::create(path).unwrap()),
            Err(_) => Stdio::null(),
        })
        .spawn()
        .expect("node runs");
    let stdout = child.stdout.take().unwrap();
    *STDIN.lock().unwrap() = child.stdin.take();
    let mut line = String::new();
    let mut reader = BufReader::new(stdout);
    reader.read_line(&mut line).unwrap();
    // The provider prints notes later on: keep reading, or it dies of
    // EPIPE; then reap it.
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
        let _ = child.wait();
    });
    let issuer = line
        .trim()
        .strip_prefix("listening ")
        .unwrap_or_else(|| panic!("the test provider did not start: {line:?}"))
        .to_string();
    Provider { issuer }
}

/// A client registered at the provider for one portal.
pub struct Registered {
    pub client_id: String,
    pub client_secret: String,
}

impl Provider {
    /// A client of the calling test's own: the provider is shared by every
    /// test of the process, each on its own runtime, and a pooled
    /// connection dies with the runtime that opened it.
    fn http(&self) -> reqwest::Client {
        reqwest::Client::new()
    }

    /// Registers a client whose redirect URIs are those of the portal at `base`.
    pub async fn register(&self, base: &str) -> Registered {
        let response = self
            .http()
            .post(format!("{}/reg", self.issuer))
            .json(&json!({
                "redirect_uris": [format!("{base}/auth/oidc/callback")],
                "post_logout_redirect_uris": [format!("{base}/")],
                "grant_types": ["authorization_code"],
                "response_types": ["code"],
                "token_endpoint_auth_method": "client_secret_basic",
                "client_name": "jobclass under test",
            }))
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            StatusCode::CREATED,
            "client registration"
        );
        let body: Value = response.json().await.unwrap();
        Registered {
            client_id: body["client_id"].as_str().unwrap().to_string(),
            client_secret: body["client_secret"].as_str().unwrap().to_string(),
        }
    }

    /// Creates or replaces a test account with these claims.
    pub async fn account(&self, id: &str, claims: Value) {
        let response = self
            .http()
            .put(format!("{}/test/accounts/{id}", self.issuer))
            .json(&claims)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }

    /// How the ID tokens of `client_id` are changed from now on: `""`
    /// (not), `"expired"`, `"wrong-nonce"`, `"foreign-key"`, `"rotated"`.
    pub async fn spoil(&self, client_id: &str, mode: &str) {
        let response = self
            .http()
            .post(format!("{}/test/mode", self.issuer))
            .json(&json!({ "client_id": client_id, "mode": mode }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NO_CONTENT);
    }

    /// A new signing key (a new `kid`), published from now on and used
    /// for the ID tokens of `client_id`; returns its `kid`.
    pub async fn rotate_keys(&self, client_id: &str) -> String {
        let response = self
            .http()
            .post(format!("{}/test/rotate", self.issuer))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let body: Value = response.json().await.unwrap();
        self.spoil(client_id, "rotated").await;
        body["kid"].as_str().unwrap().to_string()
    }

    /// The key set's `kid`s as published now.
    pub async fn key_ids(&self) -> Vec<String> {
        let keys: Value = self
            .http()
            .get(format!("{}/jwks", self.issuer))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        keys["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["kid"].as_str().unwrap().to_string())
            .collect()
    }
}

/// The role mapping the tests configure.
pub const ROLES: &str = "admin:jobclass-admins,hr:jobclass-hr,manager:jobclass-managers";

/// A portal configured for single sign-on with the test provider.
pub struct SsoApp {
    pub app: TestApp,
    pub client_id: String,
}

impl SsoApp {
    /// A portal (with the seed) using the provider through a client of its
    /// own, the tests' role mapping and `unit` as the unit claim; `change`
    /// adjusts the configuration further.
    pub async fn spawn(change: impl FnOnce(&mut Config)) -> SsoApp {
        let provider = provider();
        let (listener, base) = TestApp::listener().await;
        let client = provider.register(&base).await;
        let client_id = client.client_id.clone();
        let app = TestApp::spawn_on_listener(listener, |c| {
            c.public_url = Some(base);
            c.oidc_issuer = Some(provider.issuer.clone());
            c.oidc_client_id = Some(client.client_id);
            c.oidc_client_secret = Some(client.client_secret);
            c.oidc_roles = ROLES.to_string();
            c.oidc_unit_claim = Some("unit".into());
            c.oidc_name = Some("Sign in with the test provider".into());
            change(c);
        })
        .await;
        SsoApp { app, client_id }
    }

    /// A new browser (its own cookies, for the portal and the provider).
    pub fn browser(&self) -> Browser {
        Browser {
            client: crate::client(),
            base: self.app.url(""),
        }
    }
}

/// A browser that follows redirects by hand.
pub struct Browser {
    pub client: reqwest::Client,
    pub base: String,
}

/// An answer: status, `Location` and the page.
pub struct Answer {
    pub status: StatusCode,
    pub location: Option<String>,
    pub page: Page,
}

impl Browser {
    /// GET an absolute URL or a path of the portal.
    pub async fn get(&self, url: &str) -> Answer {
        let url = if url.starts_with('/') {
            format!("{}{url}", self.base)
        } else {
            url.to_string()
        };
        let response = self.client.get(url).send().await.unwrap();
        answer(response).await
    }

    /// Starts single sign-on at the portal and goes through the provider
    /// (signing in there as `account` when it asks) until the provider
    /// sends the browser back; returns that callback URL, not yet opened.
    pub async fn to_callback(&self, account: &str) -> String {
        self.to_callback_from("/auth/oidc/login", account).await
    }

    /// As [`Browser::to_callback`], starting at `start`.
    pub async fn to_callback_from(&self, start: &str, account: &str) -> String {
        let callback = format!("{}/auth/oidc/callback", self.base);
        let mut url = start.to_string();
        for _ in 0..10 {
            if url.starts_with(&callback) {
                return url;
            }
            let here = self.absolute(&url);
            let answer = self.get(&here).await;
            url = match (answer.status, answer.location) {
                (status, Some(location)) if status.is_redirection() => {
                    self.resolve(&here, &location)
                }
                (StatusCode::OK, _) => {
                    let action = answer
                        .page
                        .all("form")
                        .first()
                        .and_then(|f| f.value().attr("action"))
                        .unwrap_or_else(|| panic!("no sign-in form at {here}"))
                        .to_string();
                    let target = self.resolve(&here, &action);
                    let response = self
                        .client
                        .post(&target)
                        .form(&[("account", account)])
                        .send()
                        .await
                        .unwrap();
                    let posted = crate::oidc::answer(response).await;
                    assert!(
                        posted.status.is_redirection(),
                        "signing in at the provider: {}",
                        posted.page.source
                    );
                    self.resolve(&target, &posted.location.unwrap())
                }
                (status, _) => panic!("{here} answered {status}: {}", answer.page.source),
            };
        }
        panic!("no way back to the portal from {start}");
    }

    /// Signs in as `account` through the provider: the portal's answer to
    /// the callback.
    pub async fn sign_in(&self, account: &str) -> Answer {
        let callback = self.to_callback(account).await;
        self.get(&callback).await
    }

    /// Whether the provider would ask who signs in (no session there).
    pub async fn provider_asks_who(&self) -> bool {
        let mut url = format!("{}/auth/oidc/login", self.base);
        let callback = format!("{}/auth/oidc/callback", self.base);
        for _ in 0..10 {
            if url.starts_with(&callback) {
                return false;
            }
            let answer = self.get(&url).await;
            match answer.location {
                Some(location) if answer.status.is_redirection() => {
                    url = self.resolve(&url, &location);
                }
                _ => return answer.page.all("input[name=account]").len() == 1,
            }
        }
        panic!("lost in redirects");
    }

    fn absolute(&self, url: &str) -> String {
        if url.starts_with('/') {
            format!("{}{url}", self.base)
        } else {
            url.to_string()
        }
    }

    /// `location` resolved against `here`.
    pub fn resolve(&self, here: &str, location: &str) -> String {
        reqwest::Url::parse(here)
            .unwrap()
            .join(location)
            .unwrap()
            .to_string()
    }

    /// The CSRF token of the portal's first form on `path`.
    pub async fn csrf(&self, path: &str) -> String {
        crate::actors::csrf_of(&self.client, &format!("{}{path}", self.base)).await
    }

    /// POSTs a form to the portal with this browser's CSRF token.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Answer {
        let csrf = self.csrf("/account").await;
        let mut form: Vec<(&str, &str)> = vec![("csrf_token", csrf.as_str())];
        form.extend_from_slice(fields);
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .form(&form)
            .send()
            .await
            .unwrap();
        answer(response).await
    }
}

async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string());
    let page = Page::parse(&response.text().await.unwrap());
    Answer {
        status,
        location,
        page,
    }
}
