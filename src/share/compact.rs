//! The compact link parameter: the part of a plan that has no readable key (edited prices and
//! tiers, environments, billing policies, the month's length), as one versioned, checksummed
//! value: `s=1.<base64url JSON>.<checksum>`.
//!
//! The checksum catches a link cut short or mangled in transit (mail clients wrap long lines);
//! whatever decodes is still validated like any other input, so a hand-edited value can do no
//! more than a person typing into the page.

use serde::{Deserialize, Serialize};

use rust_decimal::Decimal;

use crate::capacity::{
    Billing, BillingPolicy, Environment, Exchange, PaygSetup, PrepurchaseTier, Prices, Scope,
    Tenant,
};
use crate::plan::Plan;
use crate::rating::custom::{Harness, TaskMix, Usage};
use crate::rating::{Bounds, CustomAgent, CustomStep, EventScenario, Workload};

/// The compact parameter's format version.
pub const COMPACT_VERSION: &str = "1";

/// Why the compact parameter was not used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompactError {
    /// Written by a newer version of the format.
    Newer,
    /// Cut short, mangled, or not this format.
    Damaged,
    /// Readable, but a value is out of range.
    Invalid,
}

/// One environment on the wire: name, share in percent, allocation (none: the tenant pool).
type WireEnvironment = (String, Decimal, Option<Decimal>);

/// One billing policy on the wire: name, subscription, resource group, region, and the group's
/// user count (none: all users).
type WirePolicy = (String, String, String, String, Option<u32>);

/// One custom agent step on the wire: name, scenario (index in the rate card's order), events,
/// items per run (none: once per run), share of runs in percent.
type WireStep = (String, u8, Decimal, Option<Decimal>, Decimal);

/// One custom agent on the wire: name, runs per month, autonomous, licensed share, steps.
type WireAgent = (String, Decimal, bool, Decimal, Vec<WireStep>);

/// One custom agent's harness and usage on the wire: its place (from 1), on the GitHub Copilot
/// harness, credits per task with their low and high, building and testing credits a month, and
/// the mix of tasks if any (light and medium shares, credits of a light, medium and heavy task).
type WireUsage = (
    u32,
    bool,
    Decimal,
    Option<Decimal>,
    Option<Decimal>,
    Decimal,
    Option<(Decimal, Decimal, [Decimal; 3])>,
);

/// One custom agent's low and high values on the wire: the agent's place (from 1), the field
/// (`runs`, `steps.0.events`, `steps.0.items`, `steps.0.share`), low, high.
type WireRange = (u32, String, Option<Decimal>, Option<Decimal>);

/// Billing state beyond the readable `billing.*` keys, only what differs from the defaults, with
/// one-letter names on the wire to keep links short. `None` keeps the default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extras {
    /// Currency code.
    #[serde(rename = "c", default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Credits per pack.
    #[serde(rename = "k", default, skip_serializing_if = "Option::is_none")]
    pub pack_credits: Option<Decimal>,
    /// Price per pack.
    #[serde(rename = "p", default, skip_serializing_if = "Option::is_none")]
    pub pack_price: Option<Decimal>,
    /// Pay-as-you-go price per credit.
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub payg_per_credit: Option<Decimal>,
    /// Pre-purchase tiers as (units, price).
    #[serde(rename = "t", default, skip_serializing_if = "Option::is_none")]
    pub tiers: Option<Vec<(Decimal, Decimal)>>,
    /// The exchange rate the prices were converted at from US dollars, and its date.
    #[serde(rename = "x", default, skip_serializing_if = "Option::is_none")]
    pub exchange: Option<(Decimal, String)>,
    /// Credits other services use.
    #[serde(rename = "o", default, skip_serializing_if = "Option::is_none")]
    pub other_use: Option<Decimal>,
    /// Environments.
    #[serde(rename = "e", default, skip_serializing_if = "Option::is_none")]
    pub environments: Option<Vec<WireEnvironment>>,
    /// Pay-as-you-go set up in the Power Platform admin center.
    #[serde(rename = "w", default, skip_serializing_if = "Option::is_none")]
    pub power_platform: Option<bool>,
    /// People using the agents.
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none")]
    pub users: Option<u32>,
    /// Microsoft 365 billing policies.
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<Vec<WirePolicy>>,
    /// Days in the month, for the stop day.
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Custom agents, in page order.
    #[serde(rename = "a", default, skip_serializing_if = "Option::is_none")]
    pub custom: Option<Vec<WireAgent>>,
    /// The custom agents' low and high values.
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    pub ranges: Option<Vec<WireRange>>,
    /// The custom agents' harness and usage, where either is not the default.
    #[serde(rename = "h", default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<Vec<WireUsage>>,
}

fn scenario_index(s: EventScenario) -> u8 {
    EventScenario::ALL
        .iter()
        .position(|x| *x == s)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(0)
}

fn wire_agent(a: &CustomAgent) -> WireAgent {
    (
        a.name.clone(),
        a.runs,
        a.autonomous,
        a.licensed_share,
        a.steps
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    scenario_index(s.scenario),
                    s.events,
                    s.items,
                    s.share,
                )
            })
            .collect(),
    )
}

/// The custom agents a wire list describes, with ids from 1; `None` if a scenario is unknown.
fn custom_agents(wire: &[WireAgent]) -> Option<Vec<CustomAgent>> {
    wire.iter()
        .zip(1..)
        .map(|((name, runs, autonomous, licensed_share, steps), id)| {
            Some(CustomAgent {
                id,
                name: name.clone(),
                runs: *runs,
                autonomous: *autonomous,
                licensed_share: *licensed_share,
                steps: steps
                    .iter()
                    .map(|(name, scenario, events, items, share)| {
                        Some(CustomStep {
                            name: name.clone(),
                            scenario: *EventScenario::ALL.get(usize::from(*scenario))?,
                            events: *events,
                            items: *items,
                            share: *share,
                            events_range: Bounds::default(),
                            items_range: Bounds::default(),
                            share_range: Bounds::default(),
                        })
                    })
                    .collect::<Option<Vec<_>>>()?,
                runs_range: Bounds::default(),
                harness: Harness::Standard,
                usage: Usage::default(),
            })
        })
        .collect()
}

/// The harness and usage of `agents` on the wire, where not the defaults.
fn wire_usage(agents: &[CustomAgent]) -> Vec<WireUsage> {
    agents
        .iter()
        .zip(1..)
        .filter(|(a, _)| !a.harness.is_standard() || !a.usage.is_default())
        .map(|(a, place)| {
            let u = &a.usage;
            (
                place,
                a.harness == Harness::GithubCopilot,
                u.credits_per_task,
                u.credits_per_task_range.low,
                u.credits_per_task_range.high,
                u.build_credits,
                u.mix.as_ref().map(|m| (m.light, m.medium, m.credits)),
            )
        })
        .collect()
}

/// The ranges of `agents` on the wire.
fn wire_ranges(agents: &[CustomAgent]) -> Vec<WireRange> {
    let mut out = Vec::new();
    for (a, place) in agents.iter().zip(1..) {
        let mut push = |field: String, r: &Bounds| {
            if !r.is_empty() {
                out.push((place, field, r.low, r.high));
            }
        };
        push("runs".into(), &a.runs_range);
        for (s, n) in a.steps.iter().zip(0..) {
            push(format!("steps.{n}.events"), &s.events_range);
            push(format!("steps.{n}.items"), &s.items_range);
            push(format!("steps.{n}.share"), &s.share_range);
        }
    }
    out
}

/// The range a wire field names in `agent`; `None` for a field it does not have.
fn range_of<'a>(agent: &'a mut CustomAgent, field: &str) -> Option<&'a mut Bounds> {
    if field == "runs" {
        return Some(&mut agent.runs_range);
    }
    let (n, field) = field.strip_prefix("steps.")?.split_once('.')?;
    let step = agent.steps.get_mut(n.parse::<usize>().ok()?)?;
    match field {
        "events" => Some(&mut step.events_range),
        "items" => Some(&mut step.items_range),
        "share" => Some(&mut step.share_range),
        _ => None,
    }
}

fn differs<T: PartialEq + Clone>(value: &T, default: &T) -> Option<T> {
    (value != default).then(|| value.clone())
}

impl Extras {
    /// What `plan` holds beyond the defaults and the readable keys.
    pub fn of(plan: &Plan) -> Self {
        let custom = &plan.workload.custom;
        let ranges = wire_ranges(custom);
        let usage = wire_usage(custom);
        Self {
            custom: (!custom.is_empty()).then(|| custom.iter().map(wire_agent).collect()),
            ranges: (!ranges.is_empty()).then_some(ranges),
            usage: (!usage.is_empty()).then_some(usage),
            ..Self::of_billing(&plan.billing)
        }
    }

    /// The custom agents this holds, renumbered from 1 in page order.
    pub fn custom_agents(&self) -> Option<Vec<CustomAgent>> {
        let mut agents = self.custom.as_deref().and_then(custom_agents)?;
        for (place, field, low, high) in self.ranges.iter().flatten() {
            let a = usize::try_from(*place)
                .ok()
                .and_then(|p| p.checked_sub(1))
                .and_then(|i| agents.get_mut(i))?;
            *range_of(a, field)? = Bounds {
                low: *low,
                high: *high,
            };
        }
        for (place, github, task, low, high, build, mix) in self.usage.iter().flatten() {
            let a = usize::try_from(*place)
                .ok()
                .and_then(|p| p.checked_sub(1))
                .and_then(|i| agents.get_mut(i))?;
            a.harness = if *github {
                Harness::GithubCopilot
            } else {
                Harness::Standard
            };
            a.usage = Usage {
                credits_per_task: *task,
                credits_per_task_range: Bounds {
                    low: *low,
                    high: *high,
                },
                build_credits: *build,
                mix: mix.map(|(light, medium, credits)| TaskMix {
                    light,
                    medium,
                    credits,
                }),
            };
        }
        Some(agents)
    }

    /// What `billing` holds beyond the defaults and the readable keys.
    fn of_billing(billing: &Billing) -> Self {
        let d = Billing::default();
        let (p, dp) = (&billing.prices, &d.prices);
        let tiers = |p: &Prices| -> Vec<(Decimal, Decimal)> {
            p.prepurchase.iter().map(|t| (t.units, t.price)).collect()
        };
        let envs = |t: &Tenant| -> Vec<WireEnvironment> {
            t.environments
                .iter()
                .map(|e| (e.name.clone(), e.share, e.allocated))
                .collect()
        };
        let policies = |s: &PaygSetup| -> Vec<WirePolicy> {
            s.policies
                .iter()
                .map(|p| {
                    let users = match p.scope {
                        Scope::AllUsers => None,
                        Scope::Group { users } => Some(users),
                    };
                    (
                        p.name.clone(),
                        p.subscription.clone(),
                        p.resource_group.clone(),
                        p.region.clone(),
                        users,
                    )
                })
                .collect()
        };
        Self {
            ranges: None,
            usage: None,
            currency: differs(&p.currency, &dp.currency),
            pack_credits: differs(&p.pack_credits, &dp.pack_credits),
            pack_price: differs(&p.pack_price, &dp.pack_price),
            payg_per_credit: differs(&p.payg_per_credit, &dp.payg_per_credit),
            tiers: differs(&tiers(p), &tiers(dp)),
            exchange: p.exchange.as_ref().map(|x| (x.rate, x.date.clone())),
            other_use: differs(&billing.tenant.other_use, &d.tenant.other_use),
            environments: differs(&envs(&billing.tenant), &envs(&d.tenant)),
            power_platform: differs(
                &billing.payg_setup.power_platform,
                &d.payg_setup.power_platform,
            ),
            users: differs(&billing.payg_setup.users, &d.payg_setup.users),
            policies: differs(&policies(&billing.payg_setup), &policies(&d.payg_setup)),
            days: differs(&billing.settings.days, &d.settings.days),
            custom: None,
        }
    }

    /// Whether there is nothing beyond the defaults.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Writes these extras over `billing`. Prices that differ from the list are marked edited.
    pub fn apply(&self, billing: &mut Billing) {
        let p = &mut billing.prices;
        let before = p.clone();
        if let Some(v) = &self.currency {
            p.currency.clone_from(v);
        }
        if let Some(v) = self.pack_credits {
            p.pack_credits = v;
        }
        if let Some(v) = self.pack_price {
            p.pack_price = v;
        }
        if let Some(v) = self.payg_per_credit {
            p.payg_per_credit = v;
        }
        if let Some(tiers) = &self.tiers {
            p.prepurchase = tiers
                .iter()
                .map(|(units, price)| PrepurchaseTier {
                    units: *units,
                    price: *price,
                })
                .collect();
        }
        if let Some((rate, date)) = &self.exchange {
            p.exchange = Some(Exchange {
                rate: *rate,
                date: date.clone(),
            });
        }
        if *p != before {
            p.mark_edited(&before);
        }
        if let Some(v) = self.other_use {
            billing.tenant.other_use = v;
        }
        if let Some(envs) = &self.environments {
            billing.tenant.environments = envs
                .iter()
                .map(|(name, share, allocated)| Environment {
                    name: name.clone(),
                    share: *share,
                    allocated: *allocated,
                })
                .collect();
        }
        if let Some(v) = self.power_platform {
            billing.payg_setup.power_platform = v;
        }
        if let Some(v) = self.users {
            billing.payg_setup.users = v;
        }
        if let Some(policies) = &self.policies {
            billing.payg_setup.policies = policies
                .iter()
                .map(
                    |(name, subscription, resource_group, region, users)| BillingPolicy {
                        name: name.clone(),
                        subscription: subscription.clone(),
                        resource_group: resource_group.clone(),
                        region: region.clone(),
                        scope: users.map_or(Scope::AllUsers, |users| Scope::Group { users }),
                    },
                )
                .collect();
        }
        if let Some(v) = self.days {
            billing.settings.days = v;
        }
    }
}

/// The compact value for `extras` (without the `s=`).
pub fn encode(extras: &Extras) -> String {
    // Serializing plain structs with string keys cannot fail.
    let json = serde_json::to_string(extras).unwrap_or_default();
    format!(
        "{COMPACT_VERSION}.{}.{:08x}",
        base64url(json.as_bytes()),
        fnv1a(json.as_bytes())
    )
}

/// Reads a compact value, checking version, checksum and every value's range.
///
/// # Errors
/// A [`CompactError`]; never a panic, whatever the text.
pub fn decode(value: &str) -> Result<Extras, CompactError> {
    let mut parts = value.split('.');
    let (Some(version), Some(body), Some(sum), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(CompactError::Damaged);
    };
    if version != COMPACT_VERSION {
        return match version.parse::<u32>() {
            Ok(v) if v > 1 => Err(CompactError::Newer),
            _ => Err(CompactError::Damaged),
        };
    }
    let json = unbase64url(body).ok_or(CompactError::Damaged)?;
    if format!("{:08x}", fnv1a(&json)) != sum {
        return Err(CompactError::Damaged);
    }
    // One JSON reader (from text) for the whole app keeps a second copy out of the Wasm.
    let json = std::str::from_utf8(&json).map_err(|_| CompactError::Damaged)?;
    let extras: Extras = serde_json::from_str(json).map_err(|_| CompactError::Damaged)?;
    let mut billing = Billing::default();
    extras.apply(&mut billing);
    billing.validate().map_err(|_| CompactError::Invalid)?;
    if extras.custom.is_some() || extras.ranges.is_some() {
        let custom = extras.custom_agents().ok_or(CompactError::Invalid)?;
        let workload = Workload {
            custom,
            ..Workload::empty()
        };
        workload.validate().map_err(|_| CompactError::Invalid)?;
    }
    Ok(extras)
}

/// Reads a compact value as [`decode`] does, and resolves it: its billing over the defaults and
/// its custom agents, as a link's plan takes them ([`super::LinkRead::plan`]).
///
/// # Errors
/// As [`decode`].
pub fn resolve(value: &str) -> Result<super::Compact, CompactError> {
    let extras = decode(value)?;
    let mut billing = Billing::default();
    extras.apply(&mut billing);
    Ok(super::Compact {
        billing,
        custom: extras.custom_agents(),
    })
}

/// FNV-1a, 32 bits: a checksum for transit damage, not a signature.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5): safe in a URL without escaping.
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

fn unbase64url(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| ALPHABET.iter().position(|a| *a == c).map(|p| p as u32);
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i) & 255) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capacity::EDITED;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..20 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 250) as u8).collect();
            let text = base64url(&bytes);
            assert!(!text.contains(['+', '/', '=']), "{text}");
            assert_eq!(unbase64url(&text), Some(bytes), "{text}");
        }
        assert_eq!(base64url(b"Man"), "TWFu");
        assert_eq!(base64url(b"Ma"), "TWE");
        assert_eq!(unbase64url("TWE"), Some(b"Ma".to_vec()));
        assert_eq!(unbase64url("T"), None);
        assert_eq!(unbase64url("TW!u"), None);
    }

    #[test]
    fn extras_round_trip_and_damage_is_caught() {
        let mut b = Billing::default();
        b.prices.pack_price = Decimal::from(180);
        b.settings.days = 31;
        let extras = Extras::of_billing(&b);
        assert_eq!(extras.pack_price, Some(Decimal::from(180)));
        assert_eq!(
            (extras.currency.as_ref(), extras.environments.as_ref()),
            (None, None)
        );
        let text = encode(&extras);
        assert_eq!(decode(&text), Ok(extras.clone()));
        let mut back = Billing::default();
        extras.apply(&mut back);
        assert_eq!(back.prices.source, EDITED);
        back.prices.source.clone_from(&b.prices.source);
        assert_eq!(back, b);

        let cut = &text[..text.len() - 12];
        assert_eq!(decode(cut), Err(CompactError::Damaged));
        let mut flipped = text.clone().into_bytes();
        flipped[5] = if flipped[5] == b'A' { b'B' } else { b'A' };
        assert_eq!(
            decode(&String::from_utf8(flipped).unwrap()),
            Err(CompactError::Damaged)
        );
        assert_eq!(
            decode(&format!("2{}", &text[1..])),
            Err(CompactError::Newer)
        );
        assert_eq!(decode(""), Err(CompactError::Damaged));
        assert_eq!(decode("1.."), Err(CompactError::Damaged));

        // Well formed but out of range: refused as invalid.
        let bad = Extras {
            days: Some(45),
            ..Extras::default()
        };
        assert_eq!(decode(&encode(&bad)), Err(CompactError::Invalid));
        assert!(Extras::of(&Plan::default()).is_empty());
    }
}
