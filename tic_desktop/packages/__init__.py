"""Encrypted review packages (.ticpkg): what the bureau sends to a panel, and how experts open
them."""
