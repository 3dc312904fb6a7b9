"""seed-demo: the demo story (walkapp.demo.story) told through the app's own services."""

from walkapp.demo.seed import seed_demo

__all__ = ["seed_demo"]
