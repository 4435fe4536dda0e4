//! Ordered parallel work on a stream: items are read in bounded batches, processed on a
//! thread pool, and handed on in input order, so memory stays bounded on an endless stream.

use std::num::NonZeroUsize;

use rayon::prelude::*;

/// Most items in one batch.
const BATCH_ITEMS: usize = 256;
/// Most input bytes in one batch (a batch holds at least one item, however large).
const BATCH_BYTES: usize = 8 << 20;

/// The worker pool: `threads` threads, or one per core.
pub fn pool(threads: Option<NonZeroUsize>) -> anyhow::Result<rayon::ThreadPool> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = threads {
        builder = builder.num_threads(threads.get());
    }
    Ok(builder.build()?)
}

/// Runs `work` on every item of `items` on `pool` and passes the results to `sink` in input
/// order. `size` weighs an item in bytes to bound a batch. Stops at the first error of `items`
/// (after handing on the items before it) or of `sink`.
pub fn in_order<T, O, E>(
    pool: &rayon::ThreadPool,
    items: impl IntoIterator<Item = Result<T, E>>,
    size: impl Fn(&T) -> usize,
    work: impl Fn(T) -> O + Sync,
    mut sink: impl FnMut(O) -> anyhow::Result<()>,
) -> anyhow::Result<()>
where
    T: Send,
    O: Send,
    anyhow::Error: From<E>,
{
    let mut items = items.into_iter();
    loop {
        let mut batch = Vec::with_capacity(BATCH_ITEMS);
        let mut bytes = 0;
        let mut failure = None;
        while batch.len() < BATCH_ITEMS && bytes < BATCH_BYTES {
            match items.next() {
                None => break,
                Some(Ok(item)) => {
                    bytes += size(&item);
                    batch.push(item);
                }
                Some(Err(e)) => {
                    failure = Some(anyhow::Error::from(e));
                    break;
                }
            }
        }
        if batch.is_empty() && failure.is_none() {
            return Ok(());
        }
        let results: Vec<O> = pool.install(|| batch.into_par_iter().map(&work).collect());
        for result in results {
            sink(result)?;
        }
        if let Some(e) = failure {
            return Err(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_across_batches() {
        let pool = pool(NonZeroUsize::new(4)).unwrap();
        let mut out = Vec::new();
        in_order(
            &pool,
            (0..1000u64).map(Ok::<_, std::io::Error>),
            |_| 1,
            |i| {
                // Uneven work, so results finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                i * 2
            },
            |o| {
                out.push(o);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(out, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn stops_at_a_read_error() {
        let pool = pool(NonZeroUsize::new(2)).unwrap();
        let items = vec![Ok(1), Err(std::io::Error::other("boom")), Ok(3)];
        let mut seen = 0;
        let result = in_order(
            &pool,
            items,
            |_| 1,
            |i| i,
            |_| {
                seen += 1;
                Ok(())
            },
        );
        assert!(result.is_err());
        assert_eq!(seen, 1);
    }
}
