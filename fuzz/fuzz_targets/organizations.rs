//! `mitra/organizations@1` (`mitra import`, `mitra match`): the reader
//! either returns organizations or problems; what it accepts, the writer
//! writes back to the same organizations.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mitra_formats::organizations;

fuzz_target!(|data: &[u8]| {
    if let Ok(orgs) = organizations::parse(data) {
        let written = organizations::write(&orgs, None);
        let again = organizations::parse(&written).expect("the writer's output reads back");
        assert_eq!(again, orgs, "a round trip changed the organizations");
    }
});
