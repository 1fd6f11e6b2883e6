//! The private PostgreSQL cluster: the default when `DATABASE_URL` is unset.
//!
//! The cluster lives in `<data dir>/postgres`, listens on a Unix socket in
//! that folder only (no TCP port, so it never collides with a system server)
//! and trusts local connections; the socket folder is mode 0700, so only its
//! owner (and root) can connect. When we run as root, initdb refuses to
//! work, so the cluster runs as the `postgres` system user.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use sqlx::postgres::PgConnectOptions;

/// Superuser name created by initdb; the app connects as this role.
pub const SUPERUSER: &str = "jobclass";
/// Socket "port": only names the socket file, no TCP port is opened.
const SOCKET_PORT: u16 = 5432;
/// Longest Unix socket path the kernel accepts, minus a margin.
const MAX_SOCKET_PATH: usize = 100;

/// The PostgreSQL server programs found on this machine.
#[derive(Debug, Clone)]
pub struct Binaries {
    pub dir: PathBuf,
    /// Major version, as `postgres --version` prints it (e.g. "15").
    pub major: String,
}

impl Binaries {
    /// A program in the server's folder (`pg_dump`, `psql`, … live there
    /// too, in the same version as the server).
    pub fn program(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Finds `initdb`, `pg_ctl` and `postgres`: PATH, then `pg_config
    /// --bindir`, then Debian's `/usr/lib/postgresql/*/bin`, newest first.
    pub fn find() -> anyhow::Result<Self> {
        let mut candidates: Vec<PathBuf> = Vec::new();
        if let Some(path) = std::env::var_os("PATH") {
            for dir in std::env::split_paths(&path) {
                // Follow symlinks so the folder holds all three programs.
                if let Ok(real) = fs::canonicalize(dir.join("pg_ctl"))
                    && let Some(parent) = real.parent()
                {
                    candidates.push(parent.to_path_buf());
                }
            }
        }
        if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
            && out.status.success()
        {
            candidates.push(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
        }
        let mut debian: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let version = entry.file_name().to_str()?.parse::<u32>().ok()?;
                Some((version, entry.path().join("bin")))
            })
            .collect();
        debian.sort_by_key(|entry| std::cmp::Reverse(entry.0));
        candidates.extend(debian.into_iter().map(|(_, dir)| dir));

        for dir in candidates {
            if ["initdb", "pg_ctl", "postgres"]
                .iter()
                .all(|p| dir.join(p).is_file())
                && let Some(major) = server_major(&dir.join("postgres"))
            {
                return Ok(Binaries { dir, major });
            }
        }
        bail!(
            "no PostgreSQL server programs (initdb, pg_ctl, postgres) were found on PATH, \
             through pg_config or in /usr/lib/postgresql/*/bin.\n\
             Install them (Debian/Ubuntu: `apt-get install postgresql`), or set DATABASE_URL \
             to use an existing PostgreSQL server."
        )
    }
}

/// A PostgreSQL client program (`pg_dump`, `pg_restore`, `psql`) for a
/// server we did not start: next to the newest server programs when they
/// are installed (a client must not be older than the server), else on PATH.
pub fn client_program(name: &str) -> PathBuf {
    Binaries::find()
        .ok()
        .map(|bins| bins.program(name))
        .filter(|path| path.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}

/// Reads the major version from `postgres --version` ("postgres (PostgreSQL) 15.19").
fn server_major(postgres: &Path) -> Option<String> {
    let out = Command::new(postgres).arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text.split_whitespace().last()?;
    Some(version.split('.').next()?.to_string())
}

/// How the cluster is set up; tests trade durability for speed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Turn off fsync and full-page writes. Never for real data.
    pub ephemeral: bool,
}

/// The OS account the cluster runs as, when it is not our own.
#[derive(Debug, Clone)]
struct RunAs {
    uid: u32,
    gid: u32,
}

/// A private cluster in a data folder.
#[derive(Debug)]
pub struct Cluster {
    bins: Binaries,
    pgdata: PathBuf,
    run_as: Option<RunAs>,
    options: Options,
    /// Whether this process started the server (and so should stop it).
    started_here: bool,
}

impl Cluster {
    /// Prepares the cluster in `<data_dir>/postgres`, running initdb on first use.
    pub fn open(data_dir: &Path, options: Options) -> anyhow::Result<Self> {
        let bins = Binaries::find()?;
        fs::create_dir_all(data_dir)
            .with_context(|| format!("cannot create the data folder {}", data_dir.display()))?;
        let data_dir = fs::canonicalize(data_dir)?;
        let pgdata = data_dir.join("postgres");
        let socket = pgdata.join(format!(".s.PGSQL.{SOCKET_PORT}"));
        if socket.as_os_str().len() > MAX_SOCKET_PATH {
            bail!(
                "the data folder path {} is too long for a Unix socket; \
                 choose a shorter JOBCLASS_DATA_DIR",
                data_dir.display()
            );
        }
        let run_as = run_as_user()?;
        if run_as.is_some() {
            check_reachable(&pgdata)?;
        }
        let cluster = Cluster {
            bins,
            pgdata,
            run_as,
            options,
            started_here: false,
        };
        if !cluster.pgdata.join("PG_VERSION").is_file() {
            cluster.initdb()?;
        }
        Ok(cluster)
    }

    /// The folder holding the socket (the cluster's own folder).
    pub fn socket_dir(&self) -> &Path {
        &self.pgdata
    }

    /// The cluster's data folder.
    pub fn pgdata(&self) -> &Path {
        &self.pgdata
    }

    /// The server programs in use.
    pub fn binaries(&self) -> &Binaries {
        &self.bins
    }

    /// Connection options for `database` over the socket.
    pub fn connect_options(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new()
            .socket(&self.pgdata)
            .port(SOCKET_PORT)
            .username(SUPERUSER)
            .database(database)
            .application_name("jobclass")
    }

    /// libpq arguments of the client programs for `database`: over the
    /// socket, as the superuser. Root may use the socket folder whoever
    /// owns it; anyone else is the cluster's owner.
    pub fn client_args(&self, database: &str) -> Vec<std::ffi::OsString> {
        vec![
            "--host".into(),
            self.pgdata.clone().into_os_string(),
            "--port".into(),
            SOCKET_PORT.to_string().into(),
            "--username".into(),
            SUPERUSER.into(),
            "--dbname".into(),
            database.into(),
        ]
    }

    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(self.bins.program(program));
        // Our working directory may be unreadable for the cluster's user.
        cmd.current_dir(self.pgdata.parent().unwrap_or(Path::new("/")));
        cmd.env_remove("PGDATA").env("LC_ALL", "C").env("LANG", "C");
        if let Some(user) = &self.run_as {
            cmd.uid(user.uid).gid(user.gid);
        }
        cmd
    }

    fn initdb(&self) -> anyhow::Result<()> {
        if self.pgdata.exists() && fs::read_dir(&self.pgdata)?.next().is_some() {
            bail!(
                "{} exists and is not empty, but it is not a PostgreSQL data folder; \
                 move it away or choose another JOBCLASS_DATA_DIR",
                self.pgdata.display()
            );
        }
        fs::create_dir_all(&self.pgdata)?;
        fs::set_permissions(&self.pgdata, fs::Permissions::from_mode(0o700))?;
        self.hand_over(&self.pgdata)?;
        tracing::info!(
            "creating private PostgreSQL {} cluster in {}",
            self.bins.major,
            self.pgdata.display()
        );
        let started = Instant::now();
        let mut last = None;
        for locale in ["C.UTF-8", "C"] {
            let mut cmd = self.command("initdb");
            cmd.arg("-D")
                .arg(&self.pgdata)
                .args(["-U", SUPERUSER, "-E", "UTF8", "--locale", locale])
                .args(["--auth-local=trust", "--auth-host=reject"]);
            if self.options.ephemeral {
                cmd.arg("--no-sync");
            }
            let out = cmd.output().context("cannot run initdb")?;
            if out.status.success() {
                let conf = self.pgdata.join("postgresql.conf");
                let mut text = fs::read_to_string(&conf)?;
                text.push_str("\n# Settings written by jobclass at each start.\ninclude_if_exists = 'jobclass.conf'\n");
                fs::write(&conf, text)?;
                tracing::info!("initdb done in {:.1} s", started.elapsed().as_secs_f64());
                return Ok(());
            }
            last = Some(out);
            // initdb removes what it created on failure; recreate for the retry.
            fs::create_dir_all(&self.pgdata)?;
            fs::set_permissions(&self.pgdata, fs::Permissions::from_mode(0o700))?;
            self.hand_over(&self.pgdata)?;
        }
        bail!("initdb failed: {}", output_text(last.as_ref()))
    }

    /// Gives a file or folder to the cluster's user when that is not us.
    fn hand_over(&self, path: &Path) -> anyhow::Result<()> {
        if let Some(user) = &self.run_as {
            std::os::unix::fs::chown(path, Some(user.uid), Some(user.gid))
                .with_context(|| format!("cannot hand {} to the postgres user", path.display()))?;
        }
        Ok(())
    }

    /// Whether a server is running on this data folder and has its socket.
    pub fn is_running(&self) -> bool {
        let status = self
            .command("pg_ctl")
            .arg("status")
            .arg("-D")
            .arg(&self.pgdata)
            .output();
        matches!(status, Ok(out) if out.status.success())
            && !self.postmaster_is_zombie()
            && self.pgdata.join(format!(".s.PGSQL.{SOCKET_PORT}")).exists()
    }

    /// A killed server that its parent has not reaped yet still "exists"
    /// for `pg_ctl status`; Linux tells the difference in /proc.
    fn postmaster_is_zombie(&self) -> bool {
        let pid = fs::read_to_string(self.pgdata.join("postmaster.pid"))
            .ok()
            .and_then(|text| text.lines().next()?.trim().parse::<u32>().ok());
        let Some(pid) = pid else { return false };
        fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|stat| {
                stat.rsplit_once(") ")
                    .map(|(_, rest)| rest.starts_with('Z'))
            })
            .unwrap_or(false)
    }

    /// Starts the server unless one is already running on this folder.
    /// Returns whether this call started it.
    pub fn start(&mut self) -> anyhow::Result<bool> {
        if self.is_running() {
            tracing::info!(
                "using the running private PostgreSQL {} in {}",
                self.bins.major,
                self.pgdata.display()
            );
            return Ok(false);
        }
        self.write_settings()?;
        let log = self.pgdata.join("server.log");
        // After a crash (kill -9) the old server processes may still hold
        // shared memory for a moment: retry for a few seconds.
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let out = self
                .command("pg_ctl")
                .arg("start")
                .arg("-D")
                .arg(&self.pgdata)
                .arg("-l")
                .arg(&log)
                .args(["-w", "-t", "60", "-s"])
                // Own process group: a Ctrl-C in the terminal reaches us, not
                // the server, so requests in flight can finish first.
                .process_group(0)
                .output()
                .context("cannot run pg_ctl")?;
            if out.status.success() {
                break;
            }
            if Instant::now() > deadline {
                let tail = fs::read_to_string(&log)
                    .map(|text| last_lines(&text, 8))
                    .unwrap_or_default();
                bail!(
                    "the private PostgreSQL server in {} did not start: {}\n{}",
                    self.pgdata.display(),
                    output_text(Some(&out)),
                    tail
                );
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        self.started_here = true;
        tracing::info!(
            "using private PostgreSQL {} in {}",
            self.bins.major,
            self.pgdata.display()
        );
        Ok(true)
    }

    /// Whether this process started the server.
    pub fn started_here(&self) -> bool {
        self.started_here
    }

    /// Stops the server (fast mode: running transactions are rolled back).
    pub fn stop(&mut self) -> anyhow::Result<()> {
        let out = self
            .command("pg_ctl")
            .arg("stop")
            .arg("-D")
            .arg(&self.pgdata)
            .args(["-m", "fast", "-w", "-s"])
            .output()
            .context("cannot run pg_ctl")?;
        self.started_here = false;
        if !out.status.success() {
            bail!("pg_ctl stop failed: {}", output_text(Some(&out)));
        }
        tracing::info!("stopped private PostgreSQL in {}", self.pgdata.display());
        Ok(())
    }

    /// Writes `jobclass.conf`, which postgresql.conf includes: the socket
    /// folder is an absolute path, so it is rewritten at each start in case
    /// the data folder moved.
    fn write_settings(&self) -> anyhow::Result<()> {
        let dir = self.pgdata.to_string_lossy().replace('\'', "''");
        let mut text = format!(
            "# Written by jobclass at each start; edits are lost.\n\
             listen_addresses = ''\n\
             unix_socket_directories = '{dir}'\n\
             unix_socket_permissions = 0700\n\
             port = {SOCKET_PORT}\n\
             max_connections = 200\n"
        );
        if self.options.ephemeral {
            text.push_str("fsync = off\nfull_page_writes = off\nsynchronous_commit = off\n");
        }
        let path = self.pgdata.join("jobclass.conf");
        fs::write(&path, text)?;
        self.hand_over(&path)
    }
}

/// When we are root, the cluster must run as an unprivileged account.
fn run_as_user() -> anyhow::Result<Option<RunAs>> {
    if !nix::unistd::geteuid().is_root() {
        return Ok(None);
    }
    match nix::unistd::User::from_name("postgres")? {
        Some(user) => Ok(Some(RunAs {
            uid: user.uid.as_raw(),
            gid: user.gid.as_raw(),
        })),
        None => bail!(
            "PostgreSQL refuses to run as root and there is no 'postgres' user to run it as. \
             Run jobclass as an unprivileged user, create a 'postgres' system user, \
             or set DATABASE_URL to use an existing server."
        ),
    }
}

/// The cluster's user must be able to walk down to the data folder.
fn check_reachable(pgdata: &Path) -> anyhow::Result<()> {
    for dir in pgdata.ancestors().skip(1) {
        let mode = fs::metadata(dir)?.permissions().mode();
        if mode & 0o001 == 0 {
            bail!(
                "the 'postgres' user cannot reach {} ({} is not searchable for others); \
                 choose a JOBCLASS_DATA_DIR outside it, or run jobclass as an unprivileged user",
                pgdata.display(),
                dir.display()
            );
        }
    }
    Ok(())
}

fn output_text(out: Option<&Output>) -> String {
    match out {
        Some(out) => {
            let mut text = String::from_utf8_lossy(&out.stderr).trim().to_string();
            if text.is_empty() {
                text = String::from_utf8_lossy(&out.stdout).trim().to_string();
            }
            text
        }
        None => String::new(),
    }
}

fn last_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}
