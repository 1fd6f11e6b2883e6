//! `jobclass backup FILE` and `jobclass restore FILE`: `pg_dump` and
//! `pg_restore` of the configured database, the private cluster or the
//! server in `DATABASE_URL`.
//!
//! A backup is a `pg_dump` archive in the custom format (compressed; read it
//! with `pg_restore --list`). It is written next to FILE and renamed when
//! complete, so a failed backup never leaves a file that looks whole.
//!
//! A restore goes into an empty database (a new private cluster, or a new
//! database on a server), or replaces the contents of one that is not
//! empty only with `--force`. Either way it runs in one transaction: it
//! happens completely or not at all.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

use crate::config::Config;
use crate::db::{self, Database, embedded};

/// Where the client programs are and how they reach the database.
struct Client {
    /// Finds a program (`pg_dump`, `pg_restore`, psql).
    program: Box<dyn Fn(&str) -> PathBuf>,
    /// libpq connection arguments.
    args: Vec<OsString>,
}

impl Client {
    fn of(database: &Database, config: &Config) -> anyhow::Result<Self> {
        match (database.cluster(), config.external_database()) {
            (Some(cluster), _) => {
                // The programs of the cluster's own version.
                let bins = cluster.binaries().clone();
                Ok(Client {
                    program: Box::new(move |name| bins.program(name)),
                    args: cluster.client_args(db::EMBEDDED_DATABASE),
                })
            }
            (None, Some(url)) => Ok(Client {
                program: Box::new(embedded::client_program),
                args: vec!["--dbname".into(), url.into()],
            }),
            (None, None) => bail!("no database configured"),
        }
    }

    fn command(&self, name: &str) -> Command {
        let mut command = Command::new((self.program)(name));
        command.env("PGAPPNAME", format!("jobclass {name}"));
        command
    }
}

/// Runs a client program to the end; its error output becomes ours.
fn run(mut command: Command, what: &str) -> anyhow::Result<()> {
    let program = command.get_program().to_string_lossy().into_owned();
    let out = command.stdin(Stdio::null()).output().with_context(|| {
        format!("cannot run {program} (install the PostgreSQL client programs)")
    })?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let why = match stderr.trim() {
            "" => format!("{program} ended with {}", out.status),
            text => text.to_string(),
        };
        bail!("{what} failed: {why}");
    }
    Ok(())
}

/// `jobclass backup FILE`.
pub async fn backup(config: &Config, file: &Path) -> anyhow::Result<()> {
    let partial = partial_name(file);
    let database = Database::open(config).await?;
    let result = async {
        let client = Client::of(&database, config)?;
        let mut command = client.command("pg_dump");
        command
            .args(["--format=custom", "--no-owner", "--no-privileges", "--file"])
            .arg(&partial)
            .args(&client.args);
        tokio::task::spawn_blocking(move || run(command, "pg_dump")).await??;
        std::fs::rename(&partial, file)
            .with_context(|| format!("cannot write {}", file.display()))?;
        anyhow::Ok(())
    }
    .await;
    database.close().await;
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result?;
    let size = std::fs::metadata(file).map_or(0, |m| m.len());
    println!("backup written to {} ({size} bytes)", file.display());
    Ok(())
}

fn partial_name(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

/// `jobclass restore FILE [--force]`.
pub async fn restore(config: &Config, file: &Path, force: bool) -> anyhow::Result<()> {
    if !file.is_file() {
        bail!("{} is not a file", file.display());
    }
    let database = Database::open(config).await?;
    let result = async {
        let client = Client::of(&database, config)?;
        // A readable archive, before anything is touched.
        let mut list = client.command("pg_restore");
        list.arg("--list").arg(file);
        tokio::task::spawn_blocking(move || run(list, "reading the backup"))
            .await?
            .with_context(|| format!("{} is not a jobclass backup", file.display()))?;

        let relations = relation_count(&database.pool).await?;
        let schemas = if relations == 0 {
            Vec::new()
        } else if force {
            user_schemas(&database.pool).await?
        } else {
            bail!(
                "the database is not empty ({relations} tables, views and sequences); \
                 restore into an empty database, or pass --force to replace everything in it"
            );
        };
        // The portal must not keep connections that see the old contents.
        database.pool.close().await;
        let client_args = client.args.clone();
        let mut script = client.command("pg_restore");
        script
            .args(["--no-owner", "--no-privileges", "--file=-"])
            .arg(file);
        let mut psql = client.command("psql");
        psql.args(["--no-psqlrc", "--quiet", "--single-transaction", "--file=-"])
            .args(["--set", "ON_ERROR_STOP=1"])
            .args(&client_args)
            // NOTICEs (one per dropped schema) would only clutter the output.
            .env("PGOPTIONS", "-c client_min_messages=warning");
        tokio::task::spawn_blocking(move || replay(script, psql, &schemas)).await??;
        anyhow::Ok(())
    }
    .await;
    database.close().await;
    result?;
    println!(
        "restored {}{}",
        file.display(),
        if force {
            " (previous contents replaced)"
        } else {
            ""
        }
    );
    Ok(())
}

/// Relations outside the system schemas: zero in a new database.
async fn relation_count(pool: &sqlx::PgPool) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar(
        "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname not in ('pg_catalog', 'information_schema')
            and n.nspname not like 'pg\\_%'
            and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')",
    )
    .fetch_one(pool)
    .await?)
}

/// Schemas that hold the application's objects (to drop with `--force`).
async fn user_schemas(pool: &sqlx::PgPool) -> anyhow::Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "select nspname::text from pg_namespace
          where nspname not in ('pg_catalog', 'information_schema')
            and nspname not like 'pg\\_%'
          order by nspname",
    )
    .fetch_all(pool)
    .await?)
}

/// Feeds psql, in one transaction: the drops that `--force` asks for, then
/// the SQL script `pg_restore` makes of the archive.
fn replay(mut script: Command, mut psql: Command, drop: &[String]) -> anyhow::Result<()> {
    let mut psql = psql
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run psql (install the PostgreSQL client programs)")?;
    let mut input = psql.stdin.take().context("psql input")?;
    let fed = (|| {
        for schema in drop {
            writeln!(
                input,
                "drop schema \"{}\" cascade;",
                schema.replace('"', "\"\"")
            )?;
        }
        if !drop.is_empty() {
            writeln!(input, "create schema public;")?;
        }
        let mut restore = script
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .context("cannot run pg_restore (install the PostgreSQL client programs)")?;
        let mut output = restore.stdout.take().context("pg_restore output")?;
        let copied = std::io::copy(&mut output, &mut input);
        let restored = restore.wait_with_output()?;
        if !restored.status.success() {
            bail!(
                "pg_restore failed: {}",
                String::from_utf8_lossy(&restored.stderr).trim()
            );
        }
        copied?;
        anyhow::Ok(())
    })();
    // Without the end of the input psql would wait; on a failure above, the
    // transaction it holds is rolled back when it ends.
    drop_input(input, fed.is_ok());
    let out = psql.wait_with_output()?;
    fed?;
    if !out.status.success() {
        bail!(
            "the restore failed and changed nothing: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// Closes psql's input; after a failure, first makes it stop with an error
/// so the transaction is rolled back rather than committed.
fn drop_input(mut input: std::process::ChildStdin, complete: bool) {
    if !complete {
        let _ = writeln!(input, "\n\\echo restore aborted\nselect 1/0;");
    }
    drop(input);
}
