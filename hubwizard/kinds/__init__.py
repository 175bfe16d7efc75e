"""One module per HubSpot kind, each owning its whole round trip: read, export, compare, write."""
