"""The expert's side of a review: certification, scoring with autosave, signing and export."""
