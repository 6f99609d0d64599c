"""Printable documents drawn with reportlab (no Qt)."""
