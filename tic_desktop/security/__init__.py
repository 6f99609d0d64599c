"""Keys, certificates, signatures, age encryption and the OS keyring (no home-made crypto)."""
