//! A connection stays usable after any answer: the server reads a request's
//! whole body before answering, even when it answers early (`web::body`).
//! Without that, hyper closes the connection after an early answer whose
//! body is still arriving, and a client that reuses it fails with a
//! transport error (the cause of a test that failed on a busy machine).

use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::support::TestApp;

/// Reads one HTTP/1.1 answer with a `Content-Length`: its status and
/// headers (names in lowercase).
async fn answer(reader: &mut BufReader<TcpStream>) -> (u16, Vec<(String, String)>) {
    let mut status_line = String::new();
    let read = reader.read_line(&mut status_line).await.unwrap();
    assert!(read > 0, "the server closed the connection");
    let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).await.unwrap();
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').unwrap();
        headers.push((name.to_lowercase(), value.trim().to_string()));
    }
    let length: usize = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .map_or(0, |(_, value)| value.parse().unwrap());
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await.unwrap();
    (status, headers)
}

fn says_close(headers: &[(String, String)]) -> bool {
    headers
        .iter()
        .any(|(name, value)| name == "connection" && value.eq_ignore_ascii_case("close"))
}

#[tokio::test]
async fn an_early_answer_leaves_the_connection_usable_for_the_next_request() {
    let app = TestApp::spawn().await;
    let stream = TcpStream::connect(app.addr).await.unwrap();
    let mut reader = BufReader::new(stream);
    let body = r#"{"revision": 1, "padding": "...."}"#;
    let (first, rest) = body.split_at(10);
    // Refused before its body matters (no token), with half the body sent.
    let head = format!(
        "POST /api/v1/positions/rn/submit HTTP/1.1\r\nHost: test\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let stream = reader.get_mut();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(first.as_bytes()).await.unwrap();
    stream.flush().await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    stream.write_all(rest.as_bytes()).await.unwrap();
    let (status, headers) = answer(&mut reader).await;
    assert_eq!(status, 401);
    assert!(!says_close(&headers), "{headers:?}");

    // The same connection carries the next request.
    let stream = reader.get_mut();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
        .await
        .unwrap();
    let (status, _) = answer(&mut reader).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_body_that_is_not_read_is_answered_with_connection_close() {
    let app = TestApp::spawn().await;
    let stream = TcpStream::connect(app.addr).await.unwrap();
    let mut reader = BufReader::new(stream);
    // Larger than the body limit: refused without reading it.
    let head = format!(
        "POST /api/v1/positions HTTP/1.1\r\nHost: test\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        jobclass::web::BODY_LIMIT + 1
    );
    reader.get_mut().write_all(head.as_bytes()).await.unwrap();
    let (status, headers) = answer(&mut reader).await;
    assert_eq!(status, 413);
    assert!(says_close(&headers), "{headers:?}");
}
