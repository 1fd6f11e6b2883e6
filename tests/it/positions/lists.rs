//! Lists of positions: HR's queue (filters, order, CSV export), its
//! dashboard, and a manager's own list in pages.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::json;

use super::submitted;
use crate::support::TestApp;
use crate::support::api::SLUG;

#[tokio::test]
async fn the_queue_exports_its_filtered_rows_as_csv() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let a = submitted(&app, &manager).await;
    let b = submitted(&app, &manager).await;
    sqlx::query("update positions set unit = 'FOD Financiën / Dienst =SOM(1)' where id = $1")
        .bind(b)
        .execute(&app.pool)
        .await
        .unwrap();
    let response = hr.get("/review/export.csv?unit=FOD%20BOSA").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "id,title,unit,profile,version,status,proposed_level,decided_level,manager,reviewer,submitted_at,updated_at"
    );
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].starts_with(&format!(
        "{a},Medewerker onthaal,FOD BOSA / Onthaal,{SLUG},1,submitted,C,,"
    )));
    let all = String::from_utf8(
        hr.get("/review/export.csv")
            .await
            .bytes()
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    assert!(all.contains("FOD Financiën / Dienst =SOM(1)"), "{all}");
    assert_eq!(all.lines().count(), 3);
    assert_eq!(
        manager.get("/review/export.csv").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_queue_filters_and_sorts_oldest_first() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let first = submitted(&app, &manager).await;
    let second = submitted(&app, &manager).await;
    sqlx::query("update positions set submitted_at = now() - interval '3 days' where id = $1")
        .bind(second)
        .execute(&app.pool)
        .await
        .unwrap();
    let (_, page) = hr.page("/review").await;
    let links: Vec<String> = page
        .all("table.list tbody a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        links,
        [format!("/review/{second}"), format!("/review/{first}")]
    );
    let (_, page) = hr.page("/review?level=B").await;
    assert_eq!(page.count("table.list tbody tr"), 0);
    let (_, page) = hr.page("/review?status=decided").await;
    assert_eq!(page.count("table.list tbody tr"), 0);
    for bad in [
        "/review?status=lost",
        "/review?from=2026-02-31",
        "/review?page=0",
        "/review?level=%27",
    ] {
        assert_eq!(hr.get(bad).await.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[tokio::test]
async fn the_dashboard_counts_statuses_levels_and_days_to_decision() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let api = hr.api().await;
    for days in [2, 4, 9] {
        let id = submitted(&app, &manager).await;
        assert_eq!(
            hr.post(&format!("/review/{id}/claim"), &[]).await.status(),
            StatusCode::SEE_OTHER
        );
        let (status, _) = api
            .post(
                &format!("/api/v1/positions/{id}/decision"),
                Some(&json!({"level": if days == 9 { "B" } else { "C" }, "rationale": "Het werk past bij de beschrijving van dit niveau."})),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        sqlx::query("update positions set first_submitted_at = decided_at - make_interval(days => $2) where id = $1")
            .bind(id)
            .bind(days)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    submitted(&app, &manager).await;
    let (status, page) = hr.page("/review/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.text("#median-days"), "4.0");
    let rows: Vec<(String, String)> = page
        .all("table.chart-table tbody tr")
        .iter()
        .map(|tr| {
            let cell = |css: &str| {
                crate::support::html::text_of(
                    tr.select(&scraper::Selector::parse(css).unwrap())
                        .next()
                        .unwrap(),
                )
            };
            (cell("th"), cell("td"))
        })
        .collect();
    for (label, count) in [
        ("ingediend", "1"),
        ("beslist", "3"),
        ("ontwerp", "0"),
        ("C", "2"),
        ("B", "1"),
    ] {
        assert!(
            rows.contains(&(label.to_string(), count.to_string())),
            "{label} {count} not in {rows:?}"
        );
    }
    for chart in ["statuses", "levels-1", "per-month", "days-per-month"] {
        assert_eq!(
            page.count(&format!("svg.bar-chart title#{chart}-title")),
            1,
            "{chart}"
        );
    }
}

/// The manager's placements of `submitted`, by criterion.
const MANAGER: [(&str, &str); 7] = [
    ("Kennis", "C"),
    ("Documenten", "C"),
    ("Praktische organisatie", "D"),
    ("Procedures", "C"),
    ("Verbetering", "B"),
    ("Vragen of klachten", "D"),
    ("Contacten", "C"),
];

#[tokio::test]
async fn the_consistency_report_shows_agreement_precedents_and_months() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let api = hr.api().await;
    // Three positions alike in tasks and placements: decided C, C, then B.
    // HR places Kennis at C, C and B, and Documenten at D, C, C; the
    // rest as the manager did.
    let mut ids = Vec::new();
    for (i, level) in ["C", "C", "B"].into_iter().enumerate() {
        let id = submitted(&app, &manager).await;
        assert_eq!(
            hr.post(&format!("/review/{id}/claim"), &[]).await.status(),
            StatusCode::SEE_OTHER
        );
        let hr_placements: Vec<serde_json::Value> = MANAGER
            .iter()
            .map(|(criterion, placed)| {
                let level = match (*criterion, i) {
                    ("Kennis", _) => level,
                    ("Documenten", 0) => "D",
                    _ => placed,
                };
                json!({"criterion": criterion, "level": level})
            })
            .collect();
        let (status, body) = api
            .post(
                &format!("/api/v1/positions/{id}/decision"),
                Some(&json!({"level": level, "hr_placements": hr_placements,
                             "rationale": "Het werk past bij de beschrijving van dit niveau."})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        ids.push(id);
    }
    let (status, page) = hr.page("/review/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    let row = |criterion: &str| -> Vec<String> {
        page.all("#agreement tbody tr")
            .iter()
            .find(|tr| tr.text().collect::<String>().starts_with(criterion))
            .unwrap_or_else(|| panic!("no row for {criterion}"))
            .select(&scraper::Selector::parse("td").unwrap())
            .map(crate::support::html::text_of)
            .collect()
    };
    // Kennis: manager always C, HR C, C, B: agreement 2 of 3, and no
    // better than chance since the manager used one level only.
    assert_eq!(row("Kennis"), ["3", "67 %", "0.00", "gering"]);
    // Documenten: manager C ×3, HR D, C, C.
    assert_eq!(row("Documenten")[..3], ["3", "67 %", "0.00"]);
    // Procedures: both C every time: kappa is not defined.
    assert_eq!(row("Procedures")[2], "–");
    assert_eq!(page.count("svg.bar-chart title#kappa-title"), 1);
    // The B decision differs from its two close precedents (both C).
    let differing: Vec<String> = page
        .all("table.differing tbody tr")
        .iter()
        .map(|tr| crate::support::html::text_of(*tr))
        .collect();
    assert_eq!(differing.len(), 1, "{differing:?}");
    assert!(
        differing[0].contains("B") && differing[0].contains("C (2 van 2"),
        "{differing:?}"
    );
    assert_eq!(
        page.one("table.differing tbody a").value().attr("href"),
        Some(format!("/positions/{}/record", ids[2]).as_str())
    );
    // This month: three decisions, and twelve months are shown.
    let month_rows: Vec<String> = page
        .all("#per-month-table tbody tr")
        .iter()
        .map(|tr| crate::support::html::text_of(*tr))
        .collect();
    assert_eq!(month_rows.len(), 12, "{month_rows:?}");
    assert!(month_rows[11].ends_with('3'), "{month_rows:?}");
    assert_eq!(
        manager.get("/review/dashboard").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_queue_filters_by_profile_version() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    submitted(&app, &manager).await;
    let (_, page) = hr.page(&format!("/review?profile={SLUG}&version=1")).await;
    assert_eq!(page.count("table.list tbody tr"), 1);
    let (_, page) = hr.page(&format!("/review?profile={SLUG}&version=2")).await;
    assert_eq!(page.count("table.list tbody tr"), 0);
    assert_eq!(
        hr.get("/review?version=x").await.status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_managers_list_comes_in_pages_of_fifty() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let mut ids = Vec::new();
    for _ in 0..51 {
        ids.push(manager.start_position().await);
    }
    let (status, first) = manager.page("/positions").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first.count("table.list tbody tr"), 50);
    assert_eq!(first.count("nav.pager a[rel=next]"), 1);
    assert_eq!(first.count("nav.pager a[rel=prev]"), 0);
    // Most recently changed first: the oldest is alone on page 2.
    let (status, second) = manager.page("/positions?page=2").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(second.count("table.list tbody tr"), 1);
    assert_eq!(
        second.one("table.list tbody a").value().attr("href"),
        Some(format!("/positions/{}", ids[0]).as_str())
    );
    assert_eq!(second.count("nav.pager a[rel=prev]"), 1);
    assert_eq!(second.count("nav.pager a[rel=next]"), 0);
    for junk in ["0", "-1", "x", "99999999999"] {
        let response = manager.get(&format!("/positions?page={junk}")).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "page={junk}");
    }
}
