//! Import speed: the engine's `add_files` against raw tantivy indexing of the same paragraphs.

use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::{doc, Index, IndexWriter};

use crate::util::{en_stem_schema, write_json, Result, TempLibrary};

fn mbps(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / 1e6 / secs.max(1e-9)
}

fn tantivy_index(index: Index, paragraphs: &[&str], copies: usize) -> Result<f64> {
    let (_, text, ord) = en_stem_schema();
    let t = Instant::now();
    let mut writer: IndexWriter = index.writer(50_000_000)?;
    let mut n = 0u64;
    for _ in 0..copies {
        for p in paragraphs {
            writer.add_document(doc!(text => *p, ord => n))?;
            n += 1;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    Ok(t.elapsed().as_secs_f64())
}

pub fn run(copies: usize, json: Option<&Path>) -> Result<()> {
    let bundled = verbatim_index::library::bundled_document();
    let text = bundled.text.clone();
    let paragraphs: Vec<&str> = bundled.blocks.iter().map(|b| b.span.text(&text)).collect();
    let bytes_per_doc = text.len();
    let total_bytes = bytes_per_doc * copies;
    let para_bytes: usize = paragraphs.iter().map(|p| p.len()).sum::<usize>() * copies;

    // The engine: files on disk, one add_files call.
    let mut tl = TempLibrary::new()?;
    let files_dir = tl.dir.path().join("files");
    std::fs::create_dir_all(&files_dir)?;
    let paths: Vec<PathBuf> = (0..copies)
        .map(|i| {
            let p = files_dir.join(format!("doc-{i:04}.txt"));
            std::fs::write(&p, &text).map(|_| p)
        })
        .collect::<std::io::Result<_>>()?;
    let t = Instant::now();
    let ids = tl.import_paths(&paths)?;
    let t_engine = t.elapsed().as_secs_f64();

    // Raw tantivy, same paragraphs, en_stem: on disk (as the engine) and in RAM.
    let disk_dir = tempfile::tempdir()?;
    let (schema, _, _) = en_stem_schema();
    let t_tantivy_disk = tantivy_index(
        Index::create_in_dir(disk_dir.path(), schema.clone())?,
        &paragraphs,
        copies,
    )?;
    let t_tantivy_ram = tantivy_index(Index::create_in_ram(schema), &paragraphs, copies)?;

    // Quote extraction alone, over the same documents.
    let docs = ids
        .iter()
        .map(|id| tl.lib.document(id))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let t = Instant::now();
    let mut nq = 0usize;
    for d in &docs {
        let (quotes, _people) = verbatim_index::quotes::extract(d);
        nq += quotes.len();
    }
    let t_extract = t.elapsed().as_secs_f64();

    let build = if cfg!(debug_assertions) {
        "debug build (dependencies at opt-level 2)"
    } else {
        "release build"
    };
    println!(
        "{} documents = bundled article ({} bytes, {} blocks) x {}; {:.2} MB of text; {build}",
        docs.len(),
        bytes_per_doc,
        paragraphs.len(),
        copies,
        total_bytes as f64 / 1e6
    );
    println!();
    println!(
        "{:<52} {:>9} {:>9} {:>10}",
        "step", "seconds", "MB/s", "vs engine"
    );
    println!("{}", "-".repeat(52 + 30 + 3));
    let e = mbps(total_bytes, t_engine);
    for (name, secs, bytes) in [
        (
            "engine add_files (read, analyse, store, index)",
            t_engine,
            total_bytes,
        ),
        (
            "tantivy en_stem, same paragraphs, on disk",
            t_tantivy_disk,
            para_bytes,
        ),
        (
            "tantivy en_stem, same paragraphs, in RAM",
            t_tantivy_ram,
            para_bytes,
        ),
        (
            "quotes::extract alone (on stored documents)",
            t_extract,
            total_bytes,
        ),
    ] {
        let m = mbps(bytes, secs);
        println!("{:<52} {:>9.3} {:>9.2} {:>9.2}x", name, secs, m, m / e);
    }
    println!();
    println!(
        "raw tantivy (disk) indexes {:.1}x faster than the engine imports; quotes found by extract: {} ({} per doc)",
        mbps(para_bytes, t_tantivy_disk) / e,
        nq,
        nq / docs.len().max(1)
    );
    println!("timing is indicative: one run on a shared 2-core machine");

    write_json(
        json,
        &serde_json::json!({
            "documents": docs.len(),
            "bytes": total_bytes,
            "release": !cfg!(debug_assertions),
            "engine_add_files": {"seconds": t_engine, "mb_per_s": e},
            "tantivy_disk": {"seconds": t_tantivy_disk, "mb_per_s": mbps(para_bytes, t_tantivy_disk)},
            "tantivy_ram": {"seconds": t_tantivy_ram, "mb_per_s": mbps(para_bytes, t_tantivy_ram)},
            "quotes_extract": {"seconds": t_extract, "mb_per_s": mbps(total_bytes, t_extract), "quotes": nq},
        }),
    )
}
