//! The fixed walk: every operation once, with what it needs to succeed.

use serde_json::json;

use super::World;
use crate::support::api::{SLUG, position_body, seed_names};

/// Every operation, once with what it needs to succeed, in an order that
/// makes that possible.
pub(super) async fn walk(w: &World) -> Vec<i64> {
    let (manager, hr, admin) = (1, 2, 3);
    w.step("GET", "/api/v1/me", "/api/v1/me", manager, None, 200)
        .await;
    w.step("GET", "/api/v1/profiles", "/api/v1/profiles", 0, None, 200)
        .await;
    w.step(
        "GET",
        "/api/v1/profiles/{slug}",
        &format!("/api/v1/profiles/{SLUG}"),
        0,
        None,
        200,
    )
    .await;
    w.step(
        "GET",
        "/api/v1/profiles/{slug}/versions",
        &format!("/api/v1/profiles/{SLUG}/versions"),
        0,
        None,
        200,
    )
    .await;
    w.step(
        "GET",
        "/api/v1/profiles/{slug}/versions/{n}",
        &format!("/api/v1/profiles/{SLUG}/versions/1"),
        0,
        None,
        200,
    )
    .await;
    // A second profile, to compare across profiles.
    w.app
        .publish_seed(|doc| {
            doc.slug = "tweede-profiel".into();
            doc.title = "Tweede profiel".into();
        })
        .await;
    w.step(
        "GET",
        "/api/v1/compare",
        &format!("/api/v1/compare?profiles={SLUG},tweede-profiel&level=C&diff=full"),
        0,
        None,
        200,
    )
    .await;
    let reading = json!({"tasks": ["Verstuurt de uitnodigingen voor de vergadering"],
        "evidence": [{"criterion": "Kennis", "text": "Kent de procedures"}]});
    w.step(
        "POST",
        "/api/v1/profiles/{slug}/match",
        &format!("/api/v1/profiles/{SLUG}/match"),
        0,
        Some(&reading),
        200,
    )
    .await;
    let nothing = json!({"tasks": []});
    w.step(
        "POST",
        "/api/v1/profiles/{slug}/match",
        &format!("/api/v1/profiles/{SLUG}/match"),
        manager,
        Some(&nothing),
        422,
    )
    .await;

    let created = w
        .step(
            "POST",
            "/api/v1/positions",
            "/api/v1/positions",
            manager,
            Some(&position_body("Contract")),
            201,
        )
        .await;
    let id = created["id"].as_i64().unwrap();
    let one = "/api/v1/positions/{id}";
    let here = format!("/api/v1/positions/{id}");
    for (who, status) in [(manager, 200), (hr, 200)] {
        w.step(
            "GET",
            "/api/v1/positions/{id}/assessment",
            &format!("{here}/assessment"),
            who,
            None,
            status,
        )
        .await;
    }
    w.step(
        "GET",
        "/api/v1/positions",
        "/api/v1/positions?status=draft",
        manager,
        None,
        200,
    )
    .await;
    w.step("GET", one, &here, manager, None, 200).await;
    let mut update = position_body("Contract bijgewerkt");
    update["revision"] = created["revision"].clone();
    update.as_object_mut().unwrap().remove("profile");
    w.step("PUT", one, &here, manager, Some(&update), 200).await;
    w.step(
        "POST",
        "/api/v1/positions/{id}/submit",
        &format!("{here}/submit"),
        manager,
        None,
        200,
    )
    .await;
    w.step(
        "POST",
        "/api/v1/positions/{id}/claim",
        &format!("{here}/claim"),
        hr,
        None,
        200,
    )
    .await;
    let confirmation = "/api/v1/positions/{id}/tasks/{n}/confirmation";
    let this = format!("{here}/tasks/1/confirmation");
    let area = json!({"result_area": 2});
    w.step("POST", confirmation, &this, hr, Some(&area), 200)
        .await;
    w.step("POST", confirmation, &this, manager, Some(&area), 403)
        .await;
    w.step("DELETE", confirmation, &this, hr, None, 204).await;
    w.step("DELETE", confirmation, &this, hr, None, 404).await;
    w.step(
        "POST",
        "/api/v1/positions/{id}/comments",
        &format!("{here}/comments"),
        hr,
        Some(&json!({"body": "Een vraag"})),
        201,
    )
    .await;
    w.step(
        "POST",
        "/api/v1/positions/{id}/return",
        &format!("{here}/return"),
        hr,
        Some(&json!({"message": "Graag meer uitleg"})),
        200,
    )
    .await;
    w.step(
        "POST",
        "/api/v1/positions/{id}/submit",
        &format!("{here}/submit"),
        manager,
        Some(&json!({})),
        200,
    )
    .await;
    w.step(
        "POST",
        "/api/v1/positions/{id}/claim",
        &format!("{here}/claim"),
        hr,
        None,
        200,
    )
    .await;
    let (_, criteria) = seed_names();
    let decision = json!({
        "level": "C",
        "rationale": "Lang genoeg gemotiveerd voor een beslissing.",
        "hr_placements": [{"criterion": criteria[0], "level": "C", "note": "Zelfde"}],
    });
    w.step(
        "POST",
        "/api/v1/positions/{id}/decision",
        &format!("{here}/decision"),
        hr,
        Some(&decision),
        200,
    )
    .await;
    // An appeal: lodged once by the manager, refused to the officer who
    // decided, decided by another (the admin).
    let appeal = json!({"criteria": [{"criterion": criteria[0],
        "grounds": "Het werk vraagt meer kennis dan niveau C beschrijft, zoals blijkt uit de taken."}]});
    for status in [201, 409] {
        w.step(
            "POST",
            "/api/v1/positions/{id}/appeal",
            &format!("{here}/appeal"),
            manager,
            Some(&appeal),
            status,
        )
        .await;
    }
    let verdict =
        json!({"outcome": "upheld", "rationale": "Het niveau C blijft passen bij de taken."});
    for (who, status) in [(hr, 403), (admin, 200)] {
        w.step(
            "POST",
            "/api/v1/positions/{id}/appeal/decision",
            &format!("{here}/appeal/decision"),
            who,
            Some(&verdict),
            status,
        )
        .await;
    }
    // The manager heard of the question and the decision.
    w.step(
        "GET",
        "/api/v1/notifications",
        "/api/v1/notifications",
        manager,
        None,
        200,
    )
    .await;
    let other = w
        .step(
            "POST",
            "/api/v1/positions",
            "/api/v1/positions",
            manager,
            Some(&position_body("Ingetrokken")),
            201,
        )
        .await["id"]
        .as_i64()
        .unwrap();
    w.step(
        "POST",
        "/api/v1/positions/{id}/withdraw",
        &format!("/api/v1/positions/{other}/withdraw"),
        manager,
        None,
        200,
    )
    .await;
    let kept = w
        .step(
            "POST",
            "/api/v1/positions",
            "/api/v1/positions",
            manager,
            Some(&position_body("Blijft")),
            201,
        )
        .await["id"]
        .as_i64()
        .unwrap();

    // The draft of a profile: none, made, read, published, compared, made
    // again and discarded.
    let draft = "/api/v1/profiles/{slug}/draft";
    let draft_path = format!("/api/v1/profiles/{SLUG}/draft");
    w.step("GET", draft, &draft_path, admin, None, 404).await;
    let mut doc = w
        .step(
            "GET",
            "/api/v1/profiles/{slug}",
            &format!("/api/v1/profiles/{SLUG}"),
            0,
            None,
            200,
        )
        .await;
    for key in ["version", "status", "published_at"] {
        doc.as_object_mut().unwrap().remove(key);
    }
    doc["purpose"] = json!("Een nieuw doel.");
    w.step("PUT", draft, &draft_path, admin, Some(&doc), 200)
        .await;
    let read = w.step("GET", draft, &draft_path, admin, None, 200).await;
    w.step(
        "POST",
        "/api/v1/profiles/{slug}/draft/publish",
        &format!("{draft_path}/publish"),
        admin,
        Some(&json!({"change_note": "Doel", "revision": read["revision"]})),
        200,
    )
    .await;
    w.step(
        "GET",
        "/api/v1/profiles/{slug}/diff",
        &format!("/api/v1/profiles/{SLUG}/diff?from=1&to=2"),
        0,
        None,
        200,
    )
    .await;
    w.step("PUT", draft, &draft_path, admin, Some(&doc), 200)
        .await;
    w.step("DELETE", draft, &draft_path, admin, None, 204).await;

    // Pay transparency: a year's staff file (on the position decided
    // above; `call` sends the string as text/csv), a refused file, the
    // report, the year deleted.
    let staff = "/api/v1/pay/periods/{year}/staff";
    let file = json!(format!(
        "employee,position,gender,annual_hours,base_pay,variable_pay\nE1,{id},F,1000,40000,0\n"
    ));
    w.step(
        "PUT",
        staff,
        "/api/v1/pay/periods/2026/staff",
        manager,
        Some(&file),
        403,
    )
    .await;
    w.step(
        "PUT",
        staff,
        "/api/v1/pay/periods/2026/staff",
        hr,
        Some(&file),
        200,
    )
    .await;
    let wrong = json!("employee,position\nE1,x\n");
    w.step(
        "PUT",
        staff,
        "/api/v1/pay/periods/2026/staff",
        hr,
        Some(&wrong),
        422,
    )
    .await;
    // One woman: her category is withheld, so unflagged: no justification
    // to write (409), removing one is fine.
    let justification = "/api/v1/pay/periods/{year}/categories/{profile}/{level}/justification";
    let category = format!("/api/v1/pay/periods/2026/categories/{SLUG}/C/justification");
    let text = json!({"text": "Anciënniteit in de graad."});
    w.step("PUT", justification, &category, hr, Some(&text), 409)
        .await;
    w.step(
        "PUT",
        justification,
        &category,
        hr,
        Some(&json!({"text": ""})),
        200,
    )
    .await;
    w.step(
        "GET",
        "/api/v1/pay/periods/{year}/report",
        "/api/v1/pay/periods/2026/report",
        hr,
        None,
        200,
    )
    .await;
    w.step(
        "DELETE",
        "/api/v1/pay/periods/{year}",
        "/api/v1/pay/periods/2026",
        admin,
        None,
        204,
    )
    .await;
    vec![id, other, kept]
}
