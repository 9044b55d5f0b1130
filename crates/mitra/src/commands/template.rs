//! `mitra template`: the registration workbook to hand out.

use super::write_atomically;
use crate::cli::TemplateArgs;
use crate::failure::{Failure, Outcome};
use mitra_sheets::SheetFormat;

pub fn run(args: TemplateArgs) -> Outcome {
    let name = args.output.display().to_string();
    let format = SheetFormat::from_file_name(&name).ok_or_else(|| {
        Failure::bad_input([format!("-o {name}: the file must end in .xlsx or .csv")])
    })?;
    let bytes = mitra_sheets::template::write_registration(&[], &[], format)
        .map_err(anyhow::Error::from)?;
    write_atomically(&args.output, &bytes)?;
    eprintln!("wrote the registration template {name}");
    Ok(())
}
