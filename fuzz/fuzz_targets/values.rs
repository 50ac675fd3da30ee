//! Arbitrary bytes into the value parsers of `horetsu_core::import::values`
//! (the harness is behind the core's `fuzzing` feature):
//! as raw bytes (`fuzz_all` also reads 8-byte chunks as `f64` cells), as the
//! whole text, and split into fields the way a CSV or TSV row would be.
//! `fuzz_check` panics when a parser panics or breaks one of its promises.

#![no_main]

use horetsu_core::import::values::fuzz;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzz::fuzz_all(data);
    let text = String::from_utf8_lossy(data);
    fuzz::fuzz_check(&text);
    for field in text.split([',', '\t', '\n']).take(16) {
        fuzz::fuzz_check(field);
    }
});
