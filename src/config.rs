//! Configuration, read once from flags and the environment at start-up.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

/// Settings shared by every command. Each flag has an environment variable.
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// PostgreSQL server to use. Unset: run a private cluster in the data folder.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,

    /// Folder for the private PostgreSQL cluster (used when DATABASE_URL is unset).
    #[arg(
        long,
        env = "JOBCLASS_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// Address the portal listens on.
    #[arg(
        long,
        env = "JOBCLASS_BIND",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub bind: SocketAddr,

    /// Largest number of database connections this instance opens.
    #[arg(long, env = "JOBCLASS_DB_POOL", default_value_t = 16, global = true)]
    pub db_pool: u32,
}

impl Config {
    /// The external server URL, treating an empty `DATABASE_URL` as unset.
    pub fn external_database(&self) -> Option<&str> {
        self.database_url
            .as_deref()
            .filter(|url| !url.trim().is_empty())
    }

    /// A configuration for tests and tools: embedded cluster in `data_dir`.
    pub fn for_data_dir(data_dir: PathBuf) -> Self {
        Config {
            database_url: None,
            data_dir,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            db_pool: 8,
        }
    }
}
