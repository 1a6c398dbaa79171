"""The Campaigns screen: promotion lists, printing, contact marks and response."""
