//! Password hashing with argon2id, off the async threads.

use std::sync::LazyLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

/// A hash of a random password, verified when the e-mail is unknown so that
/// a wrong address costs as much time as a wrong password.
static DUMMY: LazyLock<String> = LazyLock::new(|| {
    Argon2::default()
        .hash_password(crate::auth::tokens::random_secret(24).as_bytes())
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// The PHC string of `password` (argon2id, default parameters, random salt).
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|err| anyhow::anyhow!("hashing failed: {err}"))
    })
    .await?
}

/// Whether `password` matches `stored`; with no stored hash, a dummy hash
/// is checked anyway and the answer is no.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    let result = tokio::task::spawn_blocking(move || {
        let (phc, real) = match stored {
            Some(phc) => (phc, true),
            None => (DUMMY.clone(), false),
        };
        let ok = PasswordHash::new(&phc).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        });
        ok && real
    })
    .await;
    result.unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let phc = hash("correct horse battery".into()).await.unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), Some(phc.clone())).await);
        assert!(!verify("correct horse batterY".into(), Some(phc)).await);
        assert!(!verify("anything".into(), None).await);
        assert!(!verify("x".into(), Some("not a hash".into())).await);
    }
}
