"""Demo content and accounts for trying the portal out: `manage.py seed_demo`."""
