//! Retrieval quality on `testing/knowledge/`: every source ingested through the real
//! extraction, chunking and storage code; each question of `questions.jsonl` asked of
//! one assistant that has them all; recall@5 (the answering source among the first five
//! chunks) and MRR (1 / rank of its first chunk, within the first ten) printed for full
//! text alone and for hybrid (full text fused with the fake provider's vectors).

#![allow(clippy::print_stdout, clippy::expect_used, clippy::unwrap_used)]

use std::collections::HashMap;

use kremna_bench_knowledge::{chunks_of, database, root, store, tenant_with_assistant};
use kremna_shared::{
    embedding,
    ids::SourceId,
    knowledge::{
        extract::Format,
        retrieve::{self, QueryVector},
    },
};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let (_test, db, admin) = database().await;
    let (tenant, assistant) = tenant_with_assistant(&admin, "eval").await;
    let root = root();
    let corpus = root.join("testing/knowledge");
    let mut paths: Vec<(String, std::path::PathBuf)> = Vec::new();
    for dir in ["shop", "shop/en", "shop/tr"] {
        for entry in std::fs::read_dir(corpus.join(dir))? {
            let path = entry?.path();
            if path.is_file() {
                let name = path.strip_prefix(&corpus)?.to_string_lossy().into_owned();
                paths.push((name, path));
            }
        }
    }
    for doc in [
        "README.md",
        "docs/architecture.md",
        "docs/realtime-protocol.md",
        "docs/deploy.md",
    ] {
        paths.push((doc.to_owned(), root.join(doc)));
    }
    let mut names: HashMap<SourceId, String> = HashMap::new();
    let mut chunk_total = 0;
    for (name, path) in &paths {
        let format = Format::detect(None, Some(name)).expect("a known format");
        let text = std::fs::read_to_string(path)?;
        let chunks = chunks_of(format, &text);
        chunk_total += chunks.len();
        let id = store(&db, tenant, assistant, name, &chunks, true).await;
        names.insert(id, name.clone());
    }
    let questions: Vec<serde_json::Value> =
        std::fs::read_to_string(corpus.join("questions.jsonl"))?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(serde_json::from_str)
            .collect::<Result<_, _>>()?;
    println!(
        "corpus: {} sources, {chunk_total} chunks; {} questions",
        paths.len(),
        questions.len()
    );
    println!("{:<10} {:>9} {:>7}", "mode", "recall@5", "MRR");
    for hybrid in [false, true] {
        let (mut found, mut reciprocal) = (0usize, 0.0f64);
        let mut misses = Vec::new();
        for q in &questions {
            let question = q["question"].as_str().unwrap();
            let expected = q["source"].as_str().unwrap();
            let vector = hybrid.then(|| embedding::embed(question));
            let mut tx = db.tenant(tenant).await?;
            let hits = retrieve::search(
                &mut tx,
                assistant,
                question,
                vector.as_deref().map(|vector| QueryVector {
                    vector,
                    model: embedding::MODEL,
                    index_from_chunks: retrieve::INDEX_FROM_CHUNKS,
                }),
                10,
            )
            .await?;
            tx.commit().await?;
            let rank = hits
                .iter()
                .position(|h| names.get(&h.source_id).map(String::as_str) == Some(expected));
            match rank {
                Some(r) => {
                    if r < 5 {
                        found += 1;
                    } else {
                        misses.push(question);
                    }
                    reciprocal += 1.0 / (r as f64 + 1.0);
                }
                None => misses.push(question),
            }
        }
        let n = questions.len() as f64;
        println!(
            "{:<10} {:>9.3} {:>7.3}",
            if hybrid { "hybrid" } else { "full-text" },
            found as f64 / n,
            reciprocal / n
        );
        if std::env::var_os("EVAL_VERBOSE").is_some() {
            for m in misses {
                println!("  missed: {m}");
            }
        }
    }
    Ok(())
}
