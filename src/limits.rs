//! Limits on the work one document may cause: a time budget checked at stage boundaries and
//! every few thousand nodes inside the HTML parse and walk, and the caps that keep pathological
//! pages linear (see [`MAX_DEPTH`]).

use std::time::{Duration, Instant};

use crate::error::Error;

/// Elements nested deeper than this are flattened into their ancestor at this depth (as
/// browsers do, at the same depth as Chromium): their text stays, their markup goes. It keeps
/// the parser's scope checks, which walk the stack of open elements, bounded. The result says so
/// in [`crate::Cleaned::warnings`].
pub const MAX_DEPTH: usize = 512;

/// How many nodes or tokens pass between two looks at the clock.
pub(crate) const CHECK_EVERY: usize = 4096;

/// The time one document may take, started when cleaning starts.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    start: Instant,
    limit: Option<Duration>,
}

impl Budget {
    /// A budget of `limit` from now; `None` never runs out.
    pub fn new(limit: Option<Duration>) -> Self {
        Self {
            start: Instant::now(),
            limit,
        }
    }

    /// `Err(Error::Timeout)` when the budget is spent; `stage` names where it ran out.
    pub fn check(&self, stage: &'static str) -> Result<(), Error> {
        match self.limit {
            Some(limit) if self.start.elapsed() > limit => Err(Error::Timeout {
                limit_ms: limit.as_millis().try_into().unwrap_or(u64::MAX),
                stage,
            }),
            _ => Ok(()),
        }
    }
}
