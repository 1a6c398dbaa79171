"""Coupons screen: define, issue (saved list, birthdays, new members) and print vouchers."""
