//! Every request body is read whole before the application answers.
//!
//! hyper keeps an HTTP/1.1 connection open after an answer only if the
//! request's body was read; when a handler answers early (a malformed
//! path, a refused token) it drains what has already arrived and, if the
//! rest is still on its way, closes the connection — after an answer that
//! did not say so. A client that reuses the connection for its next
//! request then fails with a transport error (seen under load as a flaky
//! test; any real client can see it). Reading the body first (within the
//! body limit, and the request timeout) keeps every connection usable;
//! where it cannot be read, the answer says `Connection: close`.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::CONNECTION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::LengthLimitError;

use crate::error::{AppError, Msg};

/// Middleware: reads the request body whole, then runs the request.
pub async fn read_whole(request: Request, next: Next) -> Response {
    if axum::body::HttpBody::is_end_stream(request.body()) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    match to_bytes(body, super::BODY_LIMIT).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(err) => {
            let error = if is_too_large(&err) {
                AppError::PayloadTooLarge
            } else {
                // The client stopped sending, or sent a broken encoding.
                AppError::BadRequest(Msg::new("error-bad-request"))
            };
            closing(error.into_response())
        }
    }
}

/// `response`, telling the client that this connection ends with it (the
/// rest of the request was not read).
pub fn closing(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

/// Whether reading stopped at a length limit (ours, or the body limit
/// layer's), wherever in the chain of causes it is.
fn is_too_large(err: &axum::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(error) = cause {
        if error.is::<LengthLimitError>() {
            return true;
        }
        cause = error.source();
    }
    false
}
