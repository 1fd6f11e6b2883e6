//! Pay transparency: a year's staff file in through the API (checked
//! whole, every problem named, nothing stored on a problem), the report
//! out with figures this test computes on its own from the same rows,
//! privacy suppression, roles and the audit trail.

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::actors::Actor;
use crate::support::api::{Api, SLUG, decided_position, submitted_position};

const HEADER: &str = "employee,position,gender,annual_hours,base_pay,variable_pay";

/// One crafted worker: reference, level of their position, gender,
/// hours, base pay, variable pay.
type Person = (&'static str, &'static str, &'static str, f64, f64, f64);

/// 22 workers: at C 6 women, 5 men and one X; at D 4 women (one under
/// the limit of 5) and 6 men. 22 does not divide by four: the bands hold
/// 6, 6, 5 and 5.
const PEOPLE: [Person; 22] = [
    ("EMP-01", "C", "F", 1000.0, 40000.0, 0.0),
    ("EMP-02", "C", "F", 1000.0, 41000.0, 2000.0),
    ("EMP-03", "C", "F", 1500.0, 63000.0, 0.0),
    ("EMP-04", "C", "F", 1000.0, 43000.0, 1000.0),
    ("EMP-05", "C", "F", 800.0, 36000.0, 0.0),
    ("EMP-06", "C", "F", 1000.0, 45000.0, 3000.0),
    ("EMP-07", "C", "M", 1000.0, 46000.0, 2500.0),
    ("EMP-08", "C", "M", 1000.0, 47000.0, 0.0),
    ("EMP-09", "C", "M", 1200.0, 60000.0, 4000.0),
    ("EMP-10", "C", "M", 1000.0, 49000.0, 1500.0),
    ("EMP-11", "C", "M", 1000.0, 52000.0, 0.0),
    ("EMP-12", "C", "X", 1000.0, 44000.0, 500.0),
    ("EMP-13", "D", "F", 1000.0, 30000.0, 0.0),
    ("EMP-14", "D", "F", 1000.0, 31000.0, 800.0),
    ("EMP-15", "D", "F", 900.0, 28000.0, 0.0),
    ("EMP-16", "D", "F", 1000.0, 33000.0, 0.0),
    ("EMP-17", "D", "M", 1000.0, 32000.0, 1000.0),
    ("EMP-18", "D", "M", 1000.0, 31500.0, 0.0),
    ("EMP-19", "D", "M", 1000.0, 30500.0, 0.0),
    ("EMP-20", "D", "M", 1000.0, 34000.0, 600.0),
    ("EMP-21", "D", "M", 1000.0, 29000.0, 0.0),
    ("EMP-22", "D", "M", 1000.0, 33500.0, 0.0),
];

/// The actors and two decided positions, at C and at D.
struct Case {
    app: TestApp,
    hr_actor: Actor,
    manager_actor: Actor,
    manager: Api,
    hr: Api,
    admin: Api,
    at_c: i64,
    at_d: i64,
}

async fn case_with(app: TestApp) -> Case {
    let manager_actor = app.login_as(Role::Manager).await;
    let hr_actor = app.login_as(Role::Hr).await;
    let manager = manager_actor.api().await;
    let hr = hr_actor.api().await;
    let admin = app.login_as(Role::Admin).await.api().await;
    let at_c = decided_position(&manager, &hr, "Functie C", "C").await;
    let at_d = decided_position(&manager, &hr, "Functie D", "D").await;
    Case {
        app,
        hr_actor,
        manager_actor,
        manager,
        hr,
        admin,
        at_c,
        at_d,
    }
}

async fn case() -> Case {
    case_with(TestApp::spawn().await).await
}

impl Case {
    fn file(&self, people: &[Person]) -> String {
        let mut file = format!("{HEADER}\n");
        for (employee, level, gender, hours, base, variable) in people {
            let position = if *level == "C" { self.at_c } else { self.at_d };
            file.push_str(&format!(
                "{employee},{position},{gender},{hours},{base},{variable}\n"
            ));
        }
        file
    }
}

async fn put_staff(api: &Api, year: i32, csv: &str) -> (StatusCode, Value) {
    Api::answer(
        api.request(Method::PUT, &format!("/api/v1/pay/periods/{year}/staff"))
            .header("content-type", "text/csv")
            .body(csv.to_string()),
    )
    .await
}

// The figures, computed here from the rows without the portal's code.

fn hourly(p: &Person) -> f64 {
    (p.4 + p.5) / p.3
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn gap(women: f64, men: f64) -> f64 {
    ((men - women) / men * 1000.0).round() / 10.0
}

fn of<'a>(people: &'a [Person], gender: &str) -> Vec<&'a Person> {
    people.iter().filter(|p| p.2 == gender).collect()
}

fn figure(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("a figure, not {value}"))
}

#[tokio::test]
async fn the_report_gives_the_art_9_figures_computed_from_the_staff_file() {
    let c = case().await;
    let (status, body) = put_staff(&c.hr, 2026, &c.file(&PEOPLE)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"year": 2026, "rows": 22}));

    let r =
        c.hr.expect(
            Method::GET,
            "/api/v1/pay/periods/2026/report",
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(r["year"], 2026);
    assert_eq!(r["min_group"], 5);
    assert_eq!(r["workers"], json!({"female": 10, "male": 11, "other": 1}));

    let (women, men) = (of(&PEOPLE, "F"), of(&PEOPLE, "M"));
    let hw: Vec<f64> = women.iter().map(|p| hourly(p)).collect();
    let hm: Vec<f64> = men.iter().map(|p| hourly(p)).collect();
    assert_eq!(figure(&r["mean_gap_pct"]), gap(mean(&hw), mean(&hm)));
    assert_eq!(figure(&r["median_gap_pct"]), gap(median(&hw), median(&hm)));

    // Variable pay: only those who receive any (4 women, 4 men: too few
    // for the gaps; the shares rest on all 10 women and 11 men).
    let receiving = |g: &[&Person]| g.iter().filter(|p| p.5 > 0.0).count() as f64;
    assert_eq!(receiving(&women), 4.0);
    assert_eq!(r["variable"]["mean_gap_pct"], Value::Null);
    assert_eq!(r["variable"]["median_gap_pct"], Value::Null);
    let share = |n: f64, of: usize| (n / of as f64 * 1000.0).round() / 10.0;
    assert_eq!(
        figure(&r["variable"]["female_receiving_pct"]),
        share(receiving(&women), 10)
    );
    assert_eq!(
        figure(&r["variable"]["male_receiving_pct"]),
        share(receiving(&men), 11)
    );

    // Quartile bands of 6, 6, 5, 5 over everyone sorted by hourly pay.
    let mut sorted: Vec<&Person> = PEOPLE.iter().collect();
    sorted.sort_by(|a, b| hourly(a).partial_cmp(&hourly(b)).unwrap());
    let bands = [
        &sorted[0..6],
        &sorted[6..12],
        &sorted[12..17],
        &sorted[17..22],
    ];
    let quartiles = r["quartiles"].as_array().unwrap();
    assert_eq!(quartiles.len(), 4);
    for (i, band) in bands.iter().enumerate() {
        let count = |g: &str| band.iter().filter(|p| p.2 == g).count() as f64;
        assert_eq!(quartiles[i]["quartile"], i + 1);
        assert_eq!(
            figure(&quartiles[i]["female_pct"]),
            share(count("F"), band.len())
        );
        assert_eq!(
            figure(&quartiles[i]["male_pct"]),
            share(count("M"), band.len())
        );
    }

    // Categories: C shown (and flagged), D has 4 women: withheld.
    let categories = r["categories"].as_array().unwrap();
    assert_eq!(categories.len(), 2);
    let cat_c = &categories[0];
    assert_eq!(cat_c["profile"], SLUG);
    assert_eq!(cat_c["level"], "C");
    assert_eq!(
        (cat_c["female"].clone(), cat_c["male"].clone()),
        (json!(6), json!(5))
    );
    assert_eq!(cat_c["other"], 1, "the X worker is counted, not guessed");
    let at_c: Vec<&Person> = PEOPLE.iter().filter(|p| p.1 == "C").collect();
    let base = |g: &str| {
        mean(
            &at_c
                .iter()
                .filter(|p| p.2 == g)
                .map(|p| p.4 / p.3)
                .collect::<Vec<_>>(),
        )
    };
    let variable = |g: &str| {
        mean(
            &at_c
                .iter()
                .filter(|p| p.2 == g)
                .map(|p| p.5 / p.3)
                .collect::<Vec<_>>(),
        )
    };
    let base_gap = gap(base("F"), base("M"));
    assert_eq!(figure(&cat_c["base_gap_pct"]), base_gap);
    assert_eq!(
        figure(&cat_c["variable_gap_pct"]),
        gap(variable("F"), variable("M"))
    );
    assert!(base_gap.abs() >= 5.0);
    assert_eq!(cat_c["flag"], true);
    assert_eq!(cat_c["suppressed"], false);
    assert_eq!(cat_c["justification"], Value::Null);
    let cat_d = &categories[1];
    assert_eq!(cat_d["level"], "D");
    assert_eq!(cat_d["female"], 4);
    assert_eq!(cat_d["suppressed"], true);
    assert_eq!(cat_d["base_gap_pct"], Value::Null);
    assert_eq!(cat_d["variable_gap_pct"], Value::Null);
    assert_eq!(cat_d["flag"], false);

    // The seed's grid assesses no working conditions.
    let factors = &r["factors"][SLUG];
    assert!(factors["version"].as_i64().unwrap() >= 1);
    assert!(
        factors["unassessed"]
            .as_array()
            .unwrap()
            .contains(&json!("working_conditions")),
        "{factors}"
    );
}

#[tokio::test]
async fn a_file_with_errors_names_each_by_line_and_column_and_stores_nothing() {
    let c = case().await;
    put_staff(&c.hr, 2025, &c.file(&PEOPLE[..3])).await;
    let undecided = submitted_position(&c.manager, "Nog niet beslist").await;
    let file = format!(
        "{HEADER}\n\
         EMP-01,{at_c},F,1000,40000,0\n\
         EMP-02,{at_c},V,1000,40000,0\n\
         EMP-03,{at_c},M,1000,-3,0\n\
         EMP-01,{at_c},M,1000,40000,0\n\
         EMP-05,999999,M,1000,40000,0\n\
         EMP-06,{undecided},M,1000,40000,zeven\n",
        at_c = c.at_c
    );
    let (status, body) = put_staff(&c.hr, 2025, &file).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "invalid_file");
    let found: Vec<(i64, String, String)> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_i64().unwrap(),
                f["column"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: Vec<(i64, String, String)> = [
        (3, "gender", "bad_gender"),
        (4, "base_pay", "negative"),
        (5, "employee", "duplicate"),
        (7, "variable_pay", "not_a_number"),
    ]
    .iter()
    .map(|(l, c, k)| (*l, (*c).to_string(), (*k).to_string()))
    .collect();
    assert_eq!(found, expected);
    // Line 6 (an unknown position) and the undecided one are found once
    // the rest of the file is right.
    let file =
        format!("{HEADER}\nEMP-05,999999,M,1000,40000,0\nEMP-06,{undecided},M,1000,40000,0\n");
    let (status, body) = put_staff(&c.hr, 2025, &file).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = body["error"]["fields"].as_array().unwrap();
    assert_eq!(fields[0]["line"], 2);
    assert_eq!(fields[0]["code"], "unknown_position");
    assert_eq!(fields[1]["line"], 3);
    assert_eq!(fields[1]["column"], "position");
    assert_eq!(fields[1]["code"], "undecided_position");
    assert!(!fields[1]["message"].as_str().unwrap().is_empty());
    // The year still holds the three rows stored before.
    assert_eq!(c.app.count("pay_staff").await, 3);
    assert_eq!(c.app.audit_count("pay.staff_uploaded").await, 1);
}

#[tokio::test]
async fn uploading_again_replaces_the_year_and_an_admin_can_delete_it() {
    let c = case().await;
    put_staff(&c.hr, 2026, &c.file(&PEOPLE)).await;
    put_staff(&c.hr, 2027, &c.file(&PEOPLE[..2])).await;
    let (status, body) = put_staff(&c.hr, 2026, &c.file(&PEOPLE[12..])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["rows"], 10);
    assert_eq!(c.app.count("pay_staff").await, 12);
    let r = c.hr.get("/api/v1/pay/periods/2026/report").await.1;
    assert_eq!(r["workers"], json!({"female": 4, "male": 6, "other": 0}));

    let (status, _) =
        c.hr.send(Method::DELETE, "/api/v1/pay/periods/2026", None)
            .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "HR officers do not delete a year"
    );
    let (status, _) = c
        .admin
        .send(Method::DELETE, "/api/v1/pay/periods/2026", None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(c.app.count("pay_staff").await, 2);
    let (status, body) = c.hr.get("/api/v1/pay/periods/2026/report").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
    let (status, _) = c
        .admin
        .send(Method::DELETE, "/api/v1/pay/periods/2026", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(c.app.audit_count("pay.period_deleted").await, 1);
}

#[tokio::test]
async fn managers_get_no_pay_data_and_reading_is_audited_without_references() {
    let c = case().await;
    let (status, _) = put_staff(&c.manager, 2026, &c.file(&PEOPLE)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    put_staff(&c.hr, 2026, &c.file(&PEOPLE)).await;
    let (status, _) = c.manager.get("/api/v1/pay/periods/2026/report").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = c.hr.get("/api/v1/pay/periods/2031/report").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    c.admin.get("/api/v1/pay/periods/2026/report").await;
    assert_eq!(c.app.audit_count("pay.staff_uploaded").await, 1);
    assert_eq!(c.app.audit_count("pay.report_read").await, 1);
    let details: Vec<String> =
        sqlx::query_scalar("select details::text from audit_log where action like 'pay.%'")
            .fetch_all(&c.app.pool)
            .await
            .unwrap();
    for text in details {
        assert!(
            !text.contains("EMP-"),
            "an employee reference in the log: {text}"
        );
        assert!(!text.contains("40000"), "a pay figure in the log: {text}");
    }
}

#[tokio::test]
async fn a_staff_file_must_be_sent_as_csv() {
    let c = case().await;
    let (status, body) =
        c.hr.put("/api/v1/pay/periods/2026/staff", &json!({"rows": []}))
            .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
    assert_eq!(c.app.count("pay_periods").await, 0);
}

#[tokio::test]
async fn a_higher_privacy_limit_withholds_a_category_and_the_top_figures() {
    let c = case_with(TestApp::spawn_with_config(|config| config.pay_min_group = 11).await).await;
    put_staff(&c.hr, 2026, &c.file(&PEOPLE)).await;
    let r = c.hr.get("/api/v1/pay/periods/2026/report").await.1;
    assert_eq!(r["min_group"], 11);
    // 10 women: under 11.
    assert_eq!(r["mean_gap_pct"], Value::Null);
    assert_eq!(r["median_gap_pct"], Value::Null);
    assert_eq!(r["variable"]["female_receiving_pct"], Value::Null);
    assert!(r["variable"]["male_receiving_pct"].is_f64());
    assert!(
        r["quartiles"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["female_pct"].is_null())
    );
    assert!(
        r["categories"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["suppressed"] == true)
    );
}

/// Uploads `file` for `year` through the page's form.
async fn upload_page(actor: &Actor, year: &str, file: &str) -> reqwest::Response {
    let form = reqwest::multipart::Form::new()
        .text("year", year.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(file.as_bytes().to_vec()).file_name("staff.csv"),
        );
    actor.upload("/pay", form).await
}

/// The base-pay gap of `level`'s category, computed here.
fn category_base(level: &str, gender: &str) -> f64 {
    mean(
        &PEOPLE
            .iter()
            .filter(|p| p.1 == level && p.2 == gender)
            .map(|p| p.4 / p.3)
            .collect::<Vec<_>>(),
    )
}

#[tokio::test]
async fn the_report_page_shows_the_figures_and_charts_and_a_justification_is_kept_and_audited() {
    let c = case().await;
    let answer = upload_page(&c.hr_actor, "2026", &c.file(&PEOPLE)).await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    assert_eq!(answer.headers()["location"], "/pay/2026");
    let (status, page) = c.hr_actor.page("/pay/2026").await;
    assert_eq!(status, StatusCode::OK);
    let (women, men) = (of(&PEOPLE, "F"), of(&PEOPLE, "M"));
    let hw: Vec<f64> = women.iter().map(|p| hourly(p)).collect();
    let hm: Vec<f64> = men.iter().map(|p| hourly(p)).collect();
    assert_eq!(
        page.text("#mean-gap"),
        format!("{:.1} %", gap(mean(&hw), mean(&hm)))
    );
    assert_eq!(page.text("#variable-mean-gap"), "—");
    assert_eq!(page.count("svg.pay-chart"), 2);
    assert_eq!(page.count("#quartiles tbody tr"), 4);
    // C is flagged and takes a justification; D (4 women) is withheld.
    let gaps = page.texts("#category-table .base-gap");
    assert_eq!(
        gaps,
        [
            format!(
                "{:.1} %",
                gap(category_base("C", "F"), category_base("C", "M"))
            ),
            "—".to_string()
        ]
    );
    assert!(page.text("#withheld-note").contains('5'));
    assert_eq!(page.count("section.justification"), 1);
    // The seed assesses no working conditions (Dutch is the default).
    assert!(
        page.text(".factor-warning")
            .contains("arbeidsomstandigheden"),
        "{}",
        page.text(".factor-warning")
    );

    let text = "Anciënniteit: de vrouwen in deze categorie zijn recent aangeworven.";
    let answer = c
        .hr_actor
        .post(
            "/pay/2026/justifications",
            &[("profile", SLUG), ("level", "C"), ("text", text)],
        )
        .await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    let r = c.hr.get("/api/v1/pay/periods/2026/report").await.1;
    assert_eq!(r["categories"][0]["justification"], text);
    assert_eq!(r["categories"][1]["justification"], Value::Null);
    // A category without a flag takes none; an unknown one is not found.
    let answer = c
        .hr_actor
        .post(
            "/pay/2026/justifications",
            &[("profile", SLUG), ("level", "D"), ("text", text)],
        )
        .await;
    assert_eq!(answer.status(), StatusCode::CONFLICT);
    let answer = c
        .hr_actor
        .post(
            "/pay/2026/justifications",
            &[("profile", SLUG), ("level", "A"), ("text", text)],
        )
        .await;
    assert_eq!(answer.status(), StatusCode::NOT_FOUND);
    assert_eq!(c.app.audit_count("pay.justification_saved").await, 1);
    assert_eq!(c.app.audit_count("pay.report_viewed").await, 1);
    // A re-upload of the year keeps the justification of its category.
    put_staff(&c.hr, 2026, &c.file(&PEOPLE)).await;
    let r = c.hr.get("/api/v1/pay/periods/2026/report").await.1;
    assert_eq!(r["categories"][0]["justification"], text);
}

#[tokio::test]
async fn exports_carry_the_report_with_withheld_figures_as_dashes_and_are_audited() {
    let c = case().await;
    put_staff(&c.hr, 2026, &c.file(&PEOPLE)).await;
    let answer = c.hr_actor.get("/pay/2026/report.csv").await;
    assert_eq!(answer.status(), StatusCode::OK);
    assert!(
        answer.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = answer.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let find = |figure: &str, level: &str| {
        rows.iter()
            .find(|r| &r[0] == figure && &r[2] == level)
            .unwrap_or_else(|| panic!("{figure} {level} in {text}"))
            .clone()
    };
    let base_c = find("category_base_gap", "C");
    assert_eq!(
        &base_c[6],
        format!(
            "{:.1}",
            gap(category_base("C", "F"), category_base("C", "M"))
        )
    );
    assert_eq!(&base_c[7], "shown");
    let base_d = find("category_base_gap", "D");
    assert_eq!((&base_d[6], &base_d[7]), ("—", "suppressed"));
    assert_eq!((&base_d[3], &base_d[4]), ("4", "6"));
    let variable = find("variable_mean_gap", "");
    assert_eq!((&variable[6], &variable[7]), ("—", "suppressed"));
    assert!(!text.contains("EMP-"), "no employee reference in an export");

    let answer = c.hr_actor.get("/pay/2026/report.xlsx").await;
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(
        answer.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let bytes = answer.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX file is a zip archive");
    assert_eq!(c.app.audit_count("pay.report_exported").await, 2);
    let (status, _) = c.manager_actor.page("/pay/2026/report.csv").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_art_7_view_gives_average_pay_by_gender_for_one_category_withheld_under_the_limit() {
    let c = case().await;
    put_staff(&c.hr, 2026, &c.file(&PEOPLE)).await;
    let (status, page) = c
        .hr_actor
        .page(&format!("/pay/2026/categories/{SLUG}/C"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        page.text(".female-base"),
        format!("€ {:.2}", category_base("C", "F"))
    );
    assert_eq!(
        page.text(".male-base"),
        format!("€ {:.2}", category_base("C", "M"))
    );
    assert_eq!(page.count("#withheld-note"), 0);
    let (status, page) = c
        .hr_actor
        .page(&format!("/pay/2026/categories/{SLUG}/D"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.text(".female-base"), "—");
    assert_eq!(page.text(".male-base"), "—");
    assert_eq!(page.count("#withheld-note"), 1);
    let (status, _) = c
        .hr_actor
        .page(&format!("/pay/2026/categories/{SLUG}/B"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(c.app.audit_count("pay.category_viewed").await, 2);
    let (status, _) = c
        .manager_actor
        .page(&format!("/pay/2026/categories/{SLUG}/C"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_file_with_errors_on_the_page_is_shown_with_its_problems_and_stores_nothing() {
    let c = case().await;
    let file = format!(
        "{HEADER}\nEMP-01,{},F,1000,40000,0\nEMP-02,{},Q,1000,40000,0\n",
        c.at_c, c.at_c
    );
    let answer = upload_page(&c.hr_actor, "2026", &file).await;
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = crate::support::html::Page::parse(&answer.text().await.unwrap());
    let problems = page.texts(".file-problems li");
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].contains('3') && problems[0].contains("gender"),
        "{problems:?}"
    );
    assert_eq!(c.app.count("pay_periods").await, 0);
    let answer = upload_page(&c.hr_actor, "twintig", &c.file(&PEOPLE)).await;
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(c.app.count("pay_periods").await, 0);
    let (status, _) = c.manager_actor.page("/pay").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

impl Case {
    /// `people` as a workbook: the header on the first row, numbers as
    /// numbers (as a spreadsheet keeps them), references and genders as text.
    fn workbook(&self, people: &[Person]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, name) in HEADER.split(',').enumerate() {
            sheet.write_string(0, c as u16, name).unwrap();
        }
        for (r, (employee, level, gender, hours, base, variable)) in people.iter().enumerate() {
            let r = r as u32 + 1;
            let position = if *level == "C" { self.at_c } else { self.at_d };
            sheet.write_string(r, 0, *employee).unwrap();
            sheet.write_number(r, 1, position as f64).unwrap();
            sheet.write_string(r, 2, *gender).unwrap();
            sheet.write_number(r, 3, *hours).unwrap();
            sheet.write_number(r, 4, *base).unwrap();
            sheet.write_number(r, 5, *variable).unwrap();
        }
        book.save_to_buffer().unwrap()
    }
}

async fn put_workbook(api: &Api, year: i32, bytes: Vec<u8>) -> (StatusCode, Value) {
    Api::answer(
        api.request(Method::PUT, &format!("/api/v1/pay/periods/{year}/staff"))
            .header("content-type", XLSX)
            .body(bytes),
    )
    .await
}

#[tokio::test]
async fn a_staff_workbook_gives_the_report_the_csv_file_gives_and_names_its_problems_by_row() {
    let c = case().await;
    let (status, body) = put_staff(&c.hr, 2026, &c.file(&PEOPLE)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = put_workbook(&c.hr, 2027, c.workbook(&PEOPLE)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"year": 2027, "rows": 22}));
    let mut from_csv = c.hr.get("/api/v1/pay/periods/2026/report").await.1;
    let from_workbook = c.hr.get("/api/v1/pay/periods/2027/report").await.1;
    from_csv["year"] = json!(2027);
    assert_eq!(from_workbook, from_csv);

    // Problems by the sheet's row number (the header is row 1); nothing stored.
    let mut people = PEOPLE.to_vec();
    people[2].2 = "V";
    people[5].0 = "EMP-01";
    people[9].4 = -5.0;
    let (status, body) = put_workbook(&c.hr, 2028, c.workbook(&people)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let found: Vec<(u64, &str, &str)> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["column"].as_str().unwrap(),
                f["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (4, "gender", "bad_gender"),
            (7, "employee", "duplicate"),
            (11, "base_pay", "negative")
        ]
    );
    // Bytes that say they are a workbook and are not one.
    let (status, body) = put_workbook(&c.hr, 2028, b"employee,position\n".to_vec()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["fields"][0]["code"], "unreadable_xlsx");
    let (status, _) = c.hr.get("/api/v1/pay/periods/2028/report").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The page takes a workbook too, known by its content.
    let form = reqwest::multipart::Form::new().text("year", "2029").part(
        "file",
        reqwest::multipart::Part::bytes(c.workbook(&PEOPLE)).file_name("personeel.xlsx"),
    );
    let answer = c.hr_actor.upload("/pay", form).await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    let formats: Vec<String> = sqlx::query_scalar(
        "select details->>'format' from audit_log where action = 'pay.staff_uploaded' order by id",
    )
    .fetch_all(&c.app.pool)
    .await
    .unwrap();
    assert_eq!(formats, ["csv", "xlsx", "xlsx"]);
}

#[tokio::test]
async fn a_justification_is_written_and_removed_through_the_api_with_clear_refusals() {
    let c = case().await;
    put_staff(&c.hr, 2026, &c.file(&PEOPLE)).await;
    let path = |year: i32, level: &str| {
        format!("/api/v1/pay/periods/{year}/categories/{SLUG}/{level}/justification")
    };
    let text = "Anciënniteit: de vrouwen in deze categorie zijn recent aangeworven.";
    let (status, _) = c
        .manager
        .put(&path(2026, "C"), &json!({"text": text}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, body) =
        c.hr.put(&path(2026, "C"), &json!({"text": format!("  {text}\n")}))
            .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"year": 2026, "profile": SLUG, "level": "C", "justification": text})
    );
    let r = c.hr.get("/api/v1/pay/periods/2026/report").await.1;
    assert_eq!(r["categories"][0]["justification"], text);

    // D is withheld, so not flagged; A and 2031 do not exist.
    let (status, body) = c.hr.put(&path(2026, "D"), &json!({"text": text})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "not_flagged");
    for missing in [path(2026, "A"), path(2031, "C")] {
        let (status, _) = c.hr.put(&missing, &json!({"text": text})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    }
    // Too long, a NUL, an unknown field: 422 at the field, nothing kept.
    let (status, body) =
        c.hr.put(&path(2026, "C"), &json!({"text": "x".repeat(4001)}))
            .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["error"]["fields"]["$.text"].is_string(), "{body}");
    let (status, body) =
        c.hr.put(&path(2026, "C"), &json!({"text": "a\u{0}b"}))
            .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["error"]["fields"]["$.text"].is_string(), "{body}");
    let (status, _) =
        c.hr.put(&path(2026, "C"), &json!({"text": text, "note": 1}))
            .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = c.hr.get("/api/v1/pay/periods/2026/report").await.1;
    assert_eq!(r["categories"][0]["justification"], text);

    // Empty removes it; each write is audited.
    let (status, body) = c.hr.put(&path(2026, "C"), &json!({"text": ""})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["justification"], Value::Null);
    let r = c.hr.get("/api/v1/pay/periods/2026/report").await.1;
    assert_eq!(r["categories"][0]["justification"], Value::Null);
    assert_eq!(c.app.audit_count("pay.justification_saved").await, 2);
}
