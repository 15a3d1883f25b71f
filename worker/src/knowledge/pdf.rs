//! Text out of a PDF (pure Rust: `pdf-extract` over `lopdf`), page by page, with a page
//! limit. A file that does not parse is `corrupt_pdf`; one that parses but cannot be
//! read (encrypted with a password, a page the reader chokes on) is `unreadable_pdf`.
//! The parser runs on a blocking thread and a panic in it is a failure of this file, not
//! of the worker.

use kremna_shared::{domain::KnowledgeFailure as F, knowledge::extract::Block};

use super::Failure;

/// The text of each page, at most `max_pages` of them.
pub fn pages(bytes: &[u8], max_pages: usize) -> Result<Vec<String>, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(bytes, max_pages)))
        .unwrap_or(Err(Failure::new(F::UnreadablePdf)))
}

fn read(bytes: &[u8], max_pages: usize) -> Result<Vec<String>, Failure> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(Failure::new(F::CorruptPdf));
    }
    let mut doc =
        pdf_extract::Document::load_mem(bytes).map_err(|_| Failure::new(F::CorruptPdf))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(Failure::new(F::UnreadablePdf));
    }
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    if numbers.is_empty() {
        return Err(Failure::new(F::CorruptPdf));
    }
    if numbers.len() > max_pages {
        return Err(Failure::limit(F::TooManyPages, max_pages));
    }
    numbers
        .into_iter()
        .map(|n| {
            let mut text = String::new();
            let mut output = pdf_extract::PlainTextOutput::new(&mut text);
            pdf_extract::output_doc_page(&doc, &mut output, n)
                .map_err(|_| Failure::new(F::UnreadablePdf))?;
            Ok(text)
        })
        .collect()
}

/// The pages as paragraphs: a line break inside a paragraph is the PDF's layout, not
/// the author's, so lines are joined; blank lines separate paragraphs.
pub fn blocks(pages: &[String]) -> Vec<Block> {
    let mut blocks = Vec::new();
    for page in pages {
        for para in page.split("\n\n") {
            let text = para.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                blocks.push(Block::Text(text));
            }
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(path: &str) -> Vec<u8> {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../testing/knowledge")
            .join(path);
        std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    }

    #[test]
    fn reads_each_page_of_a_real_pdf() {
        let pages = pages(&corpus("files/care.pdf"), 10).unwrap_or_default();
        assert_eq!(pages.len(), 2);
        assert!(pages[0].contains("Caring for your teapot"), "{pages:?}");
        assert!(pages[1].contains("airtight tin"), "{pages:?}");
        let blocks = blocks(&pages);
        assert!(blocks.len() >= 2);
    }

    #[test]
    fn refuses_too_many_pages_and_broken_files() {
        let err = pages(&corpus("files/care.pdf"), 1).err();
        assert_eq!(err, Some(Failure::limit(F::TooManyPages, 1_u32)));
        let err = pages(&corpus("files/broken.pdf"), 10).err();
        assert_eq!(err.map(|e| e.code), Some(F::CorruptPdf));
        let err = pages(b"not a pdf at all", 10).err();
        assert_eq!(err.map(|e| e.code), Some(F::CorruptPdf));
    }
}
