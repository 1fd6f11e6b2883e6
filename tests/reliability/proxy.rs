//! Two `jobclass serve` processes on one database behind nginx, configured
//! with the shipped `deploy/nginx/` files (only ports and paths changed):
//! a session made on one instance holds on the other, a sign-out on one
//! is seen by the other, a profile published through one is served by the
//! other within 2 s, and the sign-in limits count attempts on both. The
//! set-up (`Pair`) serves `failover` too.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::cluster::TestCluster;
use crate::support::{Binary, Portal, Store, free_port, printed};

const PASSWORD: &str = "a passphrase for the proxy test";
const SLUG: &str = "administratieve-ondersteuning";

/// nginx from Debian's package, when installed.
pub fn nginx() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

/// The shipped plain-HTTP configuration, `deploy/nginx/nginx.conf`, and
/// the two snippets it includes (the TLS site includes them too).
const MAIN: &str = include_str!("../../deploy/nginx/nginx.conf");
const UPSTREAM: &str = include_str!("../../deploy/nginx/snippets/jobclass-upstream.conf");
const PROXYING: &str = include_str!("../../deploy/nginx/snippets/jobclass-proxy.conf");
const SITE: &str = include_str!("../../deploy/nginx/sites-available/jobclass.conf");

/// `text` with each `(from, to)` replaced; every `from` must be there, so
/// a change to the shipped files cannot leave the tests on other settings.
fn replaced(text: &str, changes: &[(&str, String)]) -> String {
    changes.iter().fold(text.to_string(), |text, (from, to)| {
        assert!(text.contains(from), "the shipped file has `{from}`");
        text.replace(from, to)
    })
}

/// Writes the snippets into `dir/snippets`, the upstream pointing at
/// `instances` (the only change), and returns the paths that differ from
/// a system nginx: the user line, the pid file, the logs and the temporary
/// folders, moved into `dir`.
fn write_snippets(dir: &Path, instances: [u16; 2]) -> Vec<(&'static str, String)> {
    let snippets = dir.join("snippets");
    std::fs::create_dir_all(&snippets).unwrap();
    let upstream = replaced(
        UPSTREAM,
        &[
            ("127.0.0.1:3001", format!("127.0.0.1:{}", instances[0])),
            ("127.0.0.1:3002", format!("127.0.0.1:{}", instances[1])),
        ],
    );
    std::fs::write(snippets.join("jobclass-upstream.conf"), upstream).unwrap();
    std::fs::write(snippets.join("jobclass-proxy.conf"), PROXYING).unwrap();
    let root = nix::unistd::Uid::effective().is_root();
    let d = dir.display();
    vec![
        (
            "user www-data;",
            if root { "user root;" } else { "" }.to_string(),
        ),
        ("/run/nginx-jobclass.pid", format!("{d}/nginx.pid")),
        ("/var/log/nginx/", format!("{d}/")),
        (
            "http {",
            format!("http {{\n    client_body_temp_path {d}/body;\n    proxy_temp_path {d}/proxy;"),
        ),
    ]
}

/// `deploy/nginx/nginx.conf` and its snippets in `dir`, listening on
/// `port` and passing to `instances`; returns the main file.
fn write_config(dir: &Path, instances: [u16; 2], port: u16) -> PathBuf {
    let mut changes = write_snippets(dir, instances);
    changes.push(("listen 8080;", format!("listen 127.0.0.1:{port};")));
    let file = dir.join("nginx.conf");
    std::fs::write(&file, replaced(MAIN, &changes)).unwrap();
    file
}

/// nginx running `deploy/nginx/nginx.conf` (with the snippets it includes)
/// with its ports and paths moved into `dir`; stopped when dropped.
pub struct Proxy {
    child: Child,
    port: u16,
}

impl Proxy {
    pub fn start(nginx: &Path, dir: &Path, instances: [u16; 2]) -> Proxy {
        let port = free_port();
        let file = write_config(dir, instances, port);
        let child = Command::new(nginx)
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(&file)
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start nginx");
        Proxy { child, port }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser: its own cookie jar (cookies of 127.0.0.1 hold for every
/// port, so one jar talks to the proxy and to each instance alike).
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
}

/// The CSRF token of the first form of the page at `url`.
async fn csrf(client: &reqwest::Client, url: &str) -> String {
    let page = client.get(url).send().await.unwrap().text().await.unwrap();
    let at = page
        .find("name=\"csrf_token\" value=\"")
        .expect("a form with a token");
    let rest = &page[at + "name=\"csrf_token\" value=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

async fn sign_in(client: &reqwest::Client, base: &str, email: &str, password: &str) -> StatusCode {
    let token = csrf(client, &format!("{base}/login")).await;
    client
        .post(format!("{base}/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .unwrap()
        .status()
}

/// Whether the client is signed in, as the instance at `base` sees it.
async fn signed_in(client: &reqwest::Client, base: &str) -> bool {
    let response = client.get(format!("{base}/account")).send().await.unwrap();
    response.status() == StatusCode::OK
}

pub async fn wait_ready(url: &str) {
    let started = Instant::now();
    while !reqwest::get(url)
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{url} never answered"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Two `jobclass serve` processes with `env` on one test cluster, behind
/// nginx with the shipped configuration; `None` (the test skips) when
/// nginx is not installed outside CI. Dropped: nginx, the instances, then
/// the cluster.
pub struct Pair {
    pub proxy: Proxy,
    /// The instances; `None` while one is stopped.
    pub portals: [Option<Portal>; 2],
    pub ports: [u16; 2],
    pub jobclass: Binary,
    /// The database's URL (`DATABASE_URL` of the instances).
    pub url: String,
    env: Vec<(String, String)>,
    dir: tempfile::TempDir,
    pub cluster: TestCluster,
}

impl Pair {
    pub async fn start(env: &[(&str, &str)]) -> Option<Pair> {
        let Some(nginx) = nginx() else {
            assert!(
                std::env::var("CI").is_err(),
                "nginx is missing; .ci/run installs it"
            );
            eprintln!("skipped: nginx is not installed");
            return None;
        };
        let cluster = TestCluster::start().await;
        let options = cluster.options();
        let url = format!(
            "postgresql://{}@localhost/{}?host={}&port={}",
            options.get_username(),
            options.get_database().unwrap(),
            options.get_socket().unwrap().display(),
            options.get_port()
        );
        let mut env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        env.push(("JOBCLASS_TRUST_PROXY".into(), "true".into()));
        let ports = [free_port(), free_port()];
        let dir = tempfile::tempdir().unwrap();
        let proxy = Proxy::start(&nginx, dir.path(), ports);
        let mut pair = Pair {
            proxy,
            portals: [None, None],
            ports,
            jobclass: Binary::new(env!("CARGO_BIN_EXE_jobclass")),
            url,
            env,
            dir,
            cluster,
        };
        // One after the other: the first applies the migrations and the seed.
        pair.start_instance(0).await;
        pair.start_instance(1).await;
        wait_ready(&pair.proxy.url("/readyz")).await;
        Some(pair)
    }

    pub fn store(&self) -> Store<'_> {
        Store::Url(&self.url)
    }

    /// Starts instance `i` (again); returns once it is ready.
    pub async fn start_instance(&mut self, i: usize) {
        let env: Vec<(&str, &str)> = self
            .env
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let portal = self
            .jobclass
            .serve_on(Store::Url(&self.url), self.ports[i], &env)
            .await;
        self.portals[i] = Some(portal);
    }

    pub fn base(&self, i: usize) -> String {
        format!("http://127.0.0.1:{}", self.ports[i])
    }

    /// What nginx logged as errors so far.
    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("jobclass-error.log")).unwrap_or_default()
    }
}

#[tokio::test]
async fn two_instances_behind_nginx_share_sessions_sign_outs_publications_and_limits() {
    let _alone = crate::one_at_a_time().await;
    let Some(pair) = Pair::start(&[]).await else {
        return;
    };
    let (jobclass, store, proxy) = (&pair.jobclass, pair.store(), &pair.proxy);
    for (email, role) in [("admin@proxy.test", "admin"), ("hr@proxy.test", "hr")] {
        let out = jobclass.run(
            store,
            &[
                "user",
                "create",
                "--email",
                email,
                "--name",
                role,
                "--role",
                role,
                "--password-stdin",
            ],
            Some(&format!("{PASSWORD}\n")),
        );
        assert!(out.status.success(), "{}", printed(&out));
    }
    let (base_a, base_b) = (pair.base(0), pair.base(1));

    // Requests through the proxy reach both instances.
    for _ in 0..4 {
        let response = reqwest::get(proxy.url("/")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }

    // A session made through the proxy holds on each instance.
    let hr = browser();
    assert_eq!(
        sign_in(&hr, &proxy.url(""), "hr@proxy.test", PASSWORD).await,
        StatusCode::SEE_OTHER
    );
    assert!(
        signed_in(&hr, &base_a).await,
        "instance A knows the session"
    );
    assert!(
        signed_in(&hr, &base_b).await,
        "instance B knows the session"
    );
    for _ in 0..4 {
        assert!(signed_in(&hr, &proxy.url("")).await);
    }

    // A sign-out on A is seen by B at the next request.
    let token = csrf(&hr, &format!("{base_a}/account")).await;
    let response = hr
        .post(format!("{base_a}/logout"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(!signed_in(&hr, &base_b).await, "B saw the sign-out");
    assert!(!signed_in(&hr, &base_a).await);

    // A profile published through A is served by B within 2 s.
    let out = jobclass.run(
        store,
        &["token", "create", "--email", "admin@proxy.test"],
        None,
    );
    assert!(out.status.success(), "{}", printed(&out));
    let bearer = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let api = reqwest::Client::new();
    let before: Value = reqwest::get(format!("{base_b}/profiles/{SLUG}"))
        .await
        .unwrap()
        .text()
        .await
        .map(|t| json!(t.contains("Doel via instantie A.")))
        .unwrap();
    assert_eq!(before, json!(false));
    let mut doc: Value = api
        .get(format!("{base_a}/api/v1/profiles/{SLUG}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for key in ["version", "status", "published_at"] {
        doc.as_object_mut().unwrap().remove(key);
    }
    doc["purpose"] = json!("Doel via instantie A.");
    let draft = format!("{base_a}/api/v1/profiles/{SLUG}/draft");
    let saved = api
        .put(&draft)
        .bearer_auth(&bearer)
        .json(&doc)
        .send()
        .await
        .unwrap();
    assert!(
        saved.status().is_success(),
        "{}",
        saved.text().await.unwrap()
    );
    let saved: Value = saved.json().await.unwrap();
    let revision = saved["revision"].as_i64().expect("the draft's revision");
    let published = api
        .post(format!("{draft}/publish"))
        .bearer_auth(&bearer)
        .json(&json!({"revision": revision, "change_note": "Doel aangepast"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        published.status(),
        StatusCode::OK,
        "{}",
        published.text().await.unwrap()
    );
    let at = Instant::now();
    loop {
        let page = reqwest::get(format!("{base_b}/profiles/{SLUG}"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if page.contains("Doel via instantie A.") {
            break;
        }
        assert!(
            at.elapsed() < Duration::from_secs(2),
            "B still serves the old version after 2 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!(
        "proxy: B served the new version {:?} after publishing on A",
        at.elapsed()
    );

    // The sign-in limit counts failures on both instances: five wrong
    // passwords, alternating, and the sixth attempt is refused on either,
    // even with the right password.
    let guesser = browser();
    for i in 0..5 {
        let base = if i % 2 == 0 { &base_a } else { &base_b };
        let status = sign_in(
            &guesser,
            base,
            "admin@proxy.test",
            "not the password at all",
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    for base in [&base_a, &base_b] {
        let status = sign_in(&guesser, base, "admin@proxy.test", PASSWORD).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{base}");
    }

    // nginx refuses a body over the portal's limit itself (413); one at the
    // limit reaches the portal, which reads it (and finds no JSON in it).
    let api = reqwest::Client::new();
    let url = proxy.url(&format!("/api/v1/profiles/{SLUG}/match"));
    for (size, expected) in [
        (jobclass::web::BODY_LIMIT + 1, StatusCode::PAYLOAD_TOO_LARGE),
        (jobclass::web::BODY_LIMIT, StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let response = api
            .post(&url)
            .header("content-type", "application/json")
            .body(vec![b' '; size])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), expected, "a body of {size} bytes");
    }
    drop(pair);
}

#[tokio::test]
async fn an_instance_told_to_stop_drains_then_finishes() {
    let _alone = crate::one_at_a_time().await;
    let folder = crate::support::DataFolder::new("jcd-");
    let jobclass = Binary::new(env!("CARGO_BIN_EXE_jobclass"));
    let port = free_port();
    let portal = jobclass
        .serve_on(
            Store::DataDir(&folder.data()),
            port,
            &[("JOBCLASS_DRAIN_SECONDS", "2")],
        )
        .await;
    let base = portal.base();
    let pid = i32::try_from(portal.pid().unwrap()).unwrap();
    crate::support::signal(pid, nix::sys::signal::Signal::SIGTERM);
    let told = Instant::now();
    // At once: not ready, so a balancer moves on; new reads refused with
    // 503 for a proxy to pass on, writes still served, each connection
    // closed after its answer.
    let mut draining = false;
    while told.elapsed() < Duration::from_secs(1) {
        let response = reqwest::get(format!("{base}/readyz")).await.unwrap();
        if response.status() == StatusCode::SERVICE_UNAVAILABLE {
            draining = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(draining, "/readyz answered 503 within a second of SIGTERM");
    let page = reqwest::get(format!("{base}/profiles/{SLUG}"))
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.headers()["connection"], "close");
    assert!(page.headers().contains_key("retry-after"));
    let alive = reqwest::get(format!("{base}/healthz")).await.unwrap();
    assert_eq!(alive.status(), StatusCode::OK, "still alive while draining");
    let write = reqwest::Client::new()
        .post(format!("{base}/api/v1/profiles/{SLUG}/match"))
        .json(&json!({"tasks": ["Bezoekers onthalen"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(write.status(), StatusCode::OK, "a POST is still served");
    assert_eq!(write.headers()["connection"], "close");
    // After the drain it stops, cleanly.
    tokio::task::spawn_blocking(move || crate::support::wait_gone(pid, Duration::from_secs(20)))
        .await
        .unwrap();
    assert!(!crate::support::alive(pid));
    let took = told.elapsed();
    assert!(
        took >= Duration::from_secs(2),
        "it drained for 2 s: {took:?}"
    );
    drop(portal);
}

/// `nginx -t` on `main` (in `dir`, as nginx's prefix); panics with
/// nginx's words when the configuration is refused.
fn nginx_accepts(nginx: &Path, dir: &Path, main: &Path) {
    let out = Command::new(nginx)
        .arg("-t")
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(main)
        .output()
        .expect("run nginx -t");
    assert!(
        out.status.success(),
        "nginx -t refused {}:\n{}",
        main.display(),
        printed(&out)
    );
}

/// The size in bytes of an nginx size (`3m`, `512k`, `100`).
fn nginx_size(size: &str) -> usize {
    let (digits, factor) = match size.as_bytes().last() {
        Some(b'k' | b'K') => (&size[..size.len() - 1], 1024),
        Some(b'm' | b'M') => (&size[..size.len() - 1], 1024 * 1024),
        Some(b'g' | b'G') => (&size[..size.len() - 1], 1024 * 1024 * 1024),
        _ => (size, 1),
    };
    digits.parse::<usize>().expect("an nginx size") * factor
}

#[test]
fn the_shipped_nginx_configurations_pass_nginx_t_and_share_the_tested_proxying() {
    let Some(nginx) = nginx() else {
        assert!(
            std::env::var("CI").is_err(),
            "nginx is missing; .ci/run installs it"
        );
        eprintln!("skipped: nginx is not installed");
        return;
    };

    // The plain-HTTP file the two-instance tests run, as they run it.
    let dir = tempfile::tempdir().unwrap();
    let main = write_config(dir.path(), [free_port(), free_port()], free_port());
    nginx_accepts(&nginx, dir.path(), &main);

    // The TLS site proxies only through the snippets those tests run: it
    // includes both and sets no proxying of its own.
    for include in [
        "include snippets/jobclass-upstream.conf;",
        "include snippets/jobclass-proxy.conf;",
    ] {
        assert!(MAIN.contains(include), "nginx.conf has `{include}`");
        assert!(SITE.contains(include), "the site has `{include}`");
    }
    for own in [
        "upstream ",
        "proxy_pass",
        "proxy_next_upstream",
        "proxy_set_header",
        "client_max_body_size",
    ] {
        assert!(!MAIN.contains(own), "nginx.conf sets `{own}` itself");
        assert!(!SITE.contains(own), "the site sets `{own}` itself");
    }
    assert_eq!(
        SITE.matches("location ").count(),
        SITE.matches("include snippets/jobclass-proxy.conf;")
            .count(),
        "every location of the site passes requests through the snippet"
    );

    // nginx's body limit is the portal's (a larger one gave 502s).
    let limit = PROXYING
        .lines()
        .find_map(|line| line.trim().strip_prefix("client_max_body_size "))
        .map(|size| nginx_size(size.trim_end_matches(';')))
        .expect("the proxy snippet limits bodies");
    let portal = jobclass::web::BODY_LIMIT;
    assert_eq!(limit, portal, "nginx's body limit against the portal's");

    // The TLS site, with a throwaway self-signed certificate in place of
    // the sysadmin's, inside an http block as Debian's nginx.conf has it.
    if Command::new("openssl").arg("version").output().is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "openssl is missing; .ci/run installs it"
        );
        eprintln!("skipped the TLS site: openssl is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display();
    let out = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args(["-subj", "/CN=jobclass.example.org"])
        .arg("-keyout")
        .arg(dir.path().join("key.pem"))
        .arg("-out")
        .arg(dir.path().join("cert.pem"))
        .output()
        .expect("run openssl");
    assert!(out.status.success(), "openssl: {}", printed(&out));
    let mut changes = write_snippets(dir.path(), [free_port(), free_port()]);
    changes.retain(|(from, _)| from.starts_with("/var/log/"));
    changes.extend([
        (
            "/etc/letsencrypt/live/jobclass.example.org/fullchain.pem",
            format!("{d}/cert.pem"),
        ),
        (
            "/etc/letsencrypt/live/jobclass.example.org/privkey.pem",
            format!("{d}/key.pem"),
        ),
        ("/var/cache/nginx-jobclass", format!("{d}/cache")),
    ]);
    std::fs::create_dir_all(dir.path().join("sites-enabled")).unwrap();
    std::fs::write(
        dir.path().join("sites-enabled/jobclass.conf"),
        replaced(SITE, &changes),
    )
    .unwrap();
    let root = nix::unistd::Uid::effective().is_root();
    let main = dir.path().join("nginx.conf");
    std::fs::write(
        &main,
        format!(
            "{user}pid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{}}\n\
             http {{\n    client_body_temp_path {d}/body;\n    proxy_temp_path {d}/proxy;\n\
             \x20   include sites-enabled/*;\n}}\n",
            user = if root { "user root;\n" } else { "" },
        ),
    )
    .unwrap();
    nginx_accepts(&nginx, dir.path(), &main);
}
