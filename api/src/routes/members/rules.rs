//! Who may change whose membership. Pure, so every rule has a unit test; the handlers
//! feed it roles read (and locked) inside the request's transaction.

use kremna_shared::{domain::MemberRole, ids::UserId};

/// A change to someone's membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Role(MemberRole),
    Remove,
}

/// Why a change is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The actor's role does not allow it (403).
    Forbidden(&'static str),
    /// It would leave the workspace without an owner (409).
    LastOwner,
}

pub struct Actor {
    pub user: UserId,
    pub role: MemberRole,
}

pub struct Target {
    pub user: UserId,
    pub role: MemberRole,
}

/// Checks one change. `owners` is the number of owners now (locked by the caller).
pub fn check(actor: &Actor, target: &Target, change: Change, owners: usize) -> Result<(), Refusal> {
    if !actor.role.includes(MemberRole::Admin) {
        return Err(Refusal::Forbidden("only admins and owners manage members"));
    }
    if target.role == MemberRole::Owner && actor.role != MemberRole::Owner {
        return Err(Refusal::Forbidden(
            "only an owner may change or remove an owner",
        ));
    }
    if let Change::Role(new) = change {
        if !actor.role.includes(new) {
            return Err(Refusal::Forbidden("you cannot grant a role above your own"));
        }
        if actor.user == target.user && !target.role.includes(new) {
            return Err(Refusal::Forbidden("you cannot raise your own role"));
        }
    }
    let loses_owner = target.role == MemberRole::Owner
        && match change {
            Change::Remove => true,
            Change::Role(new) => new != MemberRole::Owner,
        };
    if loses_owner && owners <= 1 {
        return Err(Refusal::LastOwner);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use MemberRole::{Admin, Agent, Owner};

    use super::*;

    fn actor(role: MemberRole) -> Actor {
        Actor {
            user: UserId::new(),
            role,
        }
    }

    fn target(role: MemberRole) -> Target {
        Target {
            user: UserId::new(),
            role,
        }
    }

    fn itself(a: &Actor) -> Target {
        Target {
            user: a.user,
            role: a.role,
        }
    }

    #[test]
    fn agents_change_nobody() {
        let a = actor(Agent);
        for role in [Owner, Admin, Agent] {
            assert!(matches!(
                check(&a, &target(role), Change::Remove, 2),
                Err(Refusal::Forbidden(_))
            ));
            assert!(matches!(
                check(&a, &itself(&a), Change::Role(role), 2),
                Err(Refusal::Forbidden(_))
            ));
        }
    }

    #[test]
    fn admins_manage_admins_and_agents_but_never_owners() {
        let a = actor(Admin);
        assert_eq!(check(&a, &target(Agent), Change::Role(Admin), 1), Ok(()));
        assert_eq!(check(&a, &target(Admin), Change::Role(Agent), 1), Ok(()));
        assert_eq!(check(&a, &target(Agent), Change::Remove, 1), Ok(()));
        assert!(matches!(
            check(&a, &target(Owner), Change::Role(Agent), 3),
            Err(Refusal::Forbidden(_))
        ));
        assert!(matches!(
            check(&a, &target(Owner), Change::Remove, 3),
            Err(Refusal::Forbidden(_))
        ));
        assert!(matches!(
            check(&a, &target(Agent), Change::Role(Owner), 1),
            Err(Refusal::Forbidden(_))
        ));
    }

    #[test]
    fn nobody_raises_themselves() {
        let a = actor(Admin);
        assert!(matches!(
            check(&a, &itself(&a), Change::Role(Owner), 1),
            Err(Refusal::Forbidden(_))
        ));
        // Lowering oneself is fine.
        assert_eq!(check(&a, &itself(&a), Change::Role(Agent), 1), Ok(()));
    }

    #[test]
    fn the_last_owner_stays() {
        let o = actor(Owner);
        assert_eq!(
            check(&o, &itself(&o), Change::Role(Admin), 1),
            Err(Refusal::LastOwner)
        );
        assert_eq!(
            check(&o, &itself(&o), Change::Remove, 1),
            Err(Refusal::LastOwner)
        );
        assert_eq!(check(&o, &itself(&o), Change::Role(Owner), 1), Ok(()));
        // With another owner, either may step down or be removed.
        assert_eq!(check(&o, &itself(&o), Change::Role(Admin), 2), Ok(()));
        assert_eq!(check(&o, &target(Owner), Change::Remove, 2), Ok(()));
        assert_eq!(check(&o, &target(Agent), Change::Role(Owner), 1), Ok(()));
    }
}
