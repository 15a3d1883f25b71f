//! Signing in and acting: password hashes, access tokens, and who a request acts for.

pub mod access;
pub mod api_key;
pub mod identity;
pub mod invitation;
pub mod jwt;
pub mod password;
pub mod revocation;
pub mod visitor;

pub use access::{Admin, Agent, KeyAccess, Owner, Principal, Requirement};
pub use api_key::{KeyHash, KeyPermissions, NewKeySecret, Resource};
pub use jwt::{AccessClaims, IssuedToken, JwtKeys, TokenError};
pub use password::PasswordHasher;
pub use revocation::Revocation;
pub use visitor::{VisitorClaims, VisitorTokens};
