//! Stage 3 — segmentation: a parsed document becomes a sequence of [`Block`]s in reading
//! order. Segmentation never drops visible text; only the classifier decides what goes.

pub mod html;
pub mod inline;
pub mod jsonld;
pub mod parse;
pub mod text;
pub mod unread;
