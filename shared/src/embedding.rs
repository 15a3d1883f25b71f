//! Deterministic text embeddings with no model behind them: the demo provider's and the
//! fake Mistral's, so development and tests get vectors that behave like real ones
//! (similar texts close, unrelated texts far) without calling anybody.
//!
//! The features are the words of the text and the character trigrams of each word
//! (which let `password` meet `passwords`), hashed into a fixed number of dimensions
//! with a sign taken from the hash (collisions then cancel out instead of piling up),
//! and L2-normalised, so the dot product of two vectors is their cosine similarity.
//! The hash is FNV-1a, written out here: `std`'s hasher may change between Rust
//! releases, and these vectors may be stored.

/// The length of every vector.
pub const DIMENSIONS: usize = 512;

/// The model name the demo provider reports for these vectors. Stored vectors are tagged
/// with their model, so a change to the algorithm must change this name.
pub const MODEL: &str = "kremna-hashed-ngrams-v1";

/// A word weighs this much; each of its character trigrams weighs `TRIGRAM_WEIGHT`.
const WORD_WEIGHT: f32 = 1.0;
const TRIGRAM_WEIGHT: f32 = 0.8;

/// The embedding of `text`: [`DIMENSIONS`] numbers of unit length, or all zeros when the
/// text has no letters or digits.
pub fn embed(text: &str) -> Vec<f32> {
    let mut vector = vec![0.0_f32; DIMENSIONS];
    let lowered = text.to_lowercase();
    for word in lowered
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        add(&mut vector, b'w', word.as_bytes(), WORD_WEIGHT);
        // `<` and `>` mark the word's edges, so a word's start and end count as features.
        let chars: Vec<char> = std::iter::once('<')
            .chain(word.chars())
            .chain(std::iter::once('>'))
            .collect();
        for trigram in chars.windows(3) {
            let mut buf = [0u8; 12];
            let mut len = 0;
            for c in trigram {
                len += c.encode_utf8(&mut buf[len..]).len();
            }
            add(&mut vector, b't', &buf[..len], TRIGRAM_WEIGHT);
        }
    }
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in &mut vector {
            *x /= norm;
        }
    }
    vector
}

/// The cosine similarity of two vectors (0 when either is all zeros or the lengths differ).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norms =
        a.iter().map(|x| x * x).sum::<f32>().sqrt() * b.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norms > 0.0 { dot / norms } else { 0.0 }
}

/// Adds one feature: `kind` keeps a word and a trigram with the same bytes apart.
fn add(vector: &mut [f32], kind: u8, bytes: &[u8], weight: f32) {
    let hash = fnv1a(kind, bytes);
    // The low bits pick the dimension, the top bit the sign.
    let index = usize::try_from(hash % DIMENSIONS as u64).unwrap_or(0);
    let sign = if hash >> 63 == 0 { 1.0 } else { -1.0 };
    vector[index] += sign * weight;
}

fn fnv1a(kind: u8, bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    std::iter::once(&kind)
        .chain(bytes)
        .fold(OFFSET, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(PRIME)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn similarity(a: &str, b: &str) -> f32 {
        cosine(&embed(a), &embed(b))
    }

    #[test]
    fn vectors_are_unit_length_fixed_size_and_stable() {
        let v = embed("How do I reset my password?");
        assert_eq!(v.len(), DIMENSIONS);
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5, "{norm}");
        assert_eq!(v, embed("How do I reset my password?"));
        // Case and punctuation do not matter.
        assert_eq!(v, embed("how DO i reset my password"));
        // Pinned values: a change to the algorithm must also change `MODEL`.
        assert_eq!(fnv1a(b'w', b"password"), 0x12b6_76e4_d616_1fab);
    }

    #[test]
    fn empty_text_is_the_zero_vector() {
        assert!(embed("").iter().all(|x| *x == 0.0));
        assert!(embed(" ?! ").iter().all(|x| *x == 0.0));
        assert_eq!(similarity("", "anything"), 0.0);
    }

    #[test]
    fn similar_texts_are_close_and_unrelated_texts_far() {
        let pairs_alike = [
            (
                "How do I reset my password?",
                "I forgot my password, how can I reset it?",
            ),
            (
                "What are your opening hours on weekends?",
                "Are you open on the weekend? What hours?",
            ),
            (
                "Şifremi nasıl sıfırlarım?",
                "Şifre sıfırlama nasıl yapılır?",
            ),
        ];
        let pairs_unrelated = [
            (
                "How do I reset my password?",
                "Shipping to Germany takes three business days.",
            ),
            (
                "What are your opening hours on weekends?",
                "The invoice lists VAT separately.",
            ),
            ("Şifremi nasıl sıfırlarım?", "Kargo ücreti ne kadar?"),
        ];
        for (a, b) in pairs_alike {
            let s = similarity(a, b);
            assert!(s > 0.45, "{a:?} ~ {b:?}: {s}");
        }
        for (a, b) in pairs_unrelated {
            let s = similarity(a, b);
            assert!(s < 0.2, "{a:?} vs {b:?}: {s}");
        }
        // Word forms meet through their trigrams.
        assert!(similarity("passwords", "password") > 0.6);
    }
}
