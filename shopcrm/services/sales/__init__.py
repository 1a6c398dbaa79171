"""Selling: purchases at the counter, the product catalogue, and the money that moves with a sale."""
