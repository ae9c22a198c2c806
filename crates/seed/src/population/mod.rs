//! The tenant generator: it tells the `dev` scenarios, and the `demo` and `large` profiles add
//! sampled tenants made by it to them.
//!
//! Each generated tenant is made by its own generator, derived from the seed and the tenant's
//! number, so tenant *n* is the same whatever profile it is part of (`demo`'s tenants are the
//! first of `large`'s) and batches can be generated without the rows before them. Tenants are
//! generated and loaded in batches, so memory stays flat however many there are. On Postgres the
//! batches are generated and encoded on their own thread while the previous batch is copied in:
//! generation overlaps the server's work, and the bounded channel between them bounds memory.

mod tenant;

use crate::dev::Context;
use crate::{Encoded, Error, Loader, Result};

pub use tenant::{Rows, Scenario, Shared, generate, scenario};

/// Tenants generated and loaded together: enough rows per `COPY` to amortise its round trips
/// (about 35,000 on average), few enough to keep memory small.
pub const BATCH_TENANTS: usize = 25;

/// Batches in flight between the generator thread and the loader.
const IN_FLIGHT: usize = 2;

/// The stream number of generated tenant `index` (see [`crate::Gen::derive`]); kept apart from
/// the numbers other generators could use.
pub fn stream(index: usize) -> u64 {
    0x7E4A_0000_0000_0000 | index as u64
}

/// Generates and loads `count` tenants after the `dev` ones in `ctx`.
///
/// # Errors
///
/// As [`Loader::load`]; [`Error::Generator`] when the generator thread dies.
pub async fn load(loader: &mut Loader<'_>, ctx: &Context, seed: u64, count: usize) -> Result<()> {
    if count == 0 {
        return Ok(());
    }
    let shared = Shared::new(ctx);
    let progress = loader.progress();
    if loader.backend() != sea_orm::DbBackend::Postgres {
        let mut done = 0;
        while done < count {
            let end = (done + BATCH_TENANTS).min(count);
            for chunk in batch(&shared, seed, done..end).into_chunks() {
                loader.load_chunk(chunk).await?;
            }
            done = end;
            if let Some(p) = progress {
                p.tenants(done, count);
            }
        }
        return Ok(());
    }
    let (tx, mut rx) = tokio::sync::mpsc::channel::<(usize, Result<Vec<Encoded>>)>(IN_FLIGHT);
    let generator = std::thread::spawn(move || {
        let mut done = 0;
        while done < count {
            let end = (done + BATCH_TENANTS).min(count);
            let encoded = batch(&shared, seed, done..end)
                .into_chunks()
                .iter()
                .map(crate::Chunk::encode)
                .collect::<Result<Vec<_>>>();
            let failed = encoded.is_err();
            if tx.blocking_send((end, encoded)).is_err() || failed {
                return;
            }
            done = end;
        }
    });
    let mut done = 0;
    while let Some((end, encoded)) = rx.recv().await {
        for chunk in encoded? {
            loader.load_encoded(chunk).await?;
        }
        done = end;
        if let Some(p) = progress {
            p.tenants(done, count);
        }
    }
    drop(rx);
    if generator.join().is_err() || done < count {
        return Err(Error::Generator);
    }
    Ok(())
}

/// The rows of generated tenants `range`, merged per table.
pub fn batch(shared: &Shared, seed: u64, range: std::ops::Range<usize>) -> Rows {
    let mut rows = Rows::default();
    for index in range {
        rows.extend(generate(shared, seed, index));
    }
    rows
}
