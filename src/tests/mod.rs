//! Tests that reach inside the pipeline's stages (the integration tests in `tests/` use the
//! public API only).

mod amplification;
mod stage_amplification;
