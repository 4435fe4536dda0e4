//! Arbitrary bytes through the WARC reader (plain and gzip): it must end, and never panic.
//! Then the same bytes as the block of a written record must read back unchanged.
#![no_main]

use std::io::Cursor;

use declutter::warc::{self, Item, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(reader) = Reader::new(Cursor::new(data)) {
        // A reader that never ends shows up as a libFuzzer timeout.
        for item in reader {
            if let Item::Record(record) = item {
                let _ = record.header("Content-Type");
            }
        }
    }
    let written = warc::record(&[("WARC-Type", "resource")], data);
    let items: Vec<Item> = Reader::new(Cursor::new(written))
        .expect("in memory")
        .collect();
    match &items[..] {
        [Item::Record(record)] => assert_eq!(record.block, data),
        other => panic!("a written record read back as {other:?}"),
    }
});
