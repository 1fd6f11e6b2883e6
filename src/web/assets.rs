//! Static files, compiled into the binary and served under content-hashed
//! names (`/static/app.3f2a9c1e.css`), so browsers may keep them for a year.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::error::AppError;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../static/app.css"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/app.js"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../../static/favicon.svg"),
    },
];

struct Table {
    /// Plain name → hashed URL.
    urls: HashMap<&'static str, String>,
    /// Hashed file name → asset.
    files: HashMap<String, &'static Asset>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut urls = HashMap::new();
    let mut files = HashMap::new();
    for asset in ASSETS {
        let digest = Sha256::digest(asset.bytes);
        let hash = digest[..5].iter().fold(String::new(), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        });
        let (stem, ext) = asset.name.rsplit_once('.').unwrap_or((asset.name, ""));
        let hashed = format!("{stem}.{hash}.{ext}");
        urls.insert(asset.name, format!("/static/{hashed}"));
        files.insert(hashed, asset);
    }
    Table { urls, files }
});

/// The URL of a static file by its plain name (`"app.css"`).
pub fn url(name: &str) -> &'static str {
    TABLE
        .urls
        .get(name)
        .map_or("/static/missing", String::as_str)
}

/// `GET /static/{file}`.
pub async fn serve(Path(file): Path<String>) -> Result<Response, AppError> {
    let asset = TABLE.files.get(&file).ok_or(AppError::NotFound)?;
    Ok((
        [
            (CONTENT_TYPE, asset.content_type),
            (CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        asset.bytes,
    )
        .into_response())
}
