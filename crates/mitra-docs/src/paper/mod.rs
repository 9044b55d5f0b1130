//! Paper for the day: agendas, the table plan, table tents and badges.
