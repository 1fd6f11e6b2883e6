//! Random secrets: API tokens, one-time links, CSRF tokens. Only SHA-256
//! hashes of tokens are stored; a 256-bit random token needs no slow hash.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// Longest lifetime of an API token, in days.
pub const MAX_TOKEN_DAYS: i32 = 3650;

/// Prefix that makes a leaked API token recognisable (secret scanners).
pub const API_TOKEN_PREFIX: &str = "jct_";

/// `bytes` random bytes as lowercase hex.
pub fn random_secret(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    hex(&buf)
}

/// Bytes as lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut hex, b| {
        let _ = write!(hex, "{b:02x}");
        hex
    })
}

/// A new API token: prefix plus 256 random bits.
pub fn new_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", random_secret(32))
}

/// SHA-256 of a token, as stored.
pub fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// Compares two secrets in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_recognisable() {
        let a = new_api_token();
        let b = new_api_token();
        assert_ne!(a, b);
        assert!(a.starts_with("jct_"));
        assert_eq!(a.len(), 4 + 64);
        assert_eq!(digest(&a).len(), 32);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same("abc", "abcd"));
    }
}
