//! `jobclass user …` and `jobclass token …`: accounts from the shell.
//! Input is checked before the database is opened; nothing is written on
//! an error.

use std::io::Read;

use anyhow::{Context, bail};
use serde_json::json;

use super::{TokenCommand, UserCommand};
use crate::audit::{self, Entry};
use crate::auth::model::{Role, check_password, parse_email, parse_name, parse_unit};
use crate::auth::tokens::MAX_TOKEN_DAYS;
use crate::auth::{db as auth_db, password, tokens};
use crate::config::Config;
use crate::db::{self, Database};
use crate::i18n::Lang;
use crate::web::client::Client;

/// Messages of the shared checks, in English for the terminal.
fn check<T>(what: &str, result: Result<T, crate::error::Msg>) -> anyhow::Result<T> {
    result.map_err(|msg| anyhow::anyhow!("{what}: {}", msg.render(Lang::En)))
}

fn read_password() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("cannot read the password from standard input")?;
    // One trailing newline is the end of the line, not part of the password.
    let text = text.strip_suffix('\n').unwrap_or(&text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    Ok(text.to_string())
}

async fn with_database<T>(
    config: &Config,
    work: impl AsyncFnOnce(&sqlx::PgPool) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let database = Database::open(config).await?;
    let result = async {
        db::migrate(&database.pool).await?;
        work(&database.pool).await
    }
    .await;
    database.close().await;
    result
}

pub async fn user(config: &Config, command: UserCommand) -> anyhow::Result<()> {
    let client = Client::system("cli");
    match command {
        UserCommand::Create {
            email,
            name,
            role,
            unit,
            password_stdin: _,
            break_glass,
        } => {
            let email = check("--email", parse_email(&email))?;
            let name = check("--name", parse_name(&name))?;
            let role = Role::parse(&role)
                .with_context(|| format!("--role: {role:?} is not one of admin, hr, manager"))?;
            let unit = check("--unit", parse_unit(&unit))?;
            let secret = read_password()?;
            check("password", check_password(&secret, &email))?;
            let hash = password::hash(secret).await?;
            with_database(config, async |pool| {
                let mut tx = pool.begin().await?;
                let Some(id) = auth_db::create_user(&mut tx, &email, &name, role, &unit, Some(&hash)).await? else {
                    bail!("a user with the address {email} exists already");
                };
                if break_glass {
                    auth_db::set_break_glass(&mut tx, id, true).await?;
                }
                audit::record(&mut tx, Entry {
                    action: "user.created",
                    subject_type: "user",
                    subject_id: id.to_string(),
                    details: json!({ "email": email, "name": name, "role": role.as_str(), "unit": unit, "via": "cli", "break_glass": break_glass }),
                    actor: None,
                    client: &client,
                })
                .await?;
                tx.commit().await?;
                let kind = if break_glass { ", break-glass" } else { "" };
                println!("created {email} ({}{kind})", role.as_str());
                Ok(())
            })
            .await
        }
        UserCommand::SetPassword {
            email,
            password_stdin: _,
        } => {
            let email = check("--email", parse_email(&email))?;
            let secret = read_password()?;
            check("password", check_password(&secret, &email))?;
            let hash = password::hash(secret).await?;
            with_database(config, async |pool| {
                let mut tx = pool.begin().await?;
                let Some(id) = auth_db::user_id_by_email(&mut *tx, &email).await? else {
                    bail!("there is no user with the address {email}");
                };
                auth_db::set_password(&mut tx, id, &hash).await?;
                let ended = auth_db::end_sessions(&mut *tx, id, None).await?;
                audit::record(
                    &mut tx,
                    Entry {
                        action: "user.password_set",
                        subject_type: "user",
                        subject_id: id.to_string(),
                        details: json!({ "via": "cli", "sessions_ended": ended }),
                        actor: None,
                        client: &client,
                    },
                )
                .await?;
                tx.commit().await?;
                println!("password set for {email}; {ended} session(s) ended");
                Ok(())
            })
            .await
        }
        UserCommand::List => {
            with_database(config, async |pool| {
                let users = auth_db::list_users(pool, None, None).await?;
                let mut rows = vec![
                    ["email", "role", "active", "name", "unit"]
                        .map(String::from)
                        .to_vec(),
                ];
                rows.extend(users.into_iter().map(|u| {
                    vec![
                        u.email,
                        u.role.as_str().to_string(),
                        if u.active { "yes" } else { "no" }.to_string(),
                        u.name,
                        u.unit,
                    ]
                }));
                print!("{}", columns(&rows));
                Ok(())
            })
            .await
        }
    }
}

/// Rows as aligned columns: each as wide as its longest value (in
/// characters), two spaces between, the last left ragged.
fn columns(rows: &[Vec<String>]) -> String {
    let count = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..count)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|v| v.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, v)| {
                if i + 1 == row.len() {
                    v.clone()
                } else {
                    format!("{v:<width$}", width = widths[i])
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

pub async fn token(config: &Config, command: TokenCommand) -> anyhow::Result<()> {
    let client = Client::system("cli");
    match command {
        TokenCommand::Create {
            email,
            name,
            expires_days,
        } => {
            let email = check("--email", parse_email(&email))?;
            let name = name.trim().to_string();
            if name.is_empty() || name.chars().count() > 100 {
                bail!("--name: give 1 to 100 characters");
            }
            if let Some(days) = expires_days
                && !(1..=MAX_TOKEN_DAYS).contains(&days)
            {
                bail!("--expires-days: give a number from 1 to {MAX_TOKEN_DAYS}");
            }
            with_database(config, async |pool| {
                let mut tx = pool.begin().await?;
                let Some(id) = auth_db::user_id_by_email(&mut *tx, &email).await? else {
                    bail!("there is no user with the address {email}");
                };
                let token = tokens::new_api_token();
                let token_id =
                    auth_db::create_token(&mut tx, id, &name, &token, expires_days).await?;
                audit::record(&mut tx, Entry {
                    action: "token.created",
                    subject_type: "api_token",
                    subject_id: token_id.to_string(),
                    details: json!({ "name": name, "expires_days": expires_days, "via": "cli" }),
                    actor: None,
                    client: &client,
                })
                .await?;
                tx.commit().await?;
                println!("{token}");
                Ok(())
            })
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::columns;

    #[test]
    fn long_values_widen_their_column_instead_of_pushing_the_rest() {
        let rows = vec![
            vec!["email".to_string(), "role".into(), "name".into()],
            vec![
                "a.very.long.address@some-federal-service.belgium.be".into(),
                "hr".into(),
                "Ann".into(),
            ],
            vec!["jo@x.be".into(), "manager".into(), "Jo Peeters".into()],
        ];
        let text = columns(&rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        let at = |line: &str, value: &str| line.find(&format!("  {value}")).map(|i| i + 2);
        assert_eq!(at(lines[0], "role"), at(lines[1], "hr"));
        assert_eq!(at(lines[1], "hr"), at(lines[2], "manager"));
        assert_eq!(at(lines[0], "name"), at(lines[2], "Jo Peeters"));
    }
}
