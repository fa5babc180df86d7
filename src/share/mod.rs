//! The link format: an estimate as readable `key=value` pairs, in a query string or a fragment.
//!
//! `?v=1&payables.documents=100&payables.lines=5` names the Payables agent with 100 e-documents
//! of 5 lines. Keys are the public input keys (`agent.input`). An agent named by any of its keys
//! is included; agents not named are left out; a link that names no agent means the defaults.
//! Reading never fails: whatever cannot be used is reported in [`LinkRead::ignored`].
//!
//! Billing settings have keys of their own: `billing.packs` (a count), `billing.payg` (`on` or
//! `off`), `billing.budget` (in the prices' currency; empty for none), `billing.enforcement`
//! (percent of prepaid capacity), `billing.growth` (percent a month), and
//! `billing.range.weight.low` / `.high` (the low and high case's weights in the expected cost, in
//! percent; together at most 100).
//!
//! Whatever has no readable key (edited prices, environments, billing policies) travels in one
//! compact parameter, `s` (see [`Extras`]). `theme=light|dark|auto` is the page's look only (the
//! boot script applies it). `embed=1` asks for the widget and `agent=ID` names
//! the agent it shows; neither is part of the estimate.

use std::fmt;

use rust_decimal::Decimal;

mod compact;
mod custom;

pub use compact::{encode as encode_compact, CompactError, Extras, COMPACT_VERSION};

use crate::capacity::{inputs, Billing};
use crate::format::{exact, NumberFormat};
use crate::plan::Plan;
use crate::rating::custom::{MAX_CUSTOM_AGENTS, MAX_STEPS};
use crate::rating::template::template;
use crate::rating::{Bound, InputError, InputKind, Workload, TEMPLATES};

/// The link format version this build writes and reads.
pub const VERSION: &str = "1";

/// Parameters read from one link at most; a longer link is cut there, with a notice.
pub const MAX_PARAMS: usize = 100;

/// Characters read from one link at most.
pub const MAX_LEN: usize = 8 * 1024;

/// Why part of a link was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkIssue {
    /// A key this version does not know.
    UnknownKey,
    /// A known key with a value outside its limits or not a number.
    BadValue(InputError),
    /// The link says it was written by a newer version; what is understood still applies.
    NewerVersion,
    /// The same key appears again; the first one counts.
    Repeated,
    /// The link is longer than [`MAX_LEN`] or has more than [`MAX_PARAMS`] parameters.
    TooLong,
    /// An on/off setting with another value.
    OnOrOff,
    /// The compact parameter `s` could not be used.
    Compact(CompactError),
    /// More custom agents, or steps of one, than an estimate may hold.
    TooMany,
    /// A choice this version does not offer (a step's scenario, a starter).
    UnknownChoice,
    /// `estimate.date` that is not a date written `YYYY-MM-DD`.
    BadDate,
}

/// One ignored part of a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignored {
    /// The key as written (decoded).
    pub key: String,
    /// Why it was ignored.
    pub issue: LinkIssue,
}

impl fmt::Display for Ignored {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = shorten(&self.key);
        match &self.issue {
            LinkIssue::UnknownKey => write!(f, "“{key}” is not a setting of this calculator"),
            // The value's message is a sentence; the notice that lists these ends it.
            LinkIssue::BadValue(e) => {
                let e = e.to_string();
                write!(f, "“{key}”: {}", e.trim_end_matches('.'))
            }
            LinkIssue::NewerVersion => write!(
                f,
                "the link was made by a newer version (v={key}); settings it understood apply"
            ),
            LinkIssue::Repeated => write!(f, "“{key}” appears more than once; the first counts"),
            LinkIssue::TooLong => f.write_str("the link is too long; its end was not read"),
            LinkIssue::OnOrOff => write!(f, "“{key}” must be “on” or “off”"),
            LinkIssue::TooMany => write!(
                f,
                "“{key}” is one custom agent or step too many (at most {MAX_CUSTOM_AGENTS} agents of {MAX_STEPS} steps)"
            ),
            LinkIssue::UnknownChoice => write!(f, "“{key}” is not one of the choices"),
            LinkIssue::BadDate => write!(f, "“{key}” must be a date written YYYY-MM-DD"),
            LinkIssue::Compact(CompactError::Newer) => f.write_str(
                "the link's prices and environments were written by a newer version; defaults apply",
            ),
            LinkIssue::Compact(CompactError::Damaged) => f.write_str(
                "the link's prices and environments are damaged or cut short; defaults apply",
            ),
            LinkIssue::Compact(CompactError::Invalid) => f.write_str(
                "the link's prices and environments hold a value out of range; defaults apply",
            ),
        }
    }
}

/// Reads a link's custom agents' keys (each without its `custom.` prefix, with its value, in
/// link order), reporting what it cannot use.
pub type CustomReader = fn(Vec<(String, String)>, &mut Vec<Ignored>) -> CustomRead;

/// The custom agents a link's readable keys describe ([`read_with`]'s `custom` reader).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CustomRead {
    /// The agents, ids from 1 in place order; `None` when the link names none.
    pub agents: Option<Vec<crate::rating::CustomAgent>>,
    /// The number each agent had in the link (`custom.N.…`), in the same order.
    pub places: Vec<u32>,
    /// The estimate's title, parties, date and notes (`estimate.*`), if the link has any.
    pub about: Option<crate::plan::About>,
}

/// The agent a widget shows (`agent=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WidgetAgent {
    /// A reference agent: `agent=payables` (its template id).
    Template(&'static str),
    /// A custom agent: `agent=custom.1`, the link's first custom agent (its id in the plan).
    Custom(u32),
}

/// The compact parameter, resolved by its reader ([`Extras::resolve`]) so that taking a link's
/// plan is plain assignment: the page's first download reads links without the compact code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compact {
    /// Its billing state over the defaults (before the link's readable `billing.*` keys).
    pub billing: Billing,
    /// Its custom agents, with ids from 1; `None` when it has none.
    pub custom: Option<Vec<crate::rating::CustomAgent>>,
}

/// What a link says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkRead {
    /// The estimate the link describes, or `None` when it names no agent.
    pub workload: Option<Workload>,
    /// The billing settings the link sets; the rest keep their defaults.
    pub billing: BillingPatch,
    /// State without readable keys, from the compact parameter, resolved.
    pub compact: Option<Compact>,
    /// `embed=1`: show the widget.
    pub embed: bool,
    /// `agent=ID`: the agent a widget shows.
    pub agent: Option<WidgetAgent>,
    /// `estimate.*`: the estimate's title, parties, date and notes.
    pub about: Option<crate::plan::About>,
    /// What was not used, in link order.
    pub ignored: Vec<Ignored>,
}

impl LinkRead {
    /// Whether the link describes an estimate at all (any agent or billing key).
    pub fn names_anything(&self) -> bool {
        self.workload.is_some()
            || self.billing != BillingPatch::default()
            || self.compact.is_some()
            || self.about.is_some()
    }

    /// The estimate's title, parties, date and notes the link gives. Kept out of line: the
    /// first module takes a link's plan for its total, and this copy need not be inlined there.
    #[inline(never)]
    fn about(&self) -> crate::plan::About {
        self.about.clone().unwrap_or_default()
    }

    /// The plan the link describes: its agents (the defaults if it names none) and its billing
    /// settings over the defaults. `None` when it names nothing.
    pub fn plan(&self) -> Option<Plan> {
        if !self.names_anything() {
            return None;
        }
        let mut billing = Billing::default();
        let mut workload = self.workload.clone().unwrap_or_default();
        if let Some(compact) = &self.compact {
            billing.clone_from(&compact.billing);
            // Custom agents in readable keys win: a link holds them in one form or the other.
            if let Some(custom) = compact
                .custom
                .as_ref()
                .filter(|_| workload.custom.is_empty())
            {
                workload.custom.clone_from(custom);
            }
        }
        self.billing.apply(&mut billing);
        Some(Plan {
            workload,
            billing,
            about: self.about(),
        })
    }
}

/// Billing settings a link sets; `None` leaves a setting as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BillingPatch {
    /// `billing.packs`.
    pub packs: Option<u64>,
    /// `billing.payg`.
    pub payg: Option<bool>,
    /// `billing.budget`: `Some(None)` is "no budget".
    pub budget: Option<Option<Decimal>>,
    /// `billing.enforcement`.
    pub enforcement: Option<Decimal>,
    /// `billing.growth`.
    pub growth: Option<Decimal>,
    /// `billing.range.weight.low` and `billing.range.weight.high`: the low and high case's
    /// weights in the expected cost.
    pub weights: [Option<Decimal>; 2],
}

impl BillingPatch {
    /// Writes the settings the link set over `billing`.
    pub fn apply(&self, billing: &mut Billing) {
        let s = &mut billing.settings;
        if let Some(v) = self.packs {
            s.packs = v;
        }
        if let Some(v) = self.payg {
            s.payg = v;
        }
        if let Some(v) = self.budget {
            s.budget = v;
        }
        if let Some(v) = self.enforcement {
            s.enforcement = v;
        }
        if let Some(v) = self.growth {
            billing.growth = v;
        }
        // Checked together when read (`set`), and only links set them: the pair is valid.
        let [low, high] = self.weights;
        if let Some(v) = low {
            billing.weights.low = v;
        }
        if let Some(v) = high {
            billing.weights.high = v;
        }
    }

    /// Reads one `billing.*` setting; `Err` for an unknown key or a bad value.
    fn set(&mut self, key: &str, value: &str) -> Result<(), LinkIssue> {
        let number = |kind: InputKind| {
            kind.parse(value, &NumberFormat::en())
                .map_err(LinkIssue::BadValue)
        };
        match key {
            "packs" => {
                let v = number(inputs::PACKS)?;
                self.packs = Some(u64::try_from(v.mantissa()).map_err(|_| {
                    LinkIssue::BadValue(InputError::TooLarge {
                        max: inputs::MAX_PACKS,
                    })
                })?);
            }
            "payg" => {
                self.payg = Some(match value {
                    "on" => true,
                    "off" => false,
                    _ => return Err(LinkIssue::OnOrOff),
                });
            }
            "budget" if value.trim().is_empty() => self.budget = Some(None),
            "budget" => self.budget = Some(Some(number(inputs::BUDGET)?)),
            "enforcement" => self.enforcement = Some(number(inputs::ENFORCEMENT)?),
            "growth" => self.growth = Some(number(inputs::GROWTH)?),
            "range.weight.low" | "range.weight.high" => {
                // Low and high together at most 100 % (`CaseWeights`), whichever comes second
                // refused; spelled out here, as the page's first download reads links.
                let i = usize::from(key.ends_with("high"));
                let v = number(inputs::WEIGHT)?;
                if let Some(other) = self.weights[1 - i] {
                    if v + other > Decimal::ONE_HUNDRED {
                        return Err(LinkIssue::BadValue(InputError::WeightsAboveHundred {
                            other,
                        }));
                    }
                }
                self.weights[i] = Some(v);
            }
            _ => return Err(LinkIssue::UnknownKey),
        }
        Ok(())
    }
}

/// Reads a query string or fragment (`?a=1&b=2`, `#a=1`, or `a=1`).
///
/// ```
/// use agent_credits::share;
/// let link = share::read("?payables.documents=100&payables.lines=5");
/// let w = link.workload.unwrap();
/// assert!(w.includes("payables") && !w.includes("sales_order"));
/// assert!(link.ignored.is_empty());
/// ```
pub fn read(link: &str) -> LinkRead {
    read_with(link, compact::resolve, custom::read_keys)
}

/// Whether a link names custom agents by readable keys (`custom.1.runs=…`) or the estimate's
/// title, parties, date or notes (`estimate.title=…`), which only [`read`] understands.
///
/// ```
/// use agent_credits::share::has_custom;
/// assert!(has_custom("?v=1&custom.1.starter=qa"));
/// assert!(!has_custom("?v=1&payables.documents=5&agent=custom.1"));
/// ```
pub fn has_custom(link: &str) -> bool {
    link.trim_start_matches(['?', '#'])
        .split('&')
        .any(|p| p.starts_with("custom.") || p.starts_with("estimate."))
}

/// Whether a link carries the compact parameter `s`, which only [`read`] understands.
///
/// ```
/// use agent_credits::share::has_compact;
/// assert!(has_compact("#v=1&s=1.e30.0"));
/// assert!(!has_compact("?v=1&sales_order.requests=5"));
/// ```
pub fn has_compact(link: &str) -> bool {
    link.trim_start_matches(['?', '#'])
        .split('&')
        .any(|p| p == "s" || p.starts_with("s="))
}

/// Reads a link that has no compact parameter (see [`has_compact`]) and no custom agents' keys
/// ([`has_custom`]); those are reported as ignored. The same as [`read`] otherwise, without the
/// readers they need (the JSON reader for `s`, the custom agents' keys), so the page's first
/// download can read links without carrying them.
pub fn read_readable(link: &str) -> LinkRead {
    read_with(link, |_| Err(CompactError::Damaged), custom::unread)
}

/// [`read`], with `compact` reading the value of `s` and `custom` the custom agents' keys (each
/// `custom.` key without its prefix, with its value, in link order).
pub fn read_with(
    link: &str,
    compact: fn(&str) -> Result<Compact, CompactError>,
    custom: CustomReader,
) -> LinkRead {
    let mut ignored = Vec::new();
    let mut text = link.trim_start_matches(['?', '#']);
    if text.len() > MAX_LEN {
        let mut cut = MAX_LEN;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        // Drop the parameter the cut fell into.
        text = text[..cut].rsplit_once('&').map_or("", |(head, _)| head);
        ignored.push(Ignored {
            key: String::new(),
            issue: LinkIssue::TooLong,
        });
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (n, part) in text.split('&').filter(|p| !p.is_empty()).enumerate() {
        if n == MAX_PARAMS {
            if !ignored.iter().any(|i| i.issue == LinkIssue::TooLong) {
                ignored.push(Ignored {
                    key: String::new(),
                    issue: LinkIssue::TooLong,
                });
            }
            break;
        }
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        pairs.push((decode_component(k), decode_component(v)));
    }

    let mut workload: Option<Workload> = None;
    let mut billing = BillingPatch::default();
    let mut custom_keys: Vec<(String, String)> = Vec::new();
    // (key, agent, input, bound, value) of `.low` / `.high` keys.
    let mut bounds: Vec<(String, &str, &str, Bound, Decimal)> = Vec::new();
    let mut extras = None;
    let mut embed = false;
    let mut agent = None;
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in &pairs {
        if seen.contains(&key.as_str()) {
            ignored.push(Ignored {
                key: key.clone(),
                issue: LinkIssue::Repeated,
            });
            continue;
        }
        seen.push(key);
        match key.as_str() {
            "v" => {
                if value != VERSION {
                    ignored.push(Ignored {
                        key: value.clone(),
                        issue: LinkIssue::NewerVersion,
                    });
                }
                continue;
            }
            "s" => {
                match compact(value) {
                    Ok(c) => extras = Some(c),
                    Err(e) => ignored.push(Ignored {
                        key: key.clone(),
                        issue: LinkIssue::Compact(e),
                    }),
                }
                continue;
            }
            "agents" if value == "none" => {
                workload.get_or_insert_with(Workload::empty);
                continue;
            }
            "embed" => {
                embed = value == "1";
                continue;
            }
            // Light or dark, for the page's look only (the boot script applies it).
            "theme" if matches!(value.as_str(), "light" | "dark" | "auto") => continue,
            "agent" => {
                let named = TEMPLATES
                    .iter()
                    .find(|t| t.id == value)
                    .map(|t| WidgetAgent::Template(t.id))
                    .or_else(|| {
                        let place = value.strip_prefix("custom.")?;
                        custom::number(place).ok().map(WidgetAgent::Custom)
                    });
                match named {
                    Some(a) => agent = Some(a),
                    None => ignored.push(Ignored {
                        key: format!("agent={value}"),
                        issue: LinkIssue::UnknownKey,
                    }),
                }
                continue;
            }
            _ => {}
        }
        let Some((agent, input)) = key.split_once('.') else {
            ignored.push(unknown(key));
            continue;
        };
        // Custom agents' and the estimate's own keys go, whole, to the reader that knows them.
        if agent == CUSTOM || agent == ESTIMATE {
            custom_keys.push((key.clone(), value.clone()));
            continue;
        }
        if agent == BILLING {
            if let Err(issue) = billing.set(input, value) {
                ignored.push(Ignored {
                    key: key.clone(),
                    issue,
                });
            }
            continue;
        }
        // `agent.input.low` / `.high`: applied once every expected value is read.
        let bound = match (input.strip_suffix(".low"), input.strip_suffix(".high")) {
            (Some(i), _) => Some((i, Bound::Low)),
            (_, Some(i)) => Some((i, Bound::High)),
            _ => None,
        };
        if let Some((input, b)) = bound {
            let Some(def) = template(agent).and_then(|t| t.input(input)) else {
                ignored.push(unknown(key));
                continue;
            };
            let w = workload.get_or_insert_with(Workload::empty);
            let _ = w.include(agent);
            if value.trim().is_empty() {
                continue;
            }
            match def.kind.parse(value, &NumberFormat::en()) {
                Ok(v) => bounds.push((key.clone(), agent, input, b, v)),
                Err(e) => ignored.push(Ignored {
                    key: key.clone(),
                    issue: LinkIssue::BadValue(e),
                }),
            }
            continue;
        }
        let Some(def) = template(agent).and_then(|t| t.input(input)) else {
            ignored.push(unknown(key));
            continue;
        };
        let w = workload.get_or_insert_with(Workload::empty);
        // The template exists (looked up above), so including it cannot fail.
        let _ = w.include(agent);
        match def.kind.parse(value, &NumberFormat::en()) {
            Ok(v) => {
                // Checked by `parse` against the same limits, so `set` accepts it.
                let _ = w.set(agent, input, v);
            }
            Err(e) => ignored.push(Ignored {
                key: key.clone(),
                issue: LinkIssue::BadValue(e),
            }),
        }
    }
    // Checked against the expected values, now all read (a link may give them in any order).
    if let Some(w) = &mut workload {
        for (key, agent, input, b, v) in bounds {
            let found = w
                .agents
                .iter_mut()
                .find(|a| a.template == agent)
                .and_then(|a| {
                    let def = a.template().ok()?.input(input)?;
                    Some((a, def))
                });
            let Some((a, def)) = found else { continue };
            let mut range = a.bounds(def);
            range.set(b, Some(v));
            match range.check(a.value(def)) {
                Ok(()) => a.put_bounds(def, range),
                Err((_, error)) => ignored.push(Ignored {
                    key,
                    issue: LinkIssue::BadValue(error),
                }),
            }
        }
    }
    let custom = custom(custom_keys, &mut ignored);
    // `agent=custom.N` names the agent by its place among the link's custom agents: its id.
    if let Some(WidgetAgent::Custom(place)) = agent {
        let compact_count = extras
            .as_ref()
            .and_then(|c: &Compact| c.custom.as_ref())
            .map_or(0, Vec::len);
        let id = custom
            .places
            .iter()
            .position(|p| *p == place)
            .and_then(|i| u32::try_from(i + 1).ok());
        agent = match id {
            Some(id) => Some(WidgetAgent::Custom(id)),
            None if custom.places.is_empty() && (1..=compact_count).contains(&(place as usize)) => {
                agent
            }
            None => {
                ignored.push(Ignored {
                    key: format!("agent=custom.{place}"),
                    issue: LinkIssue::UnknownKey,
                });
                None
            }
        };
    }
    if let Some(agents) = custom.agents {
        workload.get_or_insert_with(Workload::empty).custom = agents;
    }
    LinkRead {
        workload,
        billing,
        compact: extras,
        embed,
        agent,
        about: custom.about,
        ignored,
    }
}

/// The prefix of billing keys.
const BILLING: &str = "billing";

/// The prefix of custom agents' keys.
const CUSTOM: &str = "custom";
/// The prefix of the estimate's own keys (`estimate.title`).
const ESTIMATE: &str = "estimate";

/// The longest link [`write`] gives custom agents readable keys in; beyond it they travel in the
/// compact parameter (some mail clients and chat apps cut longer links).
pub const READABLE_MAX: usize = 2000;

fn unknown(key: &str) -> Ignored {
    Ignored {
        key: key.into(),
        issue: LinkIssue::UnknownKey,
    }
}

/// The link parameters for `plan`: every input of every agent and the billing settings, without
/// a leading `?` or `#`.
///
/// An empty workload is written `agents=none` (a link naming no agent means the defaults).
///
/// ```
/// use agent_credits::{plan::Plan, share};
/// let q = share::write(&Plan::default());
/// assert!(q.starts_with("v=1&sales_order.requests=100&"));
/// assert!(q.ends_with("&payables.attachments=1"), "billing at its defaults adds nothing: {q}");
/// assert_eq!(share::read(&q).plan(), Some(Plan::default()));
///
/// let mut p = Plan::default();
/// p.billing.settings.packs = 2;
/// p.billing.settings.payg = false;
/// assert!(share::write(&p).ends_with("&billing.packs=2&billing.payg=off"));
/// ```
pub fn write(plan: &Plan) -> String {
    write_with(plan, |extras| Some(compact::encode(extras)))
}

/// [`write`], with `compact` writing the value of `s` when the plan needs one; without a value
/// (`None`) the link carries only the readable keys.
pub fn write_with(plan: &Plan, compact: fn(&Extras) -> Option<String>) -> String {
    let mut out = format!("v={VERSION}");
    for agent in &plan.workload.agents {
        let Ok(t) = agent.template() else { continue };
        for input in t.inputs {
            out.push('&');
            out.push_str(t.id);
            out.push('.');
            out.push_str(input.key);
            out.push('=');
            out.push_str(&exact(agent.value(input)));
            let bounds = agent.bounds(input);
            for b in Bound::BOTH {
                if let Some(v) = bounds.get(b) {
                    out.push_str(&format!(
                        "&{}.{}.{}={}",
                        t.id,
                        input.key,
                        b.suffix(),
                        exact(v)
                    ));
                }
            }
        }
    }
    if plan.workload.agents.is_empty() {
        // Otherwise a link naming no agent means the default agents.
        out.push_str("&agents=none");
    }
    // Billing keys only where they differ from the defaults: links stay short, and a reader
    // starts from the same defaults.
    let mut billing = String::new();
    let s = &plan.billing.settings;
    let d = Billing::default();
    let mut key = |name: &str, value: String| {
        billing.push_str(&format!("&{BILLING}.{name}={value}"));
    };
    if s.packs != d.settings.packs {
        key("packs", s.packs.to_string());
    }
    if s.payg != d.settings.payg {
        key("payg", if s.payg { "on" } else { "off" }.into());
    }
    if s.budget != d.settings.budget {
        key("budget", s.budget.map(exact).unwrap_or_default());
    }
    if s.enforcement != d.settings.enforcement {
        key("enforcement", exact(s.enforcement));
    }
    if plan.billing.growth != d.growth {
        key("growth", exact(plan.billing.growth));
    }
    let w = &plan.billing.weights;
    if !w.low.is_zero() {
        key("range.weight.low", exact(w.low));
    }
    if !w.high.is_zero() {
        key("range.weight.high", exact(w.high));
    }
    // Custom agents in readable keys while the whole link stays short enough to send anywhere
    // and within what a reader takes; beyond that, in the compact parameter.
    let mut extras = Extras::of(plan);
    let mut readable = String::new();
    custom::write(&plan.workload.custom, &mut readable);
    let billing_only = Extras {
        custom: None,
        ranges: None,
        usage: None,
        ..extras.clone()
    };
    let rest = if billing_only.is_empty() {
        None
    } else {
        compact(&billing_only)
    };
    let whole =
        out.len() + readable.len() + billing.len() + rest.as_ref().map_or(0, |r| r.len() + 3);
    let params = [&out, &readable, &billing]
        .iter()
        .map(|p| p.matches('&').count())
        .sum::<usize>()
        + 2;
    if whole <= READABLE_MAX && params <= MAX_PARAMS {
        out.push_str(&readable);
        extras = billing_only;
    }
    out.push_str(&billing);
    if !extras.is_empty() {
        if let Some(value) = compact(&extras) {
            out.push_str("&s=");
            out.push_str(&value);
        }
    }
    // Last: a link cut for its length (a reader stops at `MAX_LEN`, saying so) loses the end
    // of the notes, not the estimate.
    custom::write_about(&plan.about, &mut out);
    out
}

/// One parameter list from a page address's query string and fragment: both are read alike,
/// the query's parameters first (so on a repeated key the query's value counts).
///
/// ```
/// assert_eq!(agent_credits::share::combine("?embed=1", "#v=1&payables.lines=7"), "embed=1&v=1&payables.lines=7");
/// assert_eq!(agent_credits::share::combine("", "#v=1"), "v=1");
/// ```
pub fn combine(query: &str, fragment: &str) -> String {
    let q = query.trim_start_matches('?');
    let f = fragment.trim_start_matches('#');
    match (q.is_empty(), f.is_empty()) {
        (true, _) => f.to_string(),
        (_, true) => q.to_string(),
        _ => format!("{q}&{f}"),
    }
}

/// Percent-decoding of one `application/x-www-form-urlencoded` component; malformed escapes
/// are kept as written.
fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Keeps notices short whatever a link holds.
fn shorten(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a link ignored, as (key, issue) pairs in link order.
    fn issues(link: &LinkRead) -> Vec<(&str, &LinkIssue)> {
        link.ignored
            .iter()
            .map(|i| (i.key.as_str(), &i.issue))
            .collect()
    }

    fn value_of(w: &Workload, agent: &str, key: &str) -> String {
        exact(w.agent(agent).unwrap().values[key])
    }

    #[test]
    fn reads_the_reference_links() {
        let link = read("?payables.documents=100&payables.lines=5");
        let w = link.workload.unwrap();
        assert_eq!(w.agents.len(), 1);
        assert_eq!(value_of(&w, "payables", "lines"), "5");
        assert_eq!(value_of(&w, "payables", "attachments"), "1");

        let link = read("sales_order.requests=100&sales_order.attachment_rate=40");
        let w = link.workload.unwrap();
        assert_eq!(w.agents.len(), 1);
        assert_eq!(value_of(&w, "sales_order", "attachment_rate"), "40");
    }

    #[test]
    fn a_link_naming_no_agent_means_defaults() {
        for link in ["", "?", "?v=1", "#v=1", "?utm_source=mail"] {
            assert_eq!(read(link).workload, None, "{link:?}");
        }
    }

    #[test]
    fn reports_what_it_ignores_and_applies_the_rest() {
        let link = read("?v=1&payables.lines=abc&payables.documents=300&bogus=1&sales_order.nope=2&payables.documents=9");
        let w = link.workload.clone().unwrap();
        assert_eq!(value_of(&w, "payables", "documents"), "300");
        assert_eq!(
            value_of(&w, "payables", "lines"),
            "5",
            "bad value keeps the default"
        );
        assert!(!w.includes("sales_order"), "an unknown key names no agent");
        assert_eq!(
            issues(&link),
            [
                (
                    "payables.lines",
                    &LinkIssue::BadValue(InputError::NotANumber)
                ),
                ("bogus", &LinkIssue::UnknownKey),
                ("sales_order.nope", &LinkIssue::UnknownKey),
                ("payables.documents", &LinkIssue::Repeated),
            ]
        );
    }

    #[test]
    fn newer_versions_and_huge_links_are_noted() {
        let link = read("?v=2&payables.lines=7");
        assert_eq!(link.ignored[0].issue, LinkIssue::NewerVersion);
        assert!(link.workload.is_some());

        let huge = format!("payables.lines=7&{}", "x=1&".repeat(5000));
        let link = read(&huge);
        assert!(link.ignored.iter().any(|i| i.issue == LinkIssue::TooLong));
        assert_eq!(value_of(&link.workload.unwrap(), "payables", "lines"), "7");
    }

    #[test]
    fn reads_billing_settings() {
        let link = read("?billing.packs=2&billing.payg=off&billing.enforcement=100&billing.budget=&billing.growth=5");
        assert!(link.ignored.is_empty(), "{:?}", link.ignored);
        assert_eq!(link.workload, None, "billing keys name no agent");
        let plan = link.plan().unwrap();
        assert_eq!(plan.workload, Workload::default());
        let s = &plan.billing.settings;
        assert_eq!((s.packs, s.payg, s.budget), (2, false, None));
        assert_eq!(exact(s.enforcement), "100");
        assert_eq!(exact(plan.billing.growth), "5");

        let link = read("?billing.budget=50.5&billing.payg=maybe&billing.packs=-1&billing.enforcement=99&billing.nope=1");
        assert_eq!(
            exact(link.plan().unwrap().billing.settings.budget.unwrap()),
            "50.5"
        );
        assert_eq!(
            issues(&link),
            [
                ("billing.payg", &LinkIssue::OnOrOff),
                ("billing.packs", &LinkIssue::BadValue(InputError::Negative)),
                (
                    "billing.enforcement",
                    &LinkIssue::BadValue(InputError::TooSmall { min: 100 })
                ),
                ("billing.nope", &LinkIssue::UnknownKey),
            ]
        );
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(decode_component("payables%2Elines"), "payables.lines");
        assert_eq!(decode_component("a+b"), "a b");
        assert_eq!(decode_component("100%"), "100%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
        assert_eq!(decode_component("%E2%82%AC"), "€");
        assert_eq!(decode_component("%FF"), "\u{fffd}");
    }
}
