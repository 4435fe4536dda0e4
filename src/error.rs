//! Errors the library reports.

/// Why an input could not be cleaned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is not text (too many control bytes to be a page).
    #[error(
        "input looks binary, not HTML or text ({control_bytes} control bytes in the first {sampled})"
    )]
    Binary {
        /// Control bytes seen in the sample.
        control_bytes: usize,
        /// Bytes sampled.
        sampled: usize,
    },
    /// The input is larger than [`crate::Options::max_bytes`].
    #[error("input is {size} bytes, over the limit of {limit}")]
    TooLarge {
        /// Input size.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The HTML page has more nodes than [`crate::Options::max_nodes`].
    #[error("page has over {limit} HTML nodes, the limit")]
    TooManyNodes {
        /// The configured limit.
        limit: usize,
    },
    /// Cleaning took longer than [`crate::Options::timeout`].
    #[error("gave up after {limit_ms} ms, the time limit ({stage})")]
    Timeout {
        /// The configured limit in milliseconds.
        limit_ms: u64,
        /// The stage that was running.
        stage: &'static str,
    },
}
