//! `jobclass demo-data`: a realistic, deterministic data set for trying the
//! portal and for benchmarks — profiles derived from the seed, users in
//! every role, and positions in every status with placements, comments,
//! decisions and audit rows. Rows go in with a few multi-row statements
//! per batch, so 100,000 positions take well under a minute.

mod generate;
mod insert;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};
use rand::SeedableRng;
use rand::rngs::StdRng;
use sqlx::PgPool;

/// E-mail domain of every generated user; marks demo data.
pub const DOMAIN: &str = "demo.jobclass.example";
/// Password of every generated user.
pub const PASSWORD: &str = "demo password 2026";

/// What to generate.
#[derive(Debug, Clone, clap::Args)]
pub struct Options {
    /// Function profiles to generate (besides the seed).
    #[arg(long, default_value_t = 50)]
    pub profiles: usize,
    /// Users across the roles.
    #[arg(long, default_value_t = 2000)]
    pub users: usize,
    /// Positions in every status.
    #[arg(long, default_value_t = 100_000)]
    pub positions: usize,
    /// Seed of the random generator: the same seed gives the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Run even when the database holds data that is not demo data.
    #[arg(long)]
    pub force: bool,
    /// No progress bar (for scripts and tests).
    #[arg(long)]
    pub quiet: bool,
}

/// Numbers of rows written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub profiles: usize,
    pub users: usize,
    pub positions: usize,
    pub placements: usize,
    pub audit: usize,
}

/// Refuses a database that holds real data (anything but the seed, the
/// first-run accounts and earlier demo data), unless forced.
async fn check_empty(pool: &PgPool, force: bool) -> anyhow::Result<()> {
    let real = sqlx::query_scalar::<_, i64>(
        r"
        select (select count(*) from users
                 where email not like '%@' || $1 and email not like '%@jobclass.example')
             + (select count(*) from positions p join users u on u.id = p.owner_id
                 where u.email not like '%@' || $1)
             + (select count(*) from profiles
                 where slug not like 'demo-%' and slug <> 'administratieve-ondersteuning')
        ",
    )
    .bind(DOMAIN)
    .fetch_one(pool)
    .await?;
    let demo =
        sqlx::query_scalar::<_, i64>("select count(*) from users where email like '%@' || $1")
            .bind(DOMAIN)
            .fetch_one(pool)
            .await?;
    if real > 0 && !force {
        bail!(
            "this database holds data that is not demo data ({real} rows); \
             demo-data refuses to mix with it. Use a fresh data folder, or --force."
        );
    }
    if demo > 0 && !force {
        bail!(
            "this database holds demo data already; use a fresh data folder, or --force to add more"
        );
    }
    Ok(())
}

fn bar(len: u64, quiet: bool, what: &str) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{msg:>11} [{bar:40}] {pos}/{len} ({elapsed})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar
}

/// Generates and writes the data set.
pub async fn run(pool: &PgPool, options: &Options) -> anyhow::Result<Summary> {
    check_empty(pool, options.force).await?;
    let mut rng = StdRng::seed_from_u64(options.seed);
    let mut summary = Summary::default();
    let hash = crate::auth::password::hash(PASSWORD.to_string()).await?;

    let progress = bar(options.profiles as u64, options.quiet, "profiles");
    let profiles = generate::profiles(&mut rng, options.profiles, options.seed);
    let mut tx = pool.begin().await?;
    for doc in &profiles {
        crate::profiles::db::import(&mut tx, doc)
            .await
            .context("importing a demo profile")?;
        progress.inc(1);
    }
    tx.commit().await?;
    progress.finish();
    summary.profiles = profiles.len();

    let progress = bar(options.users as u64, options.quiet, "users");
    let people = generate::people(&mut rng, options.users, options.seed);
    let users = insert::users(pool, &people, &hash).await?;
    progress.inc(options.users as u64);
    progress.finish();
    summary.users = users.all.len();

    let frames = insert::frames(pool).await?;
    let progress = bar(options.positions as u64, options.quiet, "positions");
    let batch = 5_000;
    let mut done = 0;
    while done < options.positions {
        let n = batch.min(options.positions - done);
        let positions = generate::positions(&mut rng, n, &frames, &users);
        let written = insert::positions(pool, &positions).await?;
        summary.positions += n;
        summary.placements += written.placements;
        summary.audit += written.audit;
        done += n;
        progress.inc(n as u64);
    }
    progress.finish();
    sqlx::query("analyze").execute(pool).await?;
    Ok(summary)
}
