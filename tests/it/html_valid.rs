//! Every page the browser journeys visit is valid HTML by the Nu HTML
//! Checker (npm `vnu-jar`, run with Java, installed by `.ci/run`): zero
//! errors. Without the checker the test says so and passes, except in CI,
//! where it must run.

use std::path::PathBuf;
use std::process::Command;

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::api::{SLUG, position_body, seed_names};

/// The checker's jar: `VNU_JAR`, else where `.ci/run` puts it.
fn checker() -> Option<PathBuf> {
    let jar = std::env::var_os("VNU_JAR").map(PathBuf::from).or_else(|| {
        std::env::var_os("HOME").map(|home| {
            PathBuf::from(home).join(".cache/jobclass-vnu/node_modules/vnu-jar/build/dist/vnu.jar")
        })
    })?;
    let java = Command::new("java").arg("-version").output().is_ok();
    (jar.is_file() && java).then_some(jar)
}

#[tokio::test]
async fn the_pages_people_visit_are_valid_html() {
    let Some(jar) = checker() else {
        assert!(
            std::env::var("CI").is_err(),
            "the Nu HTML Checker (vnu.jar and java) is missing; .ci/run installs it"
        );
        eprintln!("skipped: no Nu HTML Checker (set VNU_JAR or run .ci/run)");
        return;
    };
    let app = TestApp::spawn().await;
    // A second profile, to compare across profiles.
    crate::compare_profiles::second_profile(&app).await;
    let other = crate::compare_profiles::OTHER;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let admin = app.login_as(Role::Admin).await;
    let (m, h) = (manager.api().await, hr.api().await);

    // A position in every state a journey sees: a draft, one decided
    // with HR's placements, shared by link.
    let draft = manager.start_position().await;
    let created = m
        .expect(
            Method::POST,
            "/api/v1/positions",
            Some(&position_body("Onthaal en post")),
            StatusCode::CREATED,
        )
        .await;
    let id = created["id"].as_i64().unwrap();
    let path = |p: &str| format!("/api/v1/positions/{id}{p}");
    m.expect(Method::POST, &path("/submit"), None, StatusCode::OK)
        .await;
    h.expect(Method::POST, &path("/claim"), None, StatusCode::OK)
        .await;
    let (_, criteria) = seed_names();
    let placements: Vec<Value> = criteria
        .iter()
        .map(|c| json!({"criterion": c, "level": "C", "note": "Gelezen en getoetst."}))
        .collect();
    let review_page = hr.get(&format!("/review/{id}")).await.text().await.unwrap();
    h.expect(
        Method::POST,
        &path("/decision"),
        Some(&json!({"level": "C", "hr_placements": placements,
                     "rationale": "Het werk past bij de beschrijving van niveau C."})),
        StatusCode::OK,
    )
    .await;
    let (_, shared) = manager
        .post_page(&format!("/positions/{id}/share"), &[])
        .await;
    let link = shared.value("#share-link");
    let link = link.trim_start_matches(&app.url(""));

    let mut pages: Vec<(String, String)> = vec![(format!("/review/{id} (in review)"), review_page)];
    let anonymous = [
        "/".to_string(),
        "/?q=klachten".into(),
        "/?q=Administratieve+ondersteuning+zeppelin&level=C".into(),
        "/?q=ruimtevaart&lang=fr".into(),
        "/?language=nl&level=B".into(),
        format!("/profiles/{SLUG}"),
        format!("/profiles/{SLUG}/compare"),
        format!("/profiles/{SLUG}/compare?levels=C&levels=B&diff=full"),
        format!("/profiles/{SLUG}/history"),
        format!("/profiles/{SLUG}/versions/1"),
        format!("/profiles/{SLUG}?lang=fr"),
        format!("/profiles/{SLUG}?lang=en"),
        format!("/profiles/{SLUG}/compare?content_lang=fr&diff=full"),
        format!("/compare?from={SLUG}"),
        format!("/compare?profiles={SLUG},{other}&level=C"),
        format!("/compare?profiles={SLUG},{other}&level=D&diff=full"),
        format!("/compare?profiles={SLUG},{other}&level=B"),
        "/login".into(),
        "/accessibility".into(),
        "/no-such-page".into(),
        link.to_string(),
        format!("{link}/appeal"),
    ];
    for url in anonymous {
        pages.push((url.clone(), app.get(&url).await.text().await.unwrap()));
    }
    let as_manager = [
        "/positions".to_string(),
        "/positions/new".into(),
        format!("/positions/{draft}"),
        format!("/positions/{id}"),
        format!("/positions/{id}/record"),
        format!("/positions/{id}/record?content_lang=fr"),
        format!("/positions/{id}/appeal"),
        "/account".into(),
        "/notifications".into(),
    ];
    for url in as_manager {
        pages.push((url.clone(), manager.get(&url).await.text().await.unwrap()));
    }
    // Appealed: the appellant's page, the record, the queue and the review
    // (for the officer who decided, and for an admin who may assign).
    let grounds = "De taken gaan verder dan het beslist niveau: ik beheer zelfstandig het bestand.";
    m.expect(
        Method::POST,
        &path("/appeal"),
        Some(
            &json!({"criteria": [{"criterion": criteria[0], "grounds": grounds}], "fit": grounds}),
        ),
        StatusCode::CREATED,
    )
    .await;
    for url in [
        format!("/positions/{id}/appeal"),
        format!("/positions/{id}/record"),
    ] {
        let label = format!("{url} (appealed)");
        pages.push((label, manager.get(&url).await.text().await.unwrap()));
    }
    for url in [
        "/review/appeals".to_string(),
        format!("/review/appeals/{id}"),
    ] {
        pages.push((url.clone(), hr.get(&url).await.text().await.unwrap()));
        let label = format!("{url} (admin)");
        pages.push((label, admin.get(&url).await.text().await.unwrap()));
    }
    for url in [
        "/review".to_string(),
        format!("/review/{id}"),
        format!("/review/{id}?precedents=1"),
        "/review/dashboard".into(),
        "/notifications".into(),
    ] {
        pages.push((url.clone(), hr.get(&url).await.text().await.unwrap()));
    }
    // Pay transparency: a year of ten workers on the decided position
    // (a flagged category with its justification form), its category
    // view, and a refused upload with its problems.
    let mut staff = String::from("employee,position,gender,annual_hours,base_pay,variable_pay\n");
    for i in 0..10 {
        let (gender, pay) = if i % 2 == 0 {
            ("F", 40000 + i * 100)
        } else {
            ("M", 45000)
        };
        staff.push_str(&format!("E{i},{id},{gender},1000,{pay},0\n"));
    }
    let (status, _) = crate::support::api::Api::answer(
        h.request(Method::PUT, "/api/v1/pay/periods/2026/staff")
            .header("content-type", "text/csv")
            .body(staff),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    for url in [
        "/pay".to_string(),
        "/pay/2026".to_string(),
        format!("/pay/2026/categories/{SLUG}/C"),
        // A section per language: the source and the seed's French.
        format!("/profiles/{SLUG}/versions/1/wording"),
    ] {
        pages.push((url.clone(), hr.get(&url).await.text().await.unwrap()));
    }
    let refused = reqwest::multipart::Form::new().text("year", "2026").part(
        "file",
        reqwest::multipart::Part::bytes(b"employee,gender\nE1,V\n".to_vec()).file_name("staff.csv"),
    );
    let answer = hr.upload("/pay", refused).await;
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    pages.push(("/pay (refused file)".into(), answer.text().await.unwrap()));
    pages.push((
        "/pay (admin)".into(),
        admin.get("/pay").await.text().await.unwrap(),
    ));
    admin
        .post(&format!("/admin/profiles/{SLUG}/draft"), &[])
        .await;
    for url in [
        format!("/admin/profiles/{SLUG}/draft"),
        format!("/admin/profiles/{SLUG}/draft/translations/fr"),
        format!("/admin/profiles/{SLUG}/draft/translations/en"),
    ] {
        pages.push((url.clone(), admin.get(&url).await.text().await.unwrap()));
    }
    for url in [
        "/admin",
        "/admin/users",
        "/admin/audit",
        "/admin/outbox",
        "/admin/profiles",
        "/admin/thesaurus",
        "/admin/profiles/administratieve-ondersteuning/examples",
    ] {
        pages.push((url.to_string(), admin.get(url).await.text().await.unwrap()));
    }

    // Single sign-on: the login page with the provider's button and
    // password sign-in off, a refused callback, and the login page while
    // the provider cannot be reached.
    if crate::support::oidc::installed() {
        let sso = crate::support::oidc::SsoApp::spawn(|c| c.password_login = false).await;
        let login = sso.app.get("/login").await.text().await.unwrap();
        pages.push(("/login (single sign-on, passwords off)".into(), login));
        let refused = sso
            .browser()
            .get("/auth/oidc/callback?code=x&state=y")
            .await;
        pages.push(("/auth/oidc/callback (refused)".into(), refused.page.source));
    }
    let unreachable = TestApp::spawn_with_config(|c| {
        c.oidc_issuer = Some("http://127.0.0.1:9".into());
        c.oidc_client_id = Some("jobclass".into());
    })
    .await;
    let login = unreachable.get("/login").await.text().await.unwrap();
    pages.push(("/login (provider unreachable)".into(), login));

    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, (_, html)) in pages.iter().enumerate() {
        let file = dir.path().join(format!("page-{i}.html"));
        std::fs::write(&file, html).unwrap();
        files.push(file);
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json", "--exit-zero-always"])
        .args(&files)
        .output()
        .expect("run the Nu HTML Checker");
    let report: Value = serde_json::from_slice(&out.stderr)
        .or_else(|_| serde_json::from_slice(&out.stdout))
        .unwrap_or_else(|err| {
            panic!(
                "the checker's report: {err}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    let errors: Vec<String> = report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let file = m["url"].as_str().unwrap_or("");
            let page = files
                .iter()
                .position(|f| file.ends_with(&*f.file_name().unwrap().to_string_lossy()))
                .map_or("?", |i| pages[i].0.as_str());
            format!("{page} line {}: {}", m["lastLine"], m["message"])
        })
        .collect();
    println!(
        "nu html checker: {} pages, {} errors",
        pages.len(),
        errors.len()
    );
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
