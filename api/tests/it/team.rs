//! The team: members, roles, invitations by link, switching workspaces, and the
//! signed-in user's own settings.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Account, TestApp};

const PASSWORD: &str = "correct horse battery";

/// Creates an invitation as `by` and returns its token.
pub(crate) async fn invite(app: &TestApp, by: &Account, role: &str) -> String {
    let reply = app
        .post("/invitations", Some(&by.token), json!({ "role": role }))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "invite: {}", reply.body);
    let token = reply.body["token"].as_str().unwrap().to_owned();
    assert_eq!(
        reply.body["url"],
        format!("http://kremna.test/invite/{token}"),
        "{}",
        reply.body
    );
    token
}

/// Accepts `token` with a new account called `name`.
pub(crate) async fn join_new(app: &TestApp, token: &str, name: &str) -> (Account, Value) {
    let email = format!(
        "{name}-{}@example.com",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let reply = app
        .post(
            "/invitations/accept/register",
            None,
            json!({ "token": token, "email": email, "password": PASSWORD, "full_name": name }),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "accept: {}", reply.body);
    let account = Account {
        token: reply.body["access_token"].as_str().unwrap().to_owned(),
        tenant: reply.body["tenant"]["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap(),
        user: reply.body["user"]["id"].as_str().unwrap().parse().unwrap(),
        email,
    };
    (account, reply.body)
}

/// An owner with an admin and an agent in the same workspace.
async fn team(app: &TestApp) -> (Account, Account, Account) {
    let owner = app.register("owner").await;
    let token = invite(app, &owner, "admin").await;
    let (admin, _) = join_new(app, &token, "admin").await;
    let token = invite(app, &owner, "agent").await;
    let (agent, _) = join_new(app, &token, "agent").await;
    (owner, admin, agent)
}

fn roles(list: &Value) -> Vec<(String, String)> {
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["full_name"].as_str().unwrap().to_owned(),
                m["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn members_are_listed_with_their_roles() {
    let app = TestApp::spawn().await;
    let (owner, admin, agent) = team(&app).await;
    assert_eq!(owner.tenant, admin.tenant);
    assert_eq!(owner.tenant, agent.tenant);
    let list = app.get("/members", &agent.token).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert_eq!(
        roles(&list.body),
        [
            ("owner".to_owned(), "owner".to_owned()),
            ("admin".to_owned(), "admin".to_owned()),
            ("agent".to_owned(), "agent".to_owned()),
        ]
    );
}

#[tokio::test]
async fn the_role_matrix_holds() {
    let app = TestApp::spawn().await;
    let (owner, admin, agent) = team(&app).await;
    let member = |a: &Account| format!("/members/{}", a.user);

    // Agents change nobody, not even themselves, and cannot edit assistants.
    for target in [&owner, &admin, &agent] {
        let r = app
            .patch(&member(target), &agent.token, json!({ "role": "admin" }))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        let r = app.delete(&member(target), &agent.token).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    }
    let r = app
        .post(
            "/invitations",
            Some(&agent.token),
            json!({ "role": "agent" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post("/assistants", Some(&agent.token), json!({ "name": "nope" }))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Admins cannot touch owners, make owners, or raise themselves.
    let r = app
        .patch(&member(&owner), &admin.token, json!({ "role": "agent" }))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app.delete(&member(&owner), &admin.token).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app
        .patch(&member(&agent), &admin.token, json!({ "role": "owner" }))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app
        .patch(&member(&admin), &admin.token, json!({ "role": "owner" }))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app
        .post(
            "/invitations",
            Some(&admin.token),
            json!({ "role": "owner" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);

    // Admins manage agents: promote, demote.
    let r = app
        .patch(&member(&agent), &admin.token, json!({ "role": "admin" }))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["role"], "admin");
    let r = app
        .patch(&member(&agent), &admin.token, json!({ "role": "agent" }))
        .await;
    assert_eq!(r.body["role"], "agent");

    // The demoted role applies at once, whatever the token says.
    let r = app
        .patch(&member(&admin), &owner.token, json!({ "role": "agent" }))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app.delete(&member(&agent), &admin.token).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);

    // Owners do everything, including making owners.
    let r = app
        .patch(&member(&admin), &owner.token, json!({ "role": "owner" }))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app.delete(&member(&agent), &owner.token).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    // A removed member loses access at once.
    let r = app.get("/members", &agent.token).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    let list = app.get("/members", &owner.token).await;
    assert_eq!(list.body["data"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn the_last_owner_cannot_leave_or_step_down() {
    let app = TestApp::spawn().await;
    let (owner, admin, _) = team(&app).await;
    let me = format!("/members/{}", owner.user);
    let r = app
        .patch(&me, &owner.token, json!({ "role": "admin" }))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(r.error_code(), "last_owner");
    let r = app.delete(&me, &owner.token).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(r.error_code(), "last_owner");

    // With a second owner, the first may step down; then the second is the last.
    let r = app
        .patch(
            &format!("/members/{}", admin.user),
            &owner.token,
            json!({ "role": "owner" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .patch(&me, &owner.token, json!({ "role": "admin" }))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .delete(&format!("/members/{}", admin.user), &admin.token)
        .await;
    assert_eq!(r.error_code(), "last_owner");
}

#[tokio::test]
async fn two_owners_demoting_each_other_at_once_leave_one_owner() {
    let app = TestApp::spawn().await;
    let (a, b, _) = team(&app).await;
    let r = app
        .patch(
            &format!("/members/{}", b.user),
            &a.token,
            json!({ "role": "owner" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let (path_a, path_b) = (
        format!("/members/{}", a.user),
        format!("/members/{}", b.user),
    );
    for _ in 0..5 {
        let (ra, rb) = tokio::join!(
            app.patch(&path_b, &a.token, json!({ "role": "admin" })),
            app.patch(&path_a, &b.token, json!({ "role": "admin" })),
        );
        let ok = [&ra, &rb]
            .iter()
            .filter(|r| r.status == StatusCode::OK)
            .count();
        let owners = roles(&app.get("/members", &a.token).await.body)
            .into_iter()
            .filter(|(_, role)| role == "owner")
            .count();
        // Whoever lost the race may now be an admin and refused with 403; never zero owners.
        assert!(owners >= 1, "no owner left ({ok} succeeded)");
        if owners == 1 {
            break;
        }
    }
}

#[tokio::test]
async fn another_workspace_s_members_and_invitations_answer_404() {
    let app = TestApp::spawn().await;
    let (owner_a, _, agent_a) = team(&app).await;
    let owner_b = app.register("owner-b").await;
    let a_invitation = app
        .post(
            "/invitations",
            Some(&owner_a.token),
            json!({ "role": "agent" }),
        )
        .await
        .body["invitation"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let attempts = [
        (
            Method::PATCH,
            format!("/members/{}", agent_a.user),
            Some(json!({ "role": "admin" })),
        ),
        (Method::DELETE, format!("/members/{}", agent_a.user), None),
        (Method::DELETE, format!("/invitations/{a_invitation}"), None),
    ];
    for (method, path, body) in attempts {
        let r = app
            .request(method.clone(), &path, Some(&owner_b.token), body)
            .await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{method} {path}: {}",
            r.body
        );
        assert_eq!(r.error_code(), "not_found");
    }
    // B's lists show none of A's rows.
    let members = app.get("/members", &owner_b.token).await;
    assert_eq!(
        roles(&members.body),
        [("owner-b".to_owned(), "owner".to_owned())]
    );
    let invitations = app.get("/invitations", &owner_b.token).await;
    assert_eq!(invitations.body["data"], json!([]));
    // A's member is untouched and A's invitation still pending.
    let a_list = app.get("/invitations", &owner_a.token).await;
    assert_eq!(a_list.body["data"].as_array().unwrap().len(), 1);
    // Switching to a workspace one does not belong to looks like no workspace.
    let r = app
        .post(
            "/auth/switch",
            Some(&owner_b.token),
            json!({ "tenant_id": owner_a.tenant }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
}

#[tokio::test]
async fn an_invitation_grants_its_role_once() {
    let app = TestApp::spawn().await;
    let owner = app.register("owner").await;
    let token = invite(&app, &owner, "admin").await;

    let preview = app
        .post("/invitations/preview", None, json!({ "token": token }))
        .await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    assert_eq!(preview.body["role"], "admin");
    assert_eq!(preview.body["workspace_id"], owner.tenant.to_string());

    let pending = app.get("/invitations", &owner.token).await;
    assert_eq!(pending.body["data"].as_array().unwrap().len(), 1);
    assert!(pending.body["data"][0].get("token").is_none());

    let (joined, session) = join_new(&app, &token, "newcomer").await;
    assert_eq!(joined.tenant, owner.tenant);
    assert_eq!(session["tenant"]["role"], "admin");
    // The new member can act as an admin at once.
    let r = app
        .post(
            "/assistants",
            Some(&joined.token),
            json!({ "name": "theirs" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    // Used: no longer pending, and a second use fails.
    let pending = app.get("/invitations", &owner.token).await;
    assert_eq!(pending.body["data"], json!([]));
    let again = app
        .post(
            "/invitations/accept/register",
            None,
            json!({ "token": token, "email": "second@example.com", "password": PASSWORD, "full_name": "Second" }),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "{}", again.body);
    assert_eq!(again.error_code(), "invitation_invalid");
    let preview = app
        .post("/invitations/preview", None, json!({ "token": token }))
        .await;
    assert_eq!(preview.error_code(), "invitation_invalid");
    // The refused attempt created no account.
    let login = app
        .post(
            "/auth/login",
            None,
            json!({ "email": "second@example.com", "password": PASSWORD }),
        )
        .await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn racing_for_one_link_lets_one_person_in() {
    let app = TestApp::spawn().await;
    let owner = app.register("owner").await;
    let token = invite(&app, &owner, "agent").await;
    let attempt = |n: u32| {
        let token = token.clone();
        let app = &app;
        async move {
            app.post(
                "/invitations/accept/register",
                None,
                json!({ "token": token, "email": format!("racer{n}@example.com"),
                        "password": PASSWORD, "full_name": format!("Racer {n}") }),
            )
            .await
            .status
        }
    };
    let results = futures::future::join_all((0..4).map(attempt)).await;
    let created = results
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "{results:?}");
    let members = app.get("/members", &owner.token).await;
    assert_eq!(members.body["data"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn expired_and_revoked_invitations_do_not_work() {
    let app = TestApp::spawn().await;
    let owner = app.register("owner").await;
    let expired = invite(&app, &owner, "agent").await;
    let admin = app.db.admin_pool().await;
    sqlx::query("UPDATE invitations SET expires_at = now() - interval '1 second'")
        .execute(&admin)
        .await
        .unwrap();
    let revoked = invite(&app, &owner, "agent").await;
    let id = app.get("/invitations", &owner.token).await.body["data"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = app
        .delete(&format!("/invitations/{id}"), &owner.token)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = app
        .delete(&format!("/invitations/{id}"), &owner.token)
        .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "revoking twice: {}",
        r.body
    );

    for token in [expired.as_str(), revoked.as_str(), "not-a-token"] {
        let r = app
            .post(
                "/invitations/accept/register",
                None,
                json!({ "token": token, "email": "late@example.com", "password": PASSWORD, "full_name": "Late" }),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{token}: {}", r.body);
        assert_eq!(r.error_code(), "invitation_invalid");
    }
    assert_eq!(
        app.get("/invitations", &owner.token).await.body["data"],
        json!([])
    );
    assert_eq!(
        app.get("/members", &owner.token).await.body["data"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn an_existing_account_joins_and_switches_workspaces() {
    let app = TestApp::spawn().await;
    let owner_a = app.register("owner-a").await;
    let owner_b = app.register("owner-b").await;
    let token = invite(&app, &owner_a, "agent").await;

    // A wrong password joins nobody and leaves the link usable.
    let wrong = app
        .post(
            "/invitations/accept/login",
            None,
            json!({ "token": token, "email": owner_b.email, "password": "wrong password" }),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "{}", wrong.body);
    let joined = app
        .post(
            "/invitations/accept/login",
            None,
            json!({ "token": token, "email": owner_b.email, "password": PASSWORD }),
        )
        .await;
    assert_eq!(joined.status, StatusCode::CREATED, "{}", joined.body);
    assert_eq!(joined.body["tenant"]["id"], owner_a.tenant.to_string());
    assert_eq!(joined.body["tenant"]["role"], "agent");
    assert_eq!(joined.body["workspaces"].as_array().unwrap().len(), 2);

    // Already a member: a second link is refused and stays unused.
    let second = invite(&app, &owner_a, "admin").await;
    let r = app
        .post(
            "/invitations/accept/login",
            None,
            json!({ "token": second, "email": owner_b.email, "password": PASSWORD }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(r.error_code(), "already_member");
    assert_eq!(
        app.get("/invitations", &owner_a.token).await.body["data"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // `me` lists both workspaces; switching issues a token for the other one.
    let me = app.get("/auth/me", &owner_b.token).await;
    assert_eq!(me.body["workspaces"].as_array().unwrap().len(), 2);
    let switched = app
        .post(
            "/auth/switch",
            Some(&owner_b.token),
            json!({ "tenant_id": owner_a.tenant }),
        )
        .await;
    assert_eq!(switched.status, StatusCode::OK, "{}", switched.body);
    assert_eq!(switched.body["tenant"]["role"], "agent");
    let in_a = switched.body["access_token"].as_str().unwrap();
    let me = app.get("/auth/me", in_a).await;
    assert_eq!(me.body["tenant"]["id"], owner_a.tenant.to_string());
    // In A they are an agent: A's team is read-only to them.
    let r = app
        .patch(
            &format!("/members/{}", owner_a.user),
            in_a,
            json!({ "role": "agent" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // And back, with the token for A.
    let back = app
        .post(
            "/auth/switch",
            Some(in_a),
            json!({ "tenant_id": owner_b.tenant }),
        )
        .await;
    assert_eq!(back.body["tenant"]["role"], "owner");
}

#[tokio::test]
async fn settings_change_the_workspace_profile_and_password() {
    let app = TestApp::spawn().await;
    let (owner, admin, agent) = team(&app).await;

    // Workspace name: admins and owners; agents read it only.
    let r = app
        .patch(
            "/workspace",
            &agent.token,
            json!({ "name": "Agents' place" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .patch("/workspace", &admin.token, json!({ "name": "  " }))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error_field(), "name");
    let r = app
        .patch(
            "/workspace",
            &admin.token,
            json!({ "name": "Acme Support" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        app.get("/workspace", &agent.token).await.body["name"],
        "Acme Support"
    );
    let other = app.register("other").await;
    assert_ne!(
        app.get("/workspace", &other.token).await.body["name"],
        "Acme Support"
    );

    // Profile: the e-mail stays unique.
    let r = app
        .patch(
            "/auth/me",
            &agent.token,
            json!({ "email": owner.email.to_uppercase() }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(r.error_code(), "email_taken");
    let r = app
        .patch(
            "/auth/me",
            &agent.token,
            json!({ "full_name": "Ayşe Yılmaz", "email": "ayse@example.com" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["full_name"], "Ayşe Yılmaz");
    assert_eq!(r.body["email"], "ayse@example.com");

    // Password: the current one is required.
    let r = app
        .post(
            "/auth/me/password",
            Some(&agent.token),
            json!({ "current_password": "not it at all", "new_password": "a brand new passphrase" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.error_code(), "wrong_password");
    let r = app
        .post(
            "/auth/me/password",
            Some(&agent.token),
            json!({ "current_password": PASSWORD, "new_password": "short" }),
        )
        .await;
    assert_eq!(r.error_field(), "new_password");
    let r = app
        .post(
            "/auth/me/password",
            Some(&agent.token),
            json!({ "current_password": PASSWORD, "new_password": "a brand new passphrase" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let old = app
        .post(
            "/auth/login",
            None,
            json!({ "email": "ayse@example.com", "password": PASSWORD }),
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = app
        .post(
            "/auth/login",
            None,
            json!({ "email": "ayse@example.com", "password": "a brand new passphrase" }),
        )
        .await;
    assert_eq!(new.status, StatusCode::OK, "{}", new.body);
}
