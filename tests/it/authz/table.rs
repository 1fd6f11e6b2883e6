//! The authorization table: every route the router serves, an example
//! URL of it, and what each kind of visitor gets there.

/// Placeholders in example URLs, filled in once the app runs.
pub const TARGET: &str = "$TARGET";
pub const ASSET: &str = "$ASSET";
pub const LINK: &str = "$LINK";
/// The one-time link the matrix uses (its hash is stored for the target).
pub const LINK_TOKEN: &str = "matrix-link-0123456789abcdef";

/// What one visitor gets from one route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The route itself answered: not 401/403, no redirect to the login
    /// form, no 5xx (a 404 or 422 from the handler is fine).
    Served,
    /// Not signed in: a page redirects (303) to `/login?next=<this URL>`
    /// (a POST to `/login`), the API answers 401 `unauthenticated` (JSON).
    SignIn,
    /// Signed in without the needed role: 403.
    Denied,
    /// Exactly this status and `Location`: for the routes whose own answer
    /// looks like a refusal (the login form's 401, logout's redirect).
    Exactly(u16, Option<&'static str>),
}

pub use Outcome::{Denied, Exactly, Served, SignIn};

/// Who may use a route; expands to the outcomes for
/// [anonymous, manager, hr, admin].
#[derive(Clone, Copy, Debug)]
pub enum Access {
    /// Everybody.
    Public,
    /// Everybody while the catalogue is public; else signed-in users.
    Catalogue,
    /// Any signed-in user.
    SignedIn,
    /// Managers (and admins).
    Manager,
    /// HR officers (and admins).
    Hr,
    /// Admins only.
    Admin,
    /// Spelled out per visitor.
    Each([Outcome; 4]),
}

impl Access {
    pub fn outcomes(self, public_catalogue: bool) -> [Outcome; 4] {
        match self {
            Access::Public => [Served; 4],
            Access::Catalogue if public_catalogue => [Served; 4],
            Access::Catalogue | Access::SignedIn => [SignIn, Served, Served, Served],
            Access::Manager => [SignIn, Served, Denied, Served],
            Access::Hr => [SignIn, Denied, Served, Served],
            Access::Admin => [SignIn, Denied, Denied, Served],
            Access::Each(outcomes) => outcomes,
        }
    }
}

/// The visitors, in the order of the outcome columns.
pub const VISITORS: [&str; 4] = ["anonymous", "manager", "hr", "admin"];

/// (method, path pattern as the router has it, example URL, access).
pub const TABLE: &[(&str, &str, &str, Access)] = &[
    // The catalogue and its API.
    ("GET", "/", "/?q=kennis", Access::Catalogue),
    (
        "GET",
        "/profiles/{slug}",
        "/profiles/administratieve-ondersteuning",
        Access::Catalogue,
    ),
    (
        "GET",
        "/profiles/{slug}/compare",
        "/profiles/administratieve-ondersteuning/compare?levels=C,B",
        Access::Catalogue,
    ),
    (
        "GET",
        "/profiles/{slug}/history",
        "/profiles/administratieve-ondersteuning/history",
        Access::Catalogue,
    ),
    (
        "GET",
        "/compare",
        "/compare?profiles=administratieve-ondersteuning,bestaat-niet&level=C",
        Access::Catalogue,
    ),
    (
        "GET",
        "/api/v1/compare",
        "/api/v1/compare?profiles=administratieve-ondersteuning,bestaat-niet&level=C",
        Access::Catalogue,
    ),
    (
        "GET",
        "/profiles/{slug}/versions/{n}",
        "/profiles/administratieve-ondersteuning/versions/1",
        Access::Catalogue,
    ),
    (
        "GET",
        "/api/v1/profiles",
        "/api/v1/profiles",
        Access::Catalogue,
    ),
    (
        "GET",
        "/api/v1/profiles/{slug}",
        "/api/v1/profiles/administratieve-ondersteuning",
        Access::Catalogue,
    ),
    (
        "GET",
        "/api/v1/profiles/{slug}/versions",
        "/api/v1/profiles/administratieve-ondersteuning/versions",
        Access::Catalogue,
    ),
    (
        "GET",
        "/api/v1/profiles/{slug}/versions/{n}",
        "/api/v1/profiles/administratieve-ondersteuning/versions/1",
        Access::Catalogue,
    ),
    (
        "POST",
        "/api/v1/profiles/{slug}/match",
        "/api/v1/profiles/administratieve-ondersteuning/match",
        Access::Catalogue,
    ),
    // Always open: operations, assets, the API document, signing in.
    (
        "GET",
        "/api/openapi.json",
        "/api/openapi.json",
        Access::Public,
    ),
    // The API reference (Swagger UI): its folder, the page and its files.
    ("GET", "/api/docs", "/api/docs", Access::Public),
    ("GET", "/api/docs/", "/api/docs/", Access::Public),
    (
        "GET",
        "/api/docs/{*file}",
        "/api/docs/swagger-initializer.js",
        Access::Public,
    ),
    ("GET", "/healthz", "/healthz", Access::Public),
    ("GET", "/readyz", "/readyz", Access::Public),
    ("GET", "/robots.txt", "/robots.txt", Access::Public),
    ("GET", "/metrics", "/metrics", Access::Public),
    ("GET", "/static/{file}", ASSET, Access::Public),
    ("GET", "/login", "/login", Access::Public),
    // Sent without credentials: the form itself answers 401.
    (
        "POST",
        "/login",
        "/login",
        Access::Each([Exactly(401, None); 4]),
    ),
    (
        "POST",
        "/logout",
        "/logout",
        Access::Each([Exactly(303, Some("/login?signed_out=1")); 4]),
    ),
    ("GET", "/set-password/{token}", LINK, Access::Public),
    ("POST", "/set-password/{token}", LINK, Access::Public),
    // Single sign-on: without a provider configured (as here) both answer
    // 404; with one, tests/it/oidc.rs.
    (
        "GET",
        "/auth/oidc/login",
        "/auth/oidc/login",
        Access::Public,
    ),
    (
        "GET",
        "/auth/oidc/callback",
        "/auth/oidc/callback?code=x&state=y",
        Access::Public,
    ),
    // Any signed-in user: their own account.
    ("GET", "/account", "/account", Access::SignedIn),
    (
        "POST",
        "/account/password",
        "/account/password",
        Access::SignedIn,
    ),
    (
        "POST",
        "/account/sessions/end-others",
        "/account/sessions/end-others",
        Access::SignedIn,
    ),
    (
        "POST",
        "/account/sessions/{handle}/end",
        "/account/sessions/7f4c1c52-3b57-4b8e-9d3a-2f1e0c9b8a70/end",
        Access::SignedIn,
    ),
    (
        "POST",
        "/account/tokens",
        "/account/tokens",
        Access::SignedIn,
    ),
    (
        "POST",
        "/account/tokens/{id}/revoke",
        "/account/tokens/999999/revoke",
        Access::SignedIn,
    ),
    (
        "POST",
        "/account/notifications",
        "/account/notifications",
        Access::SignedIn,
    ),
    ("GET", "/api/v1/me", "/api/v1/me", Access::SignedIn),
    // Any signed-in user: their own notifications.
    ("GET", "/notifications", "/notifications", Access::SignedIn),
    (
        "POST",
        "/notifications/read",
        "/notifications/read",
        Access::SignedIn,
    ),
    (
        "POST",
        "/notifications/{id}/read",
        "/notifications/999999/read",
        Access::SignedIn,
    ),
    (
        "GET",
        "/api/v1/notifications",
        "/api/v1/notifications",
        Access::SignedIn,
    ),
    // Managers: their positions. The API's create checks the role itself.
    ("GET", "/positions", "/positions", Access::Manager),
    ("GET", "/positions/new", "/positions/new", Access::Manager),
    ("POST", "/positions/new", "/positions/new", Access::Manager),
    (
        "POST",
        "/api/v1/positions",
        "/api/v1/positions",
        Access::Manager,
    ),
    // One position: the guard lets every signed-in user through to the
    // position's own check (owner or HR, then the workflow), which the
    // positions tests cover; an unknown id shows the guard's part.
    (
        "GET",
        "/positions/{id}",
        "/positions/999999",
        Access::SignedIn,
    ),
    (
        "POST",
        "/positions/{id}",
        "/positions/999999",
        Access::SignedIn,
    ),
    (
        "POST",
        "/positions/{id}/withdraw",
        "/positions/999999/withdraw",
        Access::SignedIn,
    ),
    (
        "POST",
        "/positions/{id}/reading",
        "/positions/999999/reading",
        Access::SignedIn,
    ),
    (
        "POST",
        "/positions/{id}/comments",
        "/positions/999999/comments",
        Access::SignedIn,
    ),
    (
        "GET",
        "/positions/{id}/record",
        "/positions/999999/record",
        Access::SignedIn,
    ),
    (
        "POST",
        "/positions/{id}/share",
        "/positions/999999/share",
        Access::SignedIn,
    ),
    (
        "POST",
        "/positions/{id}/share/revoke",
        "/positions/999999/share/revoke",
        Access::SignedIn,
    ),
    (
        "GET",
        "/api/v1/positions",
        "/api/v1/positions?status=submitted",
        Access::SignedIn,
    ),
    (
        "POST",
        "/api/v1/positions/{id}/tasks/{n}/confirmation",
        "/api/v1/positions/999999/tasks/1/confirmation",
        Access::Hr,
    ),
    (
        "DELETE",
        "/api/v1/positions/{id}/tasks/{n}/confirmation",
        "/api/v1/positions/999999/tasks/1/confirmation",
        Access::Hr,
    ),
    (
        "GET",
        "/api/v1/positions/{id}/assessment",
        "/api/v1/positions/999999/assessment",
        Access::SignedIn,
    ),
    (
        "GET",
        "/api/v1/positions/{id}",
        "/api/v1/positions/999999",
        Access::SignedIn,
    ),
    (
        "PUT",
        "/api/v1/positions/{id}",
        "/api/v1/positions/999999",
        Access::SignedIn,
    ),
    (
        "POST",
        "/api/v1/positions/{id}/submit",
        "/api/v1/positions/999999/submit",
        Access::SignedIn,
    ),
    (
        "POST",
        "/api/v1/positions/{id}/withdraw",
        "/api/v1/positions/999999/withdraw",
        Access::SignedIn,
    ),
    (
        "POST",
        "/api/v1/positions/{id}/claim",
        "/api/v1/positions/999999/claim",
        Access::SignedIn,
    ),
    (
        "POST",
        "/api/v1/positions/{id}/return",
        "/api/v1/positions/999999/return",
        Access::SignedIn,
    ),
    (
        "POST",
        "/api/v1/positions/{id}/decision",
        "/api/v1/positions/999999/decision",
        Access::SignedIn,
    ),
    (
        "POST",
        "/api/v1/positions/{id}/comments",
        "/api/v1/positions/999999/comments",
        Access::SignedIn,
    ),
    (
        "POST",
        "/api/v1/positions/{id}/appeal",
        "/api/v1/positions/999999/appeal",
        Access::SignedIn,
    ),
    (
        "POST",
        "/api/v1/positions/{id}/appeal/decision",
        "/api/v1/positions/999999/appeal/decision",
        Access::SignedIn,
    ),
    // The appellant's page: the position's manager (HR may read it).
    (
        "GET",
        "/positions/{id}/appeal",
        "/positions/999999/appeal",
        Access::SignedIn,
    ),
    (
        "POST",
        "/positions/{id}/appeal",
        "/positions/999999/appeal",
        Access::SignedIn,
    ),
    (
        "POST",
        "/positions/{id}/appeal/answer",
        "/positions/999999/appeal/answer",
        Access::SignedIn,
    ),
    // A decision record shared by link: whoever has the link.
    (
        "GET",
        "/shared/{token}",
        "/shared/not-a-real-link",
        Access::Public,
    ),
    (
        "GET",
        "/shared/{token}/appeal",
        "/shared/not-a-real-link/appeal",
        Access::Public,
    ),
    (
        "POST",
        "/shared/{token}/appeal",
        "/shared/not-a-real-link/appeal",
        Access::Public,
    ),
    (
        "POST",
        "/shared/{token}/appeal/answer",
        "/shared/not-a-real-link/appeal/answer",
        Access::Public,
    ),
    // The appeals queue and an appeal's review.
    ("GET", "/review/appeals", "/review/appeals", Access::Hr),
    (
        "GET",
        "/review/appeals/{id}",
        "/review/appeals/999999",
        Access::Hr,
    ),
    (
        "POST",
        "/review/appeals/{id}/claim",
        "/review/appeals/999999/claim",
        Access::Hr,
    ),
    (
        "POST",
        "/review/appeals/{id}/assign",
        "/review/appeals/999999/assign",
        Access::Hr,
    ),
    (
        "POST",
        "/review/appeals/{id}/ask",
        "/review/appeals/999999/ask",
        Access::Hr,
    ),
    (
        "POST",
        "/review/appeals/{id}/decide",
        "/review/appeals/999999/decide",
        Access::Hr,
    ),
    // HR (and admins): the review area.
    ("GET", "/review", "/review?status=submitted", Access::Hr),
    (
        "GET",
        "/review/export.csv",
        "/review/export.csv",
        Access::Hr,
    ),
    ("GET", "/review/dashboard", "/review/dashboard", Access::Hr),
    ("GET", "/review/{id}", "/review/999999", Access::Hr),
    (
        "POST",
        "/review/{id}/claim",
        "/review/999999/claim",
        Access::Hr,
    ),
    (
        "POST",
        "/review/{id}/placements",
        "/review/999999/placements",
        Access::Hr,
    ),
    (
        "POST",
        "/review/{id}/return",
        "/review/999999/return",
        Access::Hr,
    ),
    (
        "POST",
        "/review/{id}/decide",
        "/review/999999/decide",
        Access::Hr,
    ),
    (
        "POST",
        "/review/{id}/tasks/{n}/confirm",
        "/review/999999/tasks/1/confirm",
        Access::Hr,
    ),
    (
        "POST",
        "/review/{id}/tasks/{n}/undo",
        "/review/999999/tasks/1/undo",
        Access::Hr,
    ),
    // Admins only.
    ("GET", "/admin", "/admin", Access::Admin),
    ("GET", "/admin/users", "/admin/users?q=test", Access::Admin),
    ("GET", "/admin/users/new", "/admin/users/new", Access::Admin),
    (
        "POST",
        "/admin/users/new",
        "/admin/users/new",
        Access::Admin,
    ),
    (
        "GET",
        "/admin/users/{id}",
        "/admin/users/$TARGET",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/users/{id}",
        "/admin/users/$TARGET",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/users/{id}/deactivate",
        "/admin/users/$TARGET/deactivate",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/users/{id}/reactivate",
        "/admin/users/$TARGET/reactivate",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/users/{id}/reset-password",
        "/admin/users/$TARGET/reset-password",
        Access::Admin,
    ),
    (
        "GET",
        "/admin/audit",
        "/admin/audit?action=login",
        Access::Admin,
    ),
    ("GET", "/admin/outbox", "/admin/outbox", Access::Admin),
    (
        "GET",
        "/profiles/{slug}/diff",
        "/profiles/administratieve-ondersteuning/diff",
        Access::Catalogue,
    ),
    (
        "GET",
        "/api/v1/profiles/{slug}/diff",
        "/api/v1/profiles/administratieve-ondersteuning/diff",
        Access::Catalogue,
    ),
    (
        "POST",
        "/profiles/{slug}/requests",
        "/profiles/administratieve-ondersteuning/requests",
        Access::SignedIn,
    ),
    // Profile administration: drafts of a profile that does not exist, so
    // that the matrix changes nothing (admins get a 404 from the handler).
    ("GET", "/admin/profiles", "/admin/profiles", Access::Admin),
    (
        "GET",
        "/admin/profiles/new",
        "/admin/profiles/new",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/profiles/new",
        "/admin/profiles/new",
        Access::Admin,
    ),
    (
        "GET",
        "/admin/profiles/import",
        "/admin/profiles/import",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/profiles/import",
        "/admin/profiles/import",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/profiles/{slug}/draft",
        "/admin/profiles/geen-profiel/draft",
        Access::Admin,
    ),
    (
        "GET",
        "/admin/profiles/{slug}/draft",
        "/admin/profiles/geen-profiel/draft",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/profiles/{slug}/draft/publish",
        "/admin/profiles/geen-profiel/draft/publish",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/profiles/{slug}/draft/discard",
        "/admin/profiles/geen-profiel/draft/discard",
        Access::Admin,
    ),
    (
        "GET",
        "/admin/profiles/{slug}/draft/preview",
        "/admin/profiles/geen-profiel/draft/preview",
        Access::Admin,
    ),
    (
        "GET",
        "/admin/profiles/{slug}/draft/compare",
        "/admin/profiles/geen-profiel/draft/compare",
        Access::Admin,
    ),
    (
        "GET",
        "/admin/profiles/{slug}/draft/export",
        "/admin/profiles/geen-profiel/draft/export",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/profiles/{slug}/draft/{section}",
        "/admin/profiles/geen-profiel/draft/general",
        Access::Admin,
    ),
    (
        "GET",
        "/admin/profiles/{slug}/draft/translations/{lang}",
        "/admin/profiles/geen-profiel/draft/translations/fr",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/profiles/{slug}/draft/translations/{lang}/{section}",
        "/admin/profiles/geen-profiel/draft/translations/fr/general",
        Access::Admin,
    ),
    ("GET", "/admin/thesaurus", "/admin/thesaurus", Access::Admin),
    (
        "POST",
        "/admin/thesaurus",
        "/admin/thesaurus",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/thesaurus/starter",
        "/admin/thesaurus/starter",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/thesaurus/{id}",
        "/admin/thesaurus/999999",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/thesaurus/{id}/delete",
        "/admin/thesaurus/999999/delete",
        Access::Admin,
    ),
    (
        "GET",
        "/admin/profiles/{slug}/examples",
        "/admin/profiles/administratieve-ondersteuning/examples",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/profiles/{slug}/examples",
        "/admin/profiles/administratieve-ondersteuning/examples",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/profiles/{slug}/examples/{id}/delete",
        "/admin/profiles/administratieve-ondersteuning/examples/999999/delete",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/profiles/{slug}/examples/tasks",
        "/admin/profiles/administratieve-ondersteuning/examples/tasks",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/profiles/{slug}/examples/tasks/{id}/delete",
        "/admin/profiles/administratieve-ondersteuning/examples/tasks/999999/delete",
        Access::Admin,
    ),
    (
        "GET",
        "/admin/profiles/{slug}/versions/{n}/export",
        "/admin/profiles/administratieve-ondersteuning/versions/1/export",
        Access::Admin,
    ),
    ("GET", "/admin/requests", "/admin/requests", Access::Admin),
    (
        "POST",
        "/admin/requests/{id}/link",
        "/admin/requests/999999/link",
        Access::Admin,
    ),
    (
        "POST",
        "/admin/requests/{id}/close",
        "/admin/requests/999999/close",
        Access::Admin,
    ),
    (
        "GET",
        "/api/v1/profiles/{slug}/draft",
        "/api/v1/profiles/geen-profiel/draft",
        Access::Admin,
    ),
    (
        "PUT",
        "/api/v1/profiles/{slug}/draft",
        "/api/v1/profiles/geen-profiel/draft",
        Access::Admin,
    ),
    (
        "DELETE",
        "/api/v1/profiles/{slug}/draft",
        "/api/v1/profiles/geen-profiel/draft",
        Access::Admin,
    ),
    (
        "POST",
        "/api/v1/profiles/{slug}/draft/publish",
        "/api/v1/profiles/geen-profiel/draft/publish",
        Access::Admin,
    ),
    ("GET", "/accessibility", "/accessibility", Access::Public),
    // Pay transparency: HR officers and admins; deleting a year, admins.
    ("GET", "/pay", "/pay", Access::Hr),
    ("POST", "/pay", "/pay", Access::Hr),
    ("GET", "/pay/{year}", "/pay/2026", Access::Hr),
    (
        "POST",
        "/pay/{year}/justifications",
        "/pay/2026/justifications",
        Access::Hr,
    ),
    (
        "GET",
        "/pay/{year}/report.csv",
        "/pay/2026/report.csv",
        Access::Hr,
    ),
    (
        "GET",
        "/pay/{year}/report.xlsx",
        "/pay/2026/report.xlsx",
        Access::Hr,
    ),
    (
        "GET",
        "/pay/{year}/categories/{profile}/{level}",
        "/pay/2026/categories/geen-profiel/C",
        Access::Hr,
    ),
    (
        "POST",
        "/pay/{year}/delete",
        "/pay/2026/delete",
        Access::Admin,
    ),
    (
        "GET",
        "/profiles/{slug}/versions/{n}/wording",
        "/profiles/geen-profiel/versions/1/wording",
        Access::Hr,
    ),
    ("GET", "/admin/wording", "/admin/wording", Access::Admin),
    ("POST", "/admin/wording", "/admin/wording", Access::Admin),
    (
        "POST",
        "/admin/wording/{id}/delete",
        "/admin/wording/999999/delete",
        Access::Admin,
    ),
    (
        "PUT",
        "/api/v1/pay/periods/{year}/staff",
        "/api/v1/pay/periods/2026/staff",
        Access::Hr,
    ),
    (
        "GET",
        "/api/v1/pay/periods/{year}/report",
        "/api/v1/pay/periods/2026/report",
        Access::Hr,
    ),
    (
        "DELETE",
        "/api/v1/pay/periods/{year}",
        "/api/v1/pay/periods/2026",
        Access::Admin,
    ),
    (
        "PUT",
        "/api/v1/pay/periods/{year}/categories/{profile}/{level}/justification",
        "/api/v1/pay/periods/2026/categories/x/C/justification",
        Access::Hr,
    ),
];
