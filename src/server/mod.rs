//! `isnad serve`: the desk's page and the JSON API over one checker.
//!
//! A thin front end like the command line: it reads a draft from a form
//! or a request, calls the library to extract and check it, keeps the
//! desk's decisions with [`isnad::review`], and renders with
//! [`isnad::output`]. Everything that could take the machine is bounded
//! here ([`Limits`]): the body of a request, the length of a draft, the
//! checks running at once, the checks waiting (a busy server answers 503
//! at once), and the time of one check. It reads no path a request names:
//! an upload is its bytes, and its name is only shown.

// A handler's early answer is the axum `Response` it returns, as axum
// itself does; boxing it would only add noise.
#![allow(clippy::result_large_err)]

mod api;
mod checking;
mod draft;
mod guard;
mod page;

pub(crate) use checking::{fixture_references, Checking, Refs};

use axum::Router;
use isnad::output::report::Lang;
use isnad::review::Decisions;
use std::cell::RefCell;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// What bounds the server.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// The longest draft, in characters.
    pub max_draft_chars: usize,
    /// Checks running at once.
    pub max_checks: usize,
    /// Checks waiting for a turn; one more is answered 503 at once.
    pub max_queue: usize,
    /// The longest one check may take.
    pub timeout: Duration,
}

/// The server's state, shared by every request.
pub(crate) struct App {
    pub checking: Checking,
    /// Where decisions and reviewed drafts are kept: a SQLite file or a
    /// `postgres://` URL.
    pub decisions: String,
    /// The token every request but the health check must carry, when set.
    pub token: Option<String>,
    /// The token of this run's forms, against cross-site posts.
    pub csrf: String,
    pub limits: Limits,
    pub lang: Lang,
    running: Arc<Semaphore>,
    in_flight: Arc<AtomicUsize>,
}

/// A check's turn, given back when dropped: it goes with the check to the
/// thread that runs it, so a check past its time still holds its turn
/// until it ends.
pub(crate) struct Turn {
    in_flight: Arc<AtomicUsize>,
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

impl App {
    pub fn new(
        checking: Checking,
        decisions: String,
        token: Option<String>,
        limits: Limits,
        lang: Lang,
    ) -> App {
        App {
            checking,
            decisions,
            token,
            csrf: guard::random_token(),
            running: Arc::new(Semaphore::new(limits.max_checks.max(1))),
            in_flight: Arc::new(AtomicUsize::new(0)),
            limits,
            lang,
        }
    }

    /// Wait for a turn to check, or `None` at once when as many checks as
    /// the server runs and queues are already there.
    pub async fn turn(&self) -> Option<Turn> {
        let before = self.in_flight.fetch_add(1, Ordering::SeqCst);
        if before >= self.limits.max_checks + self.limits.max_queue {
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        match self.running.clone().acquire_owned().await {
            Ok(permit) => Some(Turn {
                in_flight: self.in_flight.clone(),
                _permit: permit,
            }),
            Err(_) => {
                self.in_flight.fetch_sub(1, Ordering::SeqCst);
                None
            }
        }
    }

    /// Work with the decision store (a file is made on first use). Each
    /// worker thread keeps its connection for the next request, as it
    /// keeps its archive; one that failed is opened afresh next time.
    pub fn with_store<T>(
        &self,
        work: impl FnOnce(&mut dyn Decisions) -> isnad::review::Result<T>,
    ) -> isnad::review::Result<T> {
        thread_local! {
            static STORE: RefCell<Option<(String, Box<dyn Decisions>)>> = const { RefCell::new(None) };
        }
        STORE.with(|cell| {
            let mut cell = cell.borrow_mut();
            if cell
                .as_ref()
                .is_none_or(|(spec, _)| *spec != self.decisions)
            {
                *cell = Some((
                    self.decisions.clone(),
                    isnad::review::open(&self.decisions)?,
                ));
            }
            let (_, store) = cell.as_mut().expect("opened above");
            let done = work(store.as_mut());
            if done.is_err() {
                *cell = None;
            }
            done
        })
    }
}

/// The whole application: pages, API, and the guards around them.
pub(crate) fn router(app: Arc<App>) -> Router {
    Router::new()
        .merge(page::routes())
        .merge(api::routes())
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::guard,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(app.limits.max_body))
        .with_state(app)
}

/// Serve until interrupted (Ctrl-C or SIGTERM); `ready` is told the bound
/// address.
pub(crate) fn serve(app: App, bind: SocketAddr) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("isnad-serve")
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .map_err(|e| anyhow::anyhow!("{bind}: cannot listen there: {e}"))?;
        let addr = listener.local_addr()?;
        let app = Arc::new(app);
        eprintln!(
            "isnad serve: http://{addr}/ ({} reference document(s), decisions in {}); Ctrl-C stops it",
            app.checking.reference_docs,
            isnad::archive::display_name(&app.decisions)
        );
        axum::serve(
            listener,
            router(app).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown())
        .await?;
        Ok(())
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
