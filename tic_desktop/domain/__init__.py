"""Domain records of a review round, validated on load (pydantic v2)."""
