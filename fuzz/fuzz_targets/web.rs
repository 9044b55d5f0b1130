//! The web application's forms and JSON API through its real router,
//! signed in as the roles that may use each route (see
//! `mitra_web::fuzzing`): no answer may be a 5xx.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: mitra_fuzz::let_calamine_panics_unwind(), |data: &[u8]| {
    mitra_web::fuzzing::request(data);
});
