//! The flattened-text front-end: lines become blocks.
//!
//! A naive scraper writes one paragraph per line with blank lines between blocks. Each
//! non-blank line is a block, except that hard-wrapped prose (a line cut mid-sentence followed
//! by a line starting in lowercase) is joined back into one block. Lines keep their exact
//! text up to character normalisation ([`crate::text::normalized`]: NFC, no soft hyphens or
//! control characters), so the output is a subsequence of the input lines.

use crate::block::{Block, BlockKind};
use crate::error::Error;
use crate::limits::{Budget, CHECK_EVERY};
use crate::text::{Ending, ending};

/// Flattened text has about one block per this many bytes (a paragraph with the blank line
/// after it); only the first reservation depends on it.
const EXPECTED_BLOCK_BYTES: usize = 128;

/// Splits flattened text into blocks, looking at the time budget every 4,096 lines
/// (`Error::Timeout` when it runs out).
pub fn segment(input: &str, budget: &Budget) -> Result<Vec<Block>, Error> {
    let newlines = memchr::memchr_iter(b'\n', input.as_bytes());
    // Room for the blocks of ordinary text up front; more as they come. (One block per line
    // would reserve a block for every line of a file of blank lines.)
    let mut blocks: Vec<Block> = Vec::with_capacity(input.len() / EXPECTED_BLOCK_BYTES + 1);
    let mut joinable = false;
    let mut start = 0;
    for (n, end) in newlines.chain([input.len()]).enumerate() {
        if n % CHECK_EVERY == CHECK_EVERY - 1 {
            budget.check("segmenting text")?;
        }
        // A line keeps its `\r` until it is trimmed at the end, which leaves a line with any
        // visible character not empty.
        let line = crate::text::normalized(input[start..end].trim_end());
        let line = line.trim_end();
        start = end + 1;
        if line.is_empty() {
            joinable = false;
            continue;
        }
        let continues = joinable
            && line
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        match blocks.last_mut() {
            Some(last) if continues => {
                last.text.push('\n');
                last.text.push_str(line);
            }
            _ => blocks.push(Block::new(kind_of(line), line)),
        }
        // Only long lines that stop mid-sentence are taken for hard wrapping.
        joinable = at_least_chars(line, 40) && ending(line) == Ending::Open;
    }
    Ok(blocks)
}

/// Whether `line` has at least `n` characters, counting only when its byte length leaves it
/// open (a character is 1 to 4 bytes).
fn at_least_chars(line: &str, n: usize) -> bool {
    line.len() >= 4 * n || (line.len() >= n && line.chars().count() >= n)
}

/// A line that starts with a bullet or a number and a dot is a list item.
fn kind_of(line: &str) -> BlockKind {
    let trimmed = line.trim_start();
    let depth = u8::try_from((line.len() - trimmed.len()) / 2).unwrap_or(u8::MAX);
    let mut chars = trimmed.chars();
    let first = chars.next();
    let second = chars.next();
    // An en dash opens dialogue and quotes in many languages, so it is not a bullet.
    if matches!(first, Some('*' | '-' | '+' | '•' | '·')) && second == Some(' ') {
        return BlockKind::ListItem {
            ordered: false,
            depth,
        };
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) && trimmed[digits..].starts_with(". ") {
        return BlockKind::ListItem {
            ordered: true,
            depth,
        };
    }
    BlockKind::Paragraph
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_blocks_and_wrapped_prose_is_joined() {
        let text = "Title\n\n* Home\n* News\n\nA long line of prose that is wrapped by the scraper and\ncontinues here.\n";
        let blocks = segment(text, &Budget::new(None)).unwrap();
        let texts: Vec<_> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Title",
                "* Home",
                "* News",
                "A long line of prose that is wrapped by the scraper and\ncontinues here."
            ]
        );
        assert!(matches!(
            blocks[1].kind,
            BlockKind::ListItem { ordered: false, .. }
        ));
    }

    #[test]
    fn numbered_lines_are_ordered_items() {
        let blocks = segment("1. Mix the flour.\n2. Bake.", &Budget::new(None)).unwrap();
        assert!(matches!(
            blocks[0].kind,
            BlockKind::ListItem { ordered: true, .. }
        ));
    }
}
