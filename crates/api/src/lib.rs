//! `platform-api`, the reference tenant API service: an axum service built only on the public
//! crates `entity` and `domain`. Every request of a tenant runs in one
//! [`domain::TenantTxn`], opened for the tenant of its API key ([`auth`]); every error answers
//! `{"error": {"code", "message"}}` ([`error`]).
//!
//! [`app`] builds the router with its limits; [`serve`] runs it until a shutdown signal, letting
//! requests in flight finish.

pub mod auth;
pub mod config;
pub mod error;
pub mod routes;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::MatchedPath;
use axum::http::{HeaderName, Request, Response, StatusCode};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tracing::Span;

pub use config::Config;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The pool, connected as the application role.
    pub db: DatabaseConnection,
    /// Seals and opens handover credentials.
    pub sealer: Arc<domain::sealing::Sealer>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

/// Connects the pool with the configured limits (never logging the statements' values).
///
/// # Errors
///
/// When the database cannot be reached.
pub async fn connect(config: &Config) -> anyhow::Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(config.database_url.clone());
    options
        .max_connections(config.max_connections)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .idle_timeout(Duration::from_secs(300))
        .sqlx_logging(false);
    Database::connect(options).await.map_err(|e| {
        anyhow::anyhow!(
            "cannot connect to {}: {}",
            config::redact(&config.database_url),
            domain::Error::from(e)
        )
    })
}

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The router with its middleware: request ids (`x-request-id`, made when absent and echoed),
/// a trace span per request (request id, route, tenant id, status, latency; never a header
/// value), a timeout answering 503, and a bound on requests in flight.
pub fn app(state: AppState, config: &Config) -> Router {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request<_>| {
            let route = request
                .extensions()
                .get::<MatchedPath>()
                .map(MatchedPath::as_str)
                .unwrap_or("unmatched");
            let request_id = request
                .headers()
                .get(&REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            tracing::info_span!(
                "request",
                request_id,
                method = %request.method(),
                route,
                tenant_id = tracing::field::Empty,
                status = tracing::field::Empty,
                latency_ms = tracing::field::Empty,
            )
        })
        .on_request(())
        .on_response(|response: &Response<_>, latency: Duration, span: &Span| {
            span.record("status", response.status().as_u16());
            span.record("latency_ms", latency.as_secs_f64() * 1000.0);
            tracing::info!("answered");
        })
        .on_failure(());
    routes::router().with_state(state).layer(
        tower::ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(trace)
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(tower::limit::ConcurrencyLimitLayer::new(
                config.max_in_flight,
            ))
            .layer(TimeoutLayer::with_status_code(
                StatusCode::SERVICE_UNAVAILABLE,
                config.request_timeout,
            )),
    )
}

/// Serves `app` on `listener` until `shutdown` resolves; requests in flight then finish before
/// this returns.
///
/// # Errors
///
/// When serving fails.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
