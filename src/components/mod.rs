//! The page's components, one per file.

mod agent_card;
mod breakdown;
mod figure;
mod footer;
mod notices;
mod number_field;
mod shared_banner;
mod summary;
mod sweep_table;

pub use agent_card::AgentCard;
pub use breakdown::Breakdown;
pub use figure::Figure;
pub use footer::Footer;
pub use notices::Notices;
pub use number_field::NumberField;
pub use shared_banner::SharedBanner;
pub use summary::Summary;
pub use sweep_table::SweepTable;
