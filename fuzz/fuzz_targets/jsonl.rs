//! One JSON Lines line through the `--jsonl` record handling: whatever the line, the output is
//! one JSON object — the record with its cleaned fields, or an error record.
#![no_main]

use declutter::{Options, jsonl};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use serde_json::value::to_raw_value;

fuzz_target!(|data: &[u8]| {
    let line = jsonl::strip_line_break(data);
    let out = match jsonl::clean_record(line, "html", &Options::default()) {
        Ok((record, cleaned)) => {
            let fields = vec![
                ("clean", to_raw_value(&cleaned.text()).unwrap()),
                (
                    "declutter",
                    to_raw_value(&declutter::render::json(&cleaned, true)).unwrap(),
                ),
            ];
            jsonl::with_fields(line, record, fields)
        }
        Err(failure) => {
            jsonl::error_record(&failure.message, 1, Some("in"), failure.record.as_ref())
        }
    };
    assert!(!out.contains('\n'), "an output record spans lines: {out}");
    match serde_json::from_str::<Value>(&out) {
        Ok(Value::Object(map)) => {
            assert!(
                map.contains_key("clean") || map.contains_key("error"),
                "{out}"
            );
        }
        other => panic!("output is not a JSON object: {other:?} from {out}"),
    }
});
