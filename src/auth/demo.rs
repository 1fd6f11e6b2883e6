//! First run: one demo account per role, so a fresh install can be tried.

use serde_json::json;
use sqlx::PgPool;

use super::model::Role;
use super::{db, password, tokens};
use crate::audit::{self, Entry};
use crate::web::client::Client;

/// The demo accounts: address, name, role.
pub const ACCOUNTS: [(&str, &str, Role); 3] = [
    ("admin@jobclass.example", "Demo Admin", Role::Admin),
    ("hr@jobclass.example", "Demo HR", Role::Hr),
    ("manager@jobclass.example", "Demo Manager", Role::Manager),
];

/// Creates the demo accounts with random passwords when there is no user
/// at all, and prints the passwords once.
pub async fn create_if_no_users(pool: &PgPool) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    // Two instances starting together must not both create them.
    sqlx::query("select pg_advisory_xact_lock(hashtext('jobclass-demo-users'))")
        .execute(&mut *tx)
        .await?;
    if db::any_user(&mut *tx).await? {
        return Ok(());
    }
    let client = Client::system("first run");
    let mut lines = Vec::new();
    for (email, name, role) in ACCOUNTS {
        let secret = tokens::random_secret(10);
        let hash = password::hash(secret.clone()).await?;
        let id = db::create_user(&mut tx, email, name, role, "Demo", Some(&hash))
            .await?
            .ok_or_else(|| anyhow::anyhow!("demo account {email} exists"))?;
        audit::record(
            &mut tx,
            Entry {
                action: "user.created",
                subject_type: "user",
                subject_id: id.to_string(),
                details: json!({ "email": email, "role": role.as_str(), "demo": true }),
                actor: None,
                client: &client,
            },
        )
        .await?;
        lines.push(format!("  {:<8} {email:<28} {secret}", role.as_str()));
    }
    tx.commit().await?;
    println!(
        "\nFirst run: created one demo account per role. The passwords are shown only now;\n\
         change them on /account or replace the accounts (jobclass user create ...).\n\n{}\n",
        lines.join("\n")
    );
    Ok(())
}
