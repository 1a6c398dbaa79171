"""Dashboard screen: KPIs, monthly trends, birthdays this week and members at risk."""
