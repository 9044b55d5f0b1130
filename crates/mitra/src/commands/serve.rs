//! `mitra serve`: the web application.

use super::open_existing;
use crate::cli::ServeArgs;
use crate::failure::Outcome;

pub async fn run(args: ServeArgs) -> Outcome {
    let store = open_existing(&args.database.url).await?;
    serve(store, &args.addr).await
}

pub async fn serve(store: mitra_store::Store, addr: &str) -> Outcome {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        crate::failure::Failure::bad_input([format!("--addr {addr}: cannot listen: {e}")])
    })?;
    let local = listener.local_addr()?;
    eprintln!("Mitra is serving on http://{local}/ (Ctrl-C to stop)");
    mitra_web::serve(listener, store).await?;
    Ok(())
}
