//! Ordered parallel work on a stream: items are read one by one and handed to a thread pool
//! as they come, and the results are passed on in input order; at most a bounded number of
//! items (and bytes) are in flight, so memory stays bounded on an endless stream, and no
//! worker waits for a batch to finish while there is input left.

use std::collections::{BTreeMap, VecDeque};
use std::num::NonZeroUsize;
use std::sync::mpsc;

/// Most items in flight (read but not yet handed on).
const MAX_ITEMS: usize = 256;
/// Most input bytes in flight (one item is always let through, however large).
const MAX_BYTES: usize = 8 << 20;

/// The worker pool: `threads` threads, or one per core.
pub fn pool(threads: Option<NonZeroUsize>) -> anyhow::Result<rayon::ThreadPool> {
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = threads {
        builder = builder.num_threads(threads.get());
    }
    Ok(builder.build()?)
}

/// Runs `work` on every item of `items` on `pool` and passes the results to `sink` in input
/// order. `size` weighs an item in bytes to bound what is in flight. Stops at the first error
/// of `items` (after handing on the items before it) or of `sink`.
pub fn in_order<T, O, E>(
    pool: &rayon::ThreadPool,
    items: impl IntoIterator<Item = Result<T, E>>,
    size: impl Fn(&T) -> usize,
    work: impl Fn(T) -> O + Sync,
    sink: impl FnMut(O) -> anyhow::Result<()>,
) -> anyhow::Result<()>
where
    T: Send,
    O: Send,
    anyhow::Error: From<E>,
{
    let (done, results) = mpsc::channel::<(usize, O)>();
    let work = &work;
    // The calling thread reads and writes; the pool's threads do the work.
    pool.in_place_scope(|scope| {
        let mut out = Reorder {
            sink,
            results,
            ready: BTreeMap::new(),
            sizes: VecDeque::new(),
            next: 0,
            bytes: 0,
        };
        let mut sent = 0;
        let mut failure = None;
        for item in items {
            let item = match item {
                Ok(item) => item,
                Err(e) => {
                    failure = Some(anyhow::Error::from(e));
                    break;
                }
            };
            let bytes = size(&item);
            while sent > out.next && (sent - out.next >= MAX_ITEMS || out.bytes + bytes > MAX_BYTES)
            {
                out.wait()?;
            }
            out.sizes.push_back(bytes);
            out.bytes += bytes;
            let done = done.clone();
            let index = sent;
            scope.spawn(move |_| {
                // The receiver is gone only when the sink failed; the result is not needed.
                let _ = done.send((index, work(item)));
            });
            sent += 1;
            out.hand_on_ready()?;
        }
        while out.next < sent {
            out.wait()?;
        }
        failure.map_or(Ok(()), Err)
    })
}

/// Results that finished out of order, held until those before them are handed on.
struct Reorder<O, S> {
    sink: S,
    results: mpsc::Receiver<(usize, O)>,
    ready: BTreeMap<usize, O>,
    /// The input size of every item in flight, in order.
    sizes: VecDeque<usize>,
    /// The index of the next item to hand on.
    next: usize,
    /// Input bytes in flight.
    bytes: usize,
}

impl<O, S: FnMut(O) -> anyhow::Result<()>> Reorder<O, S> {
    /// Waits for one result, then hands on what is ready.
    fn wait(&mut self) -> anyhow::Result<()> {
        let (index, result) = self
            .results
            .recv()
            .map_err(|_| anyhow::anyhow!("a worker stopped without a result"))?;
        self.ready.insert(index, result);
        self.hand_on_ready()
    }

    /// Takes the results that have arrived and hands on those next in order.
    fn hand_on_ready(&mut self) -> anyhow::Result<()> {
        while let Ok((index, result)) = self.results.try_recv() {
            self.ready.insert(index, result);
        }
        while let Some(result) = self.ready.remove(&self.next) {
            self.next += 1;
            self.bytes -= self.sizes.pop_front().unwrap_or(0);
            (self.sink)(result)?;
        }
        Ok(())
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
