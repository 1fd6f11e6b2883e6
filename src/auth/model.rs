//! Users and roles, and the rules for passwords and e-mail addresses.

use serde::{Deserialize, Serialize};

use crate::error::Msg;

/// What a user may do. Admins may do everything.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, sqlx::Type, utoipa::ToSchema,
)]
#[sqlx(type_name = "user_role", rename_all = "lowercase")]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Hr,
    Manager,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Hr, Role::Manager];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Hr => "hr",
            Role::Manager => "manager",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == value.trim().to_ascii_lowercase())
    }

    /// Message key of the role's name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Admin => "role-admin",
            Role::Hr => "role-hr",
            Role::Manager => "role-manager",
        }
    }

    /// Whether this role may act as `needed` (admins may act as anyone).
    pub fn can_act_as(self, needed: Role) -> bool {
        self == needed || self == Role::Admin
    }
}

/// The signed-in user of a request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub unit: String,
    /// The session's handle when signed in through the browser; `None` for
    /// API token requests.
    pub session: Option<uuid::Uuid>,
}

impl CurrentUser {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
    pub fn is_hr(&self) -> bool {
        self.role.can_act_as(Role::Hr)
    }
    pub fn is_manager(&self) -> bool {
        self.role.can_act_as(Role::Manager)
    }
}

/// A user as the admin pages list them.
#[derive(Debug, Clone)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub unit: String,
    pub active: bool,
    pub has_password: bool,
    pub created_at: time::OffsetDateTime,
    pub last_login_at: Option<time::OffsetDateTime>,
    /// May sign in with a password even when password sign-in is off.
    pub break_glass: bool,
    /// Has signed in with single sign-on (an identity is linked).
    pub sso: bool,
}

impl UserRow {
    /// Message key of how the user signs in, for the admin pages.
    pub fn sign_in_key(&self) -> &'static str {
        match (self.sso, self.has_password, self.break_glass) {
            (_, true, true) => "sign-in-break-glass",
            (true, true, false) => "sign-in-sso-and-password",
            (true, false, _) => "sign-in-sso",
            (false, true, false) => "sign-in-password",
            (false, false, _) => "sign-in-none",
        }
    }
}

/// Shortest password accepted.
pub const MIN_PASSWORD: usize = 12;
/// Longest password accepted (hashing cost stays bounded).
pub const MAX_PASSWORD: usize = 128;

/// Passwords that are long enough but found in every leaked list.
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789abc",
    "1q2w3e4r5t6y",
    "aaaaaaaaaaaa",
    "abc123456789",
    "abcdefghijkl",
    "administrator",
    "azertyuiopqs",
    "baseball1234",
    "changeme1234",
    "changemenow!",
    "dragon123456",
    "football1234",
    "iloveyou1234",
    "letmein12345",
    "linkedin1234",
    "master123456",
    "monkey123456",
    "p@ssw0rd1234",
    "passw0rd1234",
    "password1234",
    "password12345",
    "password123!",
    "passwordpassword",
    "qazwsxedcrfv",
    "qwerty123456",
    "qwertyuiop12",
    "qwertyuiopas",
    "shadow123456",
    "sunshine1234",
    "superman1234",
    "trustno1trustno1",
    "welcome12345",
    "welkom123456",
    "wachtwoord12",
    "wachtwoord123",
    "wachtwoord1234",
    "motdepasse12",
    "motdepasse123",
    "bonjour12345",
    "azerty123456",
    "azertyuiop12",
    "zaq12wsxcde3",
    "0000000000000",
    "111111111111",
    "121212121212",
    "abcd1234abcd",
    "jobclass1234",
];

/// Checks a new password; `email` is the account's, which it may not contain.
pub fn check_password(password: &str, email: &str) -> Result<(), Msg> {
    let length = password.chars().count();
    if length < MIN_PASSWORD {
        return Err(Msg::new("password-too-short").arg("min", MIN_PASSWORD));
    }
    if length > MAX_PASSWORD {
        return Err(Msg::new("password-too-long").arg("max", MAX_PASSWORD));
    }
    let lower = password.to_lowercase();
    if COMMON.contains(&lower.as_str())
        || lower
            .chars()
            .all(|c| c == lower.chars().next().unwrap_or(' '))
    {
        return Err(Msg::new("password-too-common"));
    }
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    if local.len() >= 4 && lower.contains(&local) {
        return Err(Msg::new("password-contains-email"));
    }
    Ok(())
}

/// Normalises and checks an e-mail address (one `@`, no spaces, ≤ 254).
pub fn parse_email(value: &str) -> Result<String, Msg> {
    let email = value.trim();
    let valid = email.len() <= 254
        && email.matches('@').count() == 1
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split('@').all(|part| !part.is_empty())
        && email.rsplit('@').next().is_some_and(|domain| {
            domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        });
    if valid {
        Ok(email.to_string())
    } else {
        Err(Msg::new("email-invalid"))
    }
}

/// A display name: trimmed, 1–200 characters, no control characters.
pub fn parse_name(value: &str) -> Result<String, Msg> {
    let name = value.trim();
    if name.is_empty() {
        return Err(Msg::new("field-required"));
    }
    if name.chars().count() > 200 || name.chars().any(char::is_control) {
        return Err(Msg::new("name-invalid"));
    }
    Ok(name.to_string())
}

/// An organisational unit: trimmed, at most 200 characters (may be empty).
pub fn parse_unit(value: &str) -> Result<String, Msg> {
    let unit = value.trim();
    if unit.chars().count() > 200 || unit.chars().any(char::is_control) {
        return Err(Msg::new("unit-invalid"));
    }
    Ok(unit.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_must_be_long_uncommon_and_not_the_address() {
        assert!(check_password("correct horse battery", "a@b.be").is_ok());
        assert_eq!(
            check_password("short", "a@b.be").unwrap_err().key,
            "password-too-short"
        );
        assert_eq!(
            check_password(&"x".repeat(129), "a@b.be").unwrap_err().key,
            "password-too-long"
        );
        assert!(
            check_password(&"xy".repeat(64), "a@b.be").is_ok(),
            "128 characters are fine"
        );
        assert_eq!(
            check_password("Password1234", "a@b.be").unwrap_err().key,
            "password-too-common"
        );
        assert_eq!(
            check_password("zzzzzzzzzzzzzzz", "a@b.be").unwrap_err().key,
            "password-too-common"
        );
        assert_eq!(
            check_password("my-jan.peeters-pw", "jan.peeters@bosa.be")
                .unwrap_err()
                .key,
            "password-contains-email"
        );
        // Length counts characters, not bytes.
        assert!(check_password("ééééééééééé", "a@b.be").is_err());
    }

    #[test]
    fn addresses_are_checked_loosely_but_surely() {
        assert_eq!(
            parse_email("  Jan.Peeters@bosa.fgov.be ").unwrap(),
            "Jan.Peeters@bosa.fgov.be"
        );
        for bad in [
            "",
            "jan",
            "jan@",
            "@bosa.be",
            "jan@@bosa.be",
            "jan peeters@bosa.be",
            "jan@bosa",
            "jan@.be",
        ] {
            assert!(parse_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn admins_act_as_every_role() {
        assert!(Role::Admin.can_act_as(Role::Hr));
        assert!(Role::Admin.can_act_as(Role::Manager));
        assert!(!Role::Hr.can_act_as(Role::Admin));
        assert!(!Role::Manager.can_act_as(Role::Hr));
        assert_eq!(Role::parse(" HR "), Some(Role::Hr));
        assert_eq!(Role::parse("boss"), None);
    }
}
