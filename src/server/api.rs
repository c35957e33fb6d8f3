//! The JSON API (docs/api.md): check a draft, record a decision, health,
//! and the OpenAPI description of it all.

use super::draft::{self, Submitted};
use super::guard::error;
use super::App;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, State};
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use isnad::review::NewDecision;
use serde::Deserialize;
use std::sync::Arc;

const OPENAPI: &str = include_str!("openapi.json");

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/v1/check", post(check))
        .route("/api/v1/decisions", post(decide))
        .route("/api/v1/health", get(health))
        .route("/api/v1/openapi.json", get(openapi))
}

/// The body of `POST /api/v1/check` as JSON.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRequest {
    text: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    outlet: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let v = v.split(';').next().unwrap_or("").trim();
            v.eq_ignore_ascii_case("application/json")
        })
}

fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"))
}

fn parse<T: for<'de> Deserialize<'de>>(headers: &HeaderMap, body: &[u8]) -> Result<T, Response> {
    if !is_json(headers) {
        return Err(error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send JSON with `Content-Type: application/json`",
        ));
    }
    serde_json::from_slice(body).map_err(|e| {
        error(
            StatusCode::BAD_REQUEST,
            format!("the body is not the JSON this endpoint takes: {e} (docs/api.md)"),
        )
    })
}

/// Too large a body, said the same way by every endpoint.
fn too_large(app: &App) -> Response {
    error(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!(
            "the request is larger than this server's limit of {} bytes (--max-body)",
            app.limits.max_body
        ),
    )
}

async fn body(app: &App, req: Request<Body>) -> Result<(HeaderMap, Bytes), Response> {
    let headers = req.headers().clone();
    let bytes = Bytes::from_request(req, &())
        .await
        .map_err(|_| too_large(app))?;
    Ok((headers, bytes))
}

/// The fields of a multipart check.
pub(crate) async fn multipart(
    app: &App,
    mut m: Multipart,
) -> Result<(Submitted, Option<String>, Option<String>), Response> {
    let mut s = Submitted::default();
    let (mut lang, mut csrf) = (None, None);
    loop {
        let field = match m.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large(app)),
            Err(e) => {
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    format!("the form could not be read: {e}"),
                ))
            }
        };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let data = match field.bytes().await {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => return Err(too_large(app)),
            Err(e) => {
                return Err(error(
                    StatusCode::BAD_REQUEST,
                    format!("the form could not be read: {e}"),
                ))
            }
        };
        let text = || String::from_utf8_lossy(&data).into_owned();
        match name.as_str() {
            "file" => s.file = Some((file_name.unwrap_or_else(|| "draft".into()), data.to_vec())),
            "text" => s.text = Some(text()),
            "name" => s.name = Some(text()),
            "date" => s.date = Some(text()),
            "outlet" => s.outlet = Some(text()),
            "lang" => lang = Some(text()),
            "csrf" => csrf = Some(text()),
            _ => {}
        }
    }
    Ok((s, lang, csrf))
}

async fn check(State(app): State<Arc<App>>, req: Request<Body>) -> Response {
    let (submitted, lang) = if is_multipart(req.headers()) {
        let m = match Multipart::from_request(req, &()).await {
            Ok(m) => m,
            Err(e) => return error(StatusCode::BAD_REQUEST, e.body_text()),
        };
        match multipart(&app, m).await {
            Ok((s, lang, _)) => (s, lang),
            Err(r) => return r,
        }
    } else {
        let (headers, bytes) = match body(&app, req).await {
            Ok(b) => b,
            Err(r) => return r,
        };
        let r: CheckRequest = match parse(&headers, &bytes) {
            Ok(r) => r,
            Err(r) => return r,
        };
        (
            Submitted {
                name: r.name,
                text: Some(r.text),
                file: None,
                date: r.date,
                outlet: r.outlet,
            },
            r.lang,
        )
    };
    let lang = super::page::lang_of(&app, lang.as_deref());
    let doc = match draft::document(&app, submitted) {
        Ok(d) => d,
        Err(f) => return f.json(),
    };
    let (checked, review) = match draft::check(&app, doc, true).await {
        Ok(c) => c,
        Err(f) => return f.json(),
    };
    let findings: Vec<serde_json::Value> = checked
        .findings
        .iter()
        .map(|f| isnad::output::json::finding_value(f, lang))
        .collect();
    let verdicts: serde_json::Map<String, serde_json::Value> =
        isnad::check::counts(&checked.findings)
            .into_iter()
            .map(|(v, n)| (v.as_str().to_string(), n.into()))
            .collect();
    Json(serde_json::json!({
        "type": "check",
        "schema": isnad::SCHEMA,
        "draft": checked.doc.path,
        "review": review,
        "review_url": format!("/review/{review}"),
        "findings": findings,
        "summary": {
            "references": app.checking.reference_docs,
            "attributions": checked.findings.len(),
            "verdicts": verdicts,
        },
    }))
    .into_response()
}

async fn decide(State(app): State<Arc<App>>, req: Request<Body>) -> Response {
    let (headers, bytes) = match body(&app, req).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let d: NewDecision = match parse(&headers, &bytes) {
        Ok(d) => d,
        Err(r) => return r,
    };
    if let Err(why) = d.validate() {
        return error(StatusCode::UNPROCESSABLE_ENTITY, why);
    }
    let a = app.clone();
    match tokio::task::spawn_blocking(move || a.with_store(|s| s.record(&d))).await {
        Ok(Ok(decision)) => (StatusCode::CREATED, Json(decision)).into_response(),
        Ok(Err(e)) => error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "recording the decision failed",
        ),
    }
}

async fn health(State(app): State<Arc<App>>) -> Response {
    Json(serde_json::json!({
        "status": "ok",
        "schema": isnad::SCHEMA,
        "version": env!("CARGO_PKG_VERSION"),
        "references": app.checking.reference_docs,
    }))
    .into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}
