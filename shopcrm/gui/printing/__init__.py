"""Printed member lists: one layout for the print preview, the printer and the PDF (the only Qt
code the command line uses, to write `print members OUT.pdf`)."""
