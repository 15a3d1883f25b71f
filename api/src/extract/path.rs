//! `Path<T, N>`: a path parameter that knows its public name, so a bad value is refused
//! with `details.parameter` set to the name the spec shows (`id`, `assistantId`).
//!
//! poem-openapi extracts path segments under positional names (`param0`, …) and its
//! own errors carry those; the name marker `N` (default [`name::Id`]) says the real
//! one. The derive macro recognises path parameters by a type named `Path`, hence the name.

use std::marker::PhantomData;

use poem::{Request, RequestBody};
use poem_openapi::{
    ApiExtractor, ApiExtractorType, ExtractParamOptions,
    registry::{MetaParamIn, MetaSchemaRef, Registry},
    types::ParseFromParameter,
};

use crate::error::ApiError;

/// A path parameter's public name.
pub trait ParamName: Send + Sync + 'static {
    const NAME: &'static str;
}

/// The names path parameters go by.
pub mod name {
    use super::ParamName;

    /// `{id}`: the resource the path names.
    pub struct Id;
    /// `{assistantId}` (the original product's `/chats/assistant/{assistantId}`).
    pub struct AssistantId;

    impl ParamName for Id {
        const NAME: &'static str = "id";
    }

    impl ParamName for AssistantId {
        const NAME: &'static str = "assistantId";
    }
}

pub struct Path<T, N: ParamName = name::Id>(pub T, PhantomData<N>);

impl<T, N: ParamName> Path<T, N> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T, N: ParamName> std::ops::Deref for Path<T, N> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<'a, T: ParseFromParameter, N: ParamName> ApiExtractor<'a> for Path<T, N> {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::Parameter];
    const PARAM_IS_REQUIRED: bool = T::IS_REQUIRED;

    type ParamType = T;
    type ParamRawType = T::RawValueType;

    fn register(registry: &mut Registry) {
        T::register(registry);
    }

    fn param_in() -> Option<MetaParamIn> {
        Some(MetaParamIn::Path)
    }

    fn param_schema_ref() -> Option<MetaSchemaRef> {
        Some(T::schema_ref())
    }

    fn param_raw_type(&self) -> Option<&Self::ParamRawType> {
        self.0.as_raw_value()
    }

    async fn from_request(
        request: &'a Request,
        _body: &mut RequestBody,
        param_opts: ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        let raw = request.raw_path_param(param_opts.name);
        T::parse_from_parameters(raw)
            .map(|value| Self(value, PhantomData))
            .map_err(|err| {
                ApiError::InvalidParameter {
                    name: N::NAME.to_owned(),
                    message: crate::error::describe_param_reason(&err.into_message()),
                }
                .into()
            })
    }
}
