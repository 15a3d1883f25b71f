//! `POST {base}/v1/embeddings`: `{"model", "input": [texts]}` answers
//! `{"data": [{"index", "embedding"}], "model", "usage"}`.

use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use url::Url;

use super::{Endpoint, errors};
use crate::provider::{EmbeddingProvider, Embeddings, ProviderError};

pub(super) struct Embedder {
    pub(super) endpoint: Endpoint,
    pub(super) url: Url,
    pub(super) model: String,
}

#[derive(Serialize)]
struct Body<'a> {
    model: &'a str,
    input: &'a [&'a str],
}

#[derive(Deserialize)]
struct Response {
    data: Vec<Datum>,
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    usage: Option<WireUsage>,
}

#[derive(Deserialize)]
struct Datum {
    embedding: Vec<f32>,
    #[serde(default)]
    index: Option<usize>,
}

#[derive(Deserialize)]
struct WireUsage {
    #[serde(default)]
    prompt_tokens: Option<u32>,
    #[serde(default)]
    total_tokens: Option<u32>,
}

impl EmbeddingProvider for Embedder {
    fn model(&self) -> &str {
        &self.model
    }

    fn embed<'a>(
        &'a self,
        batch: &'a [&'a str],
    ) -> BoxFuture<'a, Result<Embeddings, ProviderError>> {
        Box::pin(self.call(batch))
    }
}

impl Embedder {
    async fn call(&self, batch: &[&str]) -> Result<Embeddings, ProviderError> {
        let response = self
            .endpoint
            .post(&self.url)
            .json(&Body {
                model: &self.model,
                input: batch,
            })
            .send()
            .await
            .map_err(errors::unsent)?;
        let status = response.status();
        if !status.is_success() {
            return Err(errors::for_status(status, response).await);
        }
        let bytes = response
            .bytes()
            .await
            .map_err(|e| ProviderError::Interrupted(e.without_url().to_string()))?;
        let parsed: Response = serde_json::from_slice(&bytes)
            .map_err(|e| ProviderError::Malformed(format!("embeddings are not JSON ({e})")))?;
        Ok(Embeddings {
            vectors: in_order(parsed.data, batch.len())?,
            model: parsed.model.unwrap_or_else(|| self.model.clone()),
            prompt_tokens: parsed
                .usage
                .and_then(|u| u.prompt_tokens.or(u.total_tokens)),
        })
    }
}

/// The vectors in input order: by `index` when the server gives one, else as listed.
fn in_order(data: Vec<Datum>, expected: usize) -> Result<Vec<Vec<f32>>, ProviderError> {
    if data.len() != expected {
        return Err(ProviderError::Malformed(format!(
            "{} vectors for {expected} texts",
            data.len()
        )));
    }
    if data.iter().any(|d| d.index.is_none()) {
        return Ok(data.into_iter().map(|d| d.embedding).collect());
    }
    let mut slots: Vec<Option<Vec<f32>>> = vec![None; expected];
    for datum in data {
        let slot = datum
            .index
            .and_then(|i| slots.get_mut(i))
            .filter(|slot| slot.is_none())
            .ok_or_else(|| ProviderError::Malformed("embedding indexes do not match".into()))?;
        *slot = Some(datum.embedding);
    }
    Ok(slots.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn datum(index: Option<usize>, x: f32) -> Datum {
        Datum {
            embedding: vec![x],
            index,
        }
    }

    #[test]
    fn vectors_follow_their_index() {
        let shuffled = vec![
            datum(Some(2), 2.0),
            datum(Some(0), 0.0),
            datum(Some(1), 1.0),
        ];
        assert_eq!(
            in_order(shuffled, 3).unwrap(),
            vec![vec![0.0], vec![1.0], vec![2.0]]
        );
        let unindexed = vec![datum(None, 5.0), datum(None, 6.0)];
        assert_eq!(in_order(unindexed, 2).unwrap(), vec![vec![5.0], vec![6.0]]);
    }

    #[test]
    fn missing_duplicate_or_stray_indexes_are_malformed() {
        for data in [
            vec![datum(Some(0), 0.0)],
            vec![datum(Some(0), 0.0), datum(Some(0), 0.0)],
            vec![datum(Some(0), 0.0), datum(Some(7), 0.0)],
        ] {
            assert!(matches!(
                in_order(data, 2),
                Err(ProviderError::Malformed(_))
            ));
        }
    }
}
