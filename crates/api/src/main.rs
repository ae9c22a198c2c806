//! `platform-api`: reads the configuration from the environment, connects as the application
//! role, serves until SIGTERM. See the `api` crate's docs.

use std::process::ExitCode;

use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .json()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_current_span(true)
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), "platform-api stopped");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let config = api::Config::from_env()?;
    let db = api::connect(&config).await?;
    let state = api::AppState {
        db,
        sealer: config.sealer.clone(),
    };
    let app = api::app(state, &config);
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    tracing::info!(addr = %listener.local_addr()?, config = ?config, "platform-api listening");
    api::serve(listener, app, api::shutdown_signal()).await?;
    Ok(())
}
