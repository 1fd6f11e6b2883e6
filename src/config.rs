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

    /// Folder for the private PostgreSQL cluster (used when `DATABASE_URL` is unset).
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
    #[arg(long, env = "JOBCLASS_DB_POOL", default_value_t = 32, global = true)]
    pub db_pool: u32,

    /// Mark cookies `Secure` (HTTPS only). Default: on unless bound to loopback.
    #[arg(long, env = "JOBCLASS_SECURE_COOKIES", global = true)]
    pub secure_cookies: Option<bool>,

    /// Let anonymous visitors read the catalogue, profiles and their API.
    #[arg(long, env = "JOBCLASS_PUBLIC_CATALOGUE", default_value_t = true, global = true, action = clap::ArgAction::Set)]
    pub public_catalogue: bool,

    /// Sign a session out after this many minutes without a request.
    #[arg(
        long,
        env = "JOBCLASS_SESSION_IDLE_MINUTES",
        default_value_t = 30,
        global = true
    )]
    pub session_idle_minutes: u32,

    /// Sign a session out this many hours after login, active or not.
    #[arg(
        long,
        env = "JOBCLASS_SESSION_MAX_HOURS",
        default_value_t = 12,
        global = true
    )]
    pub session_max_hours: u32,

    /// Take the client address from `X-Forwarded-For` (only behind your own proxy).
    #[arg(long, env = "JOBCLASS_TRUST_PROXY", default_value_t = false, global = true, action = clap::ArgAction::Set)]
    pub trust_proxy: bool,

    /// Create one demo account per role on first start even with `DATABASE_URL`.
    #[arg(
        long,
        env = "JOBCLASS_DEMO_USERS",
        default_value_t = false,
        global = true
    )]
    pub demo_users: bool,

    /// Time zone of the dates people read and type (an IANA name).
    #[arg(long, env = "JOBCLASS_TIME_ZONE", default_value = crate::clock::DEFAULT_ZONE,
          global = true, value_parser = zone_name)]
    pub time_zone: String,

    /// Seconds an instance keeps serving after SIGTERM, with `/readyz` and
    /// new GET/HEAD requests answering 503 (a proxy passes them on) and
    /// every connection closed after its answer, before it stops taking
    /// connections (give a proxy time to move on).
    #[arg(
        long,
        env = "JOBCLASS_DRAIN_SECONDS",
        default_value_t = 0,
        global = true
    )]
    pub drain_seconds: u64,

    /// Bearer token that opens `/metrics` to other hosts (unset: loopback only).
    #[arg(
        long,
        env = "JOBCLASS_METRICS_TOKEN",
        global = true,
        hide_env_values = true
    )]
    pub metrics_token: Option<String>,

    /// Calendar days after a decision during which it can be appealed.
    #[arg(
        long,
        env = "JOBCLASS_APPEAL_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub appeal_days: u32,

    /// The portal's address as users reach it (`https://jobclass.example.be`),
    /// for the links in e-mails. Unset: `http://` and the bind address.
    #[arg(long, env = "JOBCLASS_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Mail server for e-mail notifications: `smtp://host:port`,
    /// `smtps://user:pass@host:465`, or `smtp://host:587?tls=required` for
    /// STARTTLS. Unset: e-mails stay in the outbox, marked not sent.
    #[arg(long, env = "JOBCLASS_SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// Sender of the portal's e-mails.
    #[arg(
        long,
        env = "JOBCLASS_MAIL_FROM",
        default_value = "jobclass <noreply@localhost>",
        global = true
    )]
    pub mail_from: String,

    /// HR officers get a daily digest of positions waiting longer than this
    /// many days in their queue.
    #[arg(
        long,
        env = "JOBCLASS_REMINDER_DAYS",
        default_value_t = 10,
        global = true
    )]
    pub reminder_days: u32,

    /// OpenID Connect provider to sign in with (its issuer URL, found by
    /// discovery). Unset: password sign-in only.
    #[arg(long, env = "JOBCLASS_OIDC_ISSUER", global = true)]
    pub oidc_issuer: Option<String>,

    /// The portal's client id at the provider.
    #[arg(long, env = "JOBCLASS_OIDC_CLIENT_ID", global = true)]
    pub oidc_client_id: Option<String>,

    /// The portal's client secret at the provider.
    #[arg(
        long,
        env = "JOBCLASS_OIDC_CLIENT_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub oidc_client_secret: Option<String>,

    /// Scopes asked for, separated by spaces.
    #[arg(
        long,
        env = "JOBCLASS_OIDC_SCOPES",
        default_value = "openid email profile",
        global = true
    )]
    pub oidc_scopes: String,

    /// Label of the sign-in button ("Sign in with your government account").
    #[arg(long, env = "JOBCLASS_OIDC_NAME", global = true)]
    pub oidc_name: Option<String>,

    /// Create a local user at the first sign-in of someone the portal does
    /// not know (otherwise only existing users, matched by e-mail, may).
    #[arg(long, env = "JOBCLASS_OIDC_CREATE_USERS", default_value_t = false, global = true, action = clap::ArgAction::Set)]
    pub oidc_create_users: bool,

    /// Take the ID token's `email` as verified when the provider sends no
    /// `email_verified` claim (Microsoft Entra ID sends none; its
    /// addresses are managed by the tenant). An explicit `false` is
    /// always honoured.
    #[arg(long, env = "JOBCLASS_OIDC_TRUST_EMAIL", default_value_t = false, global = true, action = clap::ArgAction::Set)]
    pub oidc_trust_email: bool,

    /// The ID token claim holding the user's groups or roles.
    #[arg(
        long,
        env = "JOBCLASS_OIDC_ROLE_CLAIM",
        default_value = "groups",
        global = true
    )]
    pub oidc_role_claim: String,

    /// Role for each claim value: `admin:jobclass-admins,hr:jobclass-hr,manager:jobclass-managers`.
    #[arg(long, env = "JOBCLASS_OIDC_ROLES", default_value = "", global = true,
          value_parser = role_mapping)]
    pub oidc_roles: String,

    /// The ID token claim holding the user's organisational unit (optional).
    #[arg(long, env = "JOBCLASS_OIDC_UNIT_CLAIM", global = true)]
    pub oidc_unit_claim: Option<String>,

    /// Allow signing in with a password. Off: only break-glass accounts
    /// (`jobclass user create --break-glass`) may.
    #[arg(long, env = "JOBCLASS_PASSWORD_LOGIN", default_value_t = true, global = true, action = clap::ArgAction::Set)]
    pub password_login: bool,

    /// Pay-transparency figures resting on fewer women or men than this
    /// are withheld (shown as "—"), in pages, exports and the API.
    #[arg(
        long,
        env = "JOBCLASS_PAY_MIN_GROUP",
        default_value_t = 5,
        global = true,
        value_parser = clap::value_parser!(u32).range(1..=1000)
    )]
    pub pay_min_group: u32,
}

/// A role mapping `crate::auth::oidc::RoleMap` can read.
fn role_mapping(value: &str) -> Result<String, String> {
    crate::auth::oidc::RoleMap::parse(value).map(|_| value.trim().to_string())
}

/// A time zone name the portal knows.
fn zone_name(value: &str) -> Result<String, String> {
    crate::clock::zone_named(value).map(|_| value.trim().to_string())
}

impl Config {
    /// The external server URL, treating an empty `DATABASE_URL` as unset.
    pub fn external_database(&self) -> Option<&str> {
        self.database_url
            .as_deref()
            .filter(|url| !url.trim().is_empty())
    }

    /// Whether cookies carry the `Secure` flag.
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies.unwrap_or(!self.bind.ip().is_loopback())
    }

    /// The portal's address for links in e-mails, without a trailing `/`.
    pub fn public_url(&self) -> String {
        match self.public_url.as_deref().map(str::trim) {
            Some(url) if !url.is_empty() => url.trim_end_matches('/').to_string(),
            _ => format!("http://{}", self.bind),
        }
    }

    /// A configuration for tests and tools: embedded cluster in `data_dir`.
    pub fn for_data_dir(data_dir: PathBuf) -> Self {
        Config {
            database_url: None,
            data_dir,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            db_pool: 8,
            secure_cookies: None,
            public_catalogue: true,
            session_idle_minutes: 30,
            session_max_hours: 12,
            trust_proxy: false,
            demo_users: false,
            time_zone: crate::clock::DEFAULT_ZONE.to_string(),
            metrics_token: None,
            drain_seconds: 0,
            appeal_days: 30,
            public_url: None,
            smtp_url: None,
            mail_from: "jobclass <noreply@localhost>".to_string(),
            reminder_days: 10,
            oidc_issuer: None,
            oidc_client_id: None,
            oidc_client_secret: None,
            oidc_scopes: "openid email profile".to_string(),
            oidc_name: None,
            oidc_create_users: false,
            oidc_trust_email: false,
            oidc_role_claim: "groups".to_string(),
            oidc_roles: String::new(),
            oidc_unit_claim: None,
            password_login: true,
            pay_min_group: 5,
        }
    }
}
