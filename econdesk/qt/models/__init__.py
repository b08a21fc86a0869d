"""Table models that serve rows on demand, and the proxy that sorts and filters them."""
