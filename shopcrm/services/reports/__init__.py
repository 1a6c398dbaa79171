"""Figures and files for the owner: dashboard, exports, shop-wide stats."""
