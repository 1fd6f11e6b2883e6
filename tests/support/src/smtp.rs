//! A real SMTP server for the mail tests: Debian's `aiosmtpd` (run with
//! `/usr/bin/python3`, where the package installs it; `.ci/run` installs
//! it), with a small handler (`tests/support/smtp_sink.py`) that writes
//! each message it receives as a JSON file: envelope, headers, and the
//! decoded text and HTML parts.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// An SMTP server on a loopback port, stopped when dropped.
pub struct SmtpSink {
    pub port: u16,
    folder: tempfile::TempDir,
    child: Option<Child>,
}

impl SmtpSink {
    /// A server on a free port, accepting connections when this returns.
    pub async fn start() -> Self {
        Self::start_on(super::free_port()).await
    }

    /// A server on `port` (one a sender may already be trying).
    pub async fn start_on(port: u16) -> Self {
        let mut sink = SmtpSink {
            port,
            folder: tempfile::tempdir().unwrap(),
            child: None,
        };
        sink.run().await;
        sink
    }

    /// `smtp://127.0.0.1:{port}`, for `JOBCLASS_SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    async fn run(&mut self) {
        let handler = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let child = Command::new("/usr/bin/python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{}", self.port))
            .args(["-c", "smtp_sink.Sink"])
            .arg(self.folder.path())
            .env("PYTHONPATH", &handler)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("/usr/bin/python3 with aiosmtpd (apt install python3-aiosmtpd)");
        self.child = Some(child);
        let started = Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", self.port))
            .await
            .is_err()
        {
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "aiosmtpd did not start on port {}",
                self.port
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops the server (the port refuses connections), keeping what it
    /// received.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// The messages received so far, in no particular order.
    pub fn messages(&self) -> Vec<Value> {
        let mut all = Vec::new();
        for entry in std::fs::read_dir(self.folder.path()).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).unwrap();
                all.push(serde_json::from_str(&text).unwrap());
            }
        }
        all
    }

    /// Waits until at least `n` messages arrived (failing after
    /// `within`); all received by then.
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Value> {
        let started = Instant::now();
        loop {
            let messages = self.messages();
            if messages.len() >= n {
                return messages;
            }
            assert!(
                started.elapsed() < within,
                "{} of {n} e-mails arrived in {within:?}",
                messages.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}
