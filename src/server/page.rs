//! The desk's pages: paste or upload a draft, read the review in place,
//! decide on each finding, sign the review off. Plain forms, no script of
//! their own: every post carries this run's form token, and the pages
//! carry the reports' Content-Security-Policy, forms allowed to post
//! only here.

use super::api::multipart;
use super::draft::{self, Submitted};
use super::guard::{same_secret, Failure, TOKEN_COOKIE};
use super::App;
use axum::extract::rejection::FormRejection;
use axum::extract::{FromRequest, Multipart, Path, Query, State};
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use isnad::check::Status;
use isnad::output::report::{self, DraftReport, Lang, Meta};
use isnad::review::NewDecision;
use minijinja::Environment;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

const PAGE: &str = include_str!("../../templates/serve.html");
const WORDS: &str = include_str!("../../templates/serve.toml");

pub(crate) fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/", get(home))
        .route("/signin", get(sign_in_page).post(sign_in_post))
        .route("/check", post(check))
        .route("/review/{id}", get(review))
        .route("/review/{id}/decide", post(decide))
        .route("/review/{id}/signoff", post(sign_off))
        .route("/review/{id}/report", get(signed_report))
}

/// The language of a request: `lang=ar|en`, else the server's.
pub(crate) fn lang_of(app: &App, asked: Option<&str>) -> Lang {
    match asked.map(str::trim) {
        Some("en") => Lang::En,
        Some("ar") => Lang::Ar,
        _ => app.lang,
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct LangQuery {
    lang: Option<String>,
    format: Option<String>,
}

fn words(l: Lang) -> &'static BTreeMap<String, String> {
    static W: OnceLock<BTreeMap<String, BTreeMap<String, String>>> = OnceLock::new();
    let all = W.get_or_init(|| toml::from_str(WORDS).expect("templates/serve.toml is valid TOML"));
    &all[l.code()]
}

fn env() -> &'static Environment<'static> {
    static E: OnceLock<Environment<'static>> = OnceLock::new();
    E.get_or_init(|| {
        let mut e = Environment::new();
        e.add_template("serve.html", PAGE)
            .expect("templates/serve.html parses");
        e
    })
}

#[derive(Serialize)]
struct PageView<'a> {
    lang: &'static str,
    dir: &'static str,
    other_lang: &'static str,
    csp: String,
    css: &'static str,
    w: &'static BTreeMap<String, String>,
    csrf: &'a str,
    /// `home`, `signin` or `error`.
    view: &'static str,
    message: String,
    references: usize,
    inputs: &'a [String],
    max_draft_chars: usize,
    next: String,
}

fn page(app: &App, l: Lang, view: &'static str, message: String, next: String) -> String {
    let v = PageView {
        lang: l.code(),
        dir: if l == Lang::Ar { "rtl" } else { "ltr" },
        other_lang: if l == Lang::Ar { "en" } else { "ar" },
        csp: isnad::output::html::served_csp(),
        css: isnad::output::html::css(),
        w: words(l),
        csrf: &app.csrf,
        view,
        message,
        references: app.checking.reference_docs,
        inputs: &app.checking.inputs,
        max_draft_chars: app.limits.max_draft_chars,
        next,
    };
    env()
        .get_template("serve.html")
        .and_then(|t| t.render(minijinja::Value::from(minijinja::value::Serde(&v))))
        .unwrap_or_else(|e| format!("the page could not be rendered: {e}"))
}

/// An HTML answer with the served pages' policy.
fn html(status: StatusCode, body: String) -> Response {
    let mut r = (status, axum::response::Html(body)).into_response();
    if let Ok(v) = HeaderValue::from_str(&isnad::output::html::served_csp()) {
        r.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
    }
    r
}

/// A failure said on a page, in the desk's language.
fn failed(app: &App, l: Lang, f: Failure) -> Response {
    let mut r = html(f.status, page(app, l, "error", f.message, String::new()));
    if f.status == StatusCode::SERVICE_UNAVAILABLE {
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
    }
    r
}

fn refused_form(app: &App, l: Lang) -> Response {
    failed(
        app,
        l,
        Failure::new(
            StatusCode::FORBIDDEN,
            "the form is out of date or came from another site: reload isnad's page and send it again",
        ),
    )
}

async fn home(State(app): State<Arc<App>>, Query(q): Query<LangQuery>) -> Response {
    let l = lang_of(&app, q.lang.as_deref());
    html(
        StatusCode::OK,
        page(&app, l, "home", String::new(), String::new()),
    )
}

/// The sign-in page of a server with a token.
pub(crate) fn sign_in(app: &App, query: Option<&str>, status: StatusCode) -> Response {
    let asked = query.and_then(|q| {
        q.split('&')
            .find_map(|kv| kv.strip_prefix("lang="))
            .map(str::to_string)
    });
    let l = lang_of(app, asked.as_deref());
    html(status, page(app, l, "signin", String::new(), String::new()))
}

async fn sign_in_page(State(app): State<Arc<App>>, Query(q): Query<LangQuery>) -> Response {
    let l = lang_of(&app, q.lang.as_deref());
    html(
        StatusCode::OK,
        page(&app, l, "signin", String::new(), String::new()),
    )
}

#[derive(Deserialize)]
struct SignInForm {
    token: String,
    csrf: String,
    #[serde(default)]
    lang: Option<String>,
}

async fn sign_in_post(
    State(app): State<Arc<App>>,
    form: Result<Form<SignInForm>, FormRejection>,
) -> Response {
    let Ok(Form(f)) = form else {
        return refused_form(&app, app.lang);
    };
    let l = lang_of(&app, f.lang.as_deref());
    if !same_secret(&f.csrf, &app.csrf) {
        return refused_form(&app, l);
    }
    match &app.token {
        Some(t) if same_secret(f.token.trim(), t) => {
            let mut r = Redirect::to(&format!("/?lang={}", l.code())).into_response();
            let c = format!("{TOKEN_COOKIE}={t}; HttpOnly; SameSite=Strict; Path=/");
            if let Ok(v) = HeaderValue::from_str(&c) {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
            r
        }
        Some(_) => html(
            StatusCode::UNAUTHORIZED,
            page(
                &app,
                l,
                "signin",
                words(l)["wrong_token"].clone(),
                String::new(),
            ),
        ),
        None => Redirect::to("/").into_response(),
    }
}

async fn check(State(app): State<Arc<App>>, req: Request<axum::body::Body>) -> Response {
    let m = match Multipart::from_request(req, &()).await {
        Ok(m) => m,
        Err(e) => {
            return failed(
                &app,
                app.lang,
                Failure::new(StatusCode::BAD_REQUEST, e.body_text()),
            )
        }
    };
    let (submitted, lang, csrf): (Submitted, _, _) = match multipart(&app, m).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let l = lang_of(&app, lang.as_deref());
    if !csrf.as_deref().is_some_and(|c| same_secret(c, &app.csrf)) {
        return refused_form(&app, l);
    }
    let doc = match draft::document(&app, submitted) {
        Ok(d) => d,
        Err(f) => return failed(&app, l, f),
    };
    match draft::check(&app, doc, true).await {
        Ok((_, id)) => Redirect::to(&format!("/review/{id}?lang={}", l.code())).into_response(),
        Err(f) => failed(&app, l, f),
    }
}

/// The review of a stored draft: checked again, with the decisions on
/// its findings; `forms` adds the forms to decide and sign off.
async fn render_review(
    app: &Arc<App>,
    id: &str,
    l: Lang,
    forms: bool,
    markdown: bool,
) -> Result<String, Failure> {
    let doc = draft::stored(app, id).await?;
    let (checked, id) = draft::check(app, doc, false).await?;
    let a = app.clone();
    let rid = id.clone();
    let signed = tokio::task::spawn_blocking(move || a.with_store(|s| s.signed_off(&rid)))
        .await
        .map_err(|_| {
            Failure::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "reading the sign-off failed",
            )
        })?
        .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let meta = Meta::new(
        app.checking.inputs.clone(),
        app.checking.reference_docs,
        checked.findings.len(),
    );
    let name = checked.doc.path.clone();
    let reports = [DraftReport {
        name: &name,
        text: &checked.doc.text,
        findings: &checked.findings,
    }];
    let desk = report::Desk {
        review: &id,
        csrf: &app.csrf,
        forms,
        signed_off: signed.as_ref(),
    };
    Ok(report::check_desk(
        !markdown,
        l,
        meta,
        &reports,
        Some(&desk),
    ))
}

async fn review(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let l = lang_of(&app, q.lang.as_deref());
    match render_review(&app, &id, l, true, false).await {
        Ok(body) => html(StatusCode::OK, body),
        Err(f) => failed(&app, l, f),
    }
}

/// What every form of the review carries: the form token and the
/// language of the page it came from.
trait Posted {
    fn csrf(&self) -> &str;
    fn lang(&self) -> Option<&str>;
}

/// A review form's fields and the page's language, or the page that says
/// what is wrong: an incomplete form, or one without this server's token.
fn posted<F: Posted>(
    app: &App,
    form: Result<Form<F>, FormRejection>,
    incomplete: &str,
) -> Result<(F, Lang), Response> {
    let Ok(Form(f)) = form else {
        return Err(failed(
            app,
            app.lang,
            Failure::new(StatusCode::BAD_REQUEST, incomplete),
        ));
    };
    let l = lang_of(app, f.lang());
    if !same_secret(f.csrf(), &app.csrf) {
        return Err(refused_form(app, l));
    }
    Ok((f, l))
}

macro_rules! posted_form {
    ($t:ty) => {
        impl Posted for $t {
            fn csrf(&self) -> &str {
                &self.csrf
            }
            fn lang(&self) -> Option<&str> {
                self.lang.as_deref()
            }
        }
    };
}
posted_form!(DecideForm);
posted_form!(SignOffForm);

#[derive(Deserialize)]
struct DecideForm {
    fingerprint: String,
    status: String,
    #[serde(default)]
    note: String,
    reviewer: String,
    csrf: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    anchor: Option<String>,
}

async fn decide(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    form: Result<Form<DecideForm>, FormRejection>,
) -> Response {
    let (f, l) = match posted(
        &app,
        form,
        "the decision form is incomplete: give a status and your name",
    ) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(status) = Status::parse(&f.status) else {
        return failed(
            &app,
            l,
            Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "{:?} is not a decision: checked, accepted or false_alarm",
                    f.status
                ),
            ),
        );
    };
    if !isnad::review::is_fingerprint(&id) {
        return failed(
            &app,
            l,
            Failure::new(StatusCode::NOT_FOUND, "no such review"),
        );
    }
    let d = NewDecision {
        fingerprint: f.fingerprint,
        status,
        note: f.note,
        reviewer: f.reviewer,
        review: Some(id.clone()),
    };
    if let Err(why) = d.validate() {
        return failed(&app, l, Failure::new(StatusCode::UNPROCESSABLE_ENTITY, why));
    }
    let a = app.clone();
    match tokio::task::spawn_blocking(move || a.with_store(|s| s.record(&d))).await {
        Ok(Ok(_)) => {
            let anchor = f
                .anchor
                .filter(|a| {
                    a.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                })
                .map(|a| format!("#{a}"))
                .unwrap_or_default();
            Redirect::to(&format!("/review/{id}?lang={}{anchor}", l.code())).into_response()
        }
        Ok(Err(e)) => failed(
            &app,
            l,
            Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        ),
        Err(_) => failed(
            &app,
            l,
            Failure::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "recording the decision failed",
            ),
        ),
    }
}

#[derive(Deserialize)]
struct SignOffForm {
    reviewer: String,
    csrf: String,
    #[serde(default)]
    lang: Option<String>,
}

async fn sign_off(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    form: Result<Form<SignOffForm>, FormRejection>,
) -> Response {
    let (f, l) = match posted(
        &app,
        form,
        "the sign-off form is incomplete: give your name",
    ) {
        Ok(x) => x,
        Err(r) => return r,
    };
    if let Err(f) = draft::stored(&app, &id).await {
        return failed(&app, l, f);
    }
    let a = app.clone();
    let rid = id.clone();
    match tokio::task::spawn_blocking(move || a.with_store(|s| s.sign_off(&rid, &f.reviewer))).await
    {
        Ok(Ok(_)) => {
            Redirect::to(&format!("/review/{id}/report?lang={}", l.code())).into_response()
        }
        Ok(Err(e)) => failed(
            &app,
            l,
            Failure::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()),
        ),
        Err(_) => failed(
            &app,
            l,
            Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "the sign-off failed"),
        ),
    }
}

async fn signed_report(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let l = lang_of(&app, q.lang.as_deref());
    let markdown = q.format.as_deref() == Some("markdown");
    match render_review(&app, &id, l, false, markdown).await {
        Ok(body) if markdown => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/markdown; charset=utf-8".to_string(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"review-{id}.md\""),
                ),
            ],
            body,
        )
            .into_response(),
        Ok(body) => {
            let mut r = (StatusCode::OK, axum::response::Html(body)).into_response();
            if let Ok(v) = HeaderValue::from_str(&isnad::output::html::report_csp()) {
                r.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
            }
            r
        }
        Err(f) => failed(&app, l, f),
    }
}
