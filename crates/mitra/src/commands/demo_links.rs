//! `mitra demo` prints ready sign-in links, one per role, so a newcomer can
//! try every role at once: the demo organizer (also with a fresh
//! password), a Lampung company, the Shandong host it is best matched with,
//! the Lampung delegation lead and an interpreter. Demo only: the links
//! are single-use and expire after a week.

use crate::failure::Outcome;
use mitra_core::ids::PersonId;
use mitra_core::organization::Side;
use mitra_core::people::Role;
use mitra_store::Store;
use std::time::Duration;

const VALID: Duration = Duration::from_secs(7 * 24 * 3600);

/// Prints the links for the demo event, with `addr` as the server's
/// address (`127.0.0.1:8080`).
pub async fn print(store: &Store, addr: &str) -> Outcome {
    let Some(event) = store.events().await?.into_iter().find(|e| e.demo) else {
        return Ok(());
    };
    let event = event.id;
    let people = store.people(&event).await?;
    let orgs = store.organizations(&event).await?;
    let meetings = store.meetings(&event).await?;
    let rep_of = |org: &mitra_core::ids::OrgId| {
        people
            .iter()
            .find(|p| p.role == Role::CompanyRep(org.clone()))
    };
    let guest = orgs
        .iter()
        .filter(|o| {
            o.side == Side::Guest
                && o.delegation
                    .as_ref()
                    .is_some_and(|d| d.as_str() == "lampung")
        })
        .find(|o| rep_of(&o.id).is_some());
    let mut host = None;
    if let Some(g) = guest {
        for r in store.recommendations(&event, &g.id).await? {
            if orgs.iter().any(|o| o.id == r.other && o.side == Side::Host)
                && rep_of(&r.other).is_some()
            {
                host = orgs.iter().find(|o| o.id == r.other);
                break;
            }
        }
    }
    let host = host.or_else(|| {
        orgs.iter()
            .find(|o| o.side == Side::Host && rep_of(&o.id).is_some())
    });
    let interpreter = people.iter().find(|p| match &p.role {
        Role::Interpreter(i) => meetings
            .iter()
            .any(|m| m.meeting.interpreter.as_ref() == Some(i)),
        _ => false,
    });
    let organizer = people.iter().find(|p| p.role == Role::Organizer);
    let lead = people
        .iter()
        .find(|p| matches!(&p.role, Role::DelegationLead(d) if d.as_str() == "lampung"));

    let mut lines = Vec::new();
    let link = |label: String, person: &PersonId| {
        let store = store.clone();
        let event = event.clone();
        let person = person.clone();
        async move {
            let path = mitra_web::auth::create_invitation(&store, &event, &person, VALID)
                .await
                .map_err(anyhow::Error::msg)?;
            Ok::<_, anyhow::Error>(format!("  {label}\n    http://{addr}{path}"))
        }
    };
    if let Some(p) = organizer {
        lines.push(link(format!("Organizer: {} <{}>", p.name, p.email), &p.id).await?);
        let password =
            mitra_web::auth::random_token().map_err(anyhow::Error::msg)?[..16].to_string();
        mitra_web::auth::set_password(store, &event, &p.id, &password)
            .await
            .map_err(anyhow::Error::msg)?;
        lines.push(format!(
            "    or sign in at http://{addr}/signin as {} with password {password}",
            p.email
        ));
    }
    for (what, org) in [("Lampung company", guest), ("Shandong host", host)] {
        if let Some(o) = org
            && let Some(p) = rep_of(&o.id)
        {
            lines.push(link(format!("{what}: {} ({})", o.name, p.name), &p.id).await?);
        }
    }
    if let Some(p) = lead {
        lines.push(link(format!("Lampung delegation lead: {}", p.name), &p.id).await?);
    }
    if let Some(p) = interpreter {
        lines.push(link(format!("Interpreter: {}", p.name), &p.id).await?);
    }
    eprintln!(
        "Sign-in links for the demo (each works once, for a week; demo data only):\n{}",
        lines.join("\n")
    );
    Ok(())
}
