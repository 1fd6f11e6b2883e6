//! The OpenID Connect client: discovery (lazy, kept for an hour, tried
//! again after a failure), the authorization request, and the code
//! exchange with the ID token's checks. Every check of the token is the
//! `openidconnect` crate's; nothing here reads a JWT itself.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreJsonWebKeySet,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret,
    CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdToken, IssuerUrl, LogoutRequest,
    Nonce, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout,
    RedirectUrl, Scope, SignatureVerificationError, TokenResponse, reqwest,
};
use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use super::{RoleMap, claim_values};
use crate::auth::model::Role;
use crate::config::Config;

/// How long discovery (with the provider's keys) is kept.
const KEEP: Duration = Duration::from_secs(60 * 60);
/// After a failed discovery, the next try waits this long (pages that
/// show the button do not each wait for an unreachable provider).
const RETRY_AFTER: Duration = Duration::from_secs(10);
/// Time allowed for one request to the provider.
const TIMEOUT: Duration = Duration::from_secs(5);
/// Clock difference tolerated when checking the ID token's expiry.
pub const CLOCK_SKEW_SECONDS: i64 = 60;

/// The provider's metadata, with its end-session endpoint.
type Metadata = ProviderMetadataWithLogout;

/// A client made from discovery: authorization endpoint known, token and
/// user info endpoints as the provider states them.
type Client = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Every claim of the ID token beyond the standard ones (`groups`, a unit…).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OtherClaims {
    #[serde(flatten)]
    all: serde_json::Map<String, serde_json::Value>,
}

impl AdditionalClaims for OtherClaims {}

type Token = IdToken<
    OtherClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// The single sign-on settings and the provider's discovered metadata.
pub struct Sso {
    issuer: IssuerUrl,
    client_id: ClientId,
    client_secret: Option<ClientSecret>,
    scopes: Vec<Scope>,
    redirect: RedirectUrl,
    after_logout: PostLogoutRedirectUrl,
    /// The button's label, when set (otherwise the translated default).
    pub label: Option<String>,
    /// Create a local user at an unknown person's first sign-in.
    pub create_users: bool,
    /// An `email` without `email_verified` counts as verified.
    trust_email: bool,
    role_claim: String,
    roles: RoleMap,
    unit_claim: Option<String>,
    http: reqwest::Client,
    discovered: Mutex<Discovered>,
}

#[derive(Default)]
struct Discovered {
    metadata: Option<(Arc<Metadata>, Instant)>,
    failed_at: Option<Instant>,
}

/// The provider cannot be reached (or answers nonsense) and no earlier
/// discovery is kept.
#[derive(Debug)]
pub struct Unavailable;

/// What a browser's flow keeps in its (server-side) session between the
/// start and the callback.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flow {
    pub state: String,
    nonce: String,
    verifier: String,
    /// Where to go after signing in (a checked relative path).
    pub next: Option<String>,
}

/// Who the provider says signed in, after every check of the ID token.
#[derive(Debug, Clone)]
pub struct Identity {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: bool,
    pub name: Option<String>,
    /// The role the claim maps to; `None`: no mapping matched.
    pub role: Option<Role>,
    /// The claim values the role was looked for in (for the audit log).
    pub role_values: Vec<String>,
    /// The unit claim, when one is configured and present.
    pub unit: Option<String>,
    /// The ID token as received, for the sign-out at the provider.
    pub id_token: String,
}

/// Why a callback did not sign anyone in (the audit log's `reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    Unavailable,
    /// No flow in this session, or another `state`.
    State,
    /// The provider answered with an error instead of a code.
    ProviderError,
    /// The token endpoint refused the code (used, expired, not ours).
    Code,
    NoIdToken,
    Signature,
    Expired,
    Nonce,
    Issuer,
    Audience,
    Token,
}

impl Failure {
    pub fn reason(self) -> &'static str {
        match self {
            Failure::Unavailable => "unavailable",
            Failure::State => "state",
            Failure::ProviderError => "provider-error",
            Failure::Code => "code",
            Failure::NoIdToken => "no-id-token",
            Failure::Signature => "signature",
            Failure::Expired => "expired",
            Failure::Nonce => "nonce",
            Failure::Issuer => "issuer",
            Failure::Audience => "audience",
            Failure::Token => "token",
        }
    }

    fn of(err: &ClaimsVerificationError) -> Failure {
        match err {
            ClaimsVerificationError::Expired(_) => Failure::Expired,
            ClaimsVerificationError::InvalidNonce(_) => Failure::Nonce,
            ClaimsVerificationError::InvalidIssuer(_) => Failure::Issuer,
            ClaimsVerificationError::InvalidAudience(_) => Failure::Audience,
            ClaimsVerificationError::SignatureVerification(_) => Failure::Signature,
            _ => Failure::Token,
        }
    }
}

impl Sso {
    /// The settings from the configuration; `None` when no issuer is set.
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Sso>> {
        let Some(issuer) = config
            .oidc_issuer
            .as_deref()
            .map(str::trim)
            .filter(|i| !i.is_empty())
        else {
            return Ok(None);
        };
        let issuer =
            IssuerUrl::new(issuer.to_string()).context("JOBCLASS_OIDC_ISSUER is not a URL")?;
        let client_id = config
            .oidc_client_id
            .as_deref()
            .map(str::trim)
            .filter(|i| !i.is_empty())
            .context("JOBCLASS_OIDC_ISSUER is set but JOBCLASS_OIDC_CLIENT_ID is not")?;
        let mut scopes: Vec<Scope> = config
            .oidc_scopes
            .split_whitespace()
            .filter(|s| *s != "openid")
            .map(|s| Scope::new(s.to_string()))
            .collect();
        scopes.dedup();
        let base = config.public_url();
        let redirect = RedirectUrl::new(format!("{base}/auth/oidc/callback"))
            .context("JOBCLASS_PUBLIC_URL does not make a redirect URI")?;
        let after_logout = PostLogoutRedirectUrl::new(format!("{base}/"))
            .context("JOBCLASS_PUBLIC_URL does not make a post-logout URI")?;
        let roles = RoleMap::parse(&config.oidc_roles)
            .map_err(|e| anyhow::anyhow!("JOBCLASS_OIDC_ROLES: {e}"))?;
        let http = reqwest::Client::builder()
            // Following redirects would let a provider's answer send us anywhere.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(TIMEOUT)
            .timeout(TIMEOUT)
            .build()
            .context("cannot set up the HTTP client for the OpenID provider")?;
        Ok(Some(Sso {
            issuer,
            client_id: ClientId::new(client_id.to_string()),
            client_secret: config
                .oidc_client_secret
                .as_deref()
                .filter(|s| !s.is_empty())
                .map(|s| ClientSecret::new(s.to_string())),
            scopes,
            redirect,
            after_logout,
            label: config
                .oidc_name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string),
            create_users: config.oidc_create_users,
            trust_email: config.oidc_trust_email,
            role_claim: config.oidc_role_claim.trim().to_string(),
            roles,
            unit_claim: config
                .oidc_unit_claim
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string),
            http,
            discovered: Mutex::default(),
        }))
    }

    /// The issuer as configured.
    pub fn issuer(&self) -> &str {
        self.issuer.as_str()
    }

    /// The issuer's origin (`https://login.example.org`), where the
    /// browser is sent to sign in and out.
    pub fn origin(&self) -> String {
        self.issuer.url().origin().ascii_serialization()
    }

    /// The provider's metadata: kept, or discovered now. A failure is
    /// remembered for a few seconds; a kept but old discovery is still
    /// used when a new one fails.
    pub async fn metadata(&self) -> Result<Arc<Metadata>, Unavailable> {
        let mut discovered = self.discovered.lock().await;
        if let Some((metadata, at)) = &discovered.metadata
            && at.elapsed() < KEEP
        {
            return Ok(metadata.clone());
        }
        if discovered
            .failed_at
            .is_some_and(|at| at.elapsed() < RETRY_AFTER)
        {
            return discovered
                .metadata
                .as_ref()
                .map(|(m, _)| m.clone())
                .ok_or(Unavailable);
        }
        match Metadata::discover_async(self.issuer.clone(), &self.http).await {
            Ok(metadata) => {
                let metadata = Arc::new(metadata);
                discovered.metadata = Some((metadata.clone(), Instant::now()));
                discovered.failed_at = None;
                Ok(metadata)
            }
            Err(err) => {
                tracing::warn!(
                    "OpenID provider {} unavailable: {}",
                    self.issuer.as_str(),
                    chain(&err)
                );
                discovered.failed_at = Some(Instant::now());
                discovered
                    .metadata
                    .as_ref()
                    .map(|(m, _)| m.clone())
                    .ok_or(Unavailable)
            }
        }
    }

    /// Whether the provider answered discovery (now or recently).
    pub async fn available(&self) -> bool {
        self.metadata().await.is_ok()
    }

    fn client(&self, metadata: &Metadata) -> Client {
        CoreClient::from_provider_metadata(
            metadata.clone(),
            self.client_id.clone(),
            self.client_secret.clone(),
        )
        .set_redirect_uri(self.redirect.clone())
    }

    /// The provider's authorization URL for a new flow, and what the
    /// session keeps of it.
    pub async fn start(
        &self,
        next: Option<String>,
    ) -> Result<(openidconnect::url::Url, Flow), Unavailable> {
        let metadata = self.metadata().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let client = self.client(&metadata);
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scopes(self.scopes.iter().cloned())
            .set_pkce_challenge(challenge)
            .url();
        let flow = Flow {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
            next,
        };
        Ok((url, flow))
    }

    /// Exchanges the code (with the PKCE verifier) and checks the ID token:
    /// signature against the provider's keys (fetched again once when the
    /// token names a key we do not have), issuer, audience, expiry and
    /// nonce.
    pub async fn finish(&self, flow: Flow, code: String) -> Result<Identity, Failure> {
        let metadata = self.metadata().await.map_err(|_| Failure::Unavailable)?;
        let client = self.client(&metadata);
        let request = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|err| {
                tracing::warn!("OpenID provider has no token endpoint: {err}");
                Failure::Unavailable
            })?;
        let response = request
            .set_pkce_verifier(PkceCodeVerifier::new(flow.verifier))
            .request_async(&self.http)
            .await
            .map_err(|err| {
                tracing::info!("the OpenID provider refused the code: {}", chain(&err));
                Failure::Code
            })?;
        let raw = response.id_token().ok_or(Failure::NoIdToken)?.to_string();
        let token: Token = raw.parse().map_err(|_| Failure::Token)?;
        let nonce = Nonce::new(flow.nonce);
        let identity = match self.verify(&client, &token, &nonce, &raw) {
            Err(ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            )) => {
                // The provider may have rotated its keys since discovery.
                let metadata = self.refresh_keys(&metadata).await?;
                self.verify(&self.client(&metadata), &token, &nonce, &raw)
            }
            other => other,
        };
        identity.map_err(|err| {
            tracing::info!("ID token refused: {err}");
            Failure::of(&err)
        })
    }

    fn verify(
        &self,
        client: &Client,
        token: &Token,
        nonce: &Nonce,
        raw: &str,
    ) -> Result<Identity, ClaimsVerificationError> {
        let verifier = client
            .id_token_verifier()
            .set_time_fn(|| chrono::Utc::now() - chrono::TimeDelta::seconds(CLOCK_SKEW_SECONDS));
        let claims = token.claims(&verifier, nonce)?;
        let other = &claims.additional_claims().all;
        let role_values = claim_values(other.get(&self.role_claim));
        let unit = self
            .unit_claim
            .as_ref()
            .and_then(|claim| other.get(claim))
            .and_then(|v| v.as_str())
            .map(str::to_string);
        Ok(Identity {
            issuer: self.issuer.as_str().to_string(),
            subject: claims.subject().as_str().to_string(),
            email: claims.email().map(|e| e.as_str().to_string()),
            email_verified: claims.email_verified().unwrap_or(self.trust_email),
            name: claims
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.as_str().to_string())
                .or_else(|| claims.preferred_username().map(|n| n.as_str().to_string())),
            role: self.roles.role_of(&role_values),
            role_values,
            unit,
            id_token: raw.to_string(),
        })
    }

    /// Fetches the provider's keys again and keeps them with the metadata.
    async fn refresh_keys(&self, metadata: &Metadata) -> Result<Arc<Metadata>, Failure> {
        let keys = CoreJsonWebKeySet::fetch_async(metadata.jwks_uri(), &self.http)
            .await
            .map_err(|err| {
                tracing::warn!("cannot fetch the OpenID provider's keys: {}", chain(&err));
                Failure::Unavailable
            })?;
        let updated = Arc::new(metadata.clone().set_jwks(keys));
        let mut discovered = self.discovered.lock().await;
        let at = discovered
            .metadata
            .as_ref()
            .map_or_else(Instant::now, |(_, at)| *at);
        discovered.metadata = Some((updated.clone(), at));
        Ok(updated)
    }

    /// Where to send the browser to sign out at the provider too, when it
    /// offers RP-initiated logout; back to the portal's home afterwards.
    pub async fn logout_url(&self, id_token: &str) -> Option<openidconnect::url::Url> {
        let metadata = self.metadata().await.ok()?;
        let endpoint = metadata
            .additional_metadata()
            .end_session_endpoint
            .clone()?;
        let mut request = LogoutRequest::from(endpoint)
            .set_client_id(self.client_id.clone())
            .set_post_logout_redirect_uri(self.after_logout.clone());
        if let Ok(token) = id_token.parse::<Token>() {
            request = request.set_id_token_hint(&token);
        }
        Some(request.http_get_url())
    }
}

/// An error with its causes, for the log.
fn chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}
