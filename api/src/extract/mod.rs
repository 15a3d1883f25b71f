//! Request extractors: authentication, JSON bodies, the client's address.

pub mod auth;
pub mod client_ip;
pub mod json_body;
pub mod path_params;

pub use auth::BearerAuth;
pub use client_ip::client_ip;
pub use json_body::{BodyLimit, JsonBody};
