"""Local test sites: servers bound to loopback that imitate (and misbehave like) pemda websites."""
