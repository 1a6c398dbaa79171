"""The Insights screen: areas, purchase channels and feedback, shop-wide."""
