"""The bureau's workspace: its signing CA, its age identity for returns, and what it has issued."""
