//! Signing in: password hashes and access tokens.

pub mod jwt;
pub mod password;
pub mod visitor;

pub use jwt::{AccessClaims, IssuedToken, JwtKeys, TokenError};
pub use password::PasswordHasher;
pub use visitor::{VisitorClaims, VisitorTokens};
