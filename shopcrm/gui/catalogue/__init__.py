"""The Catalogue screen: products, prices, categories, the review list, price-list import."""
