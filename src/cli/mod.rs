//! Command line: `serve` (default), `migrate`, `import`, `export`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::{db, profiles};

mod accounts;
mod backup;

/// jobclass — job classification portal.
#[derive(Debug, Parser)]
#[command(name = "jobclass", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do; without a subcommand the portal is served.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Import profile documents (JSON, format 1); each becomes a published version.
    Import {
        /// Profile documents to import.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print a profile version as a profile document on standard output.
    Export {
        /// The profile's slug.
        slug: String,
        /// Version number (default: the current published version).
        #[arg(long)]
        version: Option<i32>,
    },
    /// Fill the database with a realistic, deterministic demo data set.
    DemoData(crate::demo::Options),
    /// Write a backup of the database (a `pg_dump` archive) to FILE.
    Backup {
        /// The backup file to write (replaced if it exists).
        file: PathBuf,
    },
    /// Restore a backup made by `backup` into an empty database.
    Restore {
        /// The backup file to read.
        file: PathBuf,
        /// Replace the contents of a database that is not empty.
        #[arg(long)]
        force: bool,
    },
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
}

/// `jobclass user …`
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user; the password is read from standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, hr or manager.
        #[arg(long)]
        role: String,
        /// Organisational unit, e.g. "FOD BOSA / DG Rekrutering".
        #[arg(long, default_value = "")]
        unit: String,
        /// Read the password from standard input (required).
        #[arg(long, required = true)]
        password_stdin: bool,
        /// May sign in with the password even when password sign-in is
        /// switched off (`JOBCLASS_PASSWORD_LOGIN=false`): an emergency
        /// account for when the identity provider is down.
        #[arg(long)]
        break_glass: bool,
    },
    /// Set a user's password (read from standard input); ends their sessions.
    SetPassword {
        #[arg(long)]
        email: String,
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List all users.
    List,
}

/// `jobclass token …`
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user and print it (only the token).
    Create {
        #[arg(long)]
        email: String,
        /// A name to recognise the token by.
        #[arg(long, default_value = "cli")]
        name: String,
        /// Days until the token expires (default: never).
        #[arg(long)]
        expires_days: Option<i32>,
    },
}

/// Runs the chosen command to completion.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    crate::clock::set_zone(&cli.config.time_zone).map_err(anyhow::Error::msg)?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => crate::app::serve(cli.config).await,
        Command::Migrate => {
            let database = db::Database::open(&cli.config).await?;
            let result = db::migrate(&database.pool).await;
            database.close().await;
            result?;
            tracing::info!("migrations applied");
            Ok(())
        }
        Command::Import { files } => {
            // Parse and validate every file before opening the database.
            let mut documents = Vec::new();
            for file in &files {
                let text = std::fs::read_to_string(file)
                    .with_context(|| format!("cannot read {}", file.display()))?;
                let document = profiles::document::parse(&text).map_err(|errors| {
                    anyhow::anyhow!(
                        "{} is not a valid profile document:\n{}",
                        file.display(),
                        errors
                    )
                })?;
                documents.push(document);
            }
            let database = db::Database::open(&cli.config).await?;
            let result = async {
                db::migrate(&database.pool).await?;
                let mut tx = database.pool.begin().await?;
                let mut imported = Vec::new();
                for document in &documents {
                    imported.push(profiles::db::import(&mut tx, document).await?);
                }
                tx.commit().await?;
                anyhow::Ok(imported)
            }
            .await;
            database.close().await;
            for (slug, version) in result? {
                println!("imported {slug} as version {version}");
            }
            Ok(())
        }
        Command::Export { slug, version } => {
            let database = db::Database::open(&cli.config).await?;
            let result = async {
                db::migrate(&database.pool).await?;
                anyhow::Ok(profiles::db::export(&database.pool, &slug, version).await?)
            }
            .await;
            database.close().await;
            let document = result?.with_context(|| match version {
                Some(n) => format!("profile {slug:?} has no published version {n}"),
                None => format!("profile {slug:?} does not exist or has no published version"),
            })?;
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &document)?;
            writeln!(out)?;
            Ok(())
        }
        Command::DemoData(options) => {
            let database = db::Database::open(&cli.config).await?;
            let started = std::time::Instant::now();
            let result = async {
                db::migrate(&database.pool).await?;
                crate::app::seed(&database.pool).await?;
                crate::demo::run(&database.pool, &options).await
            }
            .await;
            database.close().await;
            let summary = result?;
            println!(
                "demo data: {} profiles, {} users, {} positions ({} placements, {} audit rows) in {:.1} s; \
                 every user's password is {:?}",
                summary.profiles,
                summary.users,
                summary.positions,
                summary.placements,
                summary.audit,
                started.elapsed().as_secs_f64(),
                crate::demo::PASSWORD
            );
            Ok(())
        }
        Command::Backup { file } => backup::backup(&cli.config, &file).await,
        Command::Restore { file, force } => backup::restore(&cli.config, &file, force).await,
        Command::User(command) => accounts::user(&cli.config, command).await,
        Command::Token(command) => accounts::token(&cli.config, command).await,
    }
}
