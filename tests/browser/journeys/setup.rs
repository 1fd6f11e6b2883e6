//! The harness checks itself: JavaScript is really off when a journey says
//! so, injected scripts run despite the page's Content-Security-Policy
//! (which still stops inline scripts), and every page check fails on a
//! page that breaks it, with and without JavaScript.

use serde_json::json;

use crate::axe::problems;
use crate::harness::{Journey, Js, run};

#[tokio::test]
async fn pages_run_javascript_only_in_journeys_that_allow_it() {
    for (name, js) in [("setup-js", Js::On), ("setup-nojs", Js::Off)] {
        run(name, js, async |j: &Journey| {
            let b = j.browser("reader").await;
            b.goto("/", "catalogue").await;
            // app.js marks the document; an inline script cannot run at all.
            let class = b.attr("html", "class").await.unwrap_or_default();
            assert_eq!(
                class.contains("js"),
                js == Js::On,
                "class {class:?} with {js:?}"
            );
        })
        .await;
    }
}

#[tokio::test]
async fn injected_scripts_run_under_the_content_security_policy_but_inline_scripts_do_not() {
    run("setup-csp", Js::On, async |j: &Journey| {
        let response = j.app.get("/").await;
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(csp.contains("script-src 'self'"), "{csp}");

        let b = j.browser("reader").await;
        b.goto("/", "catalogue").await;
        let inline_ran = b
            .script(
                "const s = document.createElement('script');
                 s.textContent = 'window.inlineRan = true';
                 document.head.append(s);
                 return window.inlineRan === true",
                vec![],
            )
            .await;
        assert_eq!(inline_ran, json!(false), "the CSP stops inline scripts");
        let axe = b.script("return typeof window.axe", vec![]).await;
        assert_eq!(axe, json!("object"), "axe-core was injected for the checks");
    })
    .await;
}

#[tokio::test]
async fn every_page_check_fails_on_a_page_that_breaks_it() {
    for (name, js) in [("setup-broken-js", Js::On), ("setup-broken-nojs", Js::Off)] {
        run(name, js, async |j: &Journey| {
            let b = j.browser("reader").await;
            b.goto("/", "catalogue").await;
            // Styles through the CSSOM, which the CSP allows.
            b.script(
                "const main = document.getElementById('main');
                 main.insertAdjacentHTML('beforeend',
                   '<h1>Second</h1><img src=\"/static/none.png\">'
                   + '<input type=\"text\" name=\"unlabelled\"><div id=\"too-wide\">wide</div>');
                 document.getElementById('too-wide').style.width = '1000px';
                 const link = document.querySelector('.cards a');
                 link.style.setProperty('outline', 'none', 'important');
                 link.style.setProperty('box-shadow', 'none', 'important');
                 document.body.insertAdjacentHTML('afterbegin', '<a href=\"/elsewhere\">first</a>');",
                vec![],
            )
            .await;
            let found = problems(&b).await.join("\n");
            for expected in [
                "expected exactly one h1, found 2",
                "not a skip link to #main",
                "a form field has no label",
                "no visible focus indicator: <a href=\"/profiles/",
                "axe \"image-alt\"",
                "scrolls sideways at 390 px",
            ] {
                assert!(found.contains(expected), "{expected:?} not in:\n{found}");
            }
        })
        .await;
    }
}
