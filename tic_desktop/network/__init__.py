"""The meeting room as the transport (issue #16): returns and chair copies over the local network.

- :mod:`tls` the collector's certificate (issued by the bureau CA when collection starts) and the
  mutual-TLS contexts of both sides.
- :mod:`protocol` the HTTP requests and their limits; :mod:`receipts` the signed receipts.
- :mod:`store` where received returns go (verified by the bureau's own verifier, written with
  fsync).
- :mod:`progress` who has returned what, and the ranking so far (for the progress board).
- :mod:`server` the clerk's collector; :mod:`client` the expert's side; :mod:`discovery`
  mDNS/DNS-SD.

Nothing here imports Qt: the GUI gets the collector's events through ``Event.NETWORK``.
"""
