//! Text a page carries only in its metadata. A page rendered by script ships an empty shell
//! (`<div id="app">`) and, for search engines, the article in JSON-LD `articleBody`: that copy
//! is the page's content. It is used when the blocks kept from the page hold less than
//! [`MIN_KEPT_SHARE`] of its words.

use crate::block::{Block, BlockKind};

/// The page's own text is used when it holds at least this share of the `articleBody`'s
/// words; below it the page showed a teaser or a loading shell.
pub const MIN_KEPT_SHARE: f32 = 0.5;

/// An `articleBody` shorter than this many words is a summary, not the article.
pub const MIN_BODY_WORDS: usize = 20;

/// The blocks of an `articleBody` to use instead of the `kept_words` words kept from the page,
/// or nothing when the page's own text suffices. Paragraphs are the body's lines, whitespace
/// collapsed and characters normalised ([`crate::text::normalize`]).
pub fn body_blocks(body: &str, kept_words: usize) -> Vec<Block> {
    let words = body.split_whitespace().count();
    if words < MIN_BODY_WORDS || kept_words as f32 >= MIN_KEPT_SHARE * words as f32 {
        return Vec::new();
    }
    body.lines()
        .map(|line| {
            let mut line = line.split_whitespace().collect::<Vec<_>>().join(" ");
            crate::text::normalize(&mut line);
            line
        })
        .filter(|line| !line.is_empty())
        .map(|line| Block::new(BlockKind::Paragraph, line))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shell_takes_the_body_and_a_full_page_keeps_its_own() {
        let body = "First paragraph of the article, long enough to count as one.\n\n  Second   one \
                    goes on with more words about the same subject matter here.";
        let blocks = body_blocks(body, 0);
        assert_eq!(blocks.len(), 2);
        assert_eq!(
            blocks[1].text,
            "Second one goes on with more words about the same subject matter here."
        );
        assert!(body_blocks(body, 20).is_empty());
        assert!(body_blocks("A short summary.", 0).is_empty());
    }
}
