//! Reading a built directory into memory, compressed once.

use std::{
    collections::HashMap,
    io::Write,
    path::{Path, PathBuf},
};

use bytes::Bytes;
use sha2::{Digest, Sha256};

/// One file, ready to send.
pub struct Asset {
    pub content_type: String,
    pub etag: String,
    pub raw: Bytes,
    pub brotli: Option<Bytes>,
    pub gzip: Option<Bytes>,
}

/// Every file under a directory, by its path relative to it (`/`-separated).
#[derive(Default)]
pub struct AssetStore {
    files: HashMap<String, Asset>,
}

/// Files larger than this are left out: a built front end has none, and memory matters.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// A compressed copy is kept only if it saves at least this share.
const MIN_SAVING: f64 = 0.1;

impl AssetStore {
    /// Reads and compresses `dir` (blocking: call it from `spawn_blocking`).
    pub fn load(dir: &Path) -> std::io::Result<Self> {
        let mut files = HashMap::new();
        for path in walk(dir)? {
            let Ok(relative) = path.strip_prefix(dir) else {
                continue;
            };
            let key = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if std::fs::metadata(&path)?.len() > MAX_FILE_BYTES || key.starts_with('.') {
                continue;
            }
            let raw = std::fs::read(&path)?;
            files.insert(key, Asset::new(&path, raw));
        }
        Ok(Self { files })
    }

    pub fn get(&self, path: &str) -> Option<&Asset> {
        self.files.get(path)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl Asset {
    fn new(path: &Path, raw: Vec<u8>) -> Self {
        let mime = mime_guess::from_path(path).first_or_octet_stream();
        let textual = mime.type_() == "text"
            || matches!(
                mime.subtype().as_str(),
                "javascript" | "json" | "svg" | "xml"
            )
            || mime.suffix().is_some_and(|s| s == "xml" || s == "json");
        let content_type = if textual && mime.get_param("charset").is_none() {
            format!("{mime}; charset=utf-8")
        } else {
            mime.to_string()
        };
        let etag = format!("\"{}\"", hex::encode(&Sha256::digest(&raw)[..12]));
        let (brotli, gzip) = if textual {
            (
                worth_it(&raw, brotli_compress(&raw)),
                worth_it(&raw, gzip_compress(&raw)),
            )
        } else {
            (None, None)
        };
        Self {
            content_type,
            etag,
            raw: Bytes::from(raw),
            brotli,
            gzip,
        }
    }
}

fn worth_it(raw: &[u8], compressed: Option<Vec<u8>>) -> Option<Bytes> {
    compressed
        .filter(|c| (c.len() as f64) <= raw.len() as f64 * (1.0 - MIN_SAVING))
        .map(Bytes::from)
}

fn brotli_compress(raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &raw[..], &mut out, &params).ok()?;
    Some(out)
}

fn gzip_compress(raw: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(raw).ok()?;
    encoder.finish().ok()
}

fn walk(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() {
                out.push(entry.path());
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compresses_text_and_leaves_the_rest() {
        let dir = std::env::temp_dir().join(format!("kremna-assets-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(
            dir.join("assets/app-abcdef12.js"),
            "let x = 1;\n".repeat(500),
        )
        .unwrap();
        std::fs::write(dir.join("logo.png"), [0u8, 1, 2, 3]).unwrap();
        let store = AssetStore::load(&dir).unwrap();
        let js = store.get("assets/app-abcdef12.js").unwrap();
        assert_eq!(js.content_type, "text/javascript; charset=utf-8");
        assert!(js.brotli.as_ref().unwrap().len() < js.raw.len() / 10);
        assert!(js.gzip.as_ref().unwrap().len() < js.raw.len() / 10);
        let png = store.get("logo.png").unwrap();
        assert!(png.brotli.is_none() && png.gzip.is_none());
        assert_eq!(store.len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
