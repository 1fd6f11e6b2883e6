//! Single sign-on with OpenID Connect: the authorization code flow with
//! PKCE, `state` and `nonce` against a provider found by discovery
//! (`flow`), local users linked by issuer and `sub` (`db`), the claim that
//! gives the role (`RoleMap`), and the two routes (`handlers`).

pub mod db;
pub mod flow;
pub mod handlers;

pub use flow::Sso;

use serde_json::Value;

use super::model::Role;
use crate::app::AppState;
use crate::web::routes::Routes;

/// `GET /auth/oidc/login` starts the flow; the provider returns to
/// `GET /auth/oidc/callback`. Both behind the sign-in flood guard.
pub fn routes(trust_proxy: bool) -> Routes<AppState> {
    use axum::routing::get;
    Routes::new()
        .with(
            "/auth/oidc/login",
            &["GET"],
            super::with_flood_guard(get(handlers::start), trust_proxy),
        )
        .with(
            "/auth/oidc/callback",
            &["GET"],
            super::with_flood_guard(get(handlers::callback), trust_proxy),
        )
}

/// Which claim value gives which role (`JOBCLASS_OIDC_ROLES`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleMap(Vec<(Role, String)>);

impl RoleMap {
    /// Reads `admin:jobclass-admins,hr:jobclass-hr,manager:jobclass-managers`
    /// (several values may give the same role; empty: no mapping).
    pub fn parse(text: &str) -> Result<RoleMap, String> {
        let mut pairs = Vec::new();
        for item in text.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (role, value) = item
                .split_once(':')
                .ok_or_else(|| format!("{item:?} is not role:value"))?;
            let role = Role::parse(role)
                .ok_or_else(|| format!("{role:?} is not one of admin, hr, manager"))?;
            let value = value.trim();
            if value.is_empty() {
                return Err(format!("{item:?} names no claim value"));
            }
            pairs.push((role, value.to_string()));
        }
        Ok(RoleMap(pairs))
    }

    /// The role for a user whose claim holds `values`: the one with the
    /// most rights when several match; `None` when none does.
    pub fn role_of(&self, values: &[String]) -> Option<Role> {
        Role::ALL.into_iter().find(|role| {
            self.0
                .iter()
                .any(|(r, value)| r == role && values.iter().any(|v| v == value))
        })
    }
}

/// The strings of a claim: a string, or the strings of an array.
pub fn claim_values(claim: Option<&Value>) -> Vec<String> {
    match claim {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_mapping_is_read_and_refuses_what_it_cannot_use() {
        let map = RoleMap::parse("admin:jobclass-admins, hr:jobclass-hr,manager:jobclass-managers")
            .unwrap();
        assert_eq!(map.role_of(&["jobclass-hr".into()]), Some(Role::Hr));
        assert_eq!(map.role_of(&["other".into()]), None);
        assert_eq!(map.role_of(&[]), None);
        assert_eq!(RoleMap::parse("").unwrap(), RoleMap::default());
        assert!(RoleMap::parse("boss:x").is_err());
        assert!(RoleMap::parse("admin").is_err());
        assert!(RoleMap::parse("admin:").is_err());
    }

    #[test]
    fn several_groups_give_the_role_with_the_most_rights() {
        let map = RoleMap::parse("manager:m,hr:h,admin:a").unwrap();
        assert_eq!(
            map.role_of(&["m".into(), "h".into()]),
            Some(Role::Hr),
            "hr before manager"
        );
        assert_eq!(
            map.role_of(&["m".into(), "a".into(), "h".into()]),
            Some(Role::Admin)
        );
    }

    #[test]
    fn a_claim_may_be_a_string_or_an_array_of_strings() {
        assert_eq!(claim_values(Some(&json!("a"))), vec!["a"]);
        assert_eq!(claim_values(Some(&json!(["a", 3, "b"]))), vec!["a", "b"]);
        assert!(claim_values(Some(&json!({"a": 1}))).is_empty());
        assert!(claim_values(None).is_empty());
    }
}
