//! Test actors: users of each role, signed in through the real login form,
//! each with its own cookie jar and CSRF token.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use super::TestApp;
use super::api::SLUG;
use super::form;
use super::html::Page;

/// The password every test user gets.
pub const PASSWORD: &str = "correct horse battery staple";

/// A signed-in browser.
pub struct Actor {
    pub client: reqwest::Client,
    pub base: String,
    pub user_id: i64,
    pub email: String,
    pub csrf: String,
}

impl TestApp {
    /// Creates a user directly in the database (with `PASSWORD`).
    pub async fn create_user(&self, email: &str, role: Role, unit: &str) -> i64 {
        let hash = jobclass::auth::password::hash(PASSWORD.to_string())
            .await
            .unwrap();
        let mut tx = self.pool.begin().await.unwrap();
        let id = jobclass::auth::db::create_user(
            &mut tx,
            email,
            &format!("Test {email}"),
            role,
            unit,
            Some(&hash),
        )
        .await
        .unwrap()
        .expect("new address");
        tx.commit().await.unwrap();
        id
    }

    /// A new user of `role`, signed in.
    pub async fn login_as(&self, role: Role) -> Actor {
        let email = format!(
            "{}-{}@test.example",
            role.as_str(),
            uuid::Uuid::new_v4().simple()
        );
        self.create_user(&email, role, "FOD Test / Dienst 1").await;
        self.login(&email, PASSWORD).await.expect("login works")
    }

    /// Signs in through the form; `Err(status)` when refused.
    pub async fn login(&self, email: &str, password: &str) -> Result<Actor, StatusCode> {
        let client = super::client();
        let base = self.url("");
        let csrf = csrf_of(&client, &format!("{base}/login")).await;
        let response = client
            .post(format!("{base}/login"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("email", email),
                ("password", password),
                ("next", ""),
            ])
            .send()
            .await
            .unwrap();
        if response.status() != StatusCode::SEE_OTHER {
            return Err(response.status());
        }
        let user_id = sqlx::query_scalar("select id from users where lower(email) = lower($1)")
            .bind(email)
            .fetch_one(&self.pool)
            .await
            .unwrap();
        // The token changes at login: read the new one.
        let csrf = csrf_of(&client, &format!("{base}/account")).await;
        Ok(Actor {
            client,
            base,
            user_id,
            email: email.to_string(),
            csrf,
        })
    }
}

/// The CSRF token of the first form on a page.
pub async fn csrf_of(client: &reqwest::Client, url: &str) -> String {
    let text = client.get(url).send().await.unwrap().text().await.unwrap();
    let page = Page::parse(&text);
    page.all("input[name=csrf_token]")
        .first()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or("")
        .to_string()
}

impl Actor {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn page(&self, path: &str) -> (StatusCode, Page) {
        let response = self.get(path).await;
        let status = response.status();
        (status, Page::parse(&response.text().await.unwrap()))
    }

    /// POSTs a form with this actor's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", self.csrf.as_str())];
        all.extend_from_slice(fields);
        self.client
            .post(self.url(path))
            .form(&all)
            .send()
            .await
            .unwrap()
    }

    /// POSTs a form and parses the page that comes back.
    pub async fn post_page(&self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, Page) {
        let response = self.post(path, fields).await;
        let status = response.status();
        (status, Page::parse(&response.text().await.unwrap()))
    }

    /// POSTs owned pairs (a form read from a page, or built with repeated
    /// names; see `form`) with this actor's CSRF token added.
    pub async fn post_fields(&self, path: &str, fields: &[(String, String)]) -> reqwest::Response {
        self.post(path, &form::refs(fields)).await
    }

    /// POSTs owned pairs and parses the page that comes back.
    pub async fn post_fields_page(
        &self,
        path: &str,
        fields: &[(String, String)],
    ) -> (StatusCode, Page) {
        self.post_page(path, &form::refs(fields)).await
    }

    /// POSTs a multipart form (an upload), with this actor's CSRF token in
    /// the query.
    pub async fn upload(&self, path: &str, form: reqwest::multipart::Form) -> reqwest::Response {
        self.client
            .post(self.url(&format!("{path}?csrf_token={}", self.csrf)))
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    /// Starts a position on the seed profile through the form (a redirect
    /// to it); its id.
    pub async fn start_position(&self) -> i64 {
        let response = self.post("/positions/new", &[("profile", SLUG)]).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let location = response.headers()["location"].to_str().unwrap();
        location.trim_start_matches("/positions/").parse().unwrap()
    }

    /// Creates an API token for this user through the account page.
    pub async fn api_token(&self) -> String {
        let (status, page) = self
            .post_page("/account/tokens", &[("name", "test"), ("expires_days", "")])
            .await;
        assert_eq!(status, StatusCode::OK);
        page.value("#new-token")
    }
}

impl TestApp {
    /// A browser that is not signed in, holding the CSRF token the login
    /// form gave its session (so its unsafe requests pass the CSRF check
    /// and reach the guards).
    pub async fn anonymous(&self) -> Actor {
        let client = super::client();
        let base = self.url("");
        let csrf = csrf_of(&client, &format!("{base}/login")).await;
        assert!(!csrf.is_empty(), "the login form has a CSRF token");
        Actor {
            client,
            base,
            user_id: 0,
            email: String::new(),
            csrf,
        }
    }
}

impl Actor {
    /// Whether this browser is signed in: its account page opens (200)
    /// rather than sending it to the login form.
    pub async fn is_signed_in(&self) -> bool {
        let response = self.get("/account").await;
        match response.status() {
            StatusCode::OK => true,
            StatusCode::SEE_OTHER => {
                let location = response.headers()["location"].to_str().unwrap();
                assert!(location.starts_with("/login"), "redirected to {location}");
                false
            }
            other => panic!("/account answered {other}"),
        }
    }
}
