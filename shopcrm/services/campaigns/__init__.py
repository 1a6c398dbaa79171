"""Promotion lists: filters, saved campaigns, their columns, printing/export output, and the response afterwards."""
