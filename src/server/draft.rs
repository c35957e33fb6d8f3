//! A draft as a request gives it (pasted text or an uploaded file, with
//! its date and outlet), bounded, and its check run in its turn.

use super::checking::Checked;
use super::guard::Failure;
use super::App;
use axum::http::StatusCode;
use isnad::input::{document_from_bytes, Document, InputError};
use std::sync::Arc;

/// What a form or an API request submits.
#[derive(Debug, Default)]
pub(crate) struct Submitted {
    pub name: Option<String>,
    pub text: Option<String>,
    /// An uploaded file: its name as the browser gave it, and its bytes.
    pub file: Option<(String, Vec<u8>)>,
    pub date: Option<String>,
    pub outlet: Option<String>,
}

/// A name to show for an upload: the last part of what the browser sent,
/// without control characters, at most 120 characters. It is never opened.
pub(crate) fn shown_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !isnad::text::normalize::is_hidden(*c))
        .take(120)
        .collect();
    let clean = clean.trim();
    if clean.is_empty() || clean == "." || clean == ".." {
        "draft".to_string()
    } else {
        clean.to_string()
    }
}

/// The draft, or the answer that says what is wrong with the request.
pub(crate) fn document(app: &App, s: Submitted) -> Result<Document, Failure> {
    let limits = &app.limits;
    let mut doc = match (s.file, s.text.filter(|t| !t.trim().is_empty())) {
        (Some((raw, bytes)), _) if !bytes.is_empty() => {
            let name = shown_name(&raw);
            document_from_bytes(&name, &bytes, false, limits.max_body)
                .map_err(|e| unreadable(e, limits.max_body))?
        }
        (_, Some(text)) => {
            let name = s
                .name
                .as_deref()
                .map(shown_name)
                .unwrap_or_else(|| "draft".to_string());
            Document {
                id: name.clone(),
                path: name,
                text,
                ..Document::default()
            }
        }
        _ => {
            return Err(Failure::new(
                StatusCode::BAD_REQUEST,
                "no draft: paste its text or upload a .txt or .docx file",
            ))
        }
    };
    let chars = doc.text.chars().count();
    if chars > limits.max_draft_chars {
        return Err(Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "{}: {chars} characters, above this server's draft limit of {} (--max-draft-chars); check it in parts",
                doc.path, limits.max_draft_chars
            ),
        ));
    }
    if let Some(d) = s
        .date
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
    {
        if d.len() != 10 || isnad::check::days(&d).is_none() {
            return Err(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("{d:?} is not a date: write it YYYY-MM-DD (2018-03-05)"),
            ));
        }
        doc.date = Some(d);
    }
    if let Some(o) = s
        .outlet
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty())
    {
        doc.source = Some(o.chars().take(200).collect());
    }
    Ok(doc)
}

/// Check a draft in its turn and within the time limit, keep it for
/// review (`keep`: a new draft, not one read back from the store), and
/// lay the desk's decisions over its findings. Returns the checked draft
/// and its review id.
pub(crate) async fn check(
    app: &Arc<App>,
    doc: Document,
    keep: bool,
) -> Result<(Checked, String), Failure> {
    let Some(turn) = app.turn().await else {
        return Err(Failure::busy(
            "the server is busy with other checks: try again in a moment",
        ));
    };
    let a = app.clone();
    let work = tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let id = isnad::review::review_id(&doc.path, &doc.text);
        if keep {
            let draft = isnad::review::StoredDraft {
                id: id.clone(),
                name: doc.path.clone(),
                text: doc.text.clone(),
                date: doc.date.clone(),
                outlet: doc.source.clone(),
                created: isnad::output::report::Meta::now(),
            };
            a.with_store(|s| s.keep_draft(&draft))?;
        }
        let mut checked = a.checking.check(doc)?;
        a.with_store(|s| isnad::review::apply(s, &mut checked.findings))?;
        anyhow::Ok((checked, id))
    });
    match tokio::time::timeout(app.limits.timeout, work).await {
        Ok(Ok(Ok(done))) => Ok(done),
        Ok(Ok(Err(e))) => Err(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the check failed: {e:#}"),
        )),
        Ok(Err(_)) => Err(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the check stopped on a defect; please report it with the draft",
        )),
        Err(_) => Err(Failure::busy(format!(
            "the check took longer than {} s (--check-timeout); try a shorter draft or again later",
            app.limits.timeout.as_secs()
        ))),
    }
}

/// A stored draft, by review id, as a document to check again.
pub(crate) async fn stored(app: &Arc<App>, id: &str) -> Result<Document, Failure> {
    if !isnad::review::is_fingerprint(id) {
        return Err(Failure::new(StatusCode::NOT_FOUND, "no such review"));
    }
    let a = app.clone();
    let id = id.to_string();
    let found = tokio::task::spawn_blocking(move || a.with_store(|s| s.draft(&id)))
        .await
        .map_err(|_| {
            Failure::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "reading the review failed",
            )
        })?
        .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let Some(d) = found else {
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            "no such review: paste the draft again",
        ));
    };
    Ok(Document {
        id: d.name.clone(),
        path: d.name,
        text: d.text,
        date: d.date,
        source: d.outlet,
        ..Document::default()
    })
}

/// Why an upload could not be read, in the server's words: the command
/// line's advice (`--lossy`, `--max-doc-bytes`) means nothing to a person
/// at the page.
fn unreadable(e: InputError, max_body: usize) -> Failure {
    match e {
        InputError::TooLarge { path, .. } | InputError::UnpackedTooLarge { path, .. } => {
            Failure::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "{path}: larger than this server reads ({max_body} bytes, --max-body of isnad serve); paste the part to check"
                ),
            )
        }
        InputError::Utf8 { path, offset } => Failure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "{path}: not UTF-8 text (at byte {offset}); save it as UTF-8 text or as .docx, or paste its text"
            ),
        ),
        e => Failure::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()),
    }
}
