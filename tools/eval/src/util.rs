//! Shared helpers: importing text into a temporary library, offsets, the BM25 baseline.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, INDEXED, STORED,
};
use tantivy::{doc, Index, IndexWriter, TantivyDocument};
use verbatim_index::{Document, Library, OpenOptions};

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// An empty library in a temporary folder (removed when dropped).
pub struct TempLibrary {
    pub lib: Library,
    pub dir: tempfile::TempDir,
}

impl TempLibrary {
    pub fn new() -> Result<TempLibrary> {
        let dir = tempfile::tempdir()?;
        let lib = Library::open(dir.path().join("library"), OpenOptions { empty: true })?;
        Ok(TempLibrary { lib, dir })
    }

    /// Writes `text` to `<name>.txt` and imports it; returns the stored document.
    pub fn import_text(&mut self, name: &str, text: &str) -> Result<Document> {
        let path = self.dir.path().join(format!("{name}.txt"));
        std::fs::write(&path, text)?;
        let ids = self.import_paths(&[path])?;
        let id = ids.first().ok_or("import added no document")?;
        Ok(self.lib.document(id)?)
    }

    /// Imports files; returns the ids added, failing if any file was refused.
    pub fn import_paths(&mut self, paths: &[PathBuf]) -> Result<Vec<String>> {
        let report = self
            .lib
            .add_files(paths, &AtomicBool::new(false), &mut |_| {})?;
        if let Some(e) = report.failed.first() {
            return Err(format!("import refused a file: {e}").into());
        }
        Ok(report.added.into_iter().map(|d| d.id).collect())
    }
}

/// Byte offset of every code point index of `text`, plus one past the end.
pub fn cp_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

pub fn write_json(path: Option<&Path>, value: &serde_json::Value) -> Result<()> {
    if let Some(path) = path {
        std::fs::write(path, serde_json::to_vec_pretty(value)?)?;
        println!("\nnumbers written to {}", path.display());
    }
    Ok(())
}

/// A schema of one `en_stem` text field (positions kept; stored when `store_text`) and an
/// ordinal.
pub fn en_stem_schema(store_text: bool) -> (Schema, Field, Field) {
    let mut sb = Schema::builder();
    let mut opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    if store_text {
        opts = opts.set_stored();
    }
    let text = sb.add_text_field("text", opts);
    let ord = sb.add_u64_field("ord", INDEXED | STORED);
    (sb.build(), text, ord)
}

/// Plain BM25 over `texts` (one tantivy document each, tokenizer `en_stem`), in RAM.
pub struct Bm25 {
    index: Index,
    reader: tantivy::IndexReader,
    text: Field,
    ord: Field,
}

impl Bm25 {
    pub fn build<S: AsRef<str>>(texts: &[S]) -> Result<Bm25> {
        let (schema, text, ord) = en_stem_schema(false);
        let index = Index::create_in_ram(schema);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 20_000_000)?;
        for (i, t) in texts.iter().enumerate() {
            writer.add_document(doc!(text => t.as_ref(), ord => i as u64))?;
        }
        writer.commit()?;
        let reader = index.reader()?;
        Ok(Bm25 {
            index,
            reader,
            text,
            ord,
        })
    }

    /// Indexes of the top `k` texts for `query`, best first (lenient query parsing).
    pub fn search(&self, query: &str, k: usize) -> Result<Vec<usize>> {
        let searcher = self.reader.searcher();
        let parser = QueryParser::for_index(&self.index, vec![self.text]);
        let (q, _errors) = parser.parse_query_lenient(query);
        let top = searcher.search(&q, &TopDocs::with_limit(k))?;
        let mut out = Vec::with_capacity(top.len());
        for (_score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            let i = d
                .get_first(self.ord)
                .and_then(|v| v.as_u64())
                .ok_or("stored ord missing")?;
            out.push(i as usize);
        }
        Ok(out)
    }
}

/// Ranking quality: recall@1, recall@3 and mean reciprocal rank over questions.
#[derive(Debug, Default, Clone, Copy)]
pub struct Ranks {
    pub n: usize,
    pub at1: usize,
    pub at3: usize,
    pub rr: f64,
}

impl Ranks {
    /// `rank` is 0-based, None when no returned item is a hit.
    pub fn push(&mut self, rank: Option<usize>) {
        self.n += 1;
        if let Some(r) = rank {
            if r < 1 {
                self.at1 += 1;
            }
            if r < 3 {
                self.at3 += 1;
            }
            self.rr += 1.0 / (r as f64 + 1.0);
        }
    }
    pub fn r1(&self) -> f64 {
        ratio(self.at1, self.n)
    }
    pub fn r3(&self) -> f64 {
        ratio(self.at3, self.n)
    }
    pub fn mrr(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.rr / self.n as f64
        }
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({"n": self.n, "recall_at_1": self.r1(), "recall_at_3": self.r3(), "mrr": self.mrr()})
    }
}

pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}
