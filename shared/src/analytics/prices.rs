//! Estimated cost per model: USD per million prompt and completion tokens. Defaults are
//! Mistral's published list prices when this was written; operators override or extend
//! them with `MODEL_PRICES` (`model=input/output,…`). A model with no price is reported
//! as unpriced rather than as free.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModelPrice {
    pub input_per_million: f64,
    pub output_per_million: f64,
}

impl ModelPrice {
    /// Cost in USD of the given token counts.
    #[allow(clippy::cast_precision_loss)]
    pub fn cost(&self, prompt_tokens: i64, completion_tokens: i64) -> f64 {
        (prompt_tokens as f64 * self.input_per_million
            + completion_tokens as f64 * self.output_per_million)
            / 1_000_000.0
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PriceTable {
    prices: BTreeMap<String, ModelPrice>,
}

const DEFAULT_PRICES: &[(&str, f64, f64)] = &[
    ("mistral-large-latest", 2.0, 6.0),
    ("mistral-medium-latest", 0.4, 2.0),
    ("mistral-small-latest", 0.1, 0.3),
    ("ministral-8b-latest", 0.1, 0.1),
    ("ministral-3b-latest", 0.04, 0.04),
    ("open-mistral-nemo", 0.15, 0.15),
    ("codestral-latest", 0.3, 0.9),
    ("pixtral-12b-latest", 0.15, 0.15),
];

impl Default for PriceTable {
    fn default() -> Self {
        Self {
            prices: DEFAULT_PRICES
                .iter()
                .map(|&(model, input, output)| {
                    (
                        model.to_owned(),
                        ModelPrice {
                            input_per_million: input,
                            output_per_million: output,
                        },
                    )
                })
                .collect(),
        }
    }
}

impl PriceTable {
    /// The defaults with `spec` (`model=input/output,…`) laid over them.
    pub fn with_overrides(spec: &str) -> Result<Self, String> {
        let mut table = Self::default();
        for entry in spec.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (model, price) = entry
                .split_once('=')
                .ok_or_else(|| format!("`{entry}` is not `model=input/output`"))?;
            let (input, output) = price
                .split_once('/')
                .ok_or_else(|| format!("`{entry}` is not `model=input/output`"))?;
            let parse = |v: &str| {
                v.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|p| p.is_finite() && *p >= 0.0)
                    .ok_or_else(|| format!("`{entry}`: prices must be non-negative numbers"))
            };
            let model = model.trim();
            if model.is_empty() {
                return Err(format!("`{entry}` names no model"));
            }
            table.prices.insert(
                model.to_owned(),
                ModelPrice {
                    input_per_million: parse(input)?,
                    output_per_million: parse(output)?,
                },
            );
        }
        Ok(table)
    }

    pub fn price(&self, model: &str) -> Option<ModelPrice> {
        self.prices.get(model).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_costs() {
        let table = PriceTable::with_overrides("mistral-small-latest=0.2/0.6, my-llm=1/2").unwrap();
        let small = table.price("mistral-small-latest").unwrap();
        assert!((small.cost(1_000_000, 500_000) - 0.5).abs() < 1e-9);
        assert!(table.price("my-llm").is_some());
        assert!(table.price("mistral-large-latest").is_some());
        assert!(table.price("unknown").is_none());
        assert!(PriceTable::with_overrides("broken").is_err());
        assert!(PriceTable::with_overrides("m=-1/2").is_err());
        assert!(PriceTable::with_overrides("=1/2").is_err());
    }
}
